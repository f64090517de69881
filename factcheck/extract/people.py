"""People: person names (Latin, CJK transliterations, pairs of both) and the titles written next to them."""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Collection, NamedTuple

from ..config import Config
from .context import Scanner, sentence_at, word_starts
from ..model import Claim, ClaimKind, Document, Line, NameValue, TitleValue, computed_once

DOTS = "·•・‧"
_DOT = re.compile(f"[{DOTS}]")
_ONE_DOT = str.maketrans(dict.fromkeys(DOTS, "·"))  # a CJK name is keyed with the middle dot
_CJK = "\u4e00-\u9fff"
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# One capitalised name word: Sam, McDonald, Jean-Luc, O'Brien, José.
_TOKEN = rf"(?:[{_UPPER}]')?[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:-[{_UPPER}]?[{_LOWER}]+)?"
_INITIAL = rf"[{_UPPER}]\."
_PARTICLES = ("van", "von", "de", "da", "di", "del", "der", "den", "du", "la", "le", "bin", "ibn", "al", "dos", "das")
_PARTICLE = f"(?:{'|'.join(_PARTICLES)})"
# The first token as _TOKEN reads it, its capital first and then the lookbehind (no capital inside
# a word): a pattern opening with a character class is scanned for by the engine itself.
_FIRST_TOKEN = rf"[{_UPPER}](?<![A-Za-z0-9\-'.].)(?:'[{_UPPER}])?[{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:-[{_UPPER}]?[{_LOWER}]+)?"
_LATIN_RUN = Scanner(re.compile(rf"{_FIRST_TOKEN}(?: (?:{_PARTICLE} |{_INITIAL} )?{_TOKEN})+(?![A-Za-z0-9])"))
_LATIN_NAME_MAX_WORDS = 4
_PAIR_GAP_MAX = 3  # characters a paired dot name may run past the transliteration list
_PAREN = re.compile(r"[(（]\s*([^()（）\n]{2,60}?)\s*[)）]")
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


@dataclass(frozen=True)
class PersonMention:
    """A person named in one normalised line: span, name in either script, adjacent titles."""

    start: int
    end: int
    latin: str = ""
    cjk: str = ""
    titles: tuple[TitleMention, ...] = ()

    @property
    def key(self) -> str:
        """Person key: lower-case Latin name when known, else the Simplified CJK name."""
        return person_key(self.latin, self.cjk)


def person_key(latin: str, cjk: str) -> str:
    return " ".join(latin.lower().split()) if latin else cjk


# ------------------------------------------------------------------------ lexicon


class _TitleWord(NamedTuple):
    start: int
    end: int
    role: str
    text: str


@dataclass(frozen=True)
class _Lexicon:
    titles: tuple[Scanner | re.Pattern, ...]
    title_roles: dict[str, str]  # normalised lower-case word -> role
    wildcard_roles: tuple[str, ...]  # role prefix per wildcard group w0, w1, ...
    # every past marker, as it may be written right before a title: (length, markers), longest first
    prefix_markers: tuple[tuple[int, frozenset[str]], ...]
    marker_ends: frozenset[str]  # the last character of every past marker, lower-case
    loose_markers: re.Pattern | None  # longer past markers: anywhere in the title's clause
    loose_words: tuple[str, ...]  # the words of loose_markers
    org_suffixes: tuple[str, ...]
    entities: frozenset[str]
    entity_lengths: dict[str, tuple[int, ...]]  # first character -> lengths of the entities opening with it, longest first
    connectors: re.Pattern | None
    given: frozenset[str]
    not_names: frozenset[str]
    generic_terms: frozenset[str]
    translit: frozenset[str]
    surnames: frozenset[str]
    boundaries: re.Pattern | None


def _normalise(word: str, config: Config) -> str:
    """Lexicon words in any script, in the script of `Line.norm`."""
    from ..normalise import normalise_text

    return normalise_text(word, config)


def _lexicon(config: Config) -> _Lexicon:
    """The compiled people lexicon of `config`, built once per rule set."""
    return config.derived("people.lexicon", _build_lexicon)


