"""What a date is about: its subject (anchor term), phase verb, other key terms and modality.

All are read in the date's window of clauses (`date_window`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from ..config import Config
from .context import Scanner, clause_at
from .date_forms import _alternation
from .date_window import _window
from ..normalise import normalise_text
from .terms import alias_pattern

# Phases that only persons (or organisations) do, and phases only things do: a verb describes an
# anchor only if their kinds fit (接任者 next to a quoted model name is not the model joining).
_PHASE_KINDS = {
    "leave": ("person", "latin", "entity"),
    "join": ("person", "latin", "entity"),
    "release": ("event", "quoted", "latin", "entity"),
}
_NEGATIONS = ("没有", "尚未", "未", "没", "不", "无")
_NEGATION_REACH = max(map(len, _NEGATIONS))


@dataclass(frozen=True)
class About:
    """What a date claim is about."""

    subject: str
    attribute: str
    terms: tuple[str, ...]
    modality: str


@dataclass(frozen=True)
class _Lexicon:
    phase_regex: Scanner | None
    phase_of: dict[str, str]
    plan: tuple[str, ...]
    plan_regex: re.Pattern | None  # the plan markers, longest first


def _lexicon(config: Config) -> _Lexicon:
    """Phase verbs and markers of `config`, normalised once per rule set."""
    return config.derived("dates.lexicon", _build_lexicon)


def _normalise_word(word: str, config: Config) -> str:
    return normalise_text(word, config).lower()


def _build_lexicon(config: Config) -> _Lexicon:
    phase_of: dict[str, str] = {}
    for phase, verbs in config.lex("event_phases").items():
        for verb in verbs:
            phase_of.setdefault(_normalise_word(verb, config), phase)
    regex = alias_pattern(phase_of)
    plan = tuple(sorted({_normalise_word(w, config) for w in config.lex("markers").get("plan", [])}))
    return _Lexicon(regex, phase_of, plan, re.compile(_alternation(plan)) if plan else None)


class _Verb(NamedTuple):
    phase: str
    start: int
    end: int


def _phase_verbs(norm: str, lo: int, hi: int, date: tuple[int, int], lexicon: _Lexicon) -> list[_Verb]:
    """Phase verbs in [lo, hi) that can describe the date: not negated, not `离职后` before the date."""
    if lexicon.phase_regex is None:
        return []
    verbs = []
    for match in lexicon.phase_regex.finditer(norm, lo, hi):
        if norm.endswith(_NEGATIONS, max(lo, match.start() - _NEGATION_REACH), match.start()):
            continue
        after = norm[match.end():match.end() + 2]
        if after[:1] in "者方":
            continue  # 接任者, 离职方: nouns naming who does it, not the act
        if match.end() <= date[0] and after[:1] in "后前" or after in ("之后", "以后", "之前", "以前"):
            continue  # 离职后的2024年 dates something after the leaving, not the leaving
        verbs.append(_Verb(lexicon.phase_of[match.group(0).lower()], match.start(), match.end()))
    return verbs


AS_OF = ("截至", "截止", "截止到", "截至到")


def about(norm: str, date: tuple[int, int], sentence: tuple[int, int], other_dates: list[tuple[int, int]],
          terms: list, config: Config) -> About:
    """Subject, phase, key terms and modality of the date at span `date` in a normalised line.

    The plain reading, one pass over every other date and every term per date: `_line_claims`
    reads a line's dates through `_LineDates`, which finds the same without those passes."""
    stops = [s for s, _ in other_dates]
    usable = terms  # the terms overlapping no date: filtered one date at a time
    for s, e in (date, *other_dates):
        usable = [t for t in usable if not (t.start < e and s < t.end)]

    def holds_date(clause: tuple[int, int]) -> bool:
        return any(clause[0] <= s < clause[1] for s in stops)

    def terms_in(span: tuple[int, int]) -> list:
        return [t for t in usable if span[0] <= t.start and t.end <= span[1]]

    return _about(norm, date, sentence, holds_date, terms_in, config)


def _about(norm: str, date: tuple[int, int], sentence: tuple[int, int], holds_date, terms_in, config: Config) -> About:
    """`about`, given which clauses hold another date and the terms inside a span that overlap no date."""
    lexicon = _lexicon(config)
    if norm[max(sentence[0], date[0] - 3):date[0]].rstrip().endswith(AS_OF):
        return About("", "occur", (), "")  # 截至6月30日: the time of a figure, no happening's date
    first = (clause_at(norm, date[0], *sentence)[0], clause_at(norm, max(date[0], date[1] - 1), *sentence)[1])

    # The window, anchor and verb choices ask for the same clauses' terms and verbs several times.
    inside_of: dict[tuple[int, int], list] = {}
    verbs_of: dict[tuple[int, int], list[_Verb]] = {}

    def inside(span):
        if span not in inside_of:
            inside_of[span] = terms_in(span)
        return inside_of[span]

    def verbs(span):
        if span not in verbs_of:
            verbs_of[span] = _phase_verbs(norm, span[0], span[1], date, lexicon)
        return verbs_of[span]

    window = _window(norm, first, sentence, holds_date, inside, verbs)
    window_terms = [t for span in window for t in inside(span)]
    anchor, verb = _anchor_and_verb(window, window_terms, inside, verbs, first, date[0])
    if anchor is None:
        subject, phase = "", verb.phase if verb else "occur"
    elif anchor.kind == "event":
        subject, phase = anchor.text, "end" if verb and verb.phase == "end" else "occur"
    else:
        subject, phase = anchor.text, verb.phase if verb else "occur"
    others = tuple(sorted({t.text for t in window_terms} - {subject}))
    marked = [first, *(span for span in window for item in (anchor, verb) if item and span[0] <= item.start < span[1])]
    return About(subject, phase, others, _modality(norm, sorted(set(marked)), lexicon))


