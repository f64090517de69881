"""Whose an amount is and how it is said: its owner, the other terms of its clause, its modality.

subject = the nearest lexicon entity (canonical key of `[lexicon.entities]`, via
factcheck.extract.terms) in the clause before the number, else before it in the sentence, else
after it; "" if none. modality = the kind of the `[lexicon.markers]` word (target, estimate,
plan) nearest before the amount in its sentence.
"""
from __future__ import annotations

import bisect

from ..config import Config
from .amount_context import _Lexicon, _Window
from .terms import find_terms


def _terms(norm: str, config: Config) -> "LineTerms":
    return LineTerms(find_terms(norm, config))


class LineTerms:
    """A line's key terms, and those starting in a span found by bisection: a long line holds
    thousands of terms, and each amount reads only the few of its own sentence."""

    def __init__(self, terms) -> None:
        self.terms = terms
        self.order = sorted(range(len(terms)), key=lambda i: terms[i].start)
        self.starts = [terms[i].start for i in self.order]

    def within(self, lo: int, hi: int) -> list:
        """The terms starting in [lo, hi), in the line's own order (plain reference: a scan of all)."""
        first, last = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return [self.terms[i] for i in sorted(self.order[first:last])]


def _subject(terms, window: _Window, known: frozenset[str], events_may_own: bool) -> str:
    """The nearest lexicon entity before the number in the clause, else in the sentence, else
    after it; an organisation only found by its suffix (某某公司) counts in the clause before;
    with no organisation at all, the lexicon event of the sentence (a quake's toll, an
    election's turnout)."""
    entities = [t for t in terms if t.kind == "entity"]
    listed = [t for t in entities if t.text in known]
    clause_lo, clause_hi = window.clause
    sentence_lo, sentence_hi = window.sentence
    searches = (
        ([t for t in listed if clause_lo <= t.start and t.end <= window.start], max),
        ([t for t in listed if sentence_lo <= t.start and t.end <= window.start], max),
        ([t for t in listed if window.end <= t.start and t.end <= clause_hi], min),
        ([t for t in listed if window.end <= t.start and t.end <= sentence_hi], min),
        ([t for t in entities if clause_lo <= t.start and t.end <= window.start], max),
    )
    if events_may_own:
        events = [t for t in terms if t.kind == "event"]
        searches += (
            ([t for t in events if sentence_lo <= t.start and t.end <= window.start], max),
            ([t for t in events if window.end <= t.start and t.end <= sentence_hi], min),
        )
    for found, pick in searches:
        if found:
            return pick(found, key=lambda t: t.start).text
    return ""


def _other_terms(terms, window: _Window, subject: str) -> tuple[str, ...]:
    out: list[str] = []
    for term in terms:
        inside = window.clause[0] <= term.start and term.end <= window.clause[1]
        if inside and term.text != subject and term.text not in out:
            out.append(term.text)
    return tuple(out)


def _modality(lex: _Lexicon, window: _Window) -> str:
    """The marker (target, estimate, plan) nearest before the amount in its sentence."""
    if lex.markers is None:
        return ""
    last = ""
    for match in lex.markers.finditer(window.norm, window.sentence[0], window.start):
        word = match.group(0)
        if len(word) > 1 or word.isascii():  # 约, 将, 拟 alone are qualifiers or parts of words here
            last = lex.marker_kind[word.lower()]
    return last
