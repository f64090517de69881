"""Key terms in normalised text: lexicon events and entities, quoted terms, Latin-script terms.

Extractors use them to say what a date or an amount is about; alignment compares them.
Terms are found in `Line.norm` (Simplified, ASCII-folded) and carry their span there.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import Iterator, NamedTuple

from ..config import Config
from .context import Scanner, word_starts
from .people import find_people

# Priority when a window holds several terms: the lower, the better an anchor for an event.
KIND_PRIORITY = {"event": 0, "quoted": 1, "latin": 2, "person": 3, "entity": 4}

_QUOTED = re.compile(r"[“「『《\"]([^“”「」『』《》\"]{2,16})[”」』》\"]")
# A Latin-script term: words of letters/digits joined by spaces or hyphens (GPT-4o, Gemini 3, LM Arena).
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.\-+&'][A-Za-z0-9]+)*(?: (?:[A-Z][A-Za-z0-9]*(?:[.\-+][A-Za-z0-9]+)*|\d+(?:\.\d+)?))*")
# A named Chinese organisation: two to four characters (no function words) before an org suffix.
_SUFFIX = re.compile("集团|银行|大学|研究院|研究所|实验室|基金会|委员会|交易所|科技|智能|资本|汽车|电子|通信|医药|能源|航空|机器人|动力")
_ORG_SUFFIX = re.compile(r"(?:(?![的了和与及在是为对从向被把将、这该其])[\u4e00-\u9fff]){2,4}" + f"(?:{_SUFFIX.pattern})")
# Where a suffix may begin (overlapping ones too): an organisation begins two to four characters before one.
_SUFFIX_STARTS = word_starts(_SUFFIX.pattern.split("|"))
_ORG_LEAD = (4, 3, 2)
_WORD = re.compile(r"\S+")
# Words ending like an organisation that name a field or a kind of company, not one company.
_GENERIC_ORG = re.compile(
    r"^(?:初创|科技|上市|母|子|大型|小型|成长型|全球|知名|新|各|多家|一家|两家|互联网|跨国|人工|金融|数字|信息|"
    r"生物|前沿|新兴|智慧|新能源|传统|国有|民营|外资|中资|美国|中国|国内|海外|相关|其他|顶尖|头部)"
)


class Term(NamedTuple):
    """A key term of a line (a named tuple: a line builds dozens, at a third of a frozen dataclass's cost)."""

    text: str  # normalised term; the canonical key for lexicon events and entities
    kind: str  # event, quoted, latin, person, entity
    start: int  # span in the normalised line
    end: int


_RECENT: dict[tuple[int, str], tuple[Term, ...]] = {}  # the dates and amounts extractors ask for the same lines


def find_terms(norm: str, config: Config) -> list[Term]:
    """Every key term of one normalised line, sorted by position then priority."""
    key = (id(_index(config)), norm)
    cached = _RECENT.get(key)
    if cached is None:
        if len(_RECENT) >= 512:
            _RECENT.clear()
        cached = _RECENT[key] = tuple(_find_terms(norm, config))
    return list(cached)


def _find_terms(norm: str, config: Config) -> list[Term]:
    index = _index(config)
    terms: list[Term] = []
    taken: list[tuple[int, int]] = []
    for regex, kind, canon in ((index.events, "event", index.event_canon), (index.entities, "entity", index.entity_canon)):
        if regex is None:
            continue
        for match in regex.finditer(norm):
            key = canon[match.group(0).lower()]
            terms.append(Term(key, kind, match.start(), match.end()))
            taken.append(match.span())
    lexicon_spans = _Spans(taken)
    for match in _QUOTED.finditer(norm):
        inner = match.group(1).strip()
        if inner and not lexicon_spans.hold(match.span(1)):
            terms.append(Term(inner.lower() if inner.isascii() else inner, "quoted", match.start(1), match.end(1)))
    people = _people(norm, config)
    taken.extend((t.start, t.end) for t in people)
    claimed = _claimed(len(norm), taken)
    terms.extend(_latin_terms(norm, claimed, index.generic))
    for match in _organisations(norm):
        if claimed.find(1, *match.span()) < 0 and not _GENERIC_ORG.match(match.group(0)):
            terms.append(Term(match.group(0), "entity", match.start(), match.end()))
    terms.extend(people)
    terms.sort(key=lambda t: (t.start, KIND_PRIORITY[t.kind], -t.end, t.text))
    return terms


def _claimed(length: int, taken: list[tuple[int, int]]) -> bytearray:
    """A mark (1) on each character of a line that a taken span holds: a span overlaps a taken
    one when it holds a mark, one search in C instead of a Python test per taken span."""
    claimed = bytearray(length)
    for lo, hi in taken:
        claimed[lo:hi] = b"\x01" * (hi - lo)
    return claimed


def _latin_terms(norm: str, claimed: bytearray, generic: frozenset[str]) -> Iterator[Term]:
    """The Latin-script terms of a line: its Latin runs cut at generic words, the pieces of two
    characters or more that are not a number and hold no claimed character."""
    for match in _LATIN.finditer(norm):
        run_start, run_end = match.span()
        if claimed.find(0, run_start, run_end) < 0:  # wholly claimed (most are lexicon entities): so is every piece
            continue
        run = match.group(0)
        if " " not in run:  # one word (most runs), opening with a letter: kept whole or dropped whole
            if run_end - run_start >= 2 and (word := run.lower()) not in generic and claimed.find(1, run_start, run_end) < 0:
                yield Term(word, "latin", run_start, run_end)
            continue
        for start, end in _split_at_generic(norm, run_start, run_end, generic):
            if end - start >= 2 and claimed.find(1, start, end) < 0 and not norm[start:end].isdigit():
                yield Term(norm[start:end].lower(), "latin", start, end)


def _split_at_generic(text: str, start: int, end: int, generic: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of a Latin run cut at generic words: "OpenAI CEO Sam Altman" -> OpenAI, Sam Altman."""
    spans, run_start, previous_end = [], None, start
    for word in _WORD.finditer(text, start, end):
        word_start, word_end = word.start(), word.end()
        if word.group(0).lower() in generic:
            if run_start is not None:
                spans.append((run_start, previous_end))
            run_start = None
        else:
            run_start = word_start if run_start is None else run_start
            previous_end = word_end
    if run_start is not None:
        spans.append((run_start, previous_end))
    return spans


def _organisations(norm: str) -> Iterator[re.Match]:
    """What `_ORG_SUFFIX.finditer` finds, the pattern tried only two to four characters before a
    suffix (where every match begins) instead of at every character of the line."""
    suffixes = [at.start() for at in _SUFFIX_STARTS.finditer(norm)]
    starts = sorted({at - lead for at in suffixes for lead in _ORG_LEAD if at >= lead})
    pos = 0
    for start in starts:
        if start >= pos and (found := _ORG_SUFFIX.match(norm, start)):
            pos = found.end()
            yield found


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(lo <= span[0] and span[1] <= hi for lo, hi in taken)


class _Spans:
    """Spans, for whether one of them holds a span (`_inside`) by bisection: some span holds
    (a, b) when the furthest end of those starting at or before a reaches b. `_inside` tests
    every span: a line of n quotes and lexicon words cost n^2."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [lo for lo, _ in spans]
        self.furthest = list(itertools.accumulate((hi for _, hi in spans), max))

    def hold(self, span: tuple[int, int]) -> bool:
        count = bisect.bisect_right(self.starts, span[0])
        return bool(count) and self.furthest[count - 1] >= span[1]


def _people(norm: str, config: Config) -> list[Term]:
    return [Term(m.key, "person", m.start, m.end) for m in find_people(norm, config) if m.key]


@dataclass(frozen=True)
class _Index:
    events: Scanner | None
    event_canon: dict[str, str]
    entities: Scanner | None
    entity_canon: dict[str, str]
    generic: frozenset[str]


def _index(config: Config) -> _Index:
    return config.derived("terms.index", _build_index)


def _build_index(config: Config) -> _Index:
    from ..normalise import normalise_text

    event_regex, event_canon = _alias_regex(config.lex("events"), config, normalise_text)
    entity_regex, entity_canon = _alias_regex(config.lex("entities"), config, normalise_text)
    generic = {normalise_text(w, config).lower() for w in config.lex("anchors")["ignore"]}
    return _Index(event_regex, event_canon, entity_regex, entity_canon, frozenset(generic))


def _alias_regex(section: dict, config: Config, normalise_text) -> tuple[Scanner | None, dict[str, str]]:
    canon: dict[str, str] = {}
    for key, aliases in sorted(section.items()):
        canonical = normalise_text(key, config).lower()
        for alias in [key, *aliases]:
            canon.setdefault(normalise_text(alias, config).lower(), canonical)
    return alias_pattern(canon), canon


def alias_pattern(words) -> Scanner | None:
    """One case-insensitive pattern matching any of `words`, longest first; Latin words match
    whole words only (so "meta" is not found inside "metadata"). None when there is no word.

    The words are folded into a trie (红色(?:警报|代码)), so the regex engine branches on each
    character instead of trying hundreds of alternatives at every position; and it is tried
    only at characters that begin a word."""
    classes: dict[tuple[bool, bool], list[str]] = {}
    for word in {w.lower() for w in words if w}:
        edge = (_latin_edge(word[0]), _latin_edge(word[-1]))
        classes.setdefault(edge, []).append(word)
    parts = []
    for (latin_start, latin_end), members in sorted(classes.items()):
        body = _trie_regex(sorted(members))
        parts.append(("(?<![a-z0-9])" if latin_start else "") + body + ("(?![a-z0-9])" if latin_end else ""))
    if not parts:
        return None
    words = [w for members in classes.values() for w in members]
    return Scanner(re.compile("|".join(parts), re.IGNORECASE), _alias_starts(words))


def _alias_starts(words: list[str]) -> re.Pattern:
    """`word_starts` of the words, with a Latin letter or digit taken only where a word begins:
    every word opening with one is matched after no letter or digit, and the letters inside
    Latin words were most of the places tried. A character a non-Latin word may begin with (or
    a case fold of one) is taken anywhere."""
    guard = r"(?<![a-z0-9][a-z0-9])"  # not a letter or digit right after another
    others = [w[0] for w in words if not _latin_edge(w[0])]
    if others:
        guard = f"(?:{guard}|(?<={_char_class(others)}))"
    follow = "" if any(len(w) == 1 for w in words) else f"(?={_char_class(w[1] for w in words)})"
    return re.compile(_char_class(w[0] for w in words) + guard + follow, re.IGNORECASE)


def _char_class(chars) -> str:
    return "[" + "".join(map(re.escape, sorted(set(chars)))) + "]"


def _latin_edge(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _trie_regex(words: list[str]) -> str:
    """A regex matching exactly `words`, longest match first, built from their shared prefixes."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie)


def _node_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _node_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:  # a shorter word ends here: the longer ones are tried first, then nothing
        return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + body + ")?"
    return body


LEAD_LINES = 3  # the kept lines a story's lead is read from


def lead_terms(lines, config: Config) -> list[tuple[str, Term]]:
    """The key terms of a story's lead (its first kept lines), each with its line's text."""
    out = []
    for line in lines[:LEAD_LINES]:
        norm = line.norm or line.text
        out.extend((norm, term) for term in find_terms(norm, config))
    return out


def main_event(lead: list[tuple[str, Term]]) -> str:
    """The one lexicon event a story's lead names, "" when it names none or several."""
    events = {term.text for _, term in lead if term.kind == "event"}
    return next(iter(events)) if len(events) == 1 else ""

