"""Check kind `amount-conflict`: the same metric for the same time scope with values that cannot both hold."""
from __future__ import annotations

from typing import Iterator

from ..config import RuleSettings, RuleSpec
from ..model import Corpus, Finding, Severity

RULES = (RuleSpec("amount-conflict", "amount", Severity.ERROR, "the same metric for the same time scope with values that cannot both hold"),)


def check(corpus: Corpus, rule: RuleSettings) -> Iterator[Finding]:
    """Yield a Finding for every amount contradiction between two documents."""
    return iter(())
