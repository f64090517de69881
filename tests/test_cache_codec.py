"""The claims cache's payload codec: every outcome it writes reads back equal, with the display path
attached; what would not read back is refused on writing; a damaged payload is a CacheError."""
from __future__ import annotations

import datetime as dt
import json
import types
import typing
from dataclasses import dataclass, fields, is_dataclass, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import cache
from factcheck.model import (
    AmountValue, Claim, ClaimKind, DateValue, Document, Line, Metadata, NameValue, Problem, Skipped, TitleValue,
)


def sample_outcome() -> tuple[Document, tuple[Claim, ...]]:
    """One claim of every value kind, Traditional and Simplified text, each kind of field filled."""
    meta = Metadata("新聞網", "https://example.com/a", dt.date(2025, 12, 10), "header", 3)
    doc = Document("a.txt", "ab" * 32, "big5", meta, (), (Problem("mojibake", 7, "變?yōu)", "1 run", "變為"),), 4)
    values = [
        DateValue(dt.date(2025, 12, 1), dt.date(2025, 12, 31), "month", False, "2025-12"),
        DateValue(None, None, "year", True, "去年"),
        AmountValue(1.4e12, "USD", "currency", "over", 1.4e12, None),
        AmountValue(8, "week", "duration"),
        NameValue("Jakub Pachocki", "雅各布·帕乔基"),
        TitleValue("產品副總裁", "vp", "产品", "Acme", True),
    ]
    kinds = [ClaimKind.DATE, ClaimKind.DATE, ClaimKind.AMOUNT, ClaimKind.AMOUNT, ClaimKind.NAME, ClaimKind.TITLE]
    sentences = ["句子“引號”,含逗號。", "去年公司发布了新产品。"]
    claims = tuple(
        Claim(kind, "a.txt", 10 + i, sentences[i % 2], "值", 3, "主體", "attr", value,
              scope="2025", terms=("甲", "b"), modality="plan" if i == 3 else "")
        for i, (kind, value) in enumerate(zip(kinds, values))
    )
    return doc, claims


def test_codec_round_trips_every_value_kind_and_reattaches_the_display_path():
    doc, claims = sample_outcome()
    payload = cache.encode_processed(doc, claims)
    assert b"a.txt" not in payload  # the path is not stored: same bytes, several names
    decoded_doc, decoded_claims = cache.decode(payload, "other/b.txt")
    assert decoded_doc == replace(doc, path="other/b.txt")
    assert decoded_claims == tuple(replace(c, doc="other/b.txt") for c in claims)
    assert type(decoded_claims[3].value.value) is int  # exactly what was stored, not coerced
    assert repr(decoded_claims) == repr(tuple(replace(c, doc="other/b.txt") for c in claims))


def test_codec_never_stores_lines():
    doc, claims = sample_outcome()
    with_lines = replace(doc, lines=(Line(1, "全文", "全文", "全文"),))
    payload = cache.encode_processed(with_lines, claims)
    assert "全文".encode() not in payload
    assert cache.decode(payload, "a.txt")[0].lines == ()


def test_codec_writes_only_the_model_classes_themselves():
    doc, claims = sample_outcome()

    @dataclass(frozen=True)
    class Quoted(Claim):
        pass

    with pytest.raises(TypeError, match="^Claim: expected Claim, got DateValue$"):
        cache.encode_processed(doc, [claims[0].value])
    with pytest.raises(TypeError, match="^Claim: expected Claim, got Quoted$"):
        cache.encode_processed(doc, [Quoted(*(getattr(claims[0], f.name) for f in fields(Claim)))])
    with pytest.raises(TypeError, match="^Skipped: expected Skipped, got Document$"):
        cache.encode_skipped(doc)


def test_codec_round_trips_skipped():
    payload = cache.encode_skipped(Skipped("x.txt", "undecodable bytes", "undecodable"))
    assert cache.decode(payload, "y.txt") == Skipped("y.txt", "undecodable bytes", "undecodable")


def test_rendered_values_are_stored_and_read_back_without_rendering_again(monkeypatch):
    doc, claims = sample_outcome()
    payload = cache.encode_processed(doc, claims)

    def no_render(self):
        raise AssertionError("rendered again")

    for value_type in (DateValue, AmountValue, NameValue, TitleValue):
        monkeypatch.setattr(value_type, "render", no_render)
    _, decoded = cache.decode(payload, "a.txt")
    assert [c.rendered for c in decoded] == [
        "2025-12", "unresolved:去年", "over 1.4e+12 USD", "8 week", "Jakub Pachocki", "產品副總裁",
    ]


