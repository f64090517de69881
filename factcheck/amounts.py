"""Extracting amounts claims from normalised lines."""
from __future__ import annotations

from .config import Config
from .model import Claim, Document


def extract_amounts(doc: Document, config: Config) -> list[Claim]:
    raise NotImplementedError
