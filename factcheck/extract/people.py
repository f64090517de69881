"""People: who a line names with the titles next to each (find_people), and a document's NAME and TITLE claims.

The reading lives beside it: person_lexicon (the rules compiled), person_titles (title phrases),
person_names (names in either script); `_Line` here joins a line's titles and names."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Collection

from ..config import Config
from .context import sentence_at
from ..model import Claim, ClaimKind, Document, Line, NameValue, computed_once
from .person_lexicon import DOTS, _Lexicon, _lexicon
from .person_names import _LATIN_RUN, _Marks, _Name, _dot_names, _latin_candidates, _pairs
from .person_titles import TitleMention, _TitleLine


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


class _Line(_TitleLine):
    """One normalised line: its titles (`_TitleLine`) and the names and people read from it."""

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
