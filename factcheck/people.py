"""Extracting people claims from normalised lines."""
from __future__ import annotations

from .config import Config
from .model import Claim, Document


def extract_people(doc: Document, config: Config) -> list[Claim]:
    raise NotImplementedError
