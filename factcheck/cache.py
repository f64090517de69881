"""The claims cache: per-document extraction results in SQLite, keyed by content, tool and rule hashes."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from .cache_codec import CacheError, Outcome, decode, encode_processed, encode_skipped
from .cache_keys import content_hash, file_checksum, outcome_checksum, stamp_settled, stat_stamp, version_key
from .read import InputError

__all__ = ["CacheError", "ClaimsCache", "NotOurCache", "Outcome", "content_hash", "decode", "encode_processed",
           "encode_skipped", "version_key"]

FORMAT = "factcheck-claims-cache"
SCHEMA = "7"  # bump when the table layout or the payload layout changes (7: payloads of msgspec Structs)
APPLICATION_ID = 0x6663686B  # "fchk" in SQLite's header (PRAGMA application_id): the file is ours
SQLITE_MAGIC = b"SQLite format 3\0"
RACY_SECONDS = 2.0  # a file changed this recently may change again within one timestamp tick
KEEP_RUNS = 30  # rows not used by any of the last KEEP_RUNS runs are pruned

Warn = Callable[[str], None]


class NotOurCache(InputError):
    """The --cache file is not one factcheck made: it is never overwritten (exit 2)."""


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
            stamp = stat_stamp(path)
            recorded = known.get(key)
            if stamp is not None and recorded is not None and recorded[0] == stamp:
                self._stat_hits.append(key)
                hashes.append(recorded[1])
                continue
            settled = stamp is not None and stamp_settled(stamp, racy_before)
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
        known = {p: (st, h) for p, st, h, check in rows if p.__class__ is bytes and check == file_checksum(p, st, h)}
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
            if payload.__class__ is bytes and sha.__class__ is str and check == outcome_checksum(sha, payload)
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
            [(sha, self.version, self.digest, run, new[sha], outcome_checksum(sha, new[sha])) for sha in sorted(new)],
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
            [(path, stamp, sha, run, file_checksum(path, stamp, sha)) for path, (stamp, sha) in sorted(self._hashed.items())],
        )
        self._db.execute("DELETE FROM files WHERE used <= ?", (run - KEEP_RUNS,))
        self._stat_hits, self._hashed = [], {}
