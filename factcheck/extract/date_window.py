"""The clauses a date is read with: its own, and the neighbouring clauses that tell what it dates.

Speech verbs date a saying, onset verbs an event's own day, and 届时 points back at the date."""
from __future__ import annotations

import re

from .context import clause_at

# Words opening a clause that point back at the date (届时 "at that time"): the clause belongs to it.
_DATE_BACKREFS = ("届时", "当时", "彼时", "当天", "当日", "此时")
# Kinds of term that say on their own what a date is about (an organisation alone does not).
_STRONG = ("event", "quoted", "latin", "person")


def _clauses_forward(norm: str, first: tuple[int, int], sentence: tuple[int, int], holds_date) -> list[tuple[int, int]]:
    """The clause `first` and the following clauses of the sentence, up to one holding another date."""
    clauses, pos = [first], first[1]
    while pos + 1 < sentence[1]:
        clause = clause_at(norm, pos + 1, *sentence)  # pos is the break ending the previous clause
        if holds_date(clause):
            break
        if clause[1] > clause[0]:
            clauses.append(clause)
        pos = max(clause[1], pos + 1)
    return clauses


def _clauses_backward(norm: str, first: tuple[int, int], sentence: tuple[int, int], holds_date) -> list[tuple[int, int]]:
    """The clauses before `first` in the sentence, nearest first, up to one holding another date."""
    clauses, pos = [], first[0]
    while pos - 1 > sentence[0]:
        clause = clause_at(norm, pos - 1, *sentence)  # the break before `pos` ends the previous clause
        if holds_date(clause):
            break
        if clause[1] > clause[0]:
            clauses.append(clause)
        pos = min(clause[0], pos - 1)
    return clauses


def _window(norm, first, sentence, holds_date, inside, verbs) -> list[tuple[int, int]]:
    """The clauses a date is read with: its own, plus following ones when it stands alone, or
    preceding ones when its clause has a verb but no one doing it."""
    forward = _clauses_forward(norm, first, sentence, holds_date)
    own_terms, own_verbs = inside(first), verbs(first)
    window = [first]
    if any(t.kind == "event" for t in own_terms):
        return window
    if not any(t.kind in _STRONG for t in own_terms) and (not own_verbs or own_terms):
        extended = _extend_forward(forward, inside, verbs)
        if extended and _SPEECH.search(norm, *first) and not _sets_off(norm, extended[-1], verbs):
            return window  # 部门5日表示，台风已造成…: the day of a statement, not of the event it reports
        if extended or not own_terms:
            return [first, *(extended or forward[1:])]
    elif not own_terms:
        for clause in _clauses_backward(norm, first, sentence, holds_date):
            window.insert(0, clause)
            if inside(clause):
                break
        if not any(inside(span) for span in window):
            window = [first]
    for index, clause in enumerate(forward[1:], 1):
        if norm[clause[0]:clause[1]].lstrip().startswith(_DATE_BACKREFS):
            window.extend(forward[1:index + 1])
            break
    if len(forward) > 1 and forward[1] not in window and not any(t.kind == "event" for span in window for t in inside(span)):
        # 总裁1日向主管说明，集团宣布启动“红色警报”: what was told that day is the event the next clause
        # names with a verb of its own (not 5日表示，台风已造成…: a toll of an earlier event)
        if any(t.kind == "event" for t in inside(forward[1])) and _sets_off(norm, forward[1], verbs):
            window.append(forward[1])
    return window


# Verbs of saying: a date in their clause dates the saying; what is said has its own time.
_SPEECH = re.compile("表示|指出|称|说|透露|强调|告诉|告知|通报|证实|回应|介绍|宣称|声称")
# Verbs that set an event off (启动“红色警报”, 举行大选): a clause with one tells the event's own day.
_ONSET = re.compile("启动|开启|发出|发起|进入|拉响|按下|实施|发动|举行|召开|举办|爆发|发生")


def _sets_off(norm: str, clause: tuple[int, int], verbs) -> bool:
    """Whether a clause tells its event happening (a phase verb or an onset verb), not its toll."""
    return bool(verbs(clause)) or bool(_ONSET.search(norm, *clause))


def _extend_forward(forward, inside, verbs) -> list[tuple[int, int]]:
    """The following clauses up to the first naming an event, or an anchor with its verb; [] if none."""
    taken: list[tuple[int, int]] = []
    strong = False  # a strong anchor in some clause taken so far (the earlier ones hold no event)
    for clause in forward[1:]:
        taken.append(clause)
        found = inside(clause)
        if any(t.kind == "event" for t in found):
            return taken
        strong = strong or any(t.kind in _STRONG for t in found)
        if strong and any(verbs(span) for span in taken):
            return taken
    return []
