"""Check kind `text-quality`: damaged or unusable input (pinyin glosses, mojibake, undecodable, undated, empty,
a bad header, running text dropped after a footer).

One finding per `Document.problems` entry recorded under the rule (side: document, line, raw,
value = Problem.value or else Problem.detail, text = Problem.detail) and, for `undecodable` and
`internal-error`, one per skipped input with that rule (side on line 0, the reason as text).
Subject = the document path, attribute = the rule id. Message:
    "<path>:<line>: <detail>"   or, for the whole file (line 0), "<path>: <detail>"
"""
from __future__ import annotations

from typing import Iterator

from ..config import RuleSettings, RuleSpec
from ..model import Corpus, Evidence, Finding, Severity, single_side

RULES = (
    RuleSpec("pinyin-gloss", "quality", Severity.INFO, "pinyin glosses inserted after characters were stripped"),
    RuleSpec("mojibake", "quality", Severity.WARNING, "a mojibake run was found and repaired"),
    RuleSpec("mojibake-unrepaired", "quality", Severity.ERROR, "a mojibake run could not be repaired; no claim is read from it"),
    RuleSpec("decode-damage", "quality", Severity.WARNING, "invalid bytes were replaced while decoding"),
    RuleSpec("undecodable", "quality", Severity.ERROR, "the file could not be decoded as text and was skipped"),
    RuleSpec("internal-error", "quality", Severity.ERROR, "factcheck failed on this document (a bug) and skipped it"),
    RuleSpec("missing-date", "quality", Severity.ERROR, "no publication date in a header or in the text"),
    RuleSpec("bad-header", "quality", Severity.WARNING, "a header date that is not a valid date, or a header key given twice"),
    RuleSpec("empty-document", "quality", Severity.ERROR, "no text left after cleaning"),
    RuleSpec("dropped-text", "quality", Severity.WARNING, "running text after a footer was dropped (how much, and which footer line)"),
)


def check(corpus: Corpus, rule: RuleSettings) -> Iterator[Finding]:
    """Yield one Finding per document problem recorded under `rule.id`."""
    recorded = corpus.problems_by_rule.get(rule.id, [])
    for path, problem in sorted(recorded, key=lambda item: (item[0], item[1].line, item[1].raw, item[1].detail)):
        side = Evidence(path, problem.line, problem.raw, problem.value or problem.detail, problem.detail, outlet=corpus.outlet(path))
        yield _finding(rule, path, problem.line, problem.detail, side)
    for skipped in sorted(corpus.skipped, key=lambda s: s.path):
        if skipped.rule == rule.id:
            side = Evidence(skipped.path, 0, "", skipped.reason, skipped.reason)
            yield _finding(rule, skipped.path, 0, skipped.reason, side)


def location(path: str, line: int) -> str:
    return f"{path}:{line}" if line else path


def _finding(rule: RuleSettings, path: str, line: int, detail: str, side: Evidence) -> Finding:
    message = f"{location(path, line)}: {detail}"
    return Finding(rule.id, rule.kind, rule.severity, path, rule.id, message, single_side(side))
