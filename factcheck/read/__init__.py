"""Stage 1, load: find the input files, decode them, read their metadata header."""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import stat
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

from ..model import Metadata, Problem, RawDocument, Skipped

SUFFIXES = (".txt", ".md")
Identity = tuple[int, int]  # (device, inode): what makes two names one file


class InputError(Exception):
    """An input path the user gave cannot be used at all (missing path): exit 2."""


# ------------------------------------------------------------------------- discover


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


def display_path(path: str | Path) -> str:
    r"""The path as the user would write it: relative to the cwd when under it, posix, printable.

    Distinct paths get distinct display paths (a document is known by its display path from
    here on): a backslash in a name is shown doubled, so an escaped character never reads like
    another file's name (`a\\x0ab.txt` is a backslash and x0ab, `a\x0ab.txt` holds a newline)."""
    text = os.fsdecode(os.fspath(path))
    folder, name = os.path.split(text)
    if folder and name and name not in (os.curdir, os.pardir):
        # the folder's form is worked out once for all its files (relpath is the slow part)
        shown = _display_folder(folder, os.getcwd() if os.path.isabs(folder) else "")
        return _printable_name(name) if shown == "." else f"{shown.rstrip('/')}/{_printable_name(name)}"
    return _display_whole(text)


@lru_cache(maxsize=256)
def _display_folder(folder: str, cwd: str) -> str:
    return _display_whole(folder)  # `cwd` is part of the cache key: relpath depends on it


def _display_whole(text: str) -> str:
    if os.path.isabs(text):
        try:
            relative = os.path.relpath(text)
        except ValueError:  # another drive on Windows
            relative = text
        if not relative.startswith(os.pardir):
            text = relative
    text = os.path.normpath(text) if text else text
    return _printable_name(text.replace(os.sep, "/"))


def _printable_name(text: str) -> str:
    return printable(text.replace("\\", "\\\\"))  # unchanged (the same object) without a backslash


def printable(text: str) -> str:
    """Escape undecodable bytes (surrogateescape) and control characters as backslash escapes."""
    if text.isprintable():  # no Cc, Cf, Cs, Zl or Zp in it: the common case, in one C call
        return text
    out = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(char) in ("Cc", "Cs", "Cf", "Zl", "Zp"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


# ----------------------------------------------------------------------------- read


_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"),
)
# All the signatures in one match (a group each, in the order above): a third of a loop's cost
_MAGIC_START = re.compile(b"|".join(b"(" + re.escape(magic) + b")" for magic, _ in _MAGIC))

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Share of invalid bytes (among non-ASCII bytes) up to which a file is read with replacements.
_MAX_DAMAGE = 0.05
# Share of frequent characters a GB18030/Big5 reading needs: below it the bytes are some other
# encoding (Shift-JIS, EUC-KR) or binary, and reading them would feed garbage to the extractors.
_MIN_PLAUSIBLE = 0.6


def read(path: Path, display: str) -> RawDocument | Skipped:
    """Decode one file and parse its metadata header; never raises for bad content."""
    try:
        data = read_regular_file(path)
    except PermissionError:
        return Skipped(display, "cannot read: permission denied", "undecodable")
    except NotRegularFile:
        return Skipped(display, NOT_REGULAR)
    except OSError as exc:
        return Skipped(display, f"cannot read: {_strerror(exc)}", "undecodable")
    kind = binary_kind(data)
    if kind:
        return Skipped(display, f"binary file ({kind}), not text", "undecodable")
    decoded = decode(data)
    if decoded is None:
        return Skipped(display, "cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text", "undecodable")
    text, encoding, damage = decoded
    text = fold_newlines(text)
    body_start, meta, header_problems = read_metadata(text)
    problems = ((damage_problem(text, data, encoding, damage),) if damage else ()) + header_problems
    return RawDocument(
        path=display,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        body_start=body_start,
        meta=meta,
        problems=problems,
    )


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


def binary_kind(data: bytes) -> str:
    """A name for the binary format of `data`, or "" when it may be text."""
    magic = _MAGIC_START.match(data)
    if magic:
        return _MAGIC[magic.lastindex - 1][1]
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP image"
    if b"\x00" in data[:65536] and not _bom_encoding(data) and not _bomless_utf16(data):
        return "contains NUL bytes"
    return ""


def fold_newlines(text: str) -> str:
    if "\r" not in text:  # one scan instead of two: most files have Unix newlines
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _bom_encoding(data: bytes) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return ""


