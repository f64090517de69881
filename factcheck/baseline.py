"""The baseline file: accepted findings by fingerprint, written, read, updated and pruned."""
from __future__ import annotations
