# Two commands do all the set-up on a fresh Debian machine:
#   make run    installs what is missing and starts the workstation on a local SQLite database
#   make test   installs what is missing and runs the whole test suite (and the checks)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# pytest processes for `make test`: one per core, at most 8 (each starts its own PostgreSQL).
# --dist loadfile: a test file runs on one worker, so its module- and session-scoped fixtures
# (OCR runs, generated NVR exports, prepared catalogs) are built once, not once per worker.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); echo $$(( n > 8 ? 8 : n )))

APT_PACKAGES := tesseract-ocr tesseract-ocr-kor ffmpeg postgresql fonts-nanum fonts-nanum-extra \
	fonts-unfonts-core fonts-baekmuk \
	libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
	xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
	libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 python3-venv \
	libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils chromium

.PHONY: run test check lint typecheck layers system-packages venv translations clean

run: system-packages $(STAMP)
	$(BIN)/forensics-app gui

test: system-packages $(STAMP)
	$(BIN)/ruff check forensics_app blocking tests benchmarks
	$(BIN)/ruff format --check forensics_app blocking tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist loadfile

check: test

# Installs only the missing packages; without root, prints the exact command and stops.
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing system packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		else \
			echo "These system packages are missing. Run, as root:"; \
			echo "  sudo apt-get update && sudo apt-get install -y$$missing"; \
			exit 1; \
		fi; \
	fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $(STAMP)

venv: $(STAMP)

# Refresh the catalogs from the UI code (new strings appear unfinished), then compile them.
# No line locations: they would change with every edit of the code.
translations: $(STAMP)
	for ts in resources/translations/*.ts; do \
		$(BIN)/pyside6-lupdate $$(find forensics_app/ui -name '*.py' | sort) -ts "$$ts" \
			-no-obsolete -locations none -silent && \
		$(BIN)/pyside6-lrelease "$$ts" -qm "$${ts%.ts}.qm" -silent; \
	done
	# Korean for Qt's own strings its catalogue lacks: written by hand, only compiled here.
	for ts in resources/translations/qt/*.ts; do \
		$(BIN)/pyside6-lrelease "$$ts" -qm "$${ts%.ts}.qm" -silent; \
	done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
