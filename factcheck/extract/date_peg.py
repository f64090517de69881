"""A story's news peg: recent dates of a person the lead names, given to the one event the lead names."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace

from ..config import Config
from .date_window import _SPEECH
from ..model import Claim, DateValue, Document
from ..normalise import normalise_text
from .terms import lead_terms, main_event

PEG_DAYS = 7  # a date this close before publication is the story's news peg


def _pegged_to_the_story(claims: list[Claim], doc: Document, config: Config) -> list[Claim]:
    """A story's peg: when the lead names exactly one lexicon event, a date of the last week of a
    person the lead names too, anchored on no event, product or organisation (韦德周一要求工程师
    “日夜轮班”), is that event's."""
    published = doc.meta.published
    if published is None or not claims:
        return claims
    lead = lead_terms(doc.lines, config)
    event = main_event(lead)
    if not event:
        return claims
    actors = {name for norm, term in lead if term.kind == "person" for name in _surnames(norm[term.start:term.end])}
    read: dict[int, _PegSentence] = {}  # the claims of one sentence share its text (_line_claims)
    return [replace(c, subject=event) if _peg_date(c, published, config, actors, read) else c for c in claims]


def _surnames(written: str) -> set[str]:
    """How a person named in full is named again: the surname in each script (萨姆·奥特曼(Sam
    Altman) -> 奥特曼, altman)."""
    found = set()
    cjk = re.findall(r"[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)*", written)
    found.update(run.rsplit("·", 1)[-1] for run in cjk if len(run.rsplit("·", 1)[-1]) >= 2)
    latin = re.findall(r"[A-Za-z][A-Za-z'\-]+", written)
    if latin:
        found.add(latin[-1].casefold())
    return found


class _PegSentence:
    """A claim's sentence as `_peg_date` reads it, read once for all the dates in it (each date
    normalising and searching its whole sentence cost a sentence of n dates n^2)."""

    def __init__(self, text: str, config: Config, actors: set[str]):
        self.text = text  # held, so the id it is found by is not reused while it is kept
        self.norm = norm = normalise_text(text, config)
        folded = norm.casefold()
        self.names_actor = any(actor in folded for actor in actors)
        self.breaks = [i for i, char in enumerate(norm) if char in _PEG_CLAUSE_BREAKS] if self.names_actor else []
        self.quoted: dict[str, bool] = {}

    def clause_end(self, start: int) -> int:
        """The first clause break at or after `start`, else the sentence's end."""
        if start < 0:
            return next((i for i in range(start, len(self.norm)) if self.norm[i] in _PEG_CLAUSE_BREAKS), len(self.norm))
        after = bisect.bisect_left(self.breaks, start)
        return self.breaks[after] if after < len(self.breaks) else len(self.norm)

    def is_quoted(self, subject: str) -> bool:
        if subject not in self.quoted:
            self.quoted[subject] = bool(re.search(f"[“「『\"]{re.escape(subject)}[”」』\"]", self.norm))
        return self.quoted[subject]


_PEG_CLAUSE_BREAKS = "，,。；;：:"


def _peg_date(claim: Claim, published: dt.date, config: Config, actors: set[str],
              read: dict[int, _PegSentence] | None = None) -> bool:
    """A recent date, of a person the lead names too, anchored on no event, product or organisation.

    `read` keeps the sentences read so far, by the id of their text."""
    sentence = read.get(id(claim.sentence)) if read is not None else None
    if sentence is None or sentence.text is not claim.sentence:
        sentence = _PegSentence(claim.sentence, config, actors)
        if read is not None:
            read[id(claim.sentence)] = sentence
    norm = sentence.norm
    if not sentence.names_actor:
        return False
    clause_end = sentence.clause_end(claim.start)
    if _SPEECH.search(norm, claim.start, clause_end):
        return False  # 发言人4月1日介绍: the day of a saying
    value = claim.value
    if claim.attribute != "occur" or claim.modality or not isinstance(value, DateValue) or value.start is None:
        return False
    if not (published - dt.timedelta(days=PEG_DAYS) <= value.start and value.end <= published):
        return False
    subject = claim.subject
    if not subject or re.fullmatch(r"[a-z]+(?: [a-z]+)+", subject):  # none, or a person's folded Latin name
        return True
    return sentence.is_quoted(subject)
