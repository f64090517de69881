"""Check kind `text-quality`: damaged or unusable input (pinyin glosses, mojibake, undecodable, undated, empty)."""
from __future__ import annotations

from typing import Iterator

from ..config import RuleSettings, RuleSpec
from ..model import Corpus, Finding, Severity

RULES = (
    RuleSpec("pinyin-gloss", "quality", Severity.INFO, "pinyin glosses inserted after characters were stripped"),
    RuleSpec("mojibake", "quality", Severity.WARNING, "a mojibake run was found and repaired"),
    RuleSpec("mojibake-unrepaired", "quality", Severity.ERROR, "a mojibake run could not be repaired; no claim is read from it"),
    RuleSpec("decode-damage", "quality", Severity.WARNING, "invalid bytes were replaced while decoding"),
    RuleSpec("undecodable", "quality", Severity.ERROR, "the file could not be decoded as text and was skipped"),
    RuleSpec("missing-date", "quality", Severity.ERROR, "no publication date in a header or in the text"),
    RuleSpec("empty-document", "quality", Severity.ERROR, "no text left after cleaning"),
)


def check(corpus: Corpus, rule: RuleSettings) -> Iterator[Finding]:
    """Yield one Finding per document problem recorded under `rule.id`."""
    return iter(())