# -------------------------------------------------------------------- every outcome, generated
# Outcomes built from the model's own types, text from an alphabet of both scripts: every one is
# written and reads back identical. With one field of another type (NaN, the infinities, a bool
# for a number, a datetime for a date, a list for a tuple, an enum's plain value) an outcome is
# either written and read back identical or refused with TypeError or ValueError (what the
# pipeline expects), never anything else.

TEXT = st.text(st.sampled_from("發布发布億亿年月日週周AbZ1 ·“”\\\"\n"), max_size=6)
DAY = st.one_of(st.none(), st.dates())
NUMBER = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-10**30, 10**30))  # renderable
PRECISION = st.one_of(st.sampled_from(["day", "month", "year", "week", "range"]), TEXT)  # every branch of render
QUALIFIER = st.one_of(st.sampled_from(["exact", "range", "inverted", "over"]), TEXT)
VALUES = st.one_of(
    st.builds(DateValue, DAY, DAY, PRECISION, st.booleans(), TEXT),
    st.builds(AmountValue, NUMBER, TEXT, TEXT, QUALIFIER, st.one_of(st.none(), NUMBER), st.one_of(st.none(), NUMBER)),
    st.builds(NameValue, TEXT, TEXT),
    st.builds(TitleValue, TEXT, TEXT, TEXT, TEXT, st.booleans()),
)
TERMS = st.lists(TEXT, max_size=3).map(tuple)
CLAIMS = st.builds(Claim, st.sampled_from(ClaimKind), TEXT, st.integers(), TEXT, TEXT, st.integers(), TEXT, TEXT,
                   VALUES, TEXT, TERMS, TEXT)
PROBLEMS = st.lists(st.builds(Problem, TEXT, st.integers(), TEXT, TEXT, TEXT), max_size=2).map(tuple)
LINES = st.lists(st.builds(Line, st.integers(1, 9), TEXT, TEXT, TEXT), max_size=2).map(tuple)
DOCUMENTS = st.builds(Document, TEXT, TEXT, TEXT, st.builds(Metadata, TEXT, TEXT, DAY, TEXT, st.integers()), LINES,
                      PROBLEMS, st.integers())
# values of another class than the one declared, but close to it: equal to a valid value, or
# what JSON would write the same way, or read back as something else
WRONG = {
    str: [None, 1, ClaimKind.DATE, "\ud800"], int: [True, 1.0, None, "1"], bool: [1, 0, None],
    float: [float("nan"), float("inf"), -float("inf"), True, None, "1"], dt.date: [dt.datetime(2025, 12, 1, 8), "2025-12-01"],
    tuple: [["甲"], None], ClaimKind: ["date", None], Metadata: [None, NameValue("A", "甲")],
}
WRONG_VALUE = [None, "2025-12", Metadata(), DateValue]  # for a claim's value


def _wrong_for(tp) -> list:
    if tp == typing.get_type_hints(Claim)["value"]:
        return WRONG_VALUE
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        inner = [m for m in typing.get_args(tp) if m is not type(None)]
        return [v for v in _wrong_for(inner[0]) if v is not None]
    return WRONG[typing.get_origin(tp) or tp]


def _reads_back_identical(document: Document, claims: list[Claim], display: str) -> bool:
    """Written, and read back identical (with the display path); False if refused."""
    try:
        payload = cache.encode_processed(document, claims)
    except (TypeError, ValueError):
        return False
    decoded_doc, decoded_claims = cache.decode(payload, display)
    expected = (replace(document, path=display, lines=()), tuple(replace(c, doc=display) for c in claims))
    assert repr((decoded_doc, decoded_claims)) == repr(expected)  # repr: types too (1 vs 1.0 vs True)
    assert [c.rendered for c in decoded_claims] == [c.rendered for c in claims]
    return True


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS, st.lists(CLAIMS, max_size=4), st.text(max_size=5))
def test_every_well_typed_outcome_is_written_and_reads_back_identical(document, claims, display):
    assert _reads_back_identical(document, claims, display)


def _leaves(obj, prefix=()) -> list[tuple[tuple[str, ...], object]]:
    """Every (path of field names, declared type) inside a dataclass, its dataclass fields followed."""
    hints = typing.get_type_hints(type(obj))
    out = []
    for f in fields(obj):
        inner = getattr(obj, f.name)
        if is_dataclass(inner):
            out += _leaves(inner, prefix + (f.name,))
        out.append((prefix + (f.name,), hints[f.name]))
    return out


