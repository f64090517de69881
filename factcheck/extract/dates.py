"""Date claims: the date extractor's entry, reading each line's dates into claims with what each is about.

The date modules, in the order a line goes through them: `date_forms` (words, tables, patterns),
`date_expressions` (expressions as written), `date_resolution` (day intervals, ranges, lists),
`date_window` and `date_subjects` (what a date is about), `date_peg` (the story's news peg).

Reading rules (the choices the task left open):

- Years must be 1900-2100. `2029年前` / `2029年以后` (a bound, "before/after 2029") is not a date.
- A weekday-less week of a month, `2025年12月第二周`, is days 8-14 (week N = days 7N-6..7N, cut at
  the month's end): articles count weeks from the 1st, not ISO weeks.
- Publication-relative words (今年, 去年, 上个月, 上周, 周一, 昨天) resolve against `meta.published`
  and are marked relative; without a publication date they are still emitted, unresolved, with
  their canonical text as `written` (`去年`, `明年1月`).
- A year-less date (`12月1日`, `8月`) takes its year from, in order: the other end of a range it
  belongs to; the last year written earlier in the same line; the publication date (relative).
- Anaphoric years (`同年`, `当年`, `这一年`, `该年`, `次年`) take the last year written in figures
  earlier in the document (+1 for 次年/翌年); unresolved if none was.
- Durations and vague words are not dates: `八周`, `8周内`, `10年零7个月`, `四年前` (counted from an
  unknown point as often as from the publication date), `近日`, `最近`.
- Part-of-month, season and part-of-year words map to the day ranges in the tables of
  `date_forms`; winter runs from December of the year written to February of the next.
"""
from __future__ import annotations

import bisect

from ..config import Config
from .context import sentence_spans
from .date_expressions import _expressions
from .date_forms import _HEAD_HINT
from .date_peg import _pegged_to_the_story
from .date_resolution import DateMention, _resolved, _sets_document_year, list_siblings
from .date_subjects import About, _about
from ..model import Claim, ClaimKind, Document, Line
from .terms import find_terms


def extract_dates(doc: Document, config: Config) -> list[Claim]:
    """Every date claim of a normalised document, in document order."""
    claims: list[Claim] = []
    document_year: int | None = None
    for line in doc.lines:
        norm = line.norm or line.text
        if not _HEAD_HINT.search(norm):
            continue  # no date in it (most lines): read_dates would find none
        mentions = _resolved(norm, _expressions(norm), doc.meta.published, document_year)
        for mention in mentions:
            if _sets_document_year(mention, doc.meta.published):
                document_year = mention.year_written
        if not mentions or (doc.meta.published_line and line.number == doc.meta.published_line):
            continue
        claims.extend(_line_claims(doc.path, line, norm, mentions, config))
    return _pegged_to_the_story(claims, doc, config)


def _line_terms(norm: str, config: Config) -> list:
    return find_terms(norm, config)


def _line_claims(path: str, line: Line, norm: str, mentions: list[DateMention], config: Config) -> list[Claim]:
    terms = _line_terms(norm, config)
    heads = list_siblings(norm, mentions)
    # the sentences cover the line end to end: the one holding a date is the last starting at
    # or before it, found by bisection instead of a scan of the line per date
    sentences = sentence_spans(norm)
    sentence_starts = [start for start, _ in sentences]
    spans = [(m.start, m.end) for m in mentions]
    list_span = {head: (spans[head][0], spans[index][1]) for index, head in enumerate(heads)}
    line_dates = _LineDates(norm, terms, spans, heads)
    read: dict[tuple[int, tuple[int, int]], About] = {}  # the dates of one list are read once
    texts: dict[tuple[int, int], str] = {}  # the claims of a sentence share its text (read once by _peg_date)
    claims = []
    for index, mention in enumerate(mentions):
        head = heads[index]
        sentence = sentences[bisect.bisect_right(sentence_starts, mention.start) - 1]
        info = read.get((head, sentence))
        if info is None:
            date = list_span[head]
            info = read[head, sentence] = _about(norm, date, sentence, line_dates.holds_date(head),
                                                 line_dates.terms_in(date), config)
        claims.append(Claim(
            kind=ClaimKind.DATE, doc=path, line=line.number,
            sentence=texts.get(sentence) or texts.setdefault(sentence, line.text[sentence[0]:sentence[1]]),
            raw=line.text[mention.start:mention.end],
            start=mention.start - sentence[0], subject=info.subject, attribute=info.attribute,
            value=mention.value, terms=info.terms, modality=info.modality,
        ))
    return claims


class _LineDates:
    """A line's dates and terms, for `_about` to read every date of the line with what `about`
    finds by passes over every other date and every term (each date's own passes made a line
    of n dates cost n^2 dates and n^2 terms; 30 KB of dates on one line took 6 s, 118 KB over 100).

    The dates of one list (`heads`, from `list_siblings`) are the indices from the head to the
    list's last, all inside the list's span: the terms overlapping no date of the line but a
    list's span are the terms overlapping no mention, less those overlapping that span, and the
    mentions found by bisection in a clause hold a date of another list unless they are all of
    the list's own."""

    def __init__(self, norm: str, terms: list, spans: list[tuple[int, int]], heads: list[int]):
        marks = bytearray(len(norm))  # 1 on every character of a mention
        for lo, hi in spans:
            marks[lo:hi] = b"\x01" * (hi - lo)
        # terms are sorted by start; an empty term (none is found) overlaps a span it lies strictly inside
        self.free = [t for t in terms if (marks.find(1, t.start, t.end) < 0 if t.start < t.end
                                          else not any(lo < t.start < hi for lo, hi in spans))]
        self.free_starts = [t.start for t in self.free]
        self.starts = [lo for lo, _ in spans]
        self.last = {head: index for index, head in enumerate(heads)}  # a list's last mention

    def holds_date(self, head: int):
        """Whether a clause holds the start of a mention of another list than `head`'s."""
        starts, last = self.starts, self.last[head]

        def holds(clause: tuple[int, int]) -> bool:
            lo, hi = bisect.bisect_left(starts, clause[0]), bisect.bisect_left(starts, clause[1])
            return hi > lo and not (head <= lo and hi - 1 <= last)
        return holds

    def terms_in(self, date: tuple[int, int]):
        """The terms inside a span that overlap no mention and not `date` (a list's span)."""
        free, free_starts = self.free, self.free_starts
        s, e = date

        def inside(span: tuple[int, int]) -> list:
            lo, hi = bisect.bisect_left(free_starts, span[0]), bisect.bisect_right(free_starts, span[1])
            return [t for t in free[lo:hi] if t.end <= span[1] and not (t.start < e and s < t.end)]
        return inside
