"""The claims cache's payloads: outcomes to JSON bytes and back, typed by msgspec Structs derived from the model."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import operator
import types
import typing
from enum import Enum
from typing import Any, Callable, Sequence

import msgspec

from .model import Claim, Document, Skipped

Outcome = typing.Union[tuple[Document, tuple[Claim, ...]], Skipped]


class CacheError(Exception):
    """The cache file or one of its payloads cannot be trusted."""


# ------------------------------------------------------------------------------ the wire
# Every model dataclass travels as a Struct derived from its fields: a JSON array in field order
# (the version key pins the order), led by the class name where it is one of a union's
# dataclasses. Not stored, but kept in the array as a null so that a decoded object's fields
# stay in their own order: the path fields (the same bytes may sit under several names: the
# display path is attached on decoding) and a document's lines.

_PATH_FIELDS = {(Document, "path"), (Claim, "doc"), (Skipped, "path")}
_NOT_STORED = {(Document, "lines"): ()}  # field -> the value it decodes to
# Values computed once per object (model.computed_once) that every run needs: stored after the
# fields, so a warm run reads them instead of rendering 130,000 values again.
_STORED_COMPUTED = {Claim: ("rendered",)}


def _hints(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls)]


def _stored(cls: type, name: str) -> bool:
    return (cls, name) not in _PATH_FIELDS and (cls, name) not in _NOT_STORED


def _dataclasses_of(tp: Any) -> tuple[list[Any], bool] | None:
    """A union's dataclass members and whether they need a tag (more than one); None if not a union."""
    if typing.get_origin(tp) not in (typing.Union, types.UnionType):
        return None
    members = [m for m in typing.get_args(tp) if dataclasses.is_dataclass(m)]
    return members, len(members) > 1


# exactly as many fields as written (not a longer array of another layout); gc=False: a wire
# value holds no cycles and lives for one payload
_STRUCT = {"array_like": True, "forbid_unknown_fields": True, "gc": False}


@functools.lru_cache(maxsize=None)
def _wire(cls: type, tagged: bool) -> type[msgspec.Struct]:
    """The Struct a dataclass travels as."""
    fields = [(name, _wire_type(tp) if _stored(cls, name) else None) for name, tp in _hints(cls)]
    fields += [(name, str) for name in _STORED_COMPUTED.get(cls, ())]
    tag = {"tag": cls.__name__} if tagged else {}
    return msgspec.defstruct(f"{cls.__name__}Wire", fields, **_STRUCT, **tag)


def _wire_type(tp: Any) -> Any:
    union = _dataclasses_of(tp)
    if union is not None:
        members, tagged = union
        return typing.Union[tuple(_wire(m, tagged) if m in members else _wire_type(m) for m in typing.get_args(tp))]
    if dataclasses.is_dataclass(tp):
        return _wire(tp, False)
    if typing.get_origin(tp) is tuple:
        return tuple[_wire_type(typing.get_args(tp)[0]), ...]
    if tp is float:
        return typing.Union[int, float]  # JSON keeps 2 and 2.0 apart: an int comes back an int
    if tp in (str, int, bool, dt.date, type(None)) or (isinstance(tp, type) and issubclass(tp, Enum)):
        return tp
    raise TypeError(f"cache codec: unsupported field type {tp!r}")


_PROCESSED = msgspec.defstruct(
    "Processed", [("document", _wire(Document, False)), ("claims", list[_wire(Claim, False)])],
    **_STRUCT, tag="processed",
)
_SKIPPED = msgspec.defstruct("SkippedOutcome", [("skipped", _wire(Skipped, False))], **_STRUCT, tag="skipped")
_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(typing.Union[_PROCESSED, _SKIPPED])


# ------------------------------------------------------------------------------ writing
# A payload is written only if it reads back identical: a pool worker sends the payload alone
# and the parent decodes it, so the parent must never meet one it cannot decode, nor one that
# decodes to other values. So every field must be exactly of a class its declared type names (a
# bool is no int, a datetime no date, an enum's plain value no member, a list no tuple), every
# float finite (msgspec writes NaN and the infinities as null) and every string writable as
# UTF-8 (msgspec refuses lone surrogates). Anything else raises TypeError or ValueError, which
# the pipeline takes as "not cached". An object's field classes are checked at once: one
# map(type) looked up among the combinations its declared types allow.


def encode_processed(document: Document, claims: Sequence[Claim]) -> bytes:
    """Payload for a checked document: its summary (lines are never stored) and its claims, as
    UTF-8 bytes (kept as bytes from here to the database and back)."""
    claim = _to_wire(Claim, False)
    return _ENCODER.encode(_PROCESSED(_to_wire(Document, False)(document), [claim(c) for c in claims]))


