"""Issue 2 acceptance on the five seed articles: what must be found and what must not."""
from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.settings import load_config
from factcheck.model import Finding
from factcheck.pipeline import run

ROOT = Path(__file__).resolve().parent.parent
S000, S001, S002, S003, S004 = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return run(["seeds"], load_config(ROOT / "rules"))
    finally:
        os.chdir(cwd)


def _doc(name: str) -> str:
    return f"seeds/{name}"


def _with(findings, rule: str, *docs: str) -> list[Finding]:
    wanted = {_doc(d) for d in docs}
    return [f for f in findings if f.rule == rule and wanted <= set(f.docs)]


def _raws(finding: Finding, doc: str) -> set[str]:
    return {e.raw for e in finding.evidence if e.doc == _doc(doc)}


def test_every_seed_is_checked(result):
    assert [(d.path, d.status) for d in result.documents] == [(_doc(n), "checked") for n in (S000, S001, S002, S003, S004)]


def test_publication_dates_read_from_the_text(result):
    published = {d.path: d.published for d in result.documents}
    assert published[_doc(S001)] == "2025-12-10"
    assert published[_doc(S003)] == "2025-10-29"
    assert published[_doc(S000)] == published[_doc(S002)] == published[_doc(S004)] == ""


def test_code_red_date_conflict_002_against_001(result):
    found = _with(result.findings, "date-conflict", S001, S002)
    assert len(found) == 1
    finding = found[0]
    assert finding.severity.value == "error"
    assert "2026年12月" in _raws(finding, S002)
    assert "2025年12月1日" in _raws(finding, S001)
    assert {e.own_value for e in finding.evidence if e.doc == _doc(S002)} == {"2026-12"}
    # one finding for the one event: 002's month on a side of its own, against 001's day
    assert [f for f in result.findings if f.rule == "date-conflict" and f.subject == finding.subject
            and f.attribute == finding.attribute] == [finding]
    sides = {side.value: side.docs for side in finding.sides}
    assert sides["2026-12"] == (_doc(S002),)
    assert _doc(S001) in sides["2025-12-01"] and _doc(S002) not in sides["2025-12-01"]


def test_pachocki_spelling_variant(result):
    found = [f for f in result.findings if f.rule == "name-variant" and any("Patchocki" in e.raw for e in f.evidence)]
    assert len(found) == 1
    finding = found[0]
    assert _doc(S000) in finding.docs and _doc(S001) in finding.docs and _doc(S002) in finding.docs
    assert {e.doc for e in finding.evidence if "Patchocki" in e.raw} == {_doc(S000)}
    assert all("Pachocki" in e.raw for e in finding.evidence if e.doc in (_doc(S001), _doc(S002)))
    # the spelling two documents share is the majority; the misspelling is the minority
    assert [(s.value, s.sources, s.majority, s.docs) for s in finding.sides] == [
        ("jakub pachocki", 2, True, (_doc(S001), _doc(S002))), ("jakub patchocki", 1, False, (_doc(S000),)),
    ]
    assert {e.doc for e in finding.minority()} == {_doc(S000)}


def test_infrastructure_commitments_conflict(result):
    found = _with(result.findings, "amount-conflict", S000, S003)
    matching = [f for f in found if "1.4萬億美元" in _raws(f, S000) and "1.5萬億美元" in _raws(f, S003)]
    assert len(matching) == 1
    assert matching[0].severity.value == "error"


def test_fidji_simo_title_conflict(result):
    found = _with(result.findings, "title-conflict", S000, S003)
    assert len(found) == 1
    raws = {e.raw for e in found[0].evidence}
    assert any("產品副總裁" in r for r in raws)
    assert any("應用業務CEO" in r for r in raws)


def test_text_quality_findings(result):
    gloss_docs = {f.docs[0] for f in result.findings if f.rule == "pinyin-gloss"}
    assert gloss_docs == {_doc(S001), _doc(S003)}
    mojibake_docs = {f.docs[0] for f in result.findings if f.rule == "mojibake"}
    assert _doc(S003) in mojibake_docs
    assert all(f.severity.value == "info" for f in result.findings if f.rule == "pinyin-gloss")


@pytest.mark.parametrize("raw", ["8億", "超過8億", "8亿", "5000億美元", "5000亿美元", "八周", "8周", "200億美元", "100億美元"])
def test_not_flagged_amounts(result, raw):
    offending = [f for f in result.findings if f.rule == "amount-conflict" and any(e.raw.endswith(raw) for e in f.evidence)]
    assert offending == []


def test_cunningham_departure_not_flagged(result):
    offending = [
        f for f in result.findings
        if f.kind in ("date", "anachronism") and any("坎寧安" in e.text or "坎宁安" in e.text for e in f.evidence)
    ]
    assert offending == []


def test_no_finding_pairs_a_document_with_itself(result):
    for finding in result.findings:
        if finding.kind in ("date", "amount", "name", "title"):
            assert len(finding.docs) >= 2, finding
            assert len(finding.sides) >= 2, finding
            # every side is disputed by another, each with a document not stating the other's position
            for side in finding.sides:
                assert any(set(side.docs) - set(other.docs) and set(other.docs) - set(side.docs)
                           for other in finding.sides if other is not side), (finding.message, side.value)


def test_evidence_points_at_original_lines(result):
    texts = {p.name: (ROOT / "seeds" / p.name).read_text(encoding="utf-8").split("\n") for p in (ROOT / "seeds").glob("*.txt")}
    for finding in result.findings:
        for side in finding.evidence:
            if side.line == 0:
                continue
            original = texts[Path(side.doc).name][side.line - 1]
            # conflicts quote cleaned text (glosses stripped); quality findings quote the damage itself
            as_read = original if finding.kind == "quality" else _strip_glosses(original)
            assert side.raw and side.raw in as_read, (finding.rule, side)


def _strip_glosses(text: str) -> str:
    import re

    return re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", text)


def test_same_input_same_output(result, monkeypatch):
    monkeypatch.chdir(ROOT)
    again = run(["seeds"], load_config(ROOT / "rules"))
    assert [f.id for f in again.findings] == [f.id for f in result.findings]
