"""Mojibake: finding the damaged runs of a document's lines and repairing each, or masking it.

The model (see docs and the measured-facts note): a byte-level GBK converter that inserts pinyin
matched a two-byte code spanning two characters (or rewrote a spanning `？` A3 BF to ASCII `?`).
The decoder then read the byte before the inserted `(` as an invalid pair, shown as `?`, and
everything after it one byte off until a single-byte code put it back in step. A run is repaired
by re-encoding it with GB18030, putting the lost byte back in front and decoding again
(shift.py); characters whose bytes are gone are marked U+FFFD (LOST); nothing is guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Problem
from .characters import LOST, _gb, document_script, han_pairs
from .costs import Context, _glossed, _score, glossary
from .shift import _DAMAGED_GLOSS, _candidates, _Candidate, _cheapest_unfamiliar, _two_byte, _two_byte_span


@dataclass(frozen=True)
class Run:
    """One damaged stretch of a line: where it was, what was there, what replaces it."""

    start: int
    end: int
    raw: str
    text: str  # replacement for raw: repaired (U+FFFD for lost characters), or all U+FFFD
    repaired: bool


_BARE_PRIOR = 0.5  # evidence a bare "?" needs before it is read as damage, not punctuation
_TIE = 1e-6
_MAX_RUN_COST = 1.5  # a repaired run may hold one odd character ...
_MAX_CHAR_COST = 0.5  # ... or a few in a long run, but no more


def _choose(candidates: list[_Candidate]) -> tuple[_Candidate, list[_Candidate]]:
    """The cheapest candidate and its rivals (other texts at the same cost)."""
    ranked = sorted(candidates, key=lambda c: (c.cost, -c.end, c.count, c.last))
    best = ranked[0]
    return best, [c for c in ranked[1:] if c.cost - best.cost < _TIE and c.text != best.text]


def _lead_after(line: str, position: int, pinyin: str, context: Context) -> int | None:
    """The byte eaten with "(": the second byte of the glossed code begun by the char before."""
    before = _gb(line[position - 1]) if position else b""
    glossed = _glossed(context, pinyin, before[1]) if len(before) == 2 else None
    return _gb(glossed)[1] if glossed else None


def find_runs(line: str, context: Context) -> list[Run]:
    """The mojibake runs of one line, left to right, each repaired or masked."""
    runs: list[Run] = []
    position = line.find("?")
    while position >= 0:
        run = _run_at(line, position, context)
        if run:
            runs.append(run)
        position = line.find("?", run.end if run else position + 1)
    return runs


def _run_at(line: str, position: int, context: Context) -> Run | None:
    """The run starting at this "?": always one after a damaged gloss, after a bare one if shown."""
    damaged = _DAMAGED_GLOSS.match(line, position)
    if damaged:
        lead = _lead_after(line, position, damaged.group(1), context)
        candidates = _candidates(line, damaged.end(), lead, context)
        return _run(line, position, "", candidates)
    return _bare_run(line, position, context)


def _bare_run(line: str, position: int, context: Context) -> Run | None:
    """A "?" for a spanning "？": one character lost before it, BF lost after; or plain punctuation."""
    start = position + 1
    stop = _two_byte_span(line, start)
    if stop == start:  # nothing shifted: the only ends are shown in the text, and a shown end
        return None  # costs at least -_PUNCT_BONUS, never the _BARE_PRIOR below _score("") = 0
    # Nearly every such "?" is punctuation: its cheapest reading, summed without building the
    # candidates, settles that; only a "?" that may be damage has them built and weighed.
    if not context.pairs and _cheapest_unfamiliar(line, start, stop, context) + _BARE_PRIOR >= _score(line[start:stop], context):
        return None
    candidates = [c for c in _candidates(line, start, 0xBF, context) if c.end > start]
    if not candidates:
        return None
    best, _ = _choose(candidates)
    if best.cost + _BARE_PRIOR >= _score(line[start:stop], context):
        return None
    return _run(line, position, LOST, candidates)


def _run(line: str, position: int, lost: str, candidates: list[_Candidate]) -> Run:
    """The cheapest reading if it is the only one and ordinary text; otherwise the span masked."""
    best, rivals = _choose(candidates)
    end = best.end
    if not rivals and not _implausible(best):
        return Run(position, end, line[position:end], lost + best.text, True)
    end = max(c.end for c in [best, *rivals])
    return Run(position, end, line[position:end], LOST * (end - position), False)


def _implausible(best: _Candidate) -> bool:
    """Even the best reading is not ordinary text: the damage is not the kind modelled here."""
    return best.cost > max(_MAX_RUN_COST, _MAX_CHAR_COST * len(best.text))


def repair_line(line: str, context: Context) -> tuple[str, list[Run]]:
    """The line with every run replaced, and the runs."""
    if "?" not in line:
        return line, []
    runs = find_runs(line, context)
    out, last = [], 0
    for run in runs:
        out.append(line[last:run.start])
        out.append(run.text)
        last = run.end
    out.append(line[last:])
    return "".join(out), runs


def _may_hold_run(line: str) -> bool:
    """Whether a "?" of the line can begin a run: one opening a damaged gloss, or one before a
    character a shift could have made (any other is punctuation, see _bare_run)."""
    position = line.find("?")
    while position >= 0:
        after = line[position + 1 : position + 2]
        if (after and _two_byte(after)) or _DAMAGED_GLOSS.match(line, position):
            return True
        position = line.find("?", position + 1)
    return False


def repair_document(lines: list[str], text: str) -> list[tuple[str, list[Run]]]:
    """Repair every line; a second pass lets the document's own repaired wording break ties."""
    # the glossary and the script guess are built only for a document that may hold damage
    suspects = [i for i, line in enumerate(lines) if "?" in line and _may_hold_run(line)]
    results: list[tuple[str, list[Run]]] = [(line, []) for line in lines]
    if not suspects:
        return results
    # the glossary is read only behind a damaged gloss: a document without one needs none
    first = Context(glossary(text) if _DAMAGED_GLOSS.search(text) else {}, document_script(text))
    for index in suspects:
        results[index] = repair_line(lines[index], first)
    if not any(results[index][1] for index in suspects):
        return results  # question marks, no damage: nothing for a second pass to settle
    pairs = han_pairs("\n".join(line for line, _ in results))
    for index in suspects:
        own = han_pairs(results[index][0])
        results[index] = repair_line(lines[index], replace(first, pairs=pairs, own=own))
    return results


def _run_problem(number: int, run: Run) -> Problem:
    if run.repaired:
        return Problem("mojibake", number, run.raw, f"mojibake repaired: '{run.text}'", run.text)
    return Problem(
        "mojibake-unrepaired", number, run.raw,
        f"mojibake could not be repaired ({len(run.raw)} characters masked)", run.raw,
    )