def _anchor_and_verb(window, window_terms, inside, verbs, first, near):
    """The best anchor and the phase verb describing it: event > verb-backed anchor > by kind."""
    events = [t for t in window_terms if t.kind == "event"]
    if events:
        anchor = min(events, key=lambda t: (_distance(t, near), t.start))
        return anchor, _verb_for(anchor, window, verbs, first)
    window_verbs = [v for span in window for v in verbs(span)]
    for phase in (p for p in _phase_order(window_verbs) if p in _PHASE_KINDS):
        pairs = [(t, v) for v in window_verbs if v.phase == phase for t in inside(_clause_of(v, window)) if _fits(t, v)]
        if pairs:
            return min(pairs, key=lambda pair: _doer_rank(*pair))
    eligible = [t for t in window_terms if t.kind != "entity" or (first[0] <= t.start < first[1])] or window_terms
    if not eligible:
        own = verbs(first)
        return None, own[0] if own else None
    anchor = min(eligible, key=lambda t: (_KIND_RANK[t.kind], _distance(t, near), t.start))
    return anchor, _verb_for(anchor, window, verbs, first)


_KIND_RANK = {"event": 0, "quoted": 1, "latin": 2, "person": 3, "entity": 4}
# Who leaves or joins: a person before a Latin term before an organisation; then the one before
# the verb (X离开OpenAI), then the nearest (OpenAI任命X).
_DOER_RANK = {"person": 0, "latin": 1, "entity": 2}


def _fits(term, verb: _Verb) -> bool:
    """Whether the verb can describe the term: kinds fit, and who leaves or joins is a person or
    is written before the verb (in 入职OpenAI the organisation is what is joined)."""
    if term.kind not in _PHASE_KINDS.get(verb.phase, (term.kind,)):
        return False
    return verb.phase not in ("leave", "join") or term.kind == "person" or term.start < verb.start


def _doer_rank(term, verb: _Verb) -> tuple:
    if verb.phase not in ("leave", "join"):
        return (_KIND_RANK[term.kind], _distance(term, verb.start), term.start)
    return (_DOER_RANK.get(term.kind, 3), term.start >= verb.start, _distance(term, verb.start), term.start)


def _clause_of(verb: _Verb, window: list[tuple[int, int]]) -> tuple[int, int]:
    return next(span for span in window if span[0] <= verb.start < span[1])


_PHASE_PRIORITY = ("end", "leave", "join", "release", "announce")


def _phase_order(verbs: list[_Verb]) -> list[str]:
    phases = {v.phase for v in verbs}
    return [p for p in _PHASE_PRIORITY if p in phases] + sorted(phases.difference(_PHASE_PRIORITY))


def _verb_for(anchor, window, verbs, first) -> _Verb | None:
    """The phase verb in the anchor's clause (else the date's) that fits the anchor's kind."""
    clause = next((span for span in window if span[0] <= anchor.start < span[1]), first)
    for span in (clause, first) if clause != first else (first,):
        fitting = [v for v in verbs(span) if _fits(anchor, v)]
        if fitting:
            order = _phase_order(fitting)
            return min(fitting, key=lambda v: (order.index(v.phase), _distance(anchor, v.start)))
    return None


def _distance(term, pos: int) -> int:
    if term.start <= pos < term.end:
        return 0
    return term.start - pos if term.start > pos else pos - term.end + 1


def _modality(norm: str, window: list[tuple[int, int]], lexicon: _Lexicon) -> str:
    """"plan" when a plan marker (计划, 将于, 预计, 届时...) is in the window, else "".

    One pass of the markers' regex per clause: longest first, a marker found where a longer one
    starts is the longer one (将于, never a disposal 将), and the one-character 将 hides no other."""
    if lexicon.plan_regex is None:
        return ""
    for lo, hi in window:
        text = norm[lo:hi]
        for match in lexicon.plan_regex.finditer(text):
            if not _is_disposal_jiang(text, match.start(), match.group()):
                return "plan"
    return ""


def _is_disposal_jiang(text: str, at: int, marker: str) -> bool:
    """将 before a pronoun or 更/全 marks an object (将其塑造为), not the future."""
    return marker == "将" and text[at + 1:at + 2] in "其这该那之它他她此自我你更全所"
