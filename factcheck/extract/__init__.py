"""Stage 4, extract: read every checkable claim (dates, amounts, names, titles) from a normalised document."""
from __future__ import annotations

from .amounts import extract_amounts
from ..config import Config
from .dates import extract_dates
from ..model import Claim, Document
from .people import extract_people


def extract(doc: Document, config: Config) -> tuple[Claim, ...]:
    """All claims of one document, in document order."""
    claims = [*extract_dates(doc, config), *extract_amounts(doc, config), *extract_people(doc, config)]
    claims.sort(key=lambda c: (c.line, c.start, c.kind.value, c.raw, c.attribute))
    return tuple(claims)