def _bomless_utf16(data: bytes) -> str:
    """UTF-16 without a BOM: NUL bytes (ASCII, U+xx00) and a clean decoding into ordinary text.

    Both byte orders are tried: the wrong one turns ASCII and Chinese alike into rare ideographs.
    """
    if len(data) % 2 or b"\x00" not in data[:65536]:
        return ""
    sample = data[:4096]
    readings = [(plausibility(text), codec) for codec in ("utf-16-le", "utf-16-be") if (text := _utf16_text(sample, codec))]
    if not readings:
        return ""
    score, codec = max(readings, key=lambda reading: (reading[0], reading[1] == "utf-16-le"))
    return codec if score >= _MIN_PLAUSIBLE else ""


def _utf16_text(sample: bytes, codec: str) -> str:
    """The sample decoded (a pair cut at its end is left out), or "" if invalid or control characters."""
    try:
        text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
    except UnicodeDecodeError:
        return ""
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text):
        return ""
    return text


Damage = tuple[int, int]  # (invalid byte count, byte offset of the first invalid byte)


def decode(data: bytes) -> tuple[str, str, Damage | None] | None:
    """(text, encoding, damage) for the most plausible encoding, or None if undecodable."""
    declared = _bom_encoding(data) or _bomless_utf16(data)
    if declared:
        codec = {"utf-8-sig": "utf-8"}.get(declared, declared)
        bom = len(_bom_encoding(data) and next(b for b, name in _BOMS if name == declared))
        text, damage = _decode_counting(data[bom:], codec)
        return text, declared, (damage[0], damage[1] + bom) if damage else None
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:  # the other codecs are not tried: UTF-8 wins whatever they read
        return utf8, "utf-8", None
    # each reading scored once: the score is a pass over the whole text
    strict = [(plausibility(text), name == "gb18030", name, text)
              for name in ("gb18030", "big5") if (text := _strict(data, name)) is not None]
    if strict:
        score, _, name, text = max(strict, key=lambda reading: reading[:2])
        return (text, name, None) if score >= _MIN_PLAUSIBLE else None
    return _lenient(data)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _lenient(data: bytes) -> tuple[str, str, Damage] | None:
    """The first of UTF-8, GB18030, Big5 whose invalid bytes are few, decoded with replacements."""
    non_ascii = sum(1 for b in data if b >= 0x80) or 1
    best = None
    for codec in ("utf-8", "gb18030", "big5"):
        text, damage = _decode_counting(data, codec)
        assert damage is not None
        if damage[0] > _MAX_DAMAGE * non_ascii:
            continue
        if codec == "utf-8":
            return text, codec, damage
        score = plausibility(text)
        if score >= _MIN_PLAUSIBLE:
            candidate = (damage[0], -score, codec, text, damage)
            best = min(best, candidate) if best else candidate
    if best is None:
        return None
    return best[3], best[2], best[4]


_counter = threading.local()


