"""Amount and count claims: numbers with magnitude, unit and qualifier, the metric they measure and its owner.

`extract_amounts` reads every amount of each line (amount_reading) and makes each a claim,
attributed by the text around it. A number with neither unit nor magnitude is never a claim;
one with a magnitude but no unit (超过8亿) is a claim only when a metric word is in its clause.
The parts, in the order an amount is read:
- amount_words: the words around a number (units, currency signs, magnitudes, qualifiers,
  range separators) and the lookups that find them at a place;
- amount_numerals: numerals as written (Arabic, Chinese, mixed, vague, 百分之) and what follows;
- amount_values: the value and interval each reading stands for (the tolerances), `overlaps`;
- amount_reading: `read_amounts`, every amount in a line, and what is not an amount;
- amount_context: the lexicon sections attribution reads and the window an amount sits in;
- amount_metrics: the metric it measures (attribute), with a periodicity;
- amount_subjects: its owner (subject), the other terms of its clause, its modality;
- amount_scope: the time it holds for (scope).
"""
from __future__ import annotations

from dataclasses import replace

from ..config import Config
from ..model import Claim, ClaimKind, Document, Line
from .amount_context import _Lexicon, _lexicon, _normalise_word, _window
from .amount_metrics import PEOPLE_METRICS, TOLL_WORDS, _fallback_attribute, _metric, _periodicity
from .amount_reading import read_amounts
from .amount_scope import _scope_of
from .amount_subjects import _modality, _other_terms, _subject, _terms
from .amount_values import _Reading
from .terms import lead_terms, main_event


def extract_amounts(doc: Document, config: Config) -> list[Claim]:
    """Every amount claim of one document, in line order."""
    lex = _lexicon(config)
    claims: list[Claim] = []
    for line in doc.lines:
        norm = _line_norm(line, config)
        readings = read_amounts(norm)
        if not readings:
            continue
        terms = _terms(norm, config)
        for reading in readings:
            claim = _claim(doc, line, norm, reading, lex, terms)
            if claim is not None:
                claims.append(claim)
    return _owned_by_the_story(claims, doc, lex, config)


def _owned_by_the_story(claims: list[Claim], doc: Document, lex: _Lexicon, config: Config) -> list[Claim]:
    """A toll or a turnout naming no owner (全市投票率约55%) is the story's own event's, when the
    lead names exactly one."""
    orphans = [c for c in claims if not c.subject and c.attribute.rsplit(":", 1)[-1] in lex.event_metrics]
    if not orphans:
        return claims
    event = main_event(lead_terms(doc.lines, config))
    if not event:
        return claims
    return [replace(c, subject=event) if not c.subject and c.attribute.rsplit(":", 1)[-1] in lex.event_metrics else c
            for c in claims]


def _claim(doc: Document, line: Line, norm: str, reading: _Reading, lex: _Lexicon, terms) -> Claim | None:
    window = _window(norm, reading)
    value = reading.value
    metric, span = _metric(lex, window, value)
    if norm[reading.end - 1 : reading.end] in TOLL_WORDS and value.unit == "person":
        metric, span = TOLL_WORDS[norm[reading.end - 1]], None  # 3死、120伤: the counter names the toll
    if reading.bare and not metric:
        return None
    if reading.bare and metric in PEOPLE_METRICS and value.dimension == "count":
        value = replace(value, unit="person")
    periodicity = _periodicity(lex, window, metric, span)
    attribute = metric or _fallback_attribute(window, value)
    if periodicity:
        attribute = f"{periodicity}:{attribute}"
    terms = terms.within(*window.sentence)  # _subject and _other_terms look no further
    subject = _subject(terms, window, lex.entity_keys, metric in lex.event_metrics)
    s_start, s_end = _trimmed(line.text, *window.sentence)
    return Claim(
        kind=ClaimKind.AMOUNT,
        doc=doc.path,
        line=line.number,
        sentence=line.text[s_start:s_end],
        raw=line.text[reading.start : reading.end],
        start=reading.start - s_start,
        subject=subject,
        attribute=attribute,
        value=value,
        scope=_scope_of(window, value, metric, doc.meta.published, lex),
        terms=_other_terms(terms, window, subject),
        modality=_modality(lex, window),
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_norm(line: Line, config: Config) -> str:
    if line.norm and len(line.norm) == len(line.text):
        return line.norm
    normalised = _normalise_word(line.text, config)
    return normalised if len(normalised) == len(line.text) else line.text