def encode_skipped(skipped: Skipped) -> bytes:
    """Payload for a document that could not be checked for a reason found in its bytes."""
    return _ENCODER.encode(_SKIPPED(_to_wire(Skipped, False)(skipped)))


Convert = Callable[[Any], Any]


@functools.lru_cache(maxsize=None)
def _to_wire(cls: type, tagged: bool) -> Convert:
    """Model object -> its wire Struct: the fields read in one C call and their classes checked
    in one lookup, then the few that need it converted or checked further, then the stored
    computed values (computing may need valid fields)."""
    wire, hints = _wire(cls, tagged), _hints(cls)
    read = operator.attrgetter(*[name for name, _ in hints])
    allowed = [_classes(tp) if _stored(cls, name) else (type(None),) for name, tp in hints]
    combinations = frozenset(itertools.product(*allowed))  # a few: unions have at most four members
    nulls = tuple(index for index, (name, _) in enumerate(hints) if not _stored(cls, name))
    stored = [(index, tp) for index, (name, tp) in enumerate(hints) if _stored(cls, name)]
    nested = tuple((index, table) for index, tp in stored if (table := _nested_to_wire(tp)))
    finite = tuple(index for index, tp in stored if float in _classes(tp))
    items = tuple((index, item) for index, tp in stored if (item := _items_to_wire(tp)))
    computed = _STORED_COMPUTED.get(cls, ())

    def check(fields: Sequence[Any]) -> None:
        if tuple(map(type, fields)) not in combinations:
            _first_wrong(cls, hints, allowed, fields)
        for index in finite:  # msgspec would write NaN and the infinities as null
            field = fields[index]
            if field.__class__ is float and field - field != 0:
                raise ValueError(f"{cls.__name__}.{hints[index][0]}: expected a finite float, got {field!r}")

    def convert(value: Any) -> msgspec.Struct:
        if value.__class__ is not cls:
            _wrong_type(cls.__name__, (cls,), value)
        fields = list(read(value))
        for index in nulls:
            fields[index] = None
        check(fields)
        for index, table in nested:
            field = fields[index]
            member = table.get(field.__class__)
            if member is not None:  # not None, nor a member of a union that is no dataclass
                fields[index] = member(field)
        for index, item in items:
            fields[index] = item(fields[index])
        for name in computed:
            fields.append(_computed(value, name))
        return wire(*fields)

    def convert_as_read(value: Any) -> msgspec.Struct:  # most classes: every field goes as it is
        if value.__class__ is not cls:
            _wrong_type(cls.__name__, (cls,), value)
        fields = read(value)
        check(fields)
        return wire(*fields)

    return convert if nulls or nested or items or computed else convert_as_read


