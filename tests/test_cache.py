"""The claims cache: hits skip extraction, keys invalidate what they must, damage to ours is rebuilt,
another file is never overwritten, a row that fails its checksum is a miss."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Iterator

import pytest

import factcheck
from factcheck import cache, pipeline
from factcheck.settings import load_config
from factcheck.read import InputError
from factcheck.model import AmountValue, Claim, ClaimKind, DateValue, Document, Line, Metadata, RawDocument, Skipped
from factcheck.pipeline import Processed, RunOptions


# ------------------------------------------------------------------ fake per-document stages
# Stand-ins for the per-document stages: they read "N億" amounts and ISO dates so
# the cache machinery can be tested on its own, and count how often extraction runs.


class Stages:
    def __init__(self) -> None:
        self.extracted: list[str] = []

    def discover(self, paths):
        found = sorted((p, p.name) for root in paths for p in Path(root).iterdir() if p.is_file())
        return found, []

    def read(self, path: Path, display: str):
        data = path.read_bytes()
        if b"\xff" in data:
            return Skipped(display, "undecodable bytes", "undecodable")
        sha = hashlib.sha256(data).hexdigest()
        return RawDocument(display, data.decode("utf-8"), "utf-8", sha)

    def clean(self, raw: RawDocument, config) -> Document:
        lines = tuple(Line(n, t, t) for n, t in enumerate(raw.text.split("\n"), 1) if t.strip())
        return Document(raw.path, raw.sha256, raw.encoding, Metadata(source="fake"), lines)

    def normalise(self, doc: Document, config) -> Document:
        return replace(doc, lines=tuple(replace(line, norm=line.text) for line in doc.lines))

    def extract(self, doc: Document, config) -> tuple[Claim, ...]:
        self.extracted.append(doc.path)
        claims = []
        for line in doc.lines:
            for m in re.finditer(r"(\w+)估值(\d+)億", line.norm):
                value = AmountValue(int(m.group(2)) * 1e8, "CNY", "currency")
                claims.append(Claim(ClaimKind.AMOUNT, doc.path, line.number, line.text, m.group(2) + "億",
                                    m.start(2), m.group(1), "valuation", value, terms=(m.group(1),)))
            for m in re.finditer(r"(\w+)發布於(\d{4}-\d\d-\d\d)", line.norm):
                day = dt.date.fromisoformat(m.group(2))
                value = DateValue(day, day, "day", written=m.group(2))
                claims.append(Claim(ClaimKind.DATE, doc.path, line.number, line.text, m.group(2),
                                    m.start(2), m.group(1), "occur", value))
        return tuple(claims)


@pytest.fixture
def stages(monkeypatch) -> Stages:
    fake = Stages()
    monkeypatch.setattr(pipeline.load_stage, "discover", fake.discover)
    monkeypatch.setattr(pipeline.load_stage, "read", fake.read)
    monkeypatch.setattr(pipeline.clean_stage, "clean", fake.clean)
    monkeypatch.setattr(pipeline.normalise_stage, "normalise", fake.normalise)
    monkeypatch.setattr(pipeline.extract_stage, "extract", fake.extract)
    monkeypatch.setattr(pipeline.align_stage, "align", lambda claims, config, *more: ())
    monkeypatch.setattr(pipeline.check_stage, "check", lambda corpus, config: ())
    return fake


@pytest.fixture
def config(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    return load_config(rules)


def write_corpus(folder: Path, count: int = 4) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(count):
        text = f"標題{i}\nA公司估值{100 + i}億。\n模型發布於2025-12-{10 + i:02d}。\n"
        (folder / f"doc{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def run(corpus: Path, config, cache_path: Path | None, jobs: int = 1):
    return pipeline.run([corpus], config, RunOptions(jobs=jobs, cache=cache_path))


def rows(cache_path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(cache_path) as db:
        return db.execute("SELECT sha, version, digest FROM outcomes ORDER BY sha").fetchall()


# ------------------------------------------------------------------------- the cache


def test_cache_hits_skip_extraction_and_give_the_same_result(stages, config, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    cache_path = tmp_path / "reports" / "cache.sqlite"
    cold = run(corpus, config, cache_path)
    assert stages.extracted == ["doc00.txt", "doc01.txt", "doc02.txt", "doc03.txt"]
    assert len(cold.claims) == 8
    stages.extracted.clear()
    warm = run(corpus, config, cache_path)
    assert stages.extracted == []
    assert warm == cold
    assert repr(warm) == repr(cold)


def test_no_cache_extracts_every_time(stages, config, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    run(corpus, config, None)
    run(corpus, config, None)
    assert len(stages.extracted) == 8


def test_editing_one_document_reextracts_only_it(stages, config, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    cache_path = tmp_path / "cache.sqlite"
    run(corpus, config, cache_path)
    (corpus / "doc02.txt").write_text("B公司估值999億。\n", encoding="utf-8")
    stages.extracted.clear()
    result = run(corpus, config, cache_path)
    assert stages.extracted == ["doc02.txt"]
    assert [(c.doc, c.raw) for c in result.claims if c.doc == "doc02.txt"] == [("doc02.txt", "999億")]


def test_same_bytes_under_two_names_are_two_documents(stages, config, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 1)
    (corpus / "copy.txt").write_bytes((corpus / "doc00.txt").read_bytes())
    cache_path = tmp_path / "cache.sqlite"
    cold = run(corpus, config, cache_path)
    stages.extracted.clear()
    warm = run(corpus, config, cache_path)
    assert stages.extracted == []
    assert len(rows(cache_path)) == 1
    assert [c.doc for c in warm.claims] == ["copy.txt", "copy.txt", "doc00.txt", "doc00.txt"]
    assert warm == cold


def test_changing_a_rule_file_invalidates_the_cache(stages, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "lexicon.toml").write_text('[lexicon.entities]\nacme = ["Acme"]\n', encoding="utf-8")
    corpus = write_corpus(tmp_path / "corpus", 2)
    cache_path = tmp_path / "cache.sqlite"
    run(corpus, load_config(rules), cache_path)
    (rules / "lexicon.toml").write_text('[lexicon.entities]\nacme = ["Acme", "艾克米"]\n', encoding="utf-8")
    changed = load_config(rules)
    stages.extracted.clear()
    run(corpus, changed, cache_path)
    assert stages.extracted == ["doc00.txt", "doc01.txt"]
    assert {digest for _, _, digest in rows(cache_path)} == {changed.digest}  # old rows pruned


def test_a_cache_from_another_version_is_not_trusted(stages, config, tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", 2)
    cache_path = tmp_path / "cache.sqlite"
    run(corpus, config, cache_path)
    monkeypatch.setattr(factcheck, "__version__", "99.0")
    stages.extracted.clear()
    run(corpus, config, cache_path)
    assert stages.extracted == ["doc00.txt", "doc01.txt"]
    assert {version.split("+")[0] for _, version, _ in rows(cache_path)} == {"99.0"}


# ------------------------------------------------------ whose file it is, and damage to ours


def refusal(path: Path, what: str) -> str:
    return f"claims cache {path} is not a factcheck cache ({what}); left untouched: give --cache another file, or --no-cache"


@contextlib.contextmanager
def database(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to an SQLite file, committed and closed at the end."""
    db = sqlite3.connect(path)
    try:
        with db:
            yield db
    finally:
        db.close()