def _count_errors(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _counter.errors.append((exc.start, exc.end))
    return "\ufffd", exc.end


# Error handlers are registered process-wide by name: the name carries this module's identity, so a
# second copy of the module in one process (an old install beside a checkout) keeps its own counter.
_COUNTING = f"factcheck-count-{id(_counter):x}"
codecs.register_error(_COUNTING, _count_errors)


def _decode_counting(data: bytes, codec: str) -> tuple[str, Damage | None]:
    _counter.errors = []
    text = data.decode(codec, errors=_COUNTING)
    errors, _counter.errors = _counter.errors, []
    if not errors:
        return text, None
    return text, (sum(end - start for start, end in errors), errors[0][0])


_SNIPPET = 120  # characters of a damaged line quoted in the problem
_SNIPPET_BEFORE = 40  # of which before the first replaced byte


def damage_problem(text: str, data: bytes, encoding: str, damage: Damage) -> Problem:
    """decode-damage: how many bytes were replaced, the line of the first and the text around it."""
    count, offset = damage
    bom = len(_bom_encoding(data) and next(b for b, name in _BOMS if name == encoding))
    codec = {"utf-8-sig": "utf-8"}.get(encoding, encoding)
    position = len(fold_newlines(data[bom:offset].decode(codec, errors="replace")))
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line_end = len(text) if line_end < 0 else line_end
    start = max(line_start, min(position - _SNIPPET_BEFORE, line_end - _SNIPPET))
    snippet = text[start : min(line_end, start + _SNIPPET)]
    line = text.count("\n", 0, position) + 1
    noun = "byte" if count == 1 else "bytes"
    return Problem("decode-damage", line, snippet, f"{count} invalid {noun} replaced (first at line {line})", str(count))


# Which decoding of non-UTF-8 bytes reads as ordinary Chinese: GB18030 decodes most Big5 bytes
# too, but into rare characters; Big5 decodes GB bytes into rare ones as well.
def plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are frequent CJK characters or punctuation."""
    # counted by the regex engine: a Python call per character was most of reading a GB file
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if not non_ascii:
        return 1.0
    # removing runs rather than single characters: a Chinese text is mostly one long run
    return (len(text) - len(_frequent_runs().sub("", text))) / non_ascii


@lru_cache(maxsize=1)
def _frequent_runs() -> re.Pattern:
    """One or more characters is_frequent accepts; opens with a single one so the engine scans for it in C."""
    single = _frequent_characters().pattern
    return re.compile(f"{single}{single}*")


@lru_cache(maxsize=1)
def _frequent_characters() -> re.Pattern:
    """A pattern for one character is_frequent accepts (built once, ~10 ms): the level-1 codes
    of both codecs decoded, each kept only if is_frequent agrees (a test checks none is missed)."""
    gb = bytes(byte for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF) for byte in (lead, trail))
    big5 = b"".join(code.to_bytes(2, "big") for code in range(0xA440, 0xC67F))
    found = {*_COMMON_PUNCT, *gb.decode("gb2312", errors="ignore"), *big5.decode("big5", errors="ignore")}
    return re.compile("[" + "".join(sorted(re.escape(char) for char in found if is_frequent(char))) + "]")


@lru_cache(maxsize=65536)
def is_frequent(char: str) -> bool:
    """In the frequency-ordered first level of GB2312 or of Big5, or common CJK punctuation."""
    if char in _COMMON_PUNCT:
        return True
    try:
        gb = char.encode("gb2312")
        if len(gb) == 2 and 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        big5 = char.encode("big5")
        if len(big5) == 2 and 0xA440 <= int.from_bytes(big5, "big") <= 0xC67E:
            return True
    except UnicodeEncodeError:
        pass
    return False


_COMMON_PUNCT = frozenset("，。、：；！？“”‘’（）《》〈〉「」『』【】—…·－～　％＋＝／")


# ------------------------------------------------------------------------ metadata


_HEADER_KEYS = {
    "source": "source", "來源": "source", "来源": "source",
    "url": "url", "網址": "url", "网址": "url",
    "date": "date", "日期": "date",
}
_KEY_VALUE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_ -]{0,30}|[\u4e00-\u9fff]{1,8})\s*[:：]\s*(.*?)\s*$")
_FENCE = re.compile(r"^\s*---+\s*$")
_MAX_HEADER_LINES = 40
_DATE = (
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号號])"
)
_TIME = r"\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?"
_DATE_RE = re.compile(_DATE)
# a header's date is a date and nothing else, save a time and a zone (2025-12-10T08:30:00+08:00)
_HEADER_DATE = re.compile(rf"(?:{_DATE})(?:\s*T?\s*{_TIME}(?:\.\d+)?\s*(?:Z|[+-]\d{{2}}:?\d{{2}})?)?")
_LABEL = (
    r"(?:發布|发布|發佈|发表|發表|更新|出版|刊登|上傳|上传|編輯|编辑)?(?:時間|时间|日期)"
    r"|(?:發布|发布|發佈|發表|发表|刊登)(?:於|于)|published|posted|date|time"
)
_LABELLED = re.compile(rf"(?i)(?:{_LABEL})\s*[:：]?\s*(?:{_DATE})")
_DATELINE_REST = re.compile(rf"^\s*(?:{_TIME})?")
_GLOSS = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
_TOP_LINES = 15
_BOTTOM_LINES = 5


def parse_metadata(text: str) -> tuple[int, Metadata]:
    """(body_start, metadata): a `key: value` header ended by `---`, else a date read from the text."""
    body_start, meta, _ = read_metadata(text)
    return body_start, meta


def read_metadata(text: str) -> tuple[int, Metadata, tuple[Problem, ...]]:
    """(body_start, metadata, the header's problems); see parse_metadata.

    A header date that is not a valid date (`-2025-01-01`, `2025-02-30`) leaves the publication
    date unknown, with a `bad-header` problem saying so: it is not replaced by a date from the
    text, which could be any date the story mentions, and relative dates stay unresolved. A key
    given twice is a problem too (the first value is kept)."""
    lines = text.split("\n")
    body_start, fields, problems = _header(lines)
    source, url = fields.get("source", ("", 0))[0], fields.get("url", ("", 0))[0]
    if "date" in fields:
        value, number = fields["date"]
        published = header_date(value)
        if published:
            return body_start, Metadata(source, url, published, "header", number), problems
        problem = Problem("bad-header", number, lines[number - 1], _bad_date(value), value)
        return body_start, Metadata(source, url), (*problems, problem)
    found = infer_published(lines, body_start)
    if found:
        return body_start, Metadata(source, url, found[0], "text", found[1]), problems
    return body_start, Metadata(source, url), problems


def _bad_date(value: str) -> str:
    match = _HEADER_DATE.fullmatch(value)
    what = "not a valid date" if match else "not a date (YYYY-MM-DD)"
    return f"header date {value!r} is {what}: publication date unknown (not taken from the text)"


def _header(lines: list[str]) -> tuple[int, dict[str, tuple[str, int]], tuple[Problem, ...]]:
    """First body line (1-based), known header fields (value, line) and the header's problems."""
    start = 1 if lines and _FENCE.match(lines[0]) else 0
    fields: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for index in range(start, min(len(lines), start + _MAX_HEADER_LINES + 1)):
        line = lines[index]
        if _FENCE.match(line):
            if index == start:
                return 1, {}, ()
            return index + 2, fields, tuple(problems)
        match = _KEY_VALUE.match(line)
        if not match:
            return 1, {}, ()
        name = match.group(1).strip()
        key = _HEADER_KEYS.get(name.lower())
        if key in fields:
            first = fields[key][1]
            detail = f"header key {name!r} given again (first on line {first}): the first value is kept"
            problems.append(Problem("bad-header", index + 1, line, detail, key))
        elif key:
            fields[key] = (match.group(2), index + 1)
    return 1, {}, ()


def header_date(value: str) -> dt.date | None:
    """The date a header's `date:` value is, or None when it is not exactly a valid date."""
    match = _HEADER_DATE.fullmatch(value)
    return _date_of(match) if match else None


def _date_of(match: re.Match) -> dt.date | None:
    month = match.group("m") or match.group("m2")
    day = match.group("d") or match.group("d2")
    try:
        return dt.date(int(match.group("y")), int(month), int(day))
    except (TypeError, ValueError):
        return None


def infer_published(lines: list[str], body_start: int) -> tuple[dt.date, int] | None:
    """(date, line) stated as the publication date near the top (or labelled near the bottom)."""
    # lines are taken one at a time: the date is usually among the first, and the rest go unread
    for number, line in _nonblank(lines, range(body_start, len(lines) + 1), _TOP_LINES):
        found = _labelled_date(line) or _dateline_date(line)
        if found:
            return found, number
    for number, line in _nonblank(lines, range(len(lines), 0, -1), _BOTTOM_LINES):
        if number >= body_start:
            found = _labelled_date(line)
            if found:
                return found, number
    return None


def _nonblank(lines: list[str], numbers: range, count: int) -> Iterator[tuple[int, str]]:
    """(number, line) for the first `count` lines, in the order of `numbers` (1-based), that are not
    blank once their pinyin glosses are stripped; the lines given stripped."""
    for number in numbers:
        line = lines[number - 1]
        if "(" in line:  # a gloss opens with "(": most lines have none and need no pass
            line = _GLOSS.sub("", line)
        if line.strip():
            yield number, line
            count -= 1
            if not count:
                return


def _labelled_date(line: str) -> dt.date | None:
    match = _LABELLED.search(line)
    return _date_of(match) if match else None


def _dateline_date(line: str) -> dt.date | None:
    """A line that is (mostly) a date, or a short non-sentence line stamped with date and time."""
    match = _DATE_RE.search(line)
    if not match:
        return None
    before, after = line[: match.start()], line[match.end():]
    timed = _DATELINE_REST.match(after)
    has_time = bool(timed and timed.group(0).strip())
    rest = (before + after[timed.end():] if timed else before + after).strip()
    sentence = any(mark in line for mark in "。！？!?")
    if not rest or (has_time and not sentence and len(rest) <= 30) or (len(rest) <= 8 and not sentence):
        return _date_of(match)
    return None