def _classes(tp: Any) -> tuple[type, ...]:
    """The classes a value of declared type `tp` may have to read back identical."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return tuple(c for member in typing.get_args(tp) for c in _classes(member))
    if typing.get_origin(tp) is tuple:
        return (tuple,)
    return (int, float) if tp is float else (tp,)  # JSON keeps 2 and 2.0 apart


def _nested_to_wire(tp: Any) -> dict[type, Convert]:
    """Dataclass class -> its conversion, for a field of type `tp` (a dataclass or a union holding some)."""
    union = _dataclasses_of(tp)
    if union is not None:
        members, tagged = union
        return {m: _to_wire(m, tagged) for m in members}
    return {tp: _to_wire(tp, False)} if dataclasses.is_dataclass(tp) else {}


def _items_to_wire(tp: Any) -> Convert | None:
    """For a tuple field: its items converted (dataclasses) or checked (their classes)."""
    if typing.get_origin(tp) is not tuple:
        return None
    item = typing.get_args(tp)[0]
    if dataclasses.is_dataclass(item):
        return functools.partial(_tuple_to_wire, _to_wire(item, False))
    if _dataclasses_of(item) is not None or float in _classes(item):
        raise TypeError(f"cache codec: unsupported field type {tp!r}")  # none yet: the others hold text
    return functools.partial(_items_of, frozenset(_classes(item)))


def _tuple_to_wire(item: Convert, value: tuple) -> tuple:
    return tuple([item(v) for v in value])


def _items_of(classes: frozenset[type], value: tuple) -> tuple:
    if not set(map(type, value)) <= classes:
        wrong = next(v for v in value if type(v) not in classes)
        _wrong_type("tuple item", tuple(classes), wrong)
    return value


def _computed(value: Any, name: str) -> str:
    try:
        computed = getattr(value, name)
    except Exception as exc:  # a wrong value inside a field: the outcome then goes uncached,
        # and computing it fails (or not) later exactly as it would without a cache
        raise TypeError(f"{type(value).__name__}.{name} cannot be computed: {exc!r}") from None
    if computed.__class__ is not str:
        _wrong_type(f"{type(value).__name__}.{name}", (str,), computed)
    return computed


def _first_wrong(cls: type, hints: list[tuple[str, Any]], allowed: list[tuple[type, ...]], fields: list) -> None:
    for (name, _), classes, value in zip(hints, allowed, fields):
        if type(value) not in classes:
            _wrong_type(f"{cls.__name__}.{name}", classes, value)


def _wrong_type(what: str, classes: tuple[type, ...], value: Any) -> None:
    expected = " | ".join(sorted(c.__name__ for c in classes))
    raise TypeError(f"{what}: expected {expected}, got {type(value).__name__}")


# ------------------------------------------------------------------------------ reading


def decode(payload: bytes | str, display: str) -> Outcome:
    """The stored outcome with `display` as its path; CacheError if the payload is not ours."""
    try:
        data = _DECODER.decode(payload)
    # msgspec's DecodeError (no ValueError in older msgspec), a UnicodeDecodeError, a TypeError for no bytes at all
    except (msgspec.MsgspecError, ValueError, TypeError) as exc:
        raise CacheError(f"bad payload: {exc}") from None
    if data.__class__ is _SKIPPED:
        return _from_wire(Skipped)(data.skipped, display)
    claim = _from_wire(Claim)
    return _from_wire(Document)(data.document, display), tuple([claim(c, display) for c in data.claims])


Restore = Callable[[Any, str], Any]


@functools.lru_cache(maxsize=None)
def _from_wire(cls: type) -> Restore:
    """Wire Struct -> model object, its __dict__ filled as __init__ would fill it (and the first
    read of each stored computed value), without a call per field of 130,000 claims: msgspec
    has checked every type already."""
    if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        raise TypeError(f"cache codec: {cls.__name__} needs its __init__ run")
    fills = tuple((name, value) for (c, name), value in _NOT_STORED.items() if c is cls)
    paths = tuple(name for name, _ in _hints(cls) if (cls, name) in _PATH_FIELDS)
    stored = [(name, tp) for name, tp in _hints(cls) if _stored(cls, name)]
    members = tuple((name, table) for name, tp in stored if (table := _members_from_wire(tp)))
    tuples = tuple((name, _from_wire(item)) for name, tp in stored if (item := _dataclass_items(tp)))
    asdict, new, set_dict = msgspec.structs.asdict, object.__new__, object.__setattr__

    def restore(wire: Any, display: str) -> Any:
        # the objects inside first, then this one, as __init__'s callers make them: in this order
        # the claims of a warm run lie in memory so that align and check read them 8 % faster
        inner = []
        for name, table in members:
            value = getattr(wire, name)
            member = table.get(value.__class__)  # None: None, or a union's member that is no dataclass
            inner.append((name, value if member is None else member(value, display)))
        for name, item in tuples:
            inner.append((name, tuple([item(value, display) for value in getattr(wire, name)])))
        fields = asdict(wire)
        for name in paths:
            fields[name] = display
        for name, value in fills:
            fields[name] = value
        for name, value in inner:
            fields[name] = value
        obj = new(cls)
        set_dict(obj, "__dict__", fields)
        return obj

    def restore_as_read(wire: Any, display: str) -> Any:  # most classes: every field as msgspec read it
        obj = new(cls)
        set_dict(obj, "__dict__", asdict(wire))
        return obj

    return restore if paths or fills or members or tuples else restore_as_read


def _members_from_wire(tp: Any) -> dict[type, Restore]:
    """Wire Struct class -> its restoring, for a field of type `tp` (a dataclass or a union holding some)."""
    union = _dataclasses_of(tp)
    if union is not None:
        members, tagged = union
        return {_wire(m, tagged): _from_wire(m) for m in members}
    return {_wire(tp, False): _from_wire(tp)} if dataclasses.is_dataclass(tp) else {}


def _dataclass_items(tp: Any) -> Any:
    """The item type of a tuple of dataclasses, None for any other type."""
    if typing.get_origin(tp) is tuple and dataclasses.is_dataclass(typing.get_args(tp)[0]):
        return typing.get_args(tp)[0]
    return None
