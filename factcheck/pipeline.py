"""The one place the stages are chained: load -> clean -> normalise -> extract -> align -> check."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from . import align as align_stage
from . import check as check_stage
from . import clean as clean_stage
from . import extract as extract_stage
from . import load as load_stage
from . import normalise as normalise_stage
from .config import Config
from .model import Claim, Corpus, Document, DocumentStatus, RunResult, Skipped


@dataclass(frozen=True)
class Processed:
    """One document after the per-document stages: its summary (no text kept) and claims."""

    document: Document  # lines emptied: memory must not grow with texts already read
    claims: tuple[Claim, ...]


def process_document(path: Path, display: str, config: Config) -> Processed | Skipped:
    """load -> clean -> normalise -> extract for one file."""
    raw = load_stage.read(path, display)
    if isinstance(raw, Skipped):
        return raw
    document = normalise_stage.normalise(clean_stage.clean(raw, config), config)
    claims = extract_stage.extract(document, config)
    return Processed(replace(document, lines=()), claims)


@dataclass(frozen=True)
class RunOptions:
    jobs: int = 1  # worker processes for the per-document stages; 0 = all cores
    cache: Path | None = None  # SQLite claims cache; None = no cache
    progress: Callable[[int, int], None] | None = None  # called with (done, total)


def run(paths: Sequence[str | Path], config: Config, options: RunOptions = RunOptions()) -> RunResult:
    """Check the documents under `paths` against each other; raises InputError, ConfigError."""
    found, skipped = load_stage.discover(paths)
    outcomes = []
    for index, (path, display) in enumerate(found, 1):
        outcomes.append(process_document(path, display, config))
        if options.progress:
            options.progress(index, len(found))
    return assemble(outcomes, skipped, config)


def assemble(outcomes: Sequence[Processed | Skipped], skipped: Sequence[Skipped], config: Config) -> RunResult:
    """align + check over per-document outcomes; statuses for every input path."""
    documents = [o.document for o in outcomes if isinstance(o, Processed)]
    all_skipped = sorted([*skipped, *(o for o in outcomes if isinstance(o, Skipped))], key=lambda s: s.path)
    claims = tuple(c for o in outcomes if isinstance(o, Processed) for c in o.claims)
    groups = align_stage.align(claims, config)
    corpus = Corpus(tuple(documents), tuple(all_skipped), claims, groups)
    findings = check_stage.check(corpus, config)
    statuses = [_status(o) for o in outcomes if isinstance(o, Processed)]
    statuses += [DocumentStatus(s.path, "skipped", reason=s.reason) for s in all_skipped]
    statuses.sort(key=lambda s: s.path)
    return RunResult(tuple(statuses), findings, claims)


def _status(outcome: Processed) -> DocumentStatus:
    doc = outcome.document
    published = doc.meta.published.isoformat() if doc.meta.published else ""
    return DocumentStatus(
        doc.path, "checked", encoding=doc.encoding, published=published,
        published_from=doc.meta.published_from, claims=len(outcome.claims),
    )