def _set(obj, path: tuple[str, ...], value):
    if len(path) == 1:
        return replace(obj, **{path[0]: value})
    return replace(obj, **{path[0]: _set(getattr(obj, path[0]), path[1:], value)})


def _with_one_wrong(obj, data):
    """`obj` (a dataclass) with one field, or one field of a dataclass inside, set to a wrong value."""
    path, tp = data.draw(st.sampled_from(_leaves(obj)))
    return _set(obj, path, data.draw(st.sampled_from(_wrong_for(tp))))


@settings(max_examples=500, deadline=None)
@given(DOCUMENTS, st.lists(CLAIMS, min_size=1, max_size=2), st.data())
def test_an_outcome_with_a_field_of_another_type_is_refused_or_reads_back_identical(document, claims, data):
    if data.draw(st.booleans()):
        document = _with_one_wrong(document, data)
    else:
        index = data.draw(st.integers(0, len(claims) - 1))
        claims[index] = _with_one_wrong(claims[index], data)
    _reads_back_identical(document, claims, "b.txt")


@settings(max_examples=50, deadline=None)
@given(st.builds(Skipped, TEXT, TEXT, TEXT), st.text(max_size=5))
def test_every_skipped_outcome_is_written_and_reads_back_identical(skipped, display):
    assert repr(cache.decode(cache.encode_skipped(skipped), display)) == repr(replace(skipped, path=display))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_damaged_payload_is_a_cache_error_or_an_outcome_never_a_crash(data):
    doc, claims = sample_outcome()
    payload = bytearray(cache.encode_processed(doc, claims))
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(payload) - 1))
        payload[at:at + data.draw(st.integers(0, 3))] = data.draw(st.binary(max_size=3))
    try:
        decoded = cache.decode(bytes(payload), "a.txt")
    except cache.CacheError as error:
        assert str(error).startswith("bad payload: ")
    else:
        assert isinstance(decoded, (tuple, Skipped))


# ---------------------------------------------------------------- refused on reading, and why


@pytest.mark.parametrize(
    "payload, message",
    [
        ("not json", "JSON is malformed: invalid character (byte 4)"),
        (b"\xff", "JSON is malformed: invalid character (byte 0)"),
        ('["processed", 1]', "Expected `array`, got `int` - at `$[1]`"),
        ('["other", 1]', "Invalid value 'other' - at `$[0]`"),
        ('["skipped", [null, "r", 3]]', "Expected `str`, got `int` - at `$[1][2]`"),
        ('["skipped", ["x.txt", "r", ""]]', "Expected `null`, got `str` - at `$[1][0]`"),  # a path is never stored
        ('["skipped", [null, "r"]]', "Expected `array` of at least length 3, got 2 - at `$[1]`"),
        ('["skipped", [null, "r", "", ""]]', "Expected `array` of at most length 3"),  # another layout
        ('{"a": 1}', "Expected `array`, got `object`"),
    ],
)
def test_codec_rejects_damaged_payloads(payload, message):
    with pytest.raises(cache.CacheError) as error:
        cache.decode(payload, "x.txt")
    assert str(error.value) == f"bad payload: {message}"


def test_a_payload_of_the_previous_layout_is_refused():
    # schema 6 (before msgspec): a union member as [name, [fields]], not [name, *fields]
    old = ('["processed", [null, "' + "ab" * 32 + '", "utf-8", ["", "", null, "", 0], [], [], 0],'
           ' [["date", null, 1, "s", "r", 0, "e", "occur", ["DateValue", [null, null, "year", true, "去年"]],'
           ' "", [], "", "unresolved:去年"]]]')
    with pytest.raises(cache.CacheError) as error:
        cache.decode(old, "a.txt")
    assert str(error.value) == "bad payload: Expected `null`, got `array` - at `$[1][4]`"  # the lines were stored as []
    with pytest.raises(cache.CacheError) as error:
        cache.decode(old.replace("[], [], 0]", "null, [], 0]"), "a.txt")
    assert str(error.value) == "bad payload: Expected `date | null`, got `array` - at `$[2][0][8][1]`"  # [fields] as a date


def _claim_field(payload_data: list, claim: int, path: tuple[int, ...]) -> tuple[list, int]:
    """The list holding the field at `path` inside claim `claim`, and the field's index."""
    node = payload_data[2][claim]
    for step in path[:-1]:
        node = node[step]
    return node, path[-1]


