"""A document's body: from its first to its last prose line, up to the first footer; later
articles when a footer repeats; the text a footer cut off, reported as `dropped-text`."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..config import Config
from ..model import Problem
from .characters import _HAN_RUN
from .debris import _compile, _fold_ascii, _line_kinds, _matches, _Patterns, _simplified


_SENTENCE_END = "。！？!?…"
_CLOSERS = "”’」』)）】》\"' "
_MIN_PROSE_HAN = 12
_LONG_PROSE_HAN = 40


def is_prose(text: str) -> bool:
    """Running text: many Han characters closing a sentence, or a long paragraph with a sentence
    mark or, cut off mid-sentence as excerpts often are, clauses (，)."""
    han = sum(map(len, _HAN_RUN.findall(text)))
    if han >= _MIN_PROSE_HAN and text.rstrip(_CLOSERS)[-1:] in _SENTENCE_END:
        return True
    return han >= _LONG_PROSE_HAN and any(mark in text for mark in "。！？，")


def body_lines(texts: list[tuple[int, str]], patterns: _Patterns) -> tuple[list[int], int]:
    """Indexes (into texts) of the lines to keep, and the count of non-blank lines dropped, when
    the first article is the whole body (read_body may read later ones too)."""
    body = read_body(texts, patterns, later_articles=False)
    return body.keep, body.dropped


# A footer followed by running text: this much of it dropped is no ordinary web debris (a
# disclaimer's second line is), and the cut is reported (rule `dropped-text`).
_NOTED_PROSE_LINES = 2
_NOTED_PROSE_CHARS = 200


@dataclass(frozen=True)
class Cut:
    """Text dropped from a footer line on, though it holds running text."""

    stop: int  # index (into texts) of the footer line that ended the article
    lines: int  # non-blank lines dropped from it on, itself included
    chars: int  # their characters (stripped)
    prose: int  # lines of running text among them


@dataclass(frozen=True)
class Body:
    keep: list[int]  # indexes (into texts) of the lines kept
    dropped: int  # non-blank lines dropped
    cuts: tuple[Cut, ...] = ()  # drops of running text, to be reported
    articles: int = 1  # articles read (more than one: several articles concatenated, each footer repeated)


def read_body(texts: list[tuple[int, str]], patterns: _Patterns, later_articles: bool = True) -> Body:
    """The body of a document: from its first to its last prose line, up to the first footer
    (stop pattern) after the first prose line.

    With `later_articles`, what follows that footer is looked at too. A document of several
    articles, each closed by a footer, repeats a footer (its label, `責任編輯`, `原文標題`, in two
    footers with running text between them): every article is then read, each from its first to
    its last prose line. Otherwise the text after the footer is dropped, and when it holds running
    text (_NOTED_PROSE_LINES lines or _NOTED_PROSE_CHARS characters) the cut is returned, to be
    reported."""
    kinds = _line_kinds(texts, patterns)
    first = _first_prose(texts, kinds, range(len(texts)))
    cuts: tuple[Cut, ...] = ()
    if first is None:  # no running text at all: keep whatever is not debris by pattern
        windows = [range(len(texts))]
    else:
        limit = _next_stop(kinds, first + 1)
        windows = [_article(texts, kinds, first, limit)]
        if later_articles and limit < len(texts):
            later = _later_articles(texts, kinds, limit)
            if later:
                windows += later
            else:
                cuts = _noted_cut(texts, kinds, limit)
    keep = [i for window in windows for i in window if texts[i][1].strip() and not kinds[i]]
    dropped = sum(1 for _, text in texts if text.strip()) - len(keep)
    return Body(keep, dropped, cuts, len(windows))


def _next_stop(kinds: list[str], start: int) -> int:
    """The first footer line (stop pattern) from `start` on, or len(kinds)."""
    return next((i for i in range(start, len(kinds)) if kinds[i] == "stop"), len(kinds))


def _article(texts: list[tuple[int, str]], kinds: list[str], first: int, limit: int) -> range:
    """The lines of an article whose first prose line is `first` and whose footer is at `limit`."""
    last = _through_list(texts, kinds, _first_prose(texts, kinds, range(limit - 1, first - 1, -1)), limit)
    return range(first, last + 1)


def _later_articles(texts: list[tuple[int, str]], kinds: list[str], limit: int) -> list[range]:
    """After the first article's footer at `limit`: the later articles when a footer repeats, else none.

    The lines from `limit` on alternate between footers (a stop line and the lines after it up to
    the next prose line) and articles (from a prose line to the next stop line)."""
    footers: list[set[str]] = []
    articles: list[tuple[int, int]] = []
    at = limit
    while at < len(texts):
        labels = set()
        while at < len(texts) and (kinds[at] or not is_prose(texts[at][1])):
            if kinds[at] == "stop":
                labels.add(footer_label(texts[at][1]))
            at += 1
        footers.append(labels)
        if at == len(texts):
            break
        end = _next_stop(kinds, at + 1)
        articles.append((at, end))
        at = end
    repeated = Counter(label for labels in footers for label in labels)
    if not articles or not repeated or repeated.most_common(1)[0][1] < 2:
        return []
    return [_article(texts, kinds, start, end) for start, end in articles]


_LABEL = re.compile(r"([^:]{1,12}?)\s*:")
_SPACES = re.compile(r"\s+")


def footer_label(text: str) -> str:
    """What two footers of one site share: the label before a colon (`責任編輯：王小明` ->
    `责任编辑`), else the line's first 12 characters; in Simplified, without spaces."""
    simple = _simplified(_fold_ascii(text.strip()))
    match = _LABEL.match(simple)
    return _SPACES.sub("", match.group(1) if match else simple[:12])


