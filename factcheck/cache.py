"""The claims cache: per-document extraction results in SQLite, keyed by content, tool and rule hashes."""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import sys
import tempfile
import time
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import orjson

from .read import InputError, read_regular_file
from .model import Claim, Document, Skipped

FORMAT = "factcheck-claims-cache"
SCHEMA = "6"  # bump when the table layout or the payload layout changes
APPLICATION_ID = 0x6663686B  # "fchk" in SQLite's header (PRAGMA application_id): the file is ours
SQLITE_MAGIC = b"SQLite format 3\0"
RACY_SECONDS = 2.0  # a file changed this recently may change again within one timestamp tick
KEEP_RUNS = 30  # rows not used by any of the last KEEP_RUNS runs are pruned

Outcome = typing.Union[tuple[Document, tuple[Claim, ...]], Skipped]
Warn = Callable[[str], None]


class CacheError(Exception):
    """The cache file or one of its payloads cannot be trusted."""


class NotOurCache(InputError):
    """The --cache file is not one factcheck made: it is never overwritten (exit 2)."""


# ----------------------------------------------------------------------------- keys


def content_hash(path: Path) -> str | None:
    """sha256 of the file's bytes (the same as RawDocument.sha256), None if unreadable."""
    try:  # read_regular_file never blocks on a FIFO that replaced a file
        return hashlib.sha256(read_regular_file(path)).hexdigest()
    except OSError:
        return None


