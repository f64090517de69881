"""Stage 5, align: group claims about the same subject and attribute across documents and scripts."""
from __future__ import annotations

from typing import Sequence

from .config import Config
from .model import Claim, ClaimGroup


def align(claims: Sequence[Claim], config: Config) -> tuple[ClaimGroup, ...]:
    """Groups of claims judged to be about one subject+attribute, in stable order."""
    raise NotImplementedError
