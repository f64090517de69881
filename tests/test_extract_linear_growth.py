"""Issue 11: extraction work grows linearly with a long line, counted, not timed.

Each case reads one generated line at two sizes, the second twice the first, and counts the work
done: the lines of factcheck's own code executed (a trace, so a loop or comprehension run once
per date and per term counts every turn), and the characters that the regular expressions known
to have been run from a line's start were given. Twice the input must cost at most 2.5 times the
work (a pass over every other date or name per date or name costs 4 times). No timing is asserted.

The cases: many dates on one line (each date filtered every term of the line and every other
date), a line of Latin names and titles without punctuation (each title read its clause back to
the line's start, each name was tested against every name taken and every title word), a long
sentence pegged to the story's event (each date normalised its whole sentence), and a line of
quoted and lexicon terms (each quote was tested against every lexicon word).
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import pytest

import factcheck
from factcheck.extract import context, date_peg, dates, people, person_titles, terms
from factcheck.settings import load_config
from factcheck.model import Document, Line, Metadata
from factcheck.normalise import normalise_text

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "rules")
PACKAGE = str(Path(factcheck.__file__).resolve().parent)
LINEAR = 2.5

ORGS = ["OpenAI", "谷歌", "微软", "英伟达", "Anthropic"]
EVENTS = ["红色警报", "开发者大会", "裁员", "诉讼", "峰会"]
PRODUCTS = ["ChatGPT", "Gemini", "Sora", "Claude"]
GIVEN = ["Sam", "Anna", "Peter", "Maria", "John", "Laura"]
FAMILY = ["Walker", "Hughes", "Moreno", "Fischer", "Larsen", "Okafor"]


def _line(pieces: int, piece, seed: int = 5) -> str:
    rng = random.Random(seed)
    return "".join(piece(rng) for _ in range(pieces))


def _dated(rng: random.Random) -> str:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice((
        f"{rng.choice(ORGS)}于2025年{month}月{day}日宣布{rng.choice(EVENTS)}，",
        f"{month}月{day}日，{rng.choice(PRODUCTS)}将于{month}月底上线。",
        f"{rng.choice(ORGS)}在{month}月、{month % 12 + 1}月和{month % 11 + 2}月先后启动“{rng.choice(PRODUCTS)}计划”；",
    ))


def _named(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" + rng.choice((" ", " CEO ", "和", " and ", "前CEO ", "的研究员"))


def _pegged(rng: random.Random) -> str:
    return f"奥特曼{rng.choice(('周一', '12月1日', '12月3日', f'{rng.randint(1, 11)}月{rng.randint(1, 28)}日'))}呼吁员工全力冲刺，"


def _quoted(rng: random.Random) -> str:
    return f"{rng.choice(ORGS)}的“{rng.choice(PRODUCTS)}计划”与{rng.choice(EVENTS)}，"


def _document(body: str, lead: str = "标题") -> Document:
    lines = tuple(Line(number, text, text, normalise_text(text, CONFIG)) for number, text in enumerate((lead, body), 1))
    return Document(path="a.txt", sha256="", encoding="utf-8", meta=Metadata(published=dt.date(2025, 12, 5)), lines=lines)


class _Work:
    """Lines of factcheck's code run, and characters given to the regexes named in `scans`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.lines = 0
        self.scanned = 0
        self.monkeypatch = monkeypatch

    def count_scans(self, module, name: str) -> None:
        """Count the characters from `pos` to `endpos` that a module's compiled pattern is run on."""
        pattern = getattr(module, name)
        work = self

        class Counted:
            def __getattr__(self, attr):
                return getattr(pattern, attr)

            def search(self, text, pos=0, endpos=None):
                work.scanned += (len(text) if endpos is None else endpos) - pos
                return pattern.search(text, pos, len(text) if endpos is None else endpos)

        self.monkeypatch.setattr(module, name, Counted())

    def count_calls(self, module, name: str, size) -> None:
        """Count `size(*args)` characters for each call of a module's function."""
        function = getattr(module, name)
        work = self

        def counted(*args, **kwargs):
            work.scanned += size(*args)
            return function(*args, **kwargs)

        self.monkeypatch.setattr(module, name, counted)

    def run(self, read, *args):
        def local(frame, event, arg):
            if event == "line":
                self.lines += 1
            return local

        def calls(frame, event, arg):
            return local if frame.f_code.co_filename.startswith(PACKAGE) else None

        people._RECENT.clear()
        terms._RECENT.clear()
        context._INDEXES.clear()
        previous = sys.gettrace()
        sys.settrace(calls)
        try:
            return read(*args)
        finally:
            sys.settrace(previous)


