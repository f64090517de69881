"""Tests for the seventh round's shortcuts in dates and normalise: the plan markers found by one
regex, phases ordered from a set, runs folded by a class-led pattern and lines checked by length in
bulk must give exactly what the plain ways give."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import dates, normalise
from factcheck.config import load_config
from factcheck.model import Document, Line, Metadata

CONFIG = load_config(None)
LEXICON = dates._lexicon(CONFIG)

# Plan markers and their overlaps (将, 将于, 即将), the pronouns after a disposal 将, Latin markers,
# full-width forms to fold, 著, Traditional characters and phrases, clause breaks.
ALPHABET = "计划预将于即其这更全拟届时定打算准备目标是有望 willplans toexpectedWILL，。、" \
           "０１９ＡＺａｚ％＄＋－．／\u3000（）：著名显作著者臺灣軟體影片資料"
TEXT = st.text(alphabet=ALPHABET, max_size=40)


def _plain_modality(norm: str, window: list[tuple[int, int]]) -> str:
    """Every marker looked for on its own in every clause, as _modality did before."""
    for lo, hi in window:
        text = norm[lo:hi]
        for marker in LEXICON.plan:
            at = text.find(marker)
            while at >= 0:
                if not dates._is_disposal_jiang(text, at, marker):
                    return "plan"
                at = text.find(marker, at + 1)
    return ""


@settings(max_examples=400, deadline=None)
@given(TEXT, st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=3))
def test_plan_regex_finds_what_every_marker_finds(norm, cuts):
    window = [(min(a, b), max(a, b)) for a, b in cuts]
    assert dates._modality(norm, window, LEXICON) == _plain_modality(norm, window)


@given(st.lists(st.sampled_from(["end", "leave", "join", "release", "announce", "start", "occur", "zz"]), max_size=6))
def test_phase_order_is_the_plain_order(phases):
    verbs = [dates._Verb(phase, 0, 1) for phase in phases]
    seen: list[str] = []
    for phase in ("end", "leave", "join", "release", "announce"):
        if any(v.phase == phase for v in verbs):
            seen.append(phase)
    seen += sorted({v.phase for v in verbs} - set(seen))
    assert dates._phase_order(verbs) == seen


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_fold_run_is_translate(text):
    assert normalise._FOLD_RUN.sub(normalise._fold_run, text) == text.translate(normalise._FOLD)


def _plain_norms(doc: Document) -> list[str]:
    """Each converted line checked for its length in a Python loop, as normalise did before."""
    converter = normalise._converter(CONFIG.digest, normalise._phrase_items(CONFIG))
    converted = normalise._post(converter.convert("\n".join(line.text for line in doc.lines))).split("\n")
    if len(converted) != len(doc.lines):
        converted = [normalise._normalise_line(line.text, converter) for line in doc.lines]
    return [norm if len(norm) == len(line.text) else normalise._normalise_line(line.text, converter)
            for line, norm in zip(doc.lines, converted)]


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=5))
def test_normalise_is_the_plain_loop(texts):
    doc = Document("d.txt", "", "utf-8", Metadata(), tuple(Line(i + 1, t, t + " ") for i, t in enumerate(texts)))
    normalised = normalise.normalise(doc, CONFIG)
    assert [line.norm for line in normalised.lines] == _plain_norms(doc)
    assert [(line.number, line.text, line.original) for line in normalised.lines] == \
        [(line.number, line.text, line.original) for line in doc.lines]
    assert normalised == Document(doc.path, doc.sha256, doc.encoding, doc.meta, normalised.lines)