@pytest.mark.parametrize(
    "claim, path, bad_value, message",
    [
        (0, (0,), "when", "Invalid enum value 'when' - at `$[2][0][0]`"),  # kind: not a ClaimKind
        (0, (8,), ["DateValue"], "Expected `array` of at least length 6, got 1 - at `$[2][0][8]`"),  # union: no fields
        (0, (8,), ["Weather"], "Invalid value 'Weather' - at `$[2][0][8][0]`"),  # union: unknown member
        (0, (8, 1), 20251201, "Expected `date | null`, got `int` - at `$[2][0][8][1]`"),  # optional date
        (0, (8, 1), "not a date", "Invalid RFC3339 encoded date - at `$[2][0][8][1]`"),
        (2, (8, 5), "1e12", "Expected `int | float | null`, got `str` - at `$[2][2][8][5]`"),  # optional float
        (5, (8, 5), 1, "Expected `bool`, got `int` - at `$[2][5][8][5]`"),
        (0, (10,), ["甲", 3], "Expected `str`, got `int` - at `$[2][0][10][1]`"),  # terms
        (0, (10,), "甲", "Expected `array`, got `str` - at `$[2][0][10]`"),
        (0, (12,), 7, "Expected `str`, got `int` - at `$[2][0][12]`"),  # the stored rendered value
    ],
)
def test_codec_rejects_a_wrong_type_in_every_kind_of_field(claim, path, bad_value, message):
    doc, claims = sample_outcome()
    data = json.loads(cache.encode_processed(doc, claims))
    holder, index = _claim_field(data, claim, path)
    holder[index] = bad_value
    with pytest.raises(cache.CacheError) as error:
        cache.decode(json.dumps(data, ensure_ascii=False), "a.txt")
    assert str(error.value) == f"bad payload: {message}"


# ---------------------------------------------------------------- refused on writing, and why


def _with(claim: Claim, path: tuple[str, ...], bad_value) -> Claim:
    """`claim` with the field at `path` (attribute names, value fields inside) set to `bad_value`."""
    if len(path) == 1:
        return replace(claim, **{path[0]: bad_value})
    return replace(claim, **{path[0]: replace(getattr(claim, path[0]), **{path[1]: bad_value})})


UNION = "AmountValue | DateValue | NameValue | TitleValue"


@pytest.mark.parametrize(
    "claim, path, bad_value, message",
    [
        (0, ("kind",), "date", "Claim.kind: expected ClaimKind, got str"),  # equal to the member's value, not the member
        (0, ("line",), True, "Claim.line: expected int, got bool"),  # JSON would give back True, not 1
        (0, ("sentence",), None, "Claim.sentence: expected str, got NoneType"),
        (0, ("sentence",), ClaimKind.DATE, "Claim.sentence: expected str, got ClaimKind"),  # a str, but not exactly
        (0, ("terms",), ["甲"], "Claim.terms: expected tuple, got list"),
        (0, ("terms",), ("甲", 1), "tuple item: expected str, got int"),
        (0, ("value",), "2025-12", f"Claim.value: expected {UNION}, got str"),
        (0, ("value",), replace, f"Claim.value: expected {UNION}, got function"),
        (0, ("value", "start"), dt.datetime(2025, 12, 1, 8), "DateValue.start: expected NoneType | date, got datetime"),
        (2, ("value", "value"), float("nan"), "AmountValue.value: expected a finite float, got nan"),  # JSON has no NaN
        (2, ("value", "low"), float("inf"), "AmountValue.low: expected a finite float, got inf"),  # null would read back as None
        (2, ("value", "high"), True, "AmountValue.high: expected NoneType | float | int, got bool"),
        (5, ("value", "past"), 1, "TitleValue.past: expected bool, got int"),
        (2, ("value", "value"), 10**400, "Claim.rendered cannot be computed: OverflowError('int too large to convert to float')"),
        (4, ("value", "latin"), "Jakub\ud800", "'utf-8' codec can't encode character '\\ud800' in position 5: surrogates not allowed"),
    ],
)
def test_the_codec_refuses_to_write_what_would_not_read_back_identical(claim, path, bad_value, message):
    doc, claims = sample_outcome()
    with pytest.raises((TypeError, ValueError)) as error:
        cache.encode_processed(doc, [_with(claims[claim], path, bad_value)])
    assert str(error.value) == message
