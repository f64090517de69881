"""Quality benchmark: precision and recall of factcheck on real news with hand-made gold labels.

Runs `factcheck check --format json` on every corpus under ../shared/corpora/ (a folder holding
`docs/` and `gold.csv`), adding `seeds/` when the gold names a seed document, and scores the
report with the corpora's own scorer (`../shared/corpora/score.py`). Prints per corpus the
scorer's figures: recall (gold conflicts found), false alarms (tempting non-conflicts reported),
and precision (findings matching a gold conflict). Extra corpus folders may be given as
arguments (same layout), e.g. articles gathered for one's own measuring outside the repository.

    python bench/quality.py [--list] [CORPUS_DIR ...]

Not a test: it asserts nothing and never fails on figures; read them.
"""
from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
SUMMARY = re.compile(
    r"recall (\d+)/(\d+), false alarms (\d+)/(\d+), conflict findings (\d+), precision (\d+)/(\d+)"
)


def corpora(extra: list[str]) -> list[Path]:
    found = sorted(p for p in SHARED.iterdir() if (p / "docs").is_dir() and (p / "gold.csv").is_file()) if SHARED.is_dir() else []
    return found + [Path(p) for p in extra]


def inputs(corpus: Path) -> list[Path]:
    """The corpus's documents, plus seeds/ when its gold pairs an excerpt with a seed document."""
    docs = {p.name for p in (corpus / "docs").iterdir()}
    named: set[str] = set()
    with open(corpus / "gold.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            named.add(row["doc"])
            named.update(filter(None, row["other_docs"].split("|")))
    seeds = ROOT / "seeds"
    wants_seeds = any(name not in docs and (seeds / name).is_file() for name in named)
    return ([seeds] if wants_seeds else []) + [corpus / "docs"]


def score(corpus: Path, show_list: bool) -> str:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        run = subprocess.run(
            [sys.executable, "-m", "factcheck", "check", *map(str, inputs(corpus)), "--format", "json",
             "--output", str(report), "--no-cache"],
            cwd=ROOT, capture_output=True, text=True,
        )
        if run.returncode not in (0, 1):
            return f"factcheck failed (exit {run.returncode}): {run.stderr.strip()}"
        scorer = SHARED / "score.py"
        args = [sys.executable, str(scorer), str(report), str(corpus / "gold.csv")] + (["--list"] if show_list else [])
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extra", nargs="*", help="more corpus folders (docs/ + gold.csv)")
    parser.add_argument("--list", action="store_true", help="print every gold row and unmatched finding")
    args = parser.parse_args()
    if not (SHARED / "score.py").is_file():
        sys.exit(f"{SHARED / 'score.py'}: the scorer is missing (../shared/corpora beside the repository)")
    for corpus in corpora(args.extra):
        out = score(corpus, args.list)
        if args.list:
            print(out.rstrip())
        match = SUMMARY.search(out)
        if not match:
            print(f"{corpus.name}: {out.strip().splitlines()[-1] if out.strip() else 'no output'}")
            continue
        found, conflicts, false, nones, findings, true, _ = map(int, match.groups())
        precision = true / findings if findings else 1.0
        recall = found / conflicts if conflicts else 1.0
        print(f"{corpus.name}: precision {precision:.2f} ({true}/{findings} findings match a gold conflict), "
              f"recall {recall:.2f} ({found}/{conflicts}), false alarms {false}/{nones}")


if __name__ == "__main__":
    main()
