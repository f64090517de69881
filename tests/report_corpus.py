"""The report tests' small corpus (tests/fixtures/report_corpus, both scripts) and the seeds, run through the pipeline."""
from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Iterator

from factcheck import pipeline
from factcheck.settings import load_config
from factcheck.model import RunResult

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "report_corpus"
GOLDEN = ROOT / "tests" / "golden"
# not text: read as skipped, so the Documents sheet and the summary show a skipped file too
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@contextlib.contextmanager
def working_in(folder: Path) -> Iterator[None]:
    """Paths in reports are relative to the working folder: run from `folder`, then come back."""
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(cwd)


def run_report_corpus(folder: Path) -> RunResult:
    """Copy the corpus (plus one image named .txt) to `folder`/corpus and check it from `folder`,
    so every path in the reports reads corpus/<name> whatever the machine."""
    target = folder / "corpus"
    shutil.copytree(CORPUS, target)
    (target / "e_image.txt").write_bytes(BINARY)
    with working_in(folder):
        return pipeline.run(["corpus"], load_config(ROOT / "rules"), pipeline.RunOptions(jobs=1))


def run_seeds() -> RunResult:
    """The five seed articles, as `factcheck check seeds` from the repository root reads them."""
    with working_in(ROOT):
        return pipeline.run(["seeds"], load_config(ROOT / "rules"), pipeline.RunOptions(jobs=1))
