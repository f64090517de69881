"""Check kind `anachronism`: an event reported as having happened, dated after the document's publication date."""
from __future__ import annotations

from typing import Iterator

from ..config import RuleSettings, RuleSpec
from ..model import Corpus, Finding, Severity

RULES = (RuleSpec("anachronism", "anachronism", Severity.WARNING, "an event reported as having happened, dated after the document's publication date"),)


def check(corpus: Corpus, rule: RuleSettings) -> Iterator[Finding]:
    """Yield a Finding for every anachronism contradiction between two documents."""
    return iter(())
