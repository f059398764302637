"""Ad category from the editable keyword lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocking.enums import AdCategory
from forensics_app.ocr.category import classify, default_keywords_path, load_rules


def test_shipped_keywords_load_and_name_real_categories() -> None:
    rules = load_rules()
    assert {r.category for r in rules} == {"lending", "obscene_adult"}
    assert all(r.keywords for r in rules)
    assert default_keywords_path().name == "keywords.toml"


@pytest.mark.parametrize(
    ("texts", "category"),
    [
        (["급전 대출", "무방문 당일 입금"], AdCategory.LENDING),
        (["출장안마", "24시간 언제든지"], AdCategory.OBSCENE_ADULT),
        (["24시 출장 마사지", "후불제 100% 만족"], AdCategory.OBSCENE_ADULT),
        (["에어컨 청소", "견적 무료 상담"], AdCategory.OTHER),
        ([], AdCategory.OTHER),
    ],
)
def test_classify(texts: list[str], category: AdCategory) -> None:
    assert classify(texts)[0] == category.value


def test_an_edited_list_is_used(tmp_path: Path) -> None:
    path = tmp_path / "keywords.toml"
    path.write_text('[lending]\nkeywords = ["돈"]\n[obscene_adult]\nkeywords = []\n', "utf-8")
    category, hits = classify(["급하게 돈 필요"], load_rules(path))
    assert category == "lending"
    assert hits == {"lending": ["돈"]}


def test_a_typo_in_a_category_name_fails_loudly(tmp_path: Path) -> None:
    path = tmp_path / "keywords.toml"
    path.write_text('[lendnig]\nkeywords = ["대출"]\n', "utf-8")
    with pytest.raises(ValueError):
        load_rules(path)
