"""Stage 3, normalise: one common script (Simplified, via OpenCC) and ASCII digits/letters, for matching only."""
from __future__ import annotations

from .config import Config
from .model import Document


def normalise_text(text: str, config: Config) -> str:
    """Simplified script, full-width ASCII folded; same length as `text`."""
    raise NotImplementedError


def normalise(doc: Document, config: Config) -> Document:
    """Fill `Line.norm` for every line (same length as `Line.text`)."""
    raise NotImplementedError
