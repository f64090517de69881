"""Titles next to a person: the lexicon's title words in a line, read back into title phrases.

A phrase is [marker][org][marker][domain]word, read before a name, in a list of titles, or after a
connector; `_TitleLine` holds a line's title words and the indexes that read them on a long line."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from ..model import TitleValue, computed_once
from .person_lexicon import _Lexicon, _is_cjk

# An organisation written in Latin script right before a title: up to three words (Leonis Capital).
_LATIN_ORG = re.compile(r"(?<![A-Za-z0-9.&+\-])((?:[A-Za-z0-9][\w.&+\-]* ){0,2}[A-Za-z0-9][\w.&+\-]*) ?$", re.ASCII)
# Characters that never belong to a title's domain (其应用业务CEO -> 应用业务): function words,
# pronouns, measure words, and the one-character past markers, which are read separately.
_DOMAIN_STOP = set("的是在和与及或以由被将把对向从为其该这那此也都还又并而等之连任让给于了着过曾前原新现时兼即称说位名个各某一两几多")
_DOMAIN_MAX = 6
_CLAUSE_BREAKS = set("，,；;：:。！？!?、(（\n")
_TITLE_JOINER = re.compile(r"(?:、|和|及|与|兼|以及)(?:同时)?(?:也是|亦是|还是|也|亦|并|兼)?\s*$")
_TITLE_JOINER_REACH = 6  # characters of the longest joiner before its spaces (以及同时也是)
_CONNECTOR_REACH = 16  # chars after a connector within which the title word must start
# Words between a connector and its title that are neither org nor domain (担任其CEO, 是一位前高管).
_FILLERS = re.compile(r"其|一位|一名|这位|该位")


@dataclass(frozen=True)
class TitleMention:
    """A title phrase found next to a person: its span in the normalised text and its value."""

    start: int
    end: int
    value: TitleValue


class _TitleWord(NamedTuple):
    start: int
    end: int
    role: str
    text: str


def _title_words(norm: str, lex: _Lexicon) -> list[_TitleWord]:
    words = []
    for regex in lex.titles:
        for match in regex.finditer(norm):
            group = match.lastgroup or ""  # the outer named group closes last: lit, w0, w1...
            if group == "lit":
                role = lex.title_roles[match.group(0).lower()]
            else:
                wildcard = match.group(match.re.groupindex[group] + 1)
                role = lex.wildcard_roles[int(group[1:])] + wildcard.lower()
            words.append(_TitleWord(match.start(), match.end(), role, match.group(0)))
    # by (start, end): one regex's matches never share a start, and no span is both a Latin and
    # a CJK title word, so the tuples' own order is that, with no key function to call
    return sorted(words)


class _TitleLine:
    """One normalised line with its title words indexed by position, and the title phrases read
    from them (`_Line` in people.py adds the names)."""

    def __init__(self, norm: str, lex: _Lexicon):
        self.norm = norm
        self.lex = lex

    @computed_once
    def words(self) -> list[_TitleWord]:
        return _title_words(self.norm, self.lex)  # only lines naming someone need them

    @computed_once
    def word_ending(self) -> dict[int, _TitleWord]:
        return {w.end: w for w in self.words}

    @computed_once
    def word_starts(self) -> list[int]:
        return [w.start for w in self.words]  # ascending: the words are in (start, end) order

    @computed_once
    def breaks(self) -> list[int]:
        """Where the line's clause breaks are (_CLAUSE_BREAKS), ascending."""
        return [match.start() for match in _CLAUSE_BREAK_CHAR.finditer(self.norm)]

    @computed_once
    def loose_marker_ends(self) -> tuple[list[int], dict[int, int]] | None:
        """Where the loose past markers are, for `has_loose_marker` on long clauses: for each
        position, the nearest end of a marker starting there or after whose lookbehind (no Latin
        letter before a Latin marker) holds in the line; and the nearest end of any marker
        starting at each position (at a clause's start the lookbehind sees nothing).

        None when the lower-cased line is no character-for-character image of the line (a
        character lower-casing to two, or a capital sigma, lower-cased by its neighbours)."""
        norm = self.norm
        lowered = norm.lower()
        if len(lowered) != len(norm) or "Σ" in norm:
            return None
        never = len(norm) + 1
        from_here = [never] * (len(norm) + 2)
        at: dict[int, int] = {}
        for word in self.lex.loose_words:
            latin = word[0].isascii() and word[0].isalpha()
            pos = lowered.find(word)
            while pos >= 0:
                end = pos + len(word)
                at[pos] = min(at.get(pos, never), end)
                if not (latin and pos > 0 and lowered[pos - 1].isascii() and lowered[pos - 1].isalpha()):
                    from_here[pos] = min(from_here[pos], end)
                pos = lowered.find(word, pos + 1)
        for pos in range(len(norm) - 1, -1, -1):
            from_here[pos] = min(from_here[pos], from_here[pos + 1])
        return from_here, at

    def clause_start(self, pos: int, floor: int) -> int:
        """`_clause_start(norm, pos, floor)`; far from `floor`, by bisecting the line's breaks."""
        if pos - floor <= _SHORT_REACH or floor < 0:
            return _clause_start(self.norm, pos, floor)
        last = bisect.bisect_left(self.breaks, pos) - 1
        return max(floor, self.breaks[last] + 1 if last >= 0 else 0)

    def has_loose_marker(self, lo: int, hi: int) -> bool:
        """`_has_loose_marker(norm[lo:hi], ...)`; for a long clause, read off `loose_marker_ends`."""
        markers = self.lex.loose_markers
        ends = self.loose_marker_ends if hi - lo > _SHORT_REACH and markers is not None and 0 <= lo <= hi <= len(self.norm) else None
        if ends is None:
            return _has_loose_marker(self.norm[lo:hi], markers)
        from_here, at = ends
        return min(from_here[lo], at.get(lo, from_here[lo])) <= hi

    def title_before(self, pos: int, floor: int = 0) -> TitleMention | None:
        """The title phrase ending right before `pos` (spaces or one 的 between)."""
        end = _skip_back(self.norm, pos, " ")
        if end > floor and self.norm[end - 1] == "的" and end - 1 in self.word_ending:
            end -= 1
        end = _skip_back(self.norm, end, " ")
        word = self.word_ending.get(end)
        if word is None or word.start < floor:
            return None
        return self._phrase(word, floor)

    def titles_before(self, pos: int) -> list[TitleMention]:
        """A list of titles before a name: 产品负责人、Meta前高管菲吉·西莫 -> both."""
        found: list[TitleMention] = []
        title = self.title_before(pos)
        while title is not None and len(found) < 4:
            found.append(title)
            joiner = _title_joiner(self.norm, title.start)
            if joiner is None:
                break
            title = self.title_before(joiner.start())
        return found[::-1]

    def title_after(self, pos: int) -> TitleMention | None:
        """X，担任其应用业务CEO / 任命X为首席营收官: a connector, then a title phrase."""
        if self.lex.connectors is None:
            return None
        at = _skip(self.norm, pos, " ")
        if at < len(self.norm) and self.norm[at] in "，,":
            at = _skip(self.norm, at + 1, " ")
        connector = self.lex.connectors.match(self.norm, at)
        if connector is None:
            return None
        floor = _skip(self.norm, connector.end(), " ")
        filler = _FILLERS.match(self.norm, floor)
        if filler:
            floor = _skip(self.norm, filler.end(), " ")
        first = bisect.bisect_left(self.word_starts, floor)  # the first word at or after floor
        if first < len(self.words) and self.words[first].start <= floor + _CONNECTOR_REACH:
            title = self._phrase(self.words[first], floor, clause_start=pos)
            return title if title.start == floor else None
        return None

    def _phrase(self, word: _TitleWord, floor: int, clause_start: int | None = None) -> TitleMention:
        """Read backwards from a title word: [marker][org][marker][domain]word."""
        norm, lex = self.norm, self.lex
        start, past = word.start, False
        domain = org = ""
        marker = _ending_marker(norm, start, floor, lex)
        if marker:
            start, past = start - len(marker), True
        else:
            run_start = _domain_run_start(norm, start, floor)
            org, domain = _split_org(norm[run_start:start], lex)
            if len(domain) > _DOMAIN_MAX:
                org = domain = ""
            else:
                start = run_start
            marker = _ending_marker(norm, start, floor, lex)
            if marker:
                start, past = start - len(marker), True
        if not org:
            org, start = self._latin_or_cjk_org(start, floor, word)
            marker = _ending_marker(norm, start, floor, lex)
            if org and marker:
                start, past = start - len(marker), True
        past = past or self.has_loose_marker(self.clause_start(start, floor if clause_start is None else clause_start), start)
        title = domain + word.text
        value = TitleValue(title=title, role=word.role, domain=domain, org=org, past=past)
        return TitleMention(start, word.end, value)

    def _latin_or_cjk_org(self, start: int, floor: int, word: _TitleWord) -> tuple[str, int]:
        """An organisation right before the title or before 的 (OpenAI CEO, Anthropic的研究员)."""
        norm = self.norm
        through_de = start > floor and norm[start - 1] == "的"
        end = start - 1 if through_de else start
        match = _LATIN_ORG.search(norm, max(floor, end - 60), end)
        if match and match.start(1) >= floor:
            # an organisation's words start with a capital or a digit: "OpenAI CEO", not "said CEO"
            words = match.group(1).split(" ")
            first = len(words)
            while first > 0 and (words[first - 1][0].isupper() or words[first - 1][0].isdigit()):
                first -= 1
            org = " ".join(words[first:])
            if org and org.lower() not in self.lex.not_names and org.lower() not in self.lex.title_roles:
                return org, match.end(1) - len(org)
        if through_de:
            run_start = _domain_run_start(norm, end, floor)
            org, rest = _split_org(norm[run_start:end], self.lex)
            if org and not rest:
                return org, run_start
        return "", start