def _build_lexicon(config: Config) -> _Lexicon:
    norm = functools.partial(_normalise, config=config)
    rules = config.lex("title_rules")
    names = config.lex("names")
    titles, roles, wildcard_roles = _title_regex(config.lex("titles"), norm)
    markers = sorted({norm(m) for m in rules["past_markers"]}, key=lambda m: (-len(m), m))
    prefix_markers = [m.lower() for m in markers]
    translit = "".join(names["transliteration_chars"]) + norm(names["transliteration_chars"])
    surnames = names["surnames"] + norm(names["surnames"])
    entities = {norm(a) for aliases in config.lex("entities").values() for a in aliases} - {""}
    return _Lexicon(
        titles=titles,
        title_roles=roles,
        wildcard_roles=wildcard_roles,
        prefix_markers=tuple((length, frozenset(group)) for length, group in itertools.groupby(prefix_markers, len)),
        marker_ends=frozenset(m[-1] for m in prefix_markers),
        loose_markers=_alternation([m.lower() for m in markers if len(m) > 1]),
        loose_words=tuple(sorted({m.lower() for m in markers if len(m) > 1})),
        org_suffixes=tuple(sorted({norm(s) for s in rules["org_suffixes"]}, key=lambda s: (-len(s), s))),
        entities=frozenset(entities),
        entity_lengths=_lengths_by_first_character(entities),
        connectors=_alternation([norm(c) for c in rules["connectors"]]),
        given=frozenset(g.lower() for g in names["given"]),
        not_names=frozenset(w.lower() for w in names["not_names"]),
        generic_terms=frozenset(w.lower() for w in names["generic_terms"]),
        translit=frozenset(translit) - set(DOTS),
        surnames=frozenset(surnames),
        boundaries=_alternation([norm(b) for b in names["boundaries"]]),
    )


