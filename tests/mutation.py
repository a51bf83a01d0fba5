"""Plant small display bugs one at a time and see whether the unit tests catch each.

A mutation replaces one exact piece of source (it must occur exactly once) with a plausible bug:
the previous step's values, a transposed matrix, a wrong sign, a wrong label. Each page's
mutations live in ``tests/mutations/<page>.py`` as ``MUTATIONS``; each names the test files that
should catch it (all of them part of ``make unit``). The run copies the repository into a
temporary folder for every mutation, so the working tree is never touched and other work can go
on beside it:

    make mutants                                   # every page
    .venv/bin/python -m tests.mutation bptt gru    # some pages
    .venv/bin/python -m tests.mutation --list

It prints one line per mutation and the score, and writes ``artifacts/mutants.json``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutation:
    """One planted bug: in ``file``, ``old`` (found exactly once) becomes ``new``."""

    name: str  # what the learner would see wrong, in a few words
    file: str  # repository-relative path
    old: str
    new: str
    tests: tuple[str, ...] = field(default=())  # test files (or node ids) that should catch it


def collect(pages: list[str] | None = None) -> dict[str, list[Mutation]]:
    """Every page's MUTATIONS, by page, from tests/mutations/<page>.py."""
    from tests import mutations

    found: dict[str, list[Mutation]] = {}
    for info in pkgutil.iter_modules(mutations.__path__):
        if pages and info.name not in pages:
            continue
        module = importlib.import_module(f"tests.mutations.{info.name}")
        found[info.name] = list(module.MUTATIONS)
    return found


def _files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split("\n")
    return [f for f in out if f and (ROOT / f).is_file()]


def run_one(mutation: Mutation, files: list[str], timeout: float) -> tuple[str, float, str]:
    """('caught' | 'missed' | 'broken', seconds, the last lines pytest printed)."""
    source = (ROOT / mutation.file).read_text(encoding="utf-8")
    if (n := source.count(mutation.old)) != 1:
        return "broken", 0.0, f"{mutation.file}: the text to replace occurs {n} times"
    with tempfile.TemporaryDirectory(prefix="seqlab-mutant-") as tmp:
        copy = Path(tmp)
        for f in files:
            target = copy / f
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / f, target)
        (copy / mutation.file).write_text(source.replace(mutation.old, mutation.new), encoding="utf-8")
        start = time.monotonic()
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", "not browser",
                 *mutation.tests],
                cwd=copy, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "caught", time.monotonic() - start, "timed out (counted as caught: the tests hang)"
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-3:])
        # 0: every test passed, so the bug went unnoticed; 1: a test failed; anything else
        # (collection error, no tests) means the mutation or its test list is wrong.
        verdict = {0: "missed", 1: "caught"}.get(proc.returncode, "broken")
        return verdict, time.monotonic() - start, tail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages to mutate (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per mutation")
    args = parser.parse_args(argv)
    found = collect(args.pages or None)
    if args.list:
        for page, muts in found.items():
            for m in muts:
                print(f"{page:16} {m.name}  [{m.file}]")
        return 0
    files = _files()
    results = []
    for page, muts in found.items():
        for m in muts:
            verdict, seconds, tail = run_one(m, files, args.timeout)
            results.append({"page": page, "name": m.name, "file": m.file, "verdict": verdict,
                            "seconds": round(seconds, 1)})
            print(f"{verdict:7} {seconds:6.1f} s  {page:16} {m.name}", flush=True)
            if verdict != "caught":
                print("        " + tail.replace("\n", "\n        "), flush=True)
    caught = sum(r["verdict"] == "caught" for r in results)
    print(f"\nmutation score: {caught} of {len(results)} caught")
    out = ROOT / "artifacts" / "mutants.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"caught": caught, "total": len(results), "results": results},
                              indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if caught == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