def _noted_cut(texts: list[tuple[int, str]], kinds: list[str], limit: int) -> tuple[Cut, ...]:
    """The cut at the footer `limit`, when the text it drops holds running text worth a note."""
    region = [text.strip() for _, text in texts[limit:]]
    prose = [text for index, text in enumerate(region, limit) if text and not kinds[index] and is_prose(text)]
    if len(prose) < _NOTED_PROSE_LINES and sum(map(len, prose)) < _NOTED_PROSE_CHARS:
        return ()
    return (Cut(limit, sum(1 for text in region if text), sum(map(len, region)), len(prose)),)


def _first_prose(texts: list[tuple[int, str]], kinds: list[str], indexes: range) -> int | None:
    """The first of `indexes` holding prose: only the first and the last prose line bound the body."""
    return next((i for i in indexes if not kinds[i] and is_prose(texts[i][1])), None)


_LIST_ITEM = re.compile(r"^\s*(?:[·•●▪\-*|]|\d{1,2}\s*[.、)）]|[一二三四五六七八九十]{1,3}、)")


def _through_list(texts: list[tuple[int, str]], kinds: list[str], last: int, limit: int) -> int:
    """A list or table that closes the article belongs to it, though its items are not sentences."""
    end = last
    for index in range(last + 1, limit):
        text = texts[index][1]
        if not text.strip():
            continue
        if kinds[index]:
            break
        if _LIST_ITEM.match(text):
            end = index
        elif not text.rstrip().endswith((":", "：")):  # "...包括：" may introduce the list
            break
    return end


def _cut_problem(texts: list[tuple[int, str]], cut: Cut, config: Config) -> Problem:
    """dropped-text: how much went from the footer line on, and which stop pattern that line matched."""
    number, text = texts[cut.stop][0], texts[cut.stop][1].strip()
    which = _stop_pattern(text, config)
    rule = f"[lexicon.boilerplate] stop_patterns[{which}]" if which is not None else "a stop pattern"
    shown = text if len(text) <= 30 else text[:30] + "…"
    noun = "line" if cut.prose == 1 else "lines"
    detail = (f"{cut.lines} lines ({cut.chars} characters, {cut.prose} {noun} of running text) dropped from line {number} "
              f"on: '{shown}' matches {rule}, which ends an article")
    return Problem("dropped-text", number, text, detail, str(cut.lines))


def _stop_pattern(text: str, config: Config) -> int | None:
    """Which of the configured stop patterns (0-based) a footer line matches."""
    simple = _simplified(_fold_ascii(text.strip()))
    for index, pattern in enumerate(config.lex("boilerplate").get("stop_patterns", [])):
        if _matches(_compile((), (pattern,), ()).stop, simple):
            return index
    return None
