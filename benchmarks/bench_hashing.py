"""Hashing a 1 GiB file: SHA-256 + MD5 in one pass against `md5sum` alone, same run.

Target (issue 2): ours <= 1.1 x md5sum. Both read the file from the page cache (a warm-up read
first), alternate, and the median of the runs is compared.

    .venv/bin/python -m benchmarks.bench_hashing [--size-mib 1024] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from forensics_app.hashing import hash_file


def make_file(path: Path, size_mib: int) -> None:
    block = os.urandom(1024 * 1024)
    with path.open("wb") as handle:
        for n in range(size_mib):
            # vary every block so no layer can deduplicate or compress
            handle.write(n.to_bytes(8, "little") + block[8:])


def time_md5sum(path: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(["md5sum", str(path)], check=True, capture_output=True, text=True)
    return time.perf_counter() - started, done.stdout.split()[0]


def time_ours(path: Path) -> tuple[float, str]:
    started = time.perf_counter()
    digest = hash_file(path)
    return time.perf_counter() - started, digest.md5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-hash-") as folder:
        path = Path(folder) / "evidence.img"
        make_file(path, args.size_mib)
        time_md5sum(path)  # warm the page cache
        baseline, ours = [], []
        for _ in range(args.runs):
            seconds, md5_reference = time_md5sum(path)
            baseline.append(seconds)
            seconds, md5_ours = time_ours(path)
            ours.append(seconds)
            assert md5_ours == md5_reference, "digests differ"
    size_gib = args.size_mib / 1024
    base, mine = statistics.median(baseline), statistics.median(ours)
    print(f"file: {size_gib:.2f} GiB, {args.runs} alternating runs, medians")
    print(f"md5sum alone:            {base:.3f} s  ({size_gib / base:.2f} GiB/s)")
    print(f"SHA-256 + MD5 one pass:  {mine:.3f} s  ({size_gib / mine:.2f} GiB/s)")
    verdict = "PASS" if mine / base <= 1.1 else "FAIL"
    print(f"ratio ours / md5sum:     {mine / base:.3f}  (target <= 1.10: {verdict})")


if __name__ == "__main__":
    main()