def sqlite_file(path: Path, script: str) -> None:
    with database(path) as db:
        db.executescript(script)


def users_database(path: Path, application_id: int = 0) -> None:
    """Another program's database: a table of users, and its own application_id if any."""
    rows = ", ".join(f"('user{i}', 'u{i}@example.com')" for i in range(300))
    prefix = f"PRAGMA application_id = {application_id};" if application_id else ""
    sqlite_file(path, f"{prefix} CREATE TABLE users (name TEXT, email TEXT); INSERT INTO users VALUES {rows};")


def wreck(path: Path, btree: str) -> None:
    """Overwrite the first page of one table or index with junk, as a bad disk or a stray write would."""
    with database(path) as db:
        (page,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (btree,)).fetchone()
        (size,) = db.execute("PRAGMA page_size").fetchone()
    data = bytearray(path.read_bytes())
    data[(page - 1) * size:page * size] = b"\xab" * size
    path.write_bytes(bytes(data))


def application_id(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[68:72], "big")


def wrecked_users_database(path: Path) -> None:
    users_database(path)
    wreck(path, "users")


def cache_with_a_wrecked_header(path: Path) -> None:
    """Ours once, but the application_id in its header is overwritten: no longer recognisably ours."""
    cache.ClaimsCache(path, "d" * 64, warn=pytest.fail).close()
    data = bytearray(path.read_bytes())
    data[68:72] = b"\xab\xab\xab\xab"
    path.write_bytes(bytes(data))


