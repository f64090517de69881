"""The input files: folders walked into (path, display name) pairs, one name per file, and the
bytes of one read without ever opening a FIFO or device."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator, Sequence

from ..model import Skipped
from .paths import display_path


SUFFIXES = (".txt", ".md")
Identity = tuple[int, int]  # (device, inode): what makes two names one file


class InputError(Exception):
    """An input path the user gave cannot be used at all (missing path): exit 2."""


def discover(paths: Sequence[str | Path]) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """Expand files and folders (recursively, .txt and .md) into (path, display name) pairs.

    Sorted by display name, each file once: of several names for one file (symbolic link, hard
    link) the real one is read, the others are Skipped as "same file as". Raises InputError for a
    path that does not exist and for a folder holding nothing to check. Unusable entries met
    while walking (broken symlinks, loops, unreadable folders, FIFOs) are Skipped.
    Hidden entries (names starting with '.') are not walked into: they hold tool state, not articles.
    """
    for given in paths:
        if not os.path.lexists(os.fspath(given)):
            raise InputError(f"{display_path(given)}: no such file or directory")
    names: dict[str, tuple[Path, str, Identity]] = {}  # one entry per spelling-independent path
    skipped: dict[str, Skipped] = {}
    for given in paths:
        items = list(_expand(Path(given)))
        if not items:
            raise InputError(f"{display_path(given)}: no .txt or .md documents found")
        for item in items:
            if isinstance(item, Skipped):
                skipped.setdefault(item.path, item)
                continue
            path, identity = item
            names.setdefault(os.path.abspath(path), (path, display_path(path), identity))
    files, aliases = _one_name_per_file(list(names.values()))
    for alias in aliases:
        skipped.setdefault(alias.path, alias)
    return files, sorted(skipped.values(), key=lambda s: s.path)


def _one_name_per_file(entries: list[tuple[Path, str, Identity]]) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """The name to read for each file, sorted by display name, and every other name as Skipped."""
    by_file: dict[Identity, list[tuple[Path, str]]] = {}
    for path, display, identity in entries:
        by_file.setdefault(identity, []).append((path, display))
    files: list[tuple[Path, str]] = []
    aliases: list[Skipped] = []
    for names in by_file.values():
        if len(names) > 1:
            names.sort(key=_preferred_name)
        files.append(names[0])
        aliases.extend(Skipped(display, f"same file as {names[0][1]}") for _, display in names[1:])
    files.sort(key=lambda pair: pair[1])
    return files, aliases


def _preferred_name(name: tuple[Path, str]) -> tuple[bool, str]:
    """A name reached without following a symbolic link first (the real file), then display order."""
    path, display = name
    return os.path.realpath(path) != os.path.abspath(path), display


def _expand(path: Path) -> Iterator[tuple[Path, Identity] | Skipped]:
    """A path named by the user: a file is taken whatever its suffix, a folder is walked."""
    try:
        info = os.stat(path)
    except OSError as exc:
        yield Skipped(display_path(path), _link_reason(path, exc))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(path, {(info.st_dev, info.st_ino)})
    elif stat.S_ISREG(info.st_mode):
        yield path, (info.st_dev, info.st_ino)
    else:  # a FIFO would block the run, /dev/zero would never end
        yield Skipped(display_path(path), NOT_REGULAR)


NOT_REGULAR = "not a regular file"


def _walk(folder: Path, ancestors: set[Identity]) -> Iterator[tuple[Path, Identity] | Skipped]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except PermissionError:
        yield Skipped(display_path(folder), "cannot read folder: permission denied")
        return
    except OSError as exc:
        yield Skipped(display_path(folder), f"cannot read folder: {_strerror(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            info = entry.stat(follow_symlinks=True)
        except OSError as exc:
            yield Skipped(display_path(path), _link_reason(path, exc))
            continue
        identity = (info.st_dev, info.st_ino)
        if stat.S_ISDIR(info.st_mode):
            if identity in ancestors:
                yield Skipped(display_path(path), "symbolic link loop")
                continue
            yield from _walk(path, ancestors | {identity})
        elif path.suffix.lower() in SUFFIXES:
            yield (path, identity) if stat.S_ISREG(info.st_mode) else Skipped(display_path(path), NOT_REGULAR)


def _link_reason(path: Path, exc: OSError) -> str:
    if os.path.islink(path):
        if getattr(exc, "errno", None) == 40:  # ELOOP
            return "symbolic link loop"
        return "broken symbolic link"
    return f"cannot read: {_strerror(exc)}"


def _strerror(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


class NotRegularFile(OSError):
    """The path names a FIFO, device or socket: reading it could block or never end."""


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file; raises NotRegularFile without ever opening anything else."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotRegularFile(path)
    # unbuffered: the file is read whole in one call, a buffer object would be built for nothing
    with open(path, "rb", buffering=0, opener=_open_without_waiting) as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise NotRegularFile(path)
        return handle.readall()


def _open_without_waiting(path: str, flags: int) -> int:
    # should a FIFO replace the file after the stat, opening it must not wait for a writer
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
