"""Stage 6, check: run every enabled rule over the aligned corpus and collect findings in stable order."""
from __future__ import annotations

from . import MODULES
from ..config import Config
from ..model import Corpus, Finding


def check(corpus: Corpus, config: Config) -> tuple[Finding, ...]:
    """Findings of all enabled rules, de-duplicated by fingerprint, sorted."""
    found: dict[str, Finding] = {}
    for module in MODULES:
        for spec in module.RULES:
            settings = config.rules[spec.id]
            if not settings.enabled:
                continue
            for finding in module.check(corpus, settings):
                found.setdefault(finding.id, finding)
    return tuple(sorted(found.values(), key=Finding.sort_key))
