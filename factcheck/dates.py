"""Extracting dates claims from normalised lines."""
from __future__ import annotations

from .config import Config
from .model import Claim, Document


def extract_dates(doc: Document, config: Config) -> list[Claim]:
    raise NotImplementedError