def _lengths_by_first_character(words: set[str]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for word in words:
        lengths.setdefault(word[0], set()).add(len(word))
    return {first: tuple(sorted(group, reverse=True)) for first, group in lengths.items()}


def _alternation(words: list[str]) -> re.Pattern | None:
    """Longest first; Latin words only as whole words."""
    words = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    patterns = [rf"(?<![A-Za-z]){re.escape(w)}" if w[0].isascii() and w[0].isalpha() else re.escape(w) for w in words]
    return re.compile("|".join(patterns)) if words else None


def _title_regex(lexicon: dict, norm) -> tuple[tuple[Scanner | re.Pattern, ...], dict[str, str], tuple[str, ...]]:
    """Regexes for every title word, one per script (a shared one defeats the regex engine's
    first-character scan): literal words longest first, then wildcard patterns."""
    roles: dict[str, str] = {}
    wildcards: list[tuple[str, str]] = []
    for role, words in sorted(lexicon.items()):
        for word in words:
            text = norm(word)
            if "*" in text:
                wildcards.append((role, text))
            else:
                roles.setdefault(text.lower(), role)
    regexes = []
    for latin in (False, True):
        literals = sorted((w for w in roles if _is_latin(w) == latin), key=lambda w: (-len(w), w))
        parts = ["(?P<lit>" + "|".join(map(re.escape, literals)) + ")"] if literals else []
        for index, (_, text) in enumerate(wildcards):
            if _is_latin(text) == latin:
                parts.append(f"(?P<w{index}>{_wildcard_pattern(text)})")
        if parts:
            body = "|".join(parts)
            regex = re.compile(rf"(?<![A-Za-z])(?i:{body})(?![A-Za-z])" if latin else body)
            heads = [*literals, *(text.partition("*")[0] for _, text in wildcards if _is_latin(text) == latin)]
            if all(heads):  # a word opening with a wildcard could begin anywhere: tried everywhere
                regex = Scanner(regex, _latin_word_starts(heads) if latin else word_starts(heads))
            regexes.append(regex)
    wildcard_roles = tuple(role.removesuffix("*") for role, _ in wildcards)
    return tuple(regexes), roles, wildcard_roles


def _latin_word_starts(heads: list[str]) -> re.Pattern:
    """Where a Latin title word may begin: a letter opening a word, then the first three
    letters of one (any case). Latin runs are mostly words of no title (ChatGPT, Sora): the
    three letters keep most of them from a try of the whole pattern, and opening with a
    character class (the lookbehind after it) lets the engine skip ahead in C."""
    firsts = "".join(map(re.escape, sorted({head[0] for head in heads})))
    prefixes = "|".join(map(re.escape, sorted({head[:3] for head in heads})))
    return re.compile(rf"(?i:[{firsts}])(?<![A-Za-z].)(?<=(?=(?i:{prefixes})).)")


def _is_latin(text: str) -> bool:
    return bool(re.search("[A-Za-z]", text)) and not re.search(f"[{_CJK}]", text)


def _wildcard_pattern(word: str) -> str:
    head, _, tail = word.partition("*")
    if _is_latin(word):
        gap = r"([A-Za-z]+(?: [A-Za-z]+){0,2}?)"
        return re.escape(head) + gap + re.escape(tail)
    gap = f"((?:(?![的、，,])[{_CJK}]){{1,6}}?)"
    return re.escape(head) + gap + re.escape(tail)


# ------------------------------------------------------------------------- titles


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


class _Line:
    """One normalised line with its title words indexed by position, for the parsers below, and
    the names read from it."""

    def __init__(self, norm: str, lex: _Lexicon):
        self.norm = norm
        self.lex = lex

    @computed_once
    def words(self) -> list[_TitleWord]:
        return _title_words(self.norm, self.lex)  # only lines naming someone need them

    @computed_once
    def named(self) -> list[_Name]:
        """Names that need no evidence: pairings of both scripts, then dot names outside them."""
        dots = _dot_names(self.norm, self.lex, self)
        taken = sorted(_pairs(self.norm, self.lex, dots), key=lambda n: n.start)
        marks = _Marks(len(self.norm), taken)
        return taken + [n for n in dots if not marks.overlaps(n)]

    @computed_once
    def latin(self) -> list[_Name]:
        """Latin names that count only with evidence, those overlapping a name of `named` left
        out: every reader drops them (both take the named ones first)."""
        return _latin_candidates(self.norm, self.lex, self, self.named)

    @computed_once
    def people(self) -> tuple[PersonMention, ...]:
        """The people of the line when no name is known from elsewhere."""
        return tuple(_find_people(self, ()))

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


class _Marks:
    """The characters of a line that some names hold, to tell whether a name overlaps any of
    them by one search in C (`_overlaps` tests every name)."""

    def __init__(self, length: int, names: list = ()):
        self.names: list = []
        self.marks = bytearray(length)
        self.empty = False  # whether an empty name was added (none is read)
        for name in names:
            self.add(name)

    def add(self, name) -> None:
        self.names.append(name)
        if name.end > name.start:
            self.marks[name.start:name.end] = b"\x01" * (name.end - name.start)
        else:
            self.empty = True

    def overlaps(self, name) -> bool:
        if name.end > name.start and not self.empty:
            return self.marks.find(1, name.start, name.end) >= 0
        return _overlaps(name, self.names)  # an empty name overlaps a name it lies strictly inside


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


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


# -------------------------------------------------------------------------- names


class _Name(NamedTuple):
    start: int
    end: int
    latin: str = ""
    cjk: str = ""


def _latin_name(text: str, lex: _Lexicon) -> str:
    """`text` if it reads as a person's name in Latin script (2-4 words, no stop words), else ""."""
    if not _LATIN_RUN.pattern.fullmatch(text):
        return ""
    words = text.split()
    capitalised = [w for w in words if w not in _PARTICLES]
    if not 2 <= len(capitalised) <= _LATIN_NAME_MAX_WORDS:
        return ""
    if any(w.lower().rstrip(".") in lex.not_names or w.lower() in lex.generic_terms for w in capitalised):
        return ""
    return " ".join(words)


def _latin_candidates(norm: str, lex: _Lexicon, line: _Line, skip: list[_Name]) -> list[_Name]:
    """Capitalised runs; leading honorifics and titles (Dr, President, Chief X Officer) are not the name.

    A run whose last character lies in a name of `skip` is not read: its candidate ends there."""
    names = []
    skipped = _Marks(len(norm), skip).marks
    title_words, word_starts = line.words, line.word_starts
    for match in _LATIN_RUN.finditer(norm):
        last = match.end() - 1
        if skipped[last]:  # a character of a name of `skip`
            continue
        # the title words inside the run, found by bisection (the line's every word per run cost runs x words)
        inside = title_words[bisect.bisect_left(word_starts, match.start()):bisect.bisect_right(word_starts, match.end())]
        start = max([match.start(), *(w.end + 1 for w in inside if w.end < match.end())])
        words = norm[start : match.end()].split(" ")
        while words and (words[0].lower().rstrip(".") in lex.not_names or words[0].lower() in lex.title_roles):
            start += len(words[0]) + 1
            words = words[1:]
        latin = _latin_name(" ".join(words), lex)
        if latin:
            names.append(_Name(start, start + len(latin), latin=latin))
    return names


def _dot_names(norm: str, lex: _Lexicon, line: _Line) -> list[_Name]:
    """Transliterations with a middle dot: 萨姆·奥特曼, 马克·陈, read as far as the name goes."""
    names: list[_Name] = []
    if _next_dot(norm, 0) < 0:
        return names
    cuts = [m.span() for m in lex.boundaries.finditer(norm)] if lex.boundaries else []
    glued = _Reach([*((w.start, w.end) for w in line.words), *cuts])  # built once per line, not per dot
    cut_starts = [lo for lo, _ in cuts]  # ascending: the matches of one pattern
    pos = 0
    while pos < len(norm):
        dot = _next_dot(norm, pos)
        if dot < 0:
            break
        start = _left_part_start(norm, dot, lex, glued)
        end = dot
        while end < len(norm) and norm[end] in DOTS and end > start:
            right = _right_part_end(norm, end + 1, lex, cut_starts)
            if right == end + 1:
                break
            end = right
        if start < dot and end > dot:
            cjk = norm[start:end].translate(_ONE_DOT)
            names.append(_Name(start, end, cjk=cjk))
            pos = end
        else:
            pos = dot + 1
    return names


def _next_dot(norm: str, pos: int) -> int:
    match = _DOT.search(norm, pos)
    return match.start() if match else -1


class _Reach:
    """Spans, for the furthest end of those starting before a position, by bisection.

    A title word or boundary word glued on the left of a dot name is not the name: the plain
    reading, one pass over the line's words per dot, moves the start to min(hi, dot) for each
    span (lo, hi) with lo < dot and hi past the start so far. The start only grows, and a span
    ending at or before it moves nothing: so the start is the larger of the first one and
    min(dot, the furthest hi of a span with lo < dot), whatever the order of the spans."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [lo for lo, _ in spans]
        self.furthest = list(itertools.accumulate((hi for _, hi in spans), max))

    def before(self, pos: int) -> int | None:
        """The furthest end of a span starting before `pos`; None if none does."""
        count = bisect.bisect_left(self.starts, pos)
        return self.furthest[count - 1] if count else None


def _left_part_start(norm: str, dot: int, lex: _Lexicon, glued: _Reach) -> int:
    start = dot
    while start > 0 and dot - start < 6 and norm[start - 1] in lex.translit:
        start -= 1
    furthest = glued.before(dot)  # a title word or boundary word glued on the left is not the name
    return start if furthest is None else max(start, min(furthest, dot))


def _right_part_end(norm: str, pos: int, lex: _Lexicon, cut_starts: list[int]) -> int:
    end = pos
    while end < len(norm) and end - pos < 6 and norm[end] in lex.translit:
        end += 1
    if end == pos and pos < len(norm) and norm[pos] in lex.surnames:
        end = pos + 1  # a Chinese surname after a Western given name: 马克·陈, 珍妮·肖
    first = bisect.bisect_right(cut_starts, pos)  # the first cut starting after pos ends the name there
    if first < len(cut_starts) and cut_starts[first] < end:
        end = cut_starts[first]
    return end


def _pairs(norm: str, lex: _Lexicon, dot_names: list[_Name]) -> list[_Name]:
    """`中文名(Latin Name)` and `Latin Name（中文名）`: one person named in both scripts."""
    dot_exact = {(n.start, n.end): n for n in dot_names}
    dot_ends = [n.end for n in dot_names]  # ascending: each dot name ends past the one before
    latin_ending: dict[int, re.Match] | None = None
    pairs = []
    for paren in _PAREN.finditer(norm):
        inner, (lo, hi) = paren.group(1), paren.span(1)
        latin = _latin_name(inner, lex)
        if latin:
            before = _skip_back(norm, paren.start(), " ")
            cjk_name = _dot_name_reaching(norm, before, dot_names, dot_ends) or _plain_cjk_name(norm, before, latin, lex)
            if cjk_name:
                pairs.append(_Name(cjk_name.start, paren.end(), latin=latin, cjk=cjk_name.cjk))
            continue
        cjk_name = dot_exact.get((lo, hi)) or _whole_cjk_name(inner, lo, lex)
        if not cjk_name:
            continue
        if latin_ending is None:  # the line's Latin runs, read once a paren holds a CJK name
            latin_ending = {m.end(): m for m in _LATIN_RUN.finditer(norm)}
        run = latin_ending.get(_skip_back(norm, paren.start(), " "))
        latin = _latin_name(run.group(0), lex) if run else ""
        if latin:
            pairs.append(_Name(run.start(), paren.end(), latin=latin, cjk=cjk_name.cjk))
    return pairs


def _dot_name_reaching(norm: str, end: int, dot_names: list[_Name], dot_ends: list[int]) -> _Name | None:
    """The dot name ending at `end`, or stopping short of it by a few characters the
    transliteration list lacks (彼得罗夫 read as 彼): the pairing shows where the name ends.

    Only names ending from end - _PAIR_GAP_MAX to `end` can: found by bisecting their ends,
    ascending in the names' order (a scan of every dot name per parenthesis cost n^2)."""
    first = bisect.bisect_left(dot_ends, end - _PAIR_GAP_MAX)
    last = bisect.bisect_right(dot_ends, end)
    for name in dot_names[first:last]:
        gap = norm[name.end : end]
        if name.end <= end and len(gap) <= _PAIR_GAP_MAX and all(_is_cjk(c) and c not in _DOMAIN_STOP for c in gap):
            return _Name(name.start, end, cjk=norm[name.start : end].translate(_ONE_DOT))
    return None


def _plain_cjk_name(norm: str, end: int, latin: str, lex: _Lexicon) -> _Name | None:
    """A CJK name with no dot before a Latin name: a transliteration or surname + given name.

    A run of transliteration characters is cut where a title word ends (秘书长|古特雷斯); three
    or more of them before a Latin name are taken as its transliteration, two only when the
    Latin given name is a known one (else 雷斯 could be a Chinese surname and given name)."""
    start = end
    while start > 0 and end - start < 6 and norm[start - 1] in lex.translit:
        start -= 1
    if start > 0 and norm[start - 1] in DOTS:
        return None  # the tail of a dot name, not a name of its own
    for word in _title_words(norm[max(0, start - 8):end], lex):
        word_end = max(0, start - 8) + word.end
        if start < word_end < end:
            start = word_end
    if end - start >= 3 or (end - start >= 2 and latin.split()[0].lower() in lex.given):
        return _Name(start, end, cjk=norm[start:end])
    for length in (3, 2):
        head = end - length
        if head >= 0 and all(_is_cjk(c) for c in norm[head:end]) and norm[head] in lex.surnames:
            return _Name(head, end, cjk=norm[head:end])
    return None


def _whole_cjk_name(inner: str, offset: int, lex: _Lexicon) -> _Name | None:
    if not 2 <= len(inner) <= 4 or not all(_is_cjk(c) for c in inner):
        return None
    if all(c in lex.translit for c in inner) or (inner[0] in lex.surnames and len(inner) <= 3):
        return _Name(offset, offset + len(inner), cjk=inner)
    return None


def _overlaps(name: _Name, taken: list[_Name]) -> bool:
    return any(name.start < t.end and t.start < name.end for t in taken)


# Lines recently read: terms asks for the lines holding dates and amounts, then extract_people
# for every line, some twice. An entry keeps its lexicon alive, so the lexicon's id is not reused.
_RECENT: dict[tuple[int, str], _Line] = {}


def _line_of(norm_text: str, lex: _Lexicon) -> _Line:
    key = (id(lex), norm_text)
    line = _RECENT.get(key)
    if line is None:
        if len(_RECENT) >= 512:
            _RECENT.clear()
        line = _RECENT[key] = _Line(norm_text, lex)
    return line


def find_people(norm_text: str, config: Config, known: Collection[str] = ()) -> list[PersonMention]:
    """Every person named in one normalised line, with the titles written next to each.

    A Latin name needs evidence: a title next to it, a CJK pairing, a common given name, or
    its lower-cased form in `known` (names already accepted elsewhere in the document).
    """
    if not _may_name(norm_text):
        return []
    line = _line_of(norm_text, _lexicon(config))
    return _find_people(line, known) if known else list(line.people)


def _may_name(norm: str) -> bool:
    """Whether the line holds a dot or a Latin run: every name read here does (a pairing's Latin
    side is a run, and so is the Latin name a CJK one in parentheses is paired with)."""
    for dot in DOTS:  # plain substring tests beat a regex scan of the line
        if dot in norm:
            return True
    # a run's words are joined by spaces: most Chinese lines have none, and need no scan
    return " " in norm and _LATIN_RUN.search(norm) is not None


def _find_people(line: _Line, known: Collection[str]) -> list[PersonMention]:
    lex = line.lex
    taken = list(line.named)
    marks = _Marks(len(line.norm), taken)
    for name in line.latin:
        if not marks.overlaps(name) and _has_evidence(name, line, lex, known):
            taken.append(name)
            marks.add(name)
    mentions = []
    for name in sorted(taken, key=lambda n: n.start):
        titles = line.titles_before(name.start)
        after = line.title_after(name.end)
        if after is not None:
            titles.append(after)
        mentions.append(PersonMention(name.start, name.end, name.latin, name.cjk, tuple(titles)))
    return mentions


def _has_evidence(name: _Name, line: _Line, lex: _Lexicon, known: Collection[str]) -> bool:
    if name.latin.split()[0].lower() in lex.given or person_key(name.latin, "") in known:
        return True
    return line.title_before(name.start) is not None or line.title_after(name.end) is not None


# ------------------------------------------------------------------------- claims


def extract_people(doc: Document, config: Config) -> list[Claim]:
    """NAME claims for every person mention and TITLE claims for every title next to one."""
    lex = _lexicon(config)
    # a line with no dot and no Latin run names no one, whatever the rest of the document names
    read = [(line, _line_of(norm, lex)) for line in doc.lines if _may_name(norm := _norm_of(line))]
    first = [list(parsed.people) for _, parsed in read]
    known = frozenset(m.key for mentions in first for m in mentions if m.latin)
    latin_of = _pairings(first)
    claims: list[Claim] = []
    for (line, parsed), mentions in zip(read, first):
        if _names_known_elsewhere(parsed, mentions, known):
            mentions = _find_people(parsed, known)
        for mention in mentions:
            key = person_key(mention.latin or latin_of.get(mention.cjk, ""), mention.cjk)
            claims.append(_name_claim(doc, line, mention, key))
            claims.extend(_title_claim(doc, line, title, key) for title in mention.titles)
    return claims


def _names_known_elsewhere(line: _Line, mentions: list[PersonMention], known: frozenset[str]) -> bool:
    """Does the line hold a Latin name left out for lack of evidence that the document gives?"""
    if not known:
        return False
    taken = _Marks(len(line.norm), [_Name(m.start, m.end) for m in mentions])
    return any(person_key(name.latin, "") in known and not taken.overlaps(name) for name in line.latin)


def _norm_of(line: Line) -> str:
    norm = line.norm or line.text
    return norm if len(norm) == len(line.text) else line.text


def _pairings(mentions: list[list[PersonMention]]) -> dict[str, str]:
    """CJK name -> its most frequent Latin pairing in the document (ties: first seen)."""
    counts: dict[str, Counter[str]] = {}
    for mention in (m for line in mentions for m in line):
        if mention.latin and mention.cjk:
            counts.setdefault(mention.cjk, Counter())[mention.latin] += 1
    return {cjk: counter.most_common(1)[0][0] for cjk, counter in counts.items()}


def _evidence(line: Line, start: int, end: int) -> tuple[str, str, int]:
    lo, hi = sentence_at(_norm_of(line), start)
    return line.text[lo:hi], line.text[start:end], start - lo


def _name_claim(doc: Document, line: Line, mention: PersonMention, key: str) -> Claim:
    sentence, raw, offset = _evidence(line, mention.start, mention.end)
    terms = tuple(t for t in (person_key(mention.latin, ""), mention.cjk) if t)
    return Claim(
        kind=ClaimKind.NAME, doc=doc.path, line=line.number, sentence=sentence, raw=raw, start=offset,
        subject=key, attribute="name", value=NameValue(mention.latin, mention.cjk), terms=terms,
    )


def _title_claim(doc: Document, line: Line, title: TitleMention, key: str) -> Claim:
    sentence, raw, offset = _evidence(line, title.start, title.end)
    terms = (title.value.org.lower(),) if title.value.org else ()
    return Claim(
        kind=ClaimKind.TITLE, doc=doc.path, line=line.number, sentence=sentence, raw=raw, start=offset,
        subject=key, attribute="title", value=title.value, terms=terms,
    )
