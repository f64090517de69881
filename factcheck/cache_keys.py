"""What a cached outcome is keyed and checked by: content hashes, file stamps, the code's version, checksums."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
from pathlib import Path
from typing import Any

from .read.files import read_regular_file
from .model import Claim, Document, Skipped


def content_hash(path: Path) -> str | None:
    """sha256 of the file's bytes (the same as RawDocument.sha256), None if unreadable."""
    try:  # read_regular_file never blocks on a FIFO that replaced a file
        return hashlib.sha256(read_regular_file(path)).hexdigest()
    except OSError:
        return None


def stat_stamp(path: Path) -> str | None:
    """What changes whenever a file's content can have changed (ctime moves on every write, and
    on utime too, so restoring an old mtime does not hide an edit); None if it cannot be stat'ed."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}"


def stamp_settled(stamp: str, racy_before: int) -> bool:
    """Changed long enough ago that a further change would move its timestamps (git's 'racily
    clean' rule): a file written in the same timestamp tick as our read is hashed again next run."""
    _, mtime, ctime, _, _ = stamp.split(":")
    return int(mtime) < racy_before and int(ctime) < racy_before


def version_key() -> str:
    """factcheck.__version__ plus a hash of the package's code: results of other code are not reused."""
    import factcheck  # read at call time, so a changed version is seen

    return f"{factcheck.__version__}+{_code_digest()}"


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    # A development checkout changes extractors without bumping __version__; the sources' hash
    # keeps a stale cache from hiding those changes. Falls back to the model's field layout.
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    try:
        for source in sorted(package.rglob("*.py")):
            digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    except OSError:
        digest.update(repr([_layout(cls) for cls in (Document, Claim, Skipped)]).encode())
    return digest.hexdigest()[:16]


def _layout(cls: type) -> list[tuple[str, str]]:
    return [(f.name, str(f.type)) for f in dataclasses.fields(cls)]


# Checksums: SQLite checks no page's content, so a byte changed inside the file (by a disk, a
# tool, a hand) would otherwise change a report. Each covers its row's key too: rows swapped
# between keys fail as well. sha256 has CPU instructions on the benchmark machine (1.7 GB/s):
# about 25 ms for the 40 MB of payloads a warm 10,000-document run reads.


def outcome_checksum(sha: str, payload: bytes) -> bytes:
    checksum = hashlib.sha256(payload)
    checksum.update(sha.encode())
    return checksum.digest()


def file_checksum(path: bytes, stamp: Any, sha: Any) -> bytes:
    return hashlib.sha256(b"%b\0%b\0%b" % (path, str(stamp).encode(), str(sha).encode())).digest()