def like_ours_but_no_format_row(path: Path) -> None:
    sqlite_file(path, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); CREATE TABLE outcomes (sha TEXT, payload BLOB);")


def cache_folder(tmp_path: Path) -> Path:
    """The cache file's path, alone in its folder (so a leftover journal or copy would show)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder / "cache.sqlite"


def alone(cache_path: Path) -> bool:
    return [p.name for p in cache_path.parent.iterdir()] == [cache_path.name]


@pytest.mark.parametrize(
    "make, what",
    [
        (lambda path: path.write_bytes(b"important\n"), "not an SQLite database"),
        (lambda path: path.write_bytes(b"\x00garbage\xff" * 500), "not an SQLite database"),
        (users_database, "an SQLite database without factcheck's tables"),
        (lambda path: users_database(path, 0x12345678), "another program's SQLite database, application_id 0x12345678"),
        (like_ours_but_no_format_row, "an SQLite database without factcheck's tables"),
        (wrecked_users_database, "an SQLite database without factcheck's tables"),
        (cache_with_a_wrecked_header, "another program's SQLite database, application_id 0xabababab"),
    ],
    ids=["text", "junk", "users-db", "other-application", "no-format-row", "damaged-users-db", "damaged-header"],
)
def test_a_file_factcheck_did_not_make_is_refused_and_left_untouched(stages, config, tmp_path, capsys, make, what):
    corpus = write_corpus(tmp_path / "corpus", 2)
    cache_path = cache_folder(tmp_path)
    make(cache_path)
    before = cache_path.read_bytes()
    with pytest.raises(cache.NotOurCache) as error:
        run(corpus, config, cache_path)
    assert str(error.value) == refusal(cache_path, what)
    assert isinstance(error.value, InputError)  # the command line's exit 2, one line
    assert cache_path.read_bytes() == before
    assert alone(cache_path)  # no journal, no rebuilt copy
    assert stages.extracted == []
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "make, what",
    [
        (lambda path: path.write_bytes(b"important\n"), "not an SQLite database"),
        (users_database, "an SQLite database without factcheck's tables"),
    ],
    ids=["text", "users-db"],
)
def test_the_command_line_refuses_a_cache_file_that_is_not_factchecks_with_exit_2(tmp_path, make, what):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("date: 2025-12-10\n---\n公司於2025年12月1日進入「紅色警報」狀態。\n", encoding="utf-8")
    make(tmp_path / "notes.txt")
    before = (tmp_path / "notes.txt").read_bytes()
    rules = str(Path(__file__).resolve().parent.parent / "rules")
    command = [sys.executable, "-m", "factcheck", "check", "docs", "--cache", "notes.txt", "--rules", rules, "--jobs", "1"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, check=False)
    assert done.returncode == 2
    assert done.stderr.decode() == f"factcheck: error: {refusal(Path('notes.txt'), what)}\n"
    assert done.stdout == b""
    assert (tmp_path / "notes.txt").read_bytes() == before


def test_an_empty_file_becomes_a_cache(stages, config, tmp_path, capsys):
    corpus = write_corpus(tmp_path / "corpus", 2)
    cache_path = tmp_path / "cache.sqlite"
    cache_path.touch()
    cold = run(corpus, config, cache_path)
    assert capsys.readouterr().err == ""
    assert application_id(cache_path) == cache.APPLICATION_ID
    stages.extracted.clear()
    assert run(corpus, config, cache_path) == cold
    assert stages.extracted == []


OLDER_CACHE = """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE outcomes (sha TEXT NOT NULL, version TEXT NOT NULL, digest TEXT NOT NULL,
        used INTEGER NOT NULL, payload BLOB NOT NULL, UNIQUE (sha, version, digest));
    CREATE TABLE files (path BLOB PRIMARY KEY, stat TEXT NOT NULL, sha TEXT NOT NULL,
        used INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO meta VALUES ('format', 'factcheck-claims-cache'), ('schema', '5'), ('run', '3');
"""  # as factcheck wrote its cache before the application_id and the checksums


def test_a_cache_of_an_older_factcheck_is_rebuilt(stages, config, tmp_path, capsys):
    corpus = write_corpus(tmp_path / "corpus", 2)
    cache_path = cache_folder(tmp_path)
    sqlite_file(cache_path, OLDER_CACHE)
    cold = run(corpus, config, cache_path)
    assert capsys.readouterr().err == (
        f"factcheck: warning: claims cache {cache_path} cannot be trusted (cache layout '5', expected '{cache.SCHEMA}'); rebuilt it\n"
    )
    assert application_id(cache_path) == cache.APPLICATION_ID
    assert alone(cache_path)
    stages.extracted.clear()
    assert run(corpus, config, cache_path) == cold
    assert (stages.extracted, capsys.readouterr().err) == ([], "")


@pytest.mark.parametrize("btree", ["meta", "outcomes", "sqlite_autoindex_outcomes_1", "files"])
def test_a_damaged_cache_of_ours_is_rebuilt_and_the_next_run_is_clean(stages, config, tmp_path, capsys, monkeypatch, btree):
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)  # so the files' records are written too
    corpus = write_corpus(tmp_path / "corpus", 3)
    cache_path = cache_folder(tmp_path)
    expected = run(corpus, config, None)
    run(corpus, config, cache_path)
    wreck(cache_path, btree)
    assert run(corpus, config, cache_path) == expected
    assert capsys.readouterr().err == (
        f"factcheck: warning: claims cache {cache_path} cannot be trusted (database disk image is malformed); rebuilt it\n"
    )
    assert alone(cache_path)  # rebuilt beside it and moved over it
    for _ in range(2):
        assert run(corpus, config, cache_path) == expected
        assert capsys.readouterr().err == ""
    stages.extracted.clear()
    assert run(corpus, config, cache_path) == expected
    assert stages.extracted == []
    with database(cache_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert application_id(cache_path) == cache.APPLICATION_ID


def test_a_rebuild_that_fails_leaves_the_damaged_cache_as_it_was(stages, config, tmp_path, capsys, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", 2)
    cache_path = cache_folder(tmp_path)
    expected = run(corpus, config, cache_path)
    wreck(cache_path, "meta")
    damaged = cache_path.read_bytes()

    def disk_full(self):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(cache.ClaimsCache, "_create", disk_full)
    assert run(corpus, config, cache_path) == expected
    assert capsys.readouterr().err == (
        f"factcheck: warning: claims cache {cache_path} unusable (database or disk is full); running without it\n"
    )
    assert cache_path.read_bytes() == damaged
    assert alone(cache_path)


@pytest.mark.parametrize(
    "damage, reason",
    [
        ("UPDATE meta SET value = '0' WHERE key = 'schema'", f"cache layout '0', expected '{cache.SCHEMA}'"),
        ("UPDATE meta SET value = 'x' WHERE key = 'run'", "damaged run counter"),
    ],
)
def test_a_cache_of_ours_with_another_layout_or_damaged_meta_is_rebuilt(stages, config, tmp_path, capsys, damage, reason):
    corpus = write_corpus(tmp_path / "corpus", 1)
    cache_path = tmp_path / "cache.sqlite"
    run(corpus, config, cache_path)
    sqlite_file(cache_path, damage)
    stages.extracted.clear()
    run(corpus, config, cache_path)
    assert stages.extracted == ["doc00.txt"]
    assert capsys.readouterr().err == (
        f"factcheck: warning: claims cache {cache_path} cannot be trusted ({reason}); rebuilt it\n"
    )


def test_a_cache_of_the_codec_before_msgspec_is_discarded_and_rebuilt(stages, config, tmp_path, capsys):
    # schema 6 stored a union member as [name, [fields]]; its rows pass their checksums, and none is read
    corpus = write_corpus(tmp_path / "corpus", 2)
    cache_path = cache_folder(tmp_path)
    expected = run(corpus, config, None)
    run(corpus, config, cache_path)
    old = ('["processed", [null, "' + "ab" * 32 + '", "utf-8", ["fake", "", null, "", 0], [], [], 0],'
           ' [["amount", null, 2, "A公司估值100億。", "100億", 3, "A公司", "valuation",'
           ' ["AmountValue", [1e10, "CNY", "currency", "exact", null, null]], "", [], "", "1e+10 CNY"]]]').encode()
    with database(cache_path) as db:
        db.execute("UPDATE meta SET value = '6' WHERE key = 'schema'")
        for (sha,) in db.execute("SELECT sha FROM outcomes").fetchall():
            db.execute("UPDATE outcomes SET payload = ?, checksum = ? WHERE sha = ?", (old, cache.outcome_checksum(sha, old), sha))
    stages.extracted.clear()
    assert run(corpus, config, cache_path) == expected
    assert stages.extracted == ["doc00.txt", "doc01.txt"]
    assert capsys.readouterr().err == (
        f"factcheck: warning: claims cache {cache_path} cannot be trusted (cache layout '6', expected '7'); rebuilt it\n"
    )
    assert alone(cache_path)
    stages.extracted.clear()
    assert run(corpus, config, cache_path) == expected
    assert (stages.extracted, capsys.readouterr().err) == ([], "")


def test_damage_first_met_on_saving_is_rebuilt_too(stages, config, tmp_path, capsys, monkeypatch):
    # rows of documents not in this run are read only by the save's pruning: a damaged page among
    # them must not leave the cache unsaved (and warning) run after run
    filler = "這是一段很長的句子，用來把每條記錄撐大。" * 40
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, name in ((first, "甲"), (second, "乙")):
        folder.mkdir()
        for i in range(8):
            (folder / f"{name}{i}.txt").write_text(f"{name}{i}公司估值{i + 1}億。標記{name}{i}{filler}\n", encoding="utf-8")
    cache_path = cache_folder(tmp_path)
    run(first, config, cache_path)
    expected = run(second, config, cache_path)
    data = cache_path.read_bytes()
    pages = {data.index(f"標記甲{i}".encode()) // 4096 for i in range(8)} - {data.index(f"標記乙{i}".encode()) // 4096 for i in range(8)}
    page = max(pages)  # a page of the first folder's rows, not the first page of the table
    cache_path.write_bytes(data[:page * 4096] + b"\xab" * 4096 + data[(page + 1) * 4096:])
    assert run(second, config, cache_path) == expected
    assert capsys.readouterr().err == (
        f"factcheck: warning: claims cache {cache_path} cannot be trusted (database disk image is malformed); rebuilt it\n"
    )
    assert run(second, config, cache_path) == expected
    assert capsys.readouterr().err == ""
    stages.extracted.clear()
    assert run(second, config, cache_path) == expected
    assert stages.extracted == []


# ------------------------------------------------------------------ rows checked on reading


def dates(result) -> list[tuple[str, str]]:
    return [(c.doc, c.value.start.isoformat()) for c in result.claims if c.kind is ClaimKind.DATE]


def mismatch(cache_path: Path, count: int, what: str) -> str:
    return f"factcheck: warning: claims cache {cache_path}: checksum mismatch in {count} {what}; read afresh\n"


def test_a_value_changed_inside_the_cache_files_bytes_is_a_miss(stages, config, tmp_path, capsys):
    corpus = write_corpus(tmp_path / "corpus", 2)
    cache_path = tmp_path / "cache.sqlite"
    cold = run(corpus, config, cache_path)
    assert dates(cold) == [("doc00.txt", "2025-12-10"), ("doc01.txt", "2025-12-11")]
    data = cache_path.read_bytes()
    assert b"2025-12-10" in data
    cache_path.write_bytes(data.replace(b"2025-12-10", b"2024-12-10"))  # a year changed in the file itself
    stages.extracted.clear()
    warm = run(corpus, config, cache_path)
    assert dates(warm) == [("doc00.txt", "2025-12-10"), ("doc01.txt", "2025-12-11")]
    assert warm == cold
    assert stages.extracted == ["doc00.txt"]
    assert capsys.readouterr().err == mismatch(cache_path, 1, "stored outcome")
    stages.extracted.clear()
    assert run(corpus, config, cache_path) == cold  # the row was written again
    assert (stages.extracted, capsys.readouterr().err) == ([], "")


def test_payloads_swapped_between_rows_are_misses(stages, config, tmp_path, capsys):
    corpus = write_corpus(tmp_path / "corpus", 3)
    cache_path = tmp_path / "cache.sqlite"
    cold = run(corpus, config, cache_path)
    with database(cache_path) as db:
        (a, pa), (b, pb) = db.execute("SELECT sha, payload FROM outcomes ORDER BY sha LIMIT 2").fetchall()
        db.executemany("UPDATE outcomes SET payload = ? WHERE sha = ?", [(pb, a), (pa, b)])
    stages.extracted.clear()
    assert run(corpus, config, cache_path) == cold
    assert len(stages.extracted) == 2
    assert capsys.readouterr().err == mismatch(cache_path, 2, "stored outcomes")


def test_a_file_record_pointing_at_another_files_content_is_a_miss(stages, config, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)  # so the files' records are written
    corpus = write_corpus(tmp_path / "corpus", 2)
    cache_path = tmp_path / "cache.sqlite"
    cold = run(corpus, config, cache_path)
    first = hashlib.sha256((corpus / "doc00.txt").read_bytes()).hexdigest()
    with database(cache_path) as db:
        db.execute("UPDATE files SET sha = ? WHERE path = ?", (first, os.fsencode(corpus / "doc01.txt")))
    hashes = HashCounter(monkeypatch)
    stages.extracted.clear()
    assert run(corpus, config, cache_path) == cold  # doc01 is not given doc00's claims
    assert (hashes.read, stages.extracted) == (["doc01.txt"], [])
    assert capsys.readouterr().err == mismatch(cache_path, 1, "file record")
    assert run(corpus, config, cache_path) == cold
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("stored", [b'["processed", [], []]', '["processed", [], []]'], ids=["blob", "text"])
def test_a_payload_changed_without_its_checksum_is_never_used(stages, config, tmp_path, capsys, stored):
    corpus = write_corpus(tmp_path / "corpus", 3)
    cache_path = tmp_path / "cache.sqlite"
    expected = run(corpus, config, cache_path)
    with database(cache_path) as db:
        (sha,) = db.execute("SELECT sha FROM outcomes ORDER BY sha LIMIT 1").fetchone()
        db.execute("UPDATE outcomes SET payload = ? WHERE sha = ?", (stored, sha))
    stages.extracted.clear()
    assert run(corpus, config, cache_path) == expected
    assert len(stages.extracted) == 1
    assert capsys.readouterr().err == mismatch(cache_path, 1, "stored outcome")
    assert len(rows(cache_path)) == 3


def test_a_payload_that_passes_its_checksum_but_does_not_decode_rebuilds_the_cache(stages, config, tmp_path, capsys):
    # only a codec changed without a version change could store one: nothing read from that cache is trusted
    corpus = write_corpus(tmp_path / "corpus", 3)
    cache_path = tmp_path / "cache.sqlite"
    expected = run(corpus, config, cache_path)
    stored = b'["processed", [], []]'
    with database(cache_path) as db:
        (sha,) = db.execute("SELECT sha FROM outcomes ORDER BY sha LIMIT 1").fetchone()
        db.execute("UPDATE outcomes SET payload = ?, checksum = ? WHERE sha = ?", (stored, cache.outcome_checksum(sha, stored), sha))
    stages.extracted.clear()
    assert run(corpus, config, cache_path) == expected
    assert stages.extracted == ["doc00.txt", "doc01.txt", "doc02.txt"]
    why = "bad payload: Expected `array` of at least length 7, got 0 - at `$[1]`"
    assert capsys.readouterr().err == f"factcheck: warning: claims cache {cache_path} cannot be trusted ({why}); rebuilt it\n"
    assert len(rows(cache_path)) == 3


def test_a_cache_path_that_is_a_folder_runs_without_cache(stages, config, tmp_path, capsys):
    corpus = write_corpus(tmp_path / "corpus", 1)
    folder = tmp_path / "cache.sqlite"
    folder.mkdir()
    assert run(corpus, config, folder) == run(corpus, config, None)
    assert folder.is_dir()
    assert capsys.readouterr().err == (
        f"factcheck: warning: claims cache {folder} unusable ({folder} is not a file); running without it\n"
    )


def test_skipped_documents_are_cached_too(stages, config, tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", 1)
    (corpus / "binary.txt").write_bytes(b"\xff\xfe\x00junk")
    cache_path = tmp_path / "cache.sqlite"
    cold = run(corpus, config, cache_path)
    assert [(d.path, d.status, d.reason) for d in cold.documents] == [
        ("binary.txt", "skipped", "undecodable bytes"),
        ("doc00.txt", "checked", ""),
    ]
    # a first run hashes no file ahead (nothing could be a hit) and a skipped outcome carries no
    # hash of what was read: it is stored by the next run, which hashes the files it does not know
    assert run(corpus, config, cache_path) == cold
    calls = []
    monkeypatch.setattr(pipeline.load_stage, "read", lambda path, display: calls.append(display))
    assert run(corpus, config, cache_path) == cold
    assert calls == []


def test_rows_unused_for_many_runs_are_pruned(stages, config, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "KEEP_RUNS", 2)
    first = write_corpus(tmp_path / "first", 1)
    second = tmp_path / "second"
    second.mkdir()
    (second / "other.txt").write_text("C公司估值5億。\n", encoding="utf-8")
    cache_path = tmp_path / "cache.sqlite"
    run(first, config, cache_path)
    run(second, config, cache_path)
    assert len(rows(cache_path)) == 2
    run(second, config, cache_path)
    assert [sha for sha, _, _ in rows(cache_path)] == [hashlib.sha256((second / "other.txt").read_bytes()).hexdigest()]


def test_progress_counts_cache_hits_at_once_then_each_new_document(stages, config, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 3)
    cache_path = tmp_path / "cache.sqlite"
    run(corpus, config, cache_path)
    (corpus / "doc03.txt").write_text("D公司估值7億。\n", encoding="utf-8")
    calls = []
    pipeline.run([corpus], config, RunOptions(cache=cache_path, progress=lambda done, total: calls.append((done, total))))
    assert calls == [(3, 4), (4, 4)]


def test_outcomes_keep_no_text(stages, config, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 2)
    found, _ = stages.discover([corpus])
    outcomes = pipeline.process_all(found, config, RunOptions(cache=tmp_path / "c.sqlite"))
    assert [o.document.lines for o in outcomes if isinstance(o, Processed)] == [(), ()]


# ------------------------------------------------------------------ reading only what changed


class HashCounter:
    def __init__(self, monkeypatch) -> None:
        self.read: list[str] = []
        real = cache.content_hash

        def counted(path):
            self.read.append(Path(path).name)
            return real(path)

        monkeypatch.setattr(cache, "content_hash", counted)


def test_unchanged_files_are_not_read_to_find_their_hash(stages, config, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)  # the files were written a moment ago
    corpus = write_corpus(tmp_path / "corpus", 3)
    cache_path = tmp_path / "cache.sqlite"
    run(corpus, config, cache_path)
    hashes = HashCounter(monkeypatch)
    (corpus / "doc03.txt").write_text("新的一篇\nB公司估值7億。\n", encoding="utf-8")
    stages.extracted.clear()
    result = run(corpus, config, cache_path)
    assert hashes.read == ["doc03.txt"]
    assert stages.extracted == ["doc03.txt"]
    assert [s.path for s in result.documents] == ["doc00.txt", "doc01.txt", "doc02.txt", "doc03.txt"]


def test_a_first_run_reads_each_file_once_and_still_records_what_it_read(stages, config, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)
    corpus = write_corpus(tmp_path / "corpus", 3)
    cache_path = tmp_path / "cache.sqlite"
    hashes = HashCounter(monkeypatch)
    cold = run(corpus, config, cache_path)
    assert hashes.read == []  # nothing stored could be a hit: the workers' own reads give the hashes
    assert len(rows(cache_path)) == 3
    stages.extracted.clear()
    assert run(corpus, config, cache_path) == cold
    assert (hashes.read, stages.extracted) == ([], [])  # each file's stat was recorded with its hash


def test_a_file_edited_between_its_stat_and_its_read_is_read_again_next_run(stages, config, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)
    corpus = write_corpus(tmp_path / "corpus", 2)
    cache_path = tmp_path / "cache.sqlite"
    target = corpus / "doc01.txt"
    real_read = stages.read

    def edited_first(path, display):  # the edit lands after the stat, before the read
        if path == target and "109億" not in target.read_text(encoding="utf-8"):
            target.write_text(target.read_text(encoding="utf-8").replace("101億", "109億 "), encoding="utf-8")
        return real_read(path, display)

    monkeypatch.setattr(pipeline.load_stage, "read", edited_first)
    run(corpus, config, cache_path)
    hashes = HashCounter(monkeypatch)
    result = run(corpus, config, cache_path)
    assert hashes.read == ["doc01.txt"]  # its recorded stat is the one before the edit
    assert [c.raw for c in result.claims if c.doc == "doc01.txt" and c.attribute == "valuation"] == ["109億"]


def test_an_edit_that_keeps_the_size_and_restores_the_mtime_is_still_seen(stages, config, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)
    corpus = write_corpus(tmp_path / "corpus", 2)
    cache_path = tmp_path / "cache.sqlite"
    run(corpus, config, cache_path)
    target = corpus / "doc01.txt"
    before = target.stat()
    target.write_text(target.read_text(encoding="utf-8").replace("101億", "109億"), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # ctime moves all the same
    assert (target.stat().st_size, target.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    stages.extracted.clear()
    result = run(corpus, config, cache_path)
    assert stages.extracted == ["doc01.txt"]
    assert [c.raw for c in result.claims if c.doc == "doc01.txt" and c.attribute == "valuation"] == ["109億"]


def test_a_file_written_within_the_racy_window_is_read_again_next_run(stages, config, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "RACY_SECONDS", 3600.0)  # every file here counts as just written
    corpus = write_corpus(tmp_path / "corpus", 2)
    cache_path = tmp_path / "cache.sqlite"
    run(corpus, config, cache_path)
    hashes = HashCounter(monkeypatch)
    stages.extracted.clear()
    run(corpus, config, cache_path)
    assert hashes.read == ["doc00.txt", "doc01.txt"]  # hashed again, a same-tick edit would be seen
    assert stages.extracted == []  # and still served from the cache by content


def test_an_outcome_the_codec_cannot_write_is_kept_but_not_cached(stages, config, tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", 2)
    extract = stages.extract

    def nan_in_doc01(doc, config):
        claims = extract(doc, config)
        return tuple(replace(c, value=replace(c.value, value=float("nan"))) if doc.path == "doc01.txt" and
                     c.kind is ClaimKind.AMOUNT else c for c in claims)

    monkeypatch.setattr(pipeline.extract_stage, "extract", nan_in_doc01)
    cache_path = tmp_path / "cache.sqlite"
    result = run(corpus, config, cache_path, jobs=2)
    amounts = [c for c in result.claims if c.kind is ClaimKind.AMOUNT]
    assert [(c.doc, repr(c.value.value)) for c in amounts] == [("doc00.txt", "10000000000.0"), ("doc01.txt", "nan")]
    stored = [sha for sha, _, _ in rows(cache_path)]
    assert stored == [hashlib.sha256((corpus / "doc00.txt").read_bytes()).hexdigest()]