def _stat_stamp(path: Path) -> str | None:
    """What changes whenever a file's content can have changed (ctime moves on every write, and
    on utime too, so restoring an old mtime does not hide an edit); None if it cannot be stat'ed."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}"


def _settled(stamp: str, racy_before: int) -> bool:
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


# ---------------------------------------------------------------------------- codec
# Dataclasses are written as JSON arrays in field order (the version key pins the order);
# members of a union of dataclasses as [class name, array]. Path fields are not stored: the
# same bytes may sit under several names, so the display path is attached on decoding.
#
# The encoder accepts exactly what the decoder gives back equal: every value of its declared
# type (exact class, no subclass; finite floats; strings that UTF-8 can write), and raises
# TypeError or ValueError for anything else. So a payload that encodes reads back identical,
# and a pool worker need not decode its own payloads to check (a tenth of a cold run's cost).

_PATH_FIELDS = {(Document, "path"), (Claim, "doc"), (Skipped, "path")}
# Values computed once per object (model.computed_once) that every run needs: stored after the
# fields, so a warm run reads them instead of rendering 130,000 values again.
_STORED_COMPUTED = {Claim: ("rendered",)}


def encode_processed(document: Document, claims: Sequence[Claim]) -> bytes:
    """Payload for a checked document: its summary (lines are never stored) and its claims."""
    summary = dataclasses.replace(document, lines=())
    return _dumps(["processed", _encoder(Document)(summary), [_encoder(Claim)(c) for c in claims]])


def encode_skipped(skipped: Skipped) -> bytes:
    """Payload for a document that could not be checked for a reason found in its bytes."""
    return _dumps(["skipped", _encoder(Skipped)(skipped)])


def decode(payload: bytes | str, display: str) -> Outcome:
    """The stored outcome with `display` as its path; CacheError if the payload is not ours."""
    try:
        data = orjson.loads(payload)
        if not isinstance(data, list) or not data:
            raise TypeError("payload is not a list")
        if data[0] == "processed" and len(data) == 3 and isinstance(data[2], list):
            document = _decoder(Document)(data[1], display)
            claim = _decoder(Claim)
            return document, tuple(claim(c, display) for c in data[2])
        if data[0] == "skipped" and len(data) == 2:
            return _decoder(Skipped)(data[1], display)
        raise TypeError(f"unknown payload tag {data[0]!r}")
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise CacheError(f"bad payload: {exc}") from None


def _dumps(value: Any) -> bytes:
    # orjson refuses what would not read back (lone surrogates, integers beyond 64 bits) with a
    # TypeError, and writes eight times faster than json.dumps. Payloads stay UTF-8 bytes from
    # here to the database and back: SQLite hands a BLOB over without decoding 30 MB of text.
    return orjson.dumps(value)


def _hints(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls)]


def _union_members(tp: Any) -> tuple[Any, ...] | None:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return typing.get_args(tp)
    return None


@functools.lru_cache(maxsize=None)
def _encoder(tp: Any) -> Callable[[Any], Any]:
    members = _union_members(tp)
    if members is not None:
        return _union_encoder(members)
    if dataclasses.is_dataclass(tp):
        return _dataclass_encoder(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return lambda value: value.value
    if tp is dt.date:
        return _encode_date
    if tp in _EXACT:
        return _primitive_encoder(tp)
    if typing.get_origin(tp) is tuple:
        item = _encoder(typing.get_args(tp)[0])
        return lambda value: [item(v) for v in _exactly(value, tuple)]
    raise TypeError(f"cache codec: unsupported field type {tp!r}")


# What the decoder accepts back for each primitive type, as a test of `x` (JSON keeps 2 and 2.0
# apart, so a float field may hold an int; `x - x == 0` refuses NaN and the infinities, which
# JSON cannot write).
_EXACT = {
    str: "x.__class__ is str",
    int: "x.__class__ is int",
    bool: "x.__class__ is bool",
    float: "(x.__class__ is float or x.__class__ is int) and x - x == 0",
}


def _primitive_encoder(tp: type) -> Callable[[Any], Any]:
    scope: dict[str, Any] = {"wrong": _wrong_type, "tp": tp}
    exec(f"def encode(x):\n    if not ({_EXACT[tp]}):\n        wrong(tp, x)\n    return x", scope)  # noqa: S102
    return scope["encode"]


def _exactly(value: Any, cls: type) -> Any:
    if value.__class__ is not cls:
        _wrong_type(cls, value)
    return value


def _encode_date(value: dt.date) -> str:
    if type(value) is not dt.date:  # a datetime would not read back as a date
        raise TypeError(f"expected a date, got {type(value).__name__}")
    return value.isoformat()


def _dataclass_encoder(cls: type) -> Callable[[Any], list]:
    # Compiled like the decoder below: straight code, not a loop of per-field calls (encoding is
    # part of every document's cost on a cold run).
    scope: dict[str, Any] = {"cls": cls, "wrong": _wrong_type}
    items: list[str] = []
    checks: list[str] = []
    for index, (name, tp) in enumerate(_hints(cls)):
        if (cls, name) in _PATH_FIELDS:
            items.append("None")
            continue
        if _union_members(tp) is None and tp in _EXACT:
            checks += [f"    x = o.{name}", f"    if not ({_EXACT[tp]}):", f"        wrong({tp.__name__}, x)"]
            items.append(f"o.{name}")
        elif isinstance(tp, type) and issubclass(tp, Enum):
            scope[f"t{index}"] = tp
            checks += [f"    x = o.{name}", f"    if x.__class__ is not t{index}:", f"        wrong(t{index}, x)"]
            items.append(f"o.{name}.value")
        else:
            scope[f"e{index}"] = _encoder(tp)
            items.append(f"e{index}(o.{name})")
    computed = []  # after the fields: a computed value may need valid fields to compute
    for name in _STORED_COMPUTED.get(cls, ()):
        computed += [f"    x = o.{name}", f"    if not ({_EXACT[str]}):", "        wrong(str, x)", "    r.append(x)"]
    source = "\n".join([
        "def encode(o):",
        "    if o.__class__ is not cls:",
        "        wrong(cls, o)",
        *checks,
        f"    r = [{', '.join(items)}]",
        *computed,
        "    return r",
    ])
    exec(source, scope)  # noqa: S102 - source built from our own field names only
    return scope["encode"]


def _wrong_type(cls: type, value: Any) -> None:
    got = repr(value) if value.__class__ is cls else type(value).__name__  # e.g. a float, but nan
    raise TypeError(f"expected {cls.__name__}, got {got}")


def _union_encoder(members: tuple[Any, ...]) -> Callable[[Any], Any]:
    optional = type(None) in members
    rest = [m for m in members if m is not type(None)]
    if len(rest) == 1:
        inner = _encoder(rest[0])
        return lambda value: None if value is None else inner(value)
    if not all(dataclasses.is_dataclass(m) for m in rest):
        raise TypeError(f"cache codec: unsupported union {members!r}")
    by_type = {m: (m.__name__, _encoder(m)) for m in rest}

    def encode(value: Any) -> Any:
        if value is None and optional:
            return None
        if value.__class__ not in by_type:
            raise TypeError(f"expected one of {sorted(m.__name__ for m in by_type)}, got {type(value).__name__}")
        name, inner = by_type[value.__class__]
        return [name, inner(value)]

    return encode


Decoder = Callable[[Any, str], Any]


@functools.lru_cache(maxsize=None)
def _decoder(tp: Any) -> Decoder:
    members = _union_members(tp)
    if members is not None:
        return _union_decoder(members)
    if dataclasses.is_dataclass(tp):
        return _dataclass_decoder(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        members = {member.value: member for member in tp}
        return lambda value, _: members[value]
    if tp is dt.date:
        return lambda value, _: dt.date.fromisoformat(value)
    if tp in (str, int, float, bool):
        return _checked(tp)
    if typing.get_origin(tp) is tuple:
        return _tuple_decoder(typing.get_args(tp)[0])
    raise TypeError(f"cache codec: unsupported field type {tp!r}")


def _tuple_decoder(item_type: Any) -> Decoder:
    if item_type is str:  # terms: checked in one C-level pass

        def decode_strings(value: Any, _: str) -> tuple:
            if value.__class__ is not list or not set(map(type, value)) <= {str}:
                raise TypeError("expected a list of strings")
            return tuple(value)

        return decode_strings
    item = _decoder(item_type)
    return lambda value, display: tuple([item(v, display) for v in _typed(value, list)])


def _typed(value: Any, expected: type) -> Any:
    if not isinstance(value, expected):
        raise TypeError(f"expected {expected.__name__}, got {type(value).__name__}")
    return value


def _checked(tp: type) -> Decoder:
    # JSON keeps int and float apart, so a float field may legitimately hold an int
    accepted = (int, float) if tp is float else tp

    def decode(value: Any, _: str) -> Any:
        if not isinstance(value, accepted) or (tp is not bool and isinstance(value, bool)):
            raise TypeError(f"expected {tp.__name__}, got {type(value).__name__}")
        return value

    return decode


def _dataclass_decoder(cls: type) -> Decoder:
    # Compiled like dataclasses compiles __init__: 400,000 cached claims must decode in about
    # a second, and a generic loop of per-field calls is five times slower than straight code.
    fields = _hints(cls)
    hints = fields + [(name, str) for name in _STORED_COMPUTED.get(cls, ())]
    scope: dict[str, Any] = {"cls": cls, "new": object.__new__, "setattr": object.__setattr__, "bad": _bad}
    lines = [
        "def decode(v, display):",
        f"    if v.__class__ is not list or len(v) != {len(hints)}:",
        f"        bad('{cls.__name__}: expected a list of {len(hints)} fields', v)",
    ]
    for index, (name, tp) in enumerate(hints):
        lines += _field_lines(cls, index, name, tp, scope)
    names = ", ".join(f"{name!r}: a{index}" for index, (name, _) in enumerate(hints))
    if _plain_init(cls):
        # no __post_init__ or slots: filling __dict__ is exactly what __init__ (and then the first
        # read of each stored computed value) would do
        lines += ["    o = new(cls)", f"    setattr(o, '__dict__', {{{names}}})", "    return o"]
    else:
        if len(hints) != len(fields):
            raise TypeError(f"cache codec: computed values of {cls.__name__} need a plain __init__")
        lines.append(f"    return cls({', '.join(f'a{i}' for i in range(len(hints)))})")
    exec("\n".join(lines), scope)  # noqa: S102 - source built from our own field names only
    return scope["decode"]


def _plain_init(cls: type) -> bool:
    return not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__")


_PRIMITIVE_CHECKS = {
    str: "x.__class__ is not str",
    int: "x.__class__ is not int",
    bool: "x.__class__ is not bool",
    float: "x.__class__ is not float and x.__class__ is not int",  # JSON writes 2.0 as 2.0, ints stay ints
}


def _field_lines(cls: type, index: int, name: str, tp: Any, scope: dict[str, Any]) -> list[str]:
    target = f"a{index}"
    if (cls, name) in _PATH_FIELDS:
        return [f"    {target} = display"]
    lines = [f"    x = v[{index}]"]
    what = f"{cls.__name__}.{name}"
    if tp in _PRIMITIVE_CHECKS:
        return lines + [f"    if {_PRIMITIVE_CHECKS[tp]}:", f"        bad('{what}', x)", f"    {target} = x"]
    # The common field types inline too: a call per field per claim was half the decoding time.
    # Errors surface as TypeError/KeyError/ValueError, which decode() turns into CacheError.
    members = _union_members(tp)
    optional = members is not None and type(None) in members
    rest = [m for m in members if m is not type(None)] if members is not None else [tp]
    none = "None if x is None else " if optional else ""
    if optional and len(rest) == 1 and rest[0] in _PRIMITIVE_CHECKS:
        return lines + [f"    if x is not None and ({_PRIMITIVE_CHECKS[rest[0]]}):", f"        bad('{what}', x)", f"    {target} = x"]
    if tp == tuple[str, ...]:
        scope[f"d{index}"] = _decoder(tp)
        return lines + [f"    {target} = () if x == [] else d{index}(x, display)"]  # mostly empty
    if len(rest) == 1 and rest[0] is dt.date:
        scope["fromiso"] = dt.date.fromisoformat
        return lines + [f"    {target} = {none}fromiso(x)"]
    if len(rest) == 1 and isinstance(rest[0], type) and issubclass(rest[0], Enum):
        scope[f"e{index}"] = {member.value: member for member in rest[0]}
        return lines + [f"    {target} = {none}e{index}[x]"]
    if len(rest) > 1 and all(dataclasses.is_dataclass(m) for m in rest):
        scope[f"u{index}"] = {m.__name__: _decoder(m) for m in rest}
        check = "x is not None and " if optional else ""
        return lines + [
            f"    if {check}(x.__class__ is not list or len(x) != 2):", f"        bad('{what}', x)",
            f"    {target} = {none}u{index}[x[0]](x[1], display)",
        ]
    scope[f"d{index}"] = _decoder(tp)
    return lines + [f"    {target} = d{index}(x, display)"]


def _bad(what: str, value: Any) -> None:
    raise TypeError(f"{what}: unexpected {type(value).__name__}")


def _union_decoder(members: tuple[Any, ...]) -> Decoder:
    rest = [m for m in members if m is not type(None)]
    if len(rest) == 1:
        inner = _decoder(rest[0])
        return lambda value, display: None if value is None else inner(value, display)
    by_name = {m.__name__: _decoder(m) for m in rest}

    def decode(value: Any, display: str) -> Any:
        if value is None and type(None) in members:
            return None
        name, data = _typed(value, list)
        return by_name[name](data, display)

    return decode


# ---------------------------------------------------------------------------- store


def warn_stderr(message: str) -> None:
    sys.stderr.write(f"factcheck: warning: {message}\n")


class ClaimsCache:
    """One SQLite file of outcomes per (content hash, version key, rules digest).

    Only the main process reads and writes it. Only a file factcheck made is ever replaced: ours
    carry APPLICATION_ID in SQLite's header (older caches, without it, their format row). Any
    other file at the path (text, another program's database, a damaged file no longer
    recognisably ours) raises NotOurCache and is left as it is. Ours, when it cannot be trusted
    (damaged, another layout, a payload that does not decode), is rebuilt beside itself and moved
    over the old one, with a one-line warning; if even that fails the run goes on without a cache.
    A row that fails its checksum is a miss: its document is read again and the row rewritten.
    """

    def __init__(self, path: Path, digest: str, warn: Warn = warn_stderr) -> None:
        self.path = Path(path)
        self.digest = digest
        self.version = version_key()
        self._warn = warn
        self._db: sqlite3.Connection | None = None
        self._hashed: dict[bytes, tuple[str, str]] = {}  # path -> (stat, sha) to record on saving
        self._stamped: dict[bytes, str] = {}  # path -> stat of a file not read yet (see `hashed`)
        self._stat_hits: list[bytes] = []
        self._open()

    @property
    def usable(self) -> bool:
        return self._db is not None

    # -- opening

    def _open(self) -> None:
        try:
            older = self._whose()
            if older is not None:
                self._rebuild(f"cache layout {older!r}, expected {SCHEMA!r}")
                return
            self._db = self._connect()
            self._check_format()
        except (sqlite3.DatabaseError, CacheError) as exc:
            self._fail(exc)
        except OSError as exc:
            self._give_up(exc)

    def _whose(self) -> str | None:
        """None if the file is ours or may be created (missing, empty); the layout of an older
        factcheck cache (no application_id yet) to rebuild; NotOurCache for any other file."""
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return None
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{self.path} is not a file")
        if info.st_size == 0:
            return None
        with open(self.path, "rb") as handle:
            header = handle.read(100)
        if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
            raise self._not_ours("not an SQLite database")
        application = int.from_bytes(header[68:72], "big")
        if application == APPLICATION_ID:
            return None
        if application != 0:
            raise self._not_ours(f"another program's SQLite database, application_id {application:#010x}")
        older = self._older_layout()
        if older is None:
            raise self._not_ours("an SQLite database without factcheck's tables")
        return older

    def _older_layout(self) -> str | None:
        """The schema of a cache made by a factcheck older than APPLICATION_ID, read without writing."""
        try:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
            try:
                meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('format', 'schema')").fetchall())
            finally:
                db.close()
        except (sqlite3.Error, ValueError):
            return None
        return str(meta.get("schema")) if meta.get("format") == FORMAT else None

    def _not_ours(self, what: str) -> NotOurCache:
        return NotOurCache(
            f"claims cache {self.path} is not a factcheck cache ({what}); left untouched:"
            " give --cache another file, or --no-cache"
        )

    def _fail(self, exc: Exception) -> None:
        # A busy or unopenable file is someone else's business: only bad content is rebuilt
        self._close_quietly()
        if isinstance(exc, sqlite3.OperationalError):
            self._give_up(exc)
        else:
            self._rebuild(str(exc))

    def _give_up(self, exc: Exception) -> None:
        self._close_quietly()
        self._warn(f"claims cache {self.path} unusable ({exc}); running without it")

    def _connect(self) -> sqlite3.Connection:
        if self.path.exists() and not self.path.is_file():
            raise OSError(f"{self.path} is not a file")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: transactions are explicit, one per run
        return sqlite3.connect(self.path, timeout=10, isolation_level=None)

    def _check_format(self) -> None:
        assert self._db is not None
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            self._create()
            return
        if not {"meta", "outcomes"} <= tables:
            raise CacheError("not a factcheck claims cache")
        meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != FORMAT:
            raise CacheError("not a factcheck claims cache")
        if meta.get("schema") != SCHEMA:
            raise CacheError(f"cache layout {meta.get('schema')!r}, expected {SCHEMA!r}")
        if tables != {"meta", "outcomes", "files"}:
            raise CacheError(f"unexpected tables {sorted(tables)}")
        if not str(meta.get("run", "")).isdigit():
            raise CacheError("damaged run counter")

    def _create(self) -> None:
        assert self._db is not None
        self._db.executescript(
            f"""
            BEGIN;
            PRAGMA application_id = {APPLICATION_ID};
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            -- a rowid table: SQLite's WITHOUT ROWID layout suits small rows, and a payload is
            -- about 4 kB (10,000 of them are written in half the time, read in two thirds)
            CREATE TABLE outcomes (
                sha TEXT NOT NULL, version TEXT NOT NULL, digest TEXT NOT NULL,
                used INTEGER NOT NULL, payload BLOB NOT NULL, checksum BLOB NOT NULL,
                UNIQUE (sha, version, digest)
            );
            CREATE TABLE files (
                path BLOB PRIMARY KEY, stat TEXT NOT NULL, sha TEXT NOT NULL, used INTEGER NOT NULL,
                checksum BLOB NOT NULL
            ) WITHOUT ROWID;
            INSERT INTO meta VALUES ('format', '{FORMAT}'), ('schema', '{SCHEMA}'), ('run', '0');
            COMMIT;
            """
        )

    def _rebuild(self, why: str) -> None:
        """A new cache written beside ours and moved over it: the old one stays whole until then."""
        self._close_quietly()
        target = Path(os.path.realpath(self.path))  # a symbolic link to the cache stays one
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent)
            os.close(handle)
            try:
                with contextlib.suppress(OSError):
                    shutil.copymode(target, temporary)
                self._db = sqlite3.connect(temporary, isolation_level=None)
                self._create()
                self._close_quietly()
                for suffix in ("-journal", "-wal", "-shm"):  # the old file's: they would be replayed into the new
                    Path(f"{target}{suffix}").unlink(missing_ok=True)
                os.replace(temporary, target)
            except BaseException:
                self._close_quietly()
                Path(temporary).unlink(missing_ok=True)
                raise
            self._db = self._connect()
            self._warn(f"claims cache {self.path} cannot be trusted ({why}); rebuilt it")
        except (OSError, sqlite3.Error) as exc:
            self._give_up(exc)

    def _close_quietly(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None

    def close(self) -> None:
        self._close_quietly()

    # -- reading and writing

    def content_hashes(self, paths: Sequence[Path], read: bool = True) -> list[str | None]:
        """The content hash of each file, as content_hash gives it, without reading the files
        whose size, times, inode and device are those recorded when a run last hashed them:
        a run that adds one document to an archive reads that document, not the archive.

        With `read` false the other files are not read either (None): whoever reads one later
        reports its hash with `hashed`, to be recorded against the stat taken here, before."""
        known = self._recorded_stats()
        hashes: list[str | None] = []
        racy_before = time.time_ns() - int(RACY_SECONDS * 1e9)
        for path in paths:
            key = os.fsencode(os.path.abspath(path))
            stamp = _stat_stamp(path)
            recorded = known.get(key)
            if stamp is not None and recorded is not None and recorded[0] == stamp:
                self._stat_hits.append(key)
                hashes.append(recorded[1])
                continue
            settled = stamp is not None and _settled(stamp, racy_before)
            if not read:
                if settled:
                    self._stamped[key] = stamp
                hashes.append(None)
                continue
            sha = content_hash(path)  # read after the stat: a later change shows in the next stat
            hashes.append(sha)
            if sha is not None and settled:
                self._hashed[key] = (stamp, sha)
        return hashes

    def hashed(self, path: Path, sha: str) -> str:
        """Record the hash of the bytes read from `path` after content_hashes(read=False) took
        its stat (a change after that stat moves the stat: the record is then never used)."""
        key = os.fsencode(os.path.abspath(path))
        stamp = self._stamped.pop(key, None)
        if stamp is not None:
            self._hashed[key] = (stamp, sha)
        return sha

    def holds_outcomes(self) -> bool:
        """Whether any outcome is stored under this version and rules digest."""
        if self._db is None:
            return False
        try:
            query = "SELECT 1 FROM outcomes WHERE version = ? AND digest = ? LIMIT 1"
            return self._db.execute(query, (self.version, self.digest)).fetchone() is not None
        except sqlite3.DatabaseError as exc:
            self._fail(exc)
            return False

    def _recorded_stats(self) -> dict[bytes, tuple[str, str]]:
        if self._db is None:
            return {}
        try:
            rows = self._db.execute("SELECT path, stat, sha, checksum FROM files").fetchall()
        except sqlite3.DatabaseError as exc:
            self._fail(exc)
            return {}
        # a record that fails its checksum is left out: its file is read and recorded again
        known = {p: (st, h) for p, st, h, check in rows if p.__class__ is bytes and check == _file_checksum(p, st, h)}
        self._report_damage(len(rows) - len(known), "file record")
        return known

    def lookup(self, shas: Iterable[str]) -> dict[str, bytes]:
        """Payloads stored for these content hashes under this version and digest (one query)."""
        if self._db is None:
            return {}
        wanted = sorted(set(shas))
        try:
            rows = self._db.execute(
                "SELECT o.sha, o.payload, o.checksum FROM outcomes AS o JOIN json_each(?) AS j ON o.sha = j.value"
                " WHERE o.version = ? AND o.digest = ?",
                (json.dumps(wanted), self.version, self.digest),
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            self._fail(exc)
            return {}
        # a row that fails its checksum is a miss: its document is extracted again, the row replaced
        found = {
            sha: payload for sha, payload, check in rows
            if payload.__class__ is bytes and sha.__class__ is str and check == _outcome_checksum(sha, payload)
        }
        self._report_damage(len(rows) - len(found), "stored outcome")
        return found

    def _report_damage(self, count: int, what: str) -> None:
        if count:
            self._warn(f"claims cache {self.path}: checksum mismatch in {count} {what}{'s' if count > 1 else ''}; read afresh")

    def decode(self, payload: bytes, display: str) -> Outcome | None:
        """The stored outcome, or None (after rebuilding the cache) if the payload is damaged."""
        try:
            return decode(payload, display)
        except CacheError as exc:
            self._fail(exc)
            return None

    def save(self, new: Mapping[str, bytes], used: Iterable[str]) -> None:
        """In one transaction: store new payloads, mark used rows, prune rows of other keys or long unused."""
        if self._db is None:
            return
        try:
            self._save(new, sorted(set(used)))
        except sqlite3.Error as exc:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if type(exc) is not sqlite3.DatabaseError:  # busy, read-only, disk full: not damage
                self._warn(f"claims cache {self.path} not updated ({exc})")
                return
            self._fail(exc)  # damage first met here (a page only the pruning reads): rebuilt
            self._save_rebuilt(new)

    def _save_rebuilt(self, new: Mapping[str, bytes]) -> None:
        """This run's new outcomes, into the cache just rebuilt."""
        if self._db is None:
            return
        try:
            self._save(new, [])
        except sqlite3.Error as exc:
            self._give_up(exc)

    def _save(self, new: Mapping[str, bytes], used: list[str]) -> None:
        assert self._db is not None
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        run = int(db.execute("SELECT value FROM meta WHERE key = 'run'").fetchone()[0]) + 1
        db.execute("UPDATE meta SET value = ? WHERE key = 'run'", (str(run),))
        # refreshing only rows half-way to expiry keeps a warm run from rewriting every row
        db.execute(
            "UPDATE outcomes SET used = ? WHERE version = ? AND digest = ? AND used < ?"
            " AND sha IN (SELECT value FROM json_each(?))",
            (run, self.version, self.digest, run - KEEP_RUNS // 2, json.dumps(used)),
        )
        db.executemany(
            "INSERT OR REPLACE INTO outcomes VALUES (?, ?, ?, ?, ?, ?)",
            [(sha, self.version, self.digest, run, new[sha], _outcome_checksum(sha, new[sha])) for sha in sorted(new)],
        )
        db.execute(
            "DELETE FROM outcomes WHERE version != ? OR digest != ? OR used <= ?",
            (self.version, self.digest, run - KEEP_RUNS),
        )
        self._save_file_records(run)
        db.execute("COMMIT")

    def _save_file_records(self, run: int) -> None:
        assert self._db is not None
        hits = sorted(set(self._stat_hits))
        self._db.executemany(
            "UPDATE files SET used = ? WHERE path = ? AND used < ?", [(run, p, run - KEEP_RUNS // 2) for p in hits]
        )
        self._db.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            [(path, stamp, sha, run, _file_checksum(path, stamp, sha)) for path, (stamp, sha) in sorted(self._hashed.items())],
        )
        self._db.execute("DELETE FROM files WHERE used <= ?", (run - KEEP_RUNS,))
        self._stat_hits, self._hashed = [], {}


# Checksums: SQLite checks no page's content, so a byte changed inside the file (by a disk, a
# tool, a hand) would otherwise change a report. Each covers its row's key too: rows swapped
# between keys fail as well. sha256 has CPU instructions on the benchmark machine (1.7 GB/s):
# about 25 ms for the 40 MB of payloads a warm 10,000-document run reads.


def _outcome_checksum(sha: str, payload: bytes) -> bytes:
    checksum = hashlib.sha256(payload)
    checksum.update(sha.encode())
    return checksum.digest()


def _file_checksum(path: bytes, stamp: Any, sha: Any) -> bytes:
    return hashlib.sha256(b"%b\0%b\0%b" % (path, str(stamp).encode(), str(sha).encode())).digest()
