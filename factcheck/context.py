"""Splitting normalised text into sentences and clauses, the windows claims are read in."""
from __future__ import annotations

import re

SENTENCE_END = "。！？!?；;"
CLAUSE_BREAK = "，,、：:；;。！？!?"
_SENTENCE_RE = re.compile(f"[^{SENTENCE_END}]*(?:[{SENTENCE_END}]+[”」』\"']?|$)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of one line, end exclusive, covering the line."""
    spans = []
    for match in _SENTENCE_RE.finditer(text):
        if match.end() > match.start():
            spans.append((match.start(), match.end()))
    return spans


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence holding offset `pos`."""
    for start, end in sentence_spans(text):
        if start <= pos < end:
            return start, end
    return 0, len(text)


def clause_at(text: str, pos: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The span of the clause (between commas, colons, sentence ends) holding `pos`, within [lo, hi)."""
    hi = len(text) if hi is None else hi
    start = pos
    while start > lo and text[start - 1] not in CLAUSE_BREAK:
        start -= 1
    end = pos
    while end < hi and text[end] not in CLAUSE_BREAK:
        end += 1
    return start, end
