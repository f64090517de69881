"""Whether two folded Latin spellings may name one person.

Typo-level variants of a long surname (`Jakub Patchocki` ~ `Jakub Pachocki`), or, for names paired
with one CJK name, any compatible spelling (one edit per given name, two in the surname); never
another given name (`Jim`/`Tom Steyer`), another surname initial (`Baker`/`Parker`) or a short
surname changed (`Chen`/`Chan`)."""
from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

SURNAME_MIN_LETTERS = 5  # shorter surnames (Chen/Chan, Li/Lee) are different names, not typos
SURNAME_MIN_RATIO = 85.0  # one substitution in a 9-letter surname (Federighi/Federeghi) is 88.9
SURNAME_MAX_EDITS = 2


def _close(a: str, b: str, max_edits: int) -> bool:
    return a == b or (a[:1] == b[:1] and Levenshtein.distance(a, b, score_cutoff=max_edits) <= max_edits)


def _surname_variant(a: str, b: str) -> bool:
    """Typo-level difference in a long surname: Pachocki/Patchocki, Altman/Altmann, Federighi/
    Federeghi; never a surname grown by a suffix (Williams/Williamson: two letters longer)."""
    if a == b:
        return True
    return (
        a[:1] == b[:1]
        and min(len(a), len(b)) >= SURNAME_MIN_LETTERS
        and abs(len(a) - len(b)) <= 1
        and fuzz.ratio(a, b) >= SURNAME_MIN_RATIO
        and Levenshtein.distance(a, b) <= SURNAME_MAX_EDITS
    )


def same_person_spelling(a: str, b: str, paired: bool) -> bool:
    """Is there enough evidence that two folded full Latin names spell one person's name?

    Without other evidence only the surname may vary (typo-level, long surname). When both are
    paired with one CJK name (`paired`), any compatible spelling will do (Jakob/Jakub, Chen/Chan).
    """
    if a == b:
        return True
    if paired:
        return compatible_spellings(a, b)
    ta, tb = a.split(), b.split()
    return len(ta) == len(tb) >= 2 and ta[:-1] == tb[:-1] and _surname_variant(ta[-1], tb[-1])


def compatible_spellings(a: str, b: str) -> bool:
    """Could two folded full Latin names be one person? False when they clearly are not:
    another word count, another given name (Jim/Tom Steyer), another surname initial (Baker/Parker)
    or a surname more than two edits away.
    """
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    return all(_close(x, y, 1) for x, y in zip(ta[:-1], tb[:-1])) and _close(ta[-1], tb[-1], SURNAME_MAX_EDITS)
