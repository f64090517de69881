"""The claims cache: per-document extraction results in SQLite, keyed by content, tool and rule hashes."""
from __future__ import annotations