def _growth(monkeypatch, read, small: str, large: str, setup=lambda work: None, lead: str = "标题") -> tuple[float, float, int]:
    """(ratio of lines run, ratio of characters scanned, claims at the large size)."""
    counts = []
    for body in (small, large):
        work = _Work(monkeypatch)
        setup(work)
        found = work.run(read, _document(body, lead), CONFIG)
        counts.append((work.lines, work.scanned, len(found)))
        monkeypatch.undo()
    (lines_small, scanned_small, _), (lines_large, scanned_large, claims) = counts
    return lines_large / lines_small, (scanned_large / scanned_small if scanned_small else 0.0), claims


def _plain_scans(work: _Work) -> None:
    # a scan of the line from its start for a sentence or a clause: the index must answer instead
    work.count_calls(context, "plain_sentence_at", lambda text, pos: pos)
    work.count_calls(context, "plain_clause_at", lambda text, pos, lo=0, hi=None: abs(pos - lo))


def test_many_dates_on_one_line_cost_linear_work(monkeypatch):
    small, large = _line(150, _dated), _line(300, _dated)
    assert len(small) > context.INDEXED_LENGTH
    lines, scanned, claims = _growth(monkeypatch, dates.extract_dates, small, large, _plain_scans)
    assert claims > 300  # a date or more per piece
    assert lines <= LINEAR, f"twice the dates ran {lines:.2f} times the lines of code"
    assert scanned <= LINEAR


def test_a_line_of_latin_names_without_punctuation_costs_linear_work(monkeypatch):
    small, large = _line(400, _named), _line(800, _named)

    def scans(work):
        _plain_scans(work)
        work.count_scans(person_titles, "_TITLE_JOINER")
        work.count_calls(person_titles, "_clause_start", lambda norm, pos, floor: pos - floor)
        work.count_calls(person_titles, "_has_loose_marker", lambda clause, markers: len(clause))

    lines, scanned, claims = _growth(monkeypatch, people.extract_people, small, large, scans)
    assert claims > 400
    assert lines <= LINEAR, f"twice the names ran {lines:.2f} times the lines of code"
    assert scanned <= LINEAR, f"twice the names scanned {scanned:.2f} times the characters"


def test_a_long_sentence_pegged_to_the_story_costs_linear_work(monkeypatch):
    small, large = _line(150, _pegged), _line(300, _pegged)

    def scans(work):
        _plain_scans(work)
        work.count_calls(date_peg, "normalise_text", lambda text, config: len(text))

    lead = "OpenAI周一启动“红色警报”，要求员工全力冲刺。"
    lines, scanned, claims = _growth(monkeypatch, dates.extract_dates, small, large, scans, lead)
    assert claims > 300
    assert lines <= LINEAR
    assert scanned <= LINEAR, f"twice the dates normalised {scanned:.2f} times the characters"


def test_a_line_of_quotes_and_lexicon_terms_costs_linear_work(monkeypatch):
    small, large = _line(200, _quoted), _line(400, _quoted)

    def read(document, config):
        return terms.find_terms(document.lines[1].norm, config)

    lines, _, found = _growth(monkeypatch, read, small, large)
    assert found > 400
    assert lines <= LINEAR, f"twice the terms ran {lines:.2f} times the lines of code"
