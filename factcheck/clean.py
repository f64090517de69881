"""Stage 2, clean: drop web debris, strip pinyin glosses, repair mojibake; keep original line numbers."""
from __future__ import annotations

from .config import Config
from .model import Document, RawDocument


def clean(raw: RawDocument, config: Config) -> Document:
    """Return the kept lines with their original numbers and the problems met on the way."""
    raise NotImplementedError