def _title_joiner(norm: str, end: int) -> re.Match | None:
    """`_TITLE_JOINER.search(norm, 0, end)`, searched from just before the spaces ending at
    `end`: a joiner ends where they begin, so it starts at most _TITLE_JOINER_REACH before
    (from 0, every earlier position of a long line was tried for each title)."""
    begin = end
    while begin > 0 and norm[begin - 1].isspace():  # what \s matches
        begin -= 1
    return _TITLE_JOINER.search(norm, max(0, begin - _TITLE_JOINER_REACH), end)


# Below this distance a clause's start or markers are found by a walk or a search of the clause
# itself; beyond it by the line's indexes (a long line with no clause break, read from each title
# back to its start, cost n^2).
_SHORT_REACH = 64
_CLAUSE_BREAK_CHAR = re.compile("[" + re.escape("".join(sorted(_CLAUSE_BREAKS))) + "]")


def _skip(text: str, pos: int, chars: str) -> int:
    while pos < len(text) and text[pos] in chars:
        pos += 1
    return pos


def _skip_back(text: str, pos: int, chars: str) -> int:
    while pos > 0 and text[pos - 1] in chars:
        pos -= 1
    return pos


def _ending_marker(norm: str, pos: int, floor: int, lex: _Lexicon) -> str:
    """The past marker (and spaces) right before `pos`: 前CEO, 前 CEO, ex-CEO, former CEO."""
    end = max(_skip_back(norm, pos, " "), floor)
    # one look at the last character rules out nearly every title (lower-case it as the
    # markers are: only a final sigma lower-cases by its context, and no marker ends in one)
    if end == floor or norm[end - 1].lower()[-1] not in lex.marker_ends:
        return ""
    for length, words in lex.prefix_markers:
        lo = end - length
        if lo < floor or (marker := norm[lo:end].lower()) not in words:
            continue
        if marker.isascii() and lo > 0 and norm[lo - 1].isascii() and norm[lo - 1].isalpha():
            continue  # "performer" does not hold "former"
        return norm[lo:pos]
    return ""


def _domain_run_start(norm: str, pos: int, floor: int) -> int:
    start = pos
    while start > floor and _is_cjk(norm[start - 1]) and norm[start - 1] not in _DOMAIN_STOP:
        start -= 1
    return start


def _split_org(run: str, lex: _Lexicon) -> tuple[str, str]:
    """A CJK run before a title: (organisation, domain). 腾讯公司云业务 -> (腾讯公司, 云业务)."""
    for length in lex.entity_lengths.get(run[:1], ()):  # the longest alias the run opens with
        if run[:length] in lex.entities:
            return run[:length], run[length:]
    best = -1
    for suffix in lex.org_suffixes:
        index = run.rfind(suffix)
        if index >= 0:
            best = max(best, index + len(suffix))
    if best < 0:
        return "", run
    org = run[:best]
    # a bare suffix (公司 "the company") names no organisation
    return (org if org not in lex.org_suffixes else ""), run[best:]


def _clause_start(norm: str, pos: int, floor: int) -> int:
    start = pos
    while start > floor and norm[start - 1] not in _CLAUSE_BREAKS:
        start -= 1
    return start


def _has_loose_marker(clause: str, markers: re.Pattern | None) -> bool:
    return bool(markers and markers.search(clause.lower()))

