"""Parallel extraction: same result as a serial run, input order kept, progress in the parent."""
from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

import pytest

from factcheck import pipeline
from factcheck.settings import load_config
from factcheck.model import (
    AmountValue, Claim, ClaimGroup, ClaimKind, Document, Evidence, Finding, Line, Metadata, RawDocument, Severity,
    Side, Skipped,
)
from factcheck.pipeline import RunOptions

# Stand-ins for the per-document stages, so the pool is tested on its own. Worker processes are forked
# (the Linux default on Python 3.11), so they see these monkeypatched module attributes too.


def fake_discover(paths):
    return sorted((p, p.name) for root in paths for p in Path(root).iterdir() if p.is_file()), []


def fake_read(path: Path, display: str):
    data = path.read_bytes()
    if not data.strip():
        return Skipped(display, "empty file", "")
    return RawDocument(display, data.decode("utf-8"), "utf-8", hashlib.sha256(data).hexdigest())


def fake_clean(raw: RawDocument, config) -> Document:
    lines = tuple(Line(n, t, t, t) for n, t in enumerate(raw.text.split("\n"), 1) if t.strip())
    return Document(raw.path, raw.sha256, raw.encoding, Metadata(source="fake"), lines)


def fake_extract(doc: Document, config) -> tuple[Claim, ...]:
    claims = []
    for line in doc.lines:
        for m in re.finditer(r"(\w+)估值(\d+)億", line.norm):
            value = AmountValue(int(m.group(2)) * 1e8, "CNY", "currency")
            claims.append(Claim(ClaimKind.AMOUNT, doc.path, line.number, line.text, m.group(2) + "億",
                                m.start(2), m.group(1), "valuation", value))
    return tuple(claims)


def fake_align(claims, config, published=None):
    keys = sorted({(c.subject, c.attribute) for c in claims})
    return tuple(
        ClaimGroup(ClaimKind.AMOUNT, s, a, tuple(c for c in claims if (c.subject, c.attribute) == (s, a)))
        for s, a in keys
    )


def fake_check(corpus, config):
    """One finding per group whose documents give different values, one side per value."""
    findings = []
    for group in corpus.groups:
        by_value: dict[str, list[Claim]] = {}
        for claim in group.claims:
            by_value.setdefault(claim.rendered, []).append(claim)
        if len(by_value) > 1:
            sides = tuple(
                Side(value, tuple(Evidence.of(c, outlet=corpus.outlet(c.doc)) for c in claims), len({c.doc for c in claims}))
                for value, claims in sorted(by_value.items())
            )
            findings.append(Finding("amount-conflict", "amount", Severity.ERROR, group.subject,
                                    group.attribute, "values differ", sides))
    return tuple(sorted(findings, key=Finding.sort_key))


@pytest.fixture
def stages(monkeypatch):
    monkeypatch.setattr(pipeline.load_stage, "discover", fake_discover)
    monkeypatch.setattr(pipeline.load_stage, "read", fake_read)
    monkeypatch.setattr(pipeline.clean_stage, "clean", fake_clean)
    monkeypatch.setattr(pipeline.normalise_stage, "normalise", lambda doc, config: doc)
    monkeypatch.setattr(pipeline.extract_stage, "extract", fake_extract)
    monkeypatch.setattr(pipeline.align_stage, "align", fake_align)
    monkeypatch.setattr(pipeline.check_stage, "check", fake_check)


@pytest.fixture
def config(tmp_path):
    (tmp_path / "rules").mkdir()
    return load_config(tmp_path / "rules")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(20):
        # documents 5 and 13 disagree with the rest; 17 is empty (skipped)
        amount = 700 if i in (5, 13) else 500
        text = "" if i == 17 else f"第{i}篇\n據報導,A公司估值{amount}億。\nB公司估值{i}億。\n"
        (folder / f"doc{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def test_parallel_and_serial_runs_are_identical(stages, config, corpus):
    serial = pipeline.run([corpus], config, RunOptions(jobs=1))
    parallel = pipeline.run([corpus], config, RunOptions(jobs=2))
    assert repr(parallel) == repr(serial)
    assert [d.path for d in serial.documents] == [f"doc{i:02d}.txt" for i in range(20)]
    assert [d.status for d in serial.documents].count("skipped") == 1
    assert len(serial.claims) == 38
    # A: one finding, 5 and 13 against the 17 others that agree; B: one finding, each of the 19 a side
    assert [(f.subject, [(s.value, s.sources) for s in f.sides]) for f in serial.findings] == [
        ("A公司", [("5e+10 CNY", 17), ("7e+10 CNY", 2)]),
        ("B公司", sorted((f"{i * 1e8:g} CNY", 1) for i in range(20) if i != 17)),
    ]
    assert [e.doc for e in serial.findings[0].sides[1].evidence] == ["doc05.txt", "doc13.txt"]
    assert {e.outlet for f in serial.findings for e in f.evidence} == {"fake"}


def test_all_cores_gives_the_same_result(stages, config, corpus):
    assert repr(pipeline.run([corpus], config, RunOptions(jobs=0))) == repr(pipeline.run([corpus], config))


def test_progress_is_reported_in_the_parent_in_order(stages, config, corpus):
    calls = []
    pipeline.run([corpus], config, RunOptions(jobs=2, progress=lambda done, total: calls.append((os.getpid(), done, total))))
    assert calls == [(os.getpid(), done, 20) for done in range(1, 21)]


def test_a_parallel_cold_run_fills_the_cache_a_serial_warm_run_reads(stages, config, corpus, tmp_path, monkeypatch):
    cache_path = tmp_path / "cache.sqlite"
    cold = pipeline.run([corpus], config, RunOptions(jobs=2, cache=cache_path))
    # the skipped document 17 (no hash of what was read) is stored by the second run
    assert repr(pipeline.run([corpus], config, RunOptions(jobs=2, cache=cache_path))) == repr(cold)
    monkeypatch.setattr(pipeline.extract_stage, "extract", lambda doc, config: pytest.fail("cache missed"))
    monkeypatch.setattr(pipeline.load_stage, "read", lambda path, display: pytest.fail("cache missed"))
    warm = pipeline.run([corpus], config, RunOptions(jobs=1, cache=cache_path))
    assert repr(warm) == repr(cold)


def test_one_new_document_is_processed_in_process(stages, config, corpus, tmp_path, monkeypatch):
    cache_path = tmp_path / "cache.sqlite"
    for _ in range(2):  # the second run stores the skipped document 17 (see above)
        pipeline.run([corpus], config, RunOptions(jobs=2, cache=cache_path))
    (corpus / "doc20.txt").write_text("A公司估值500億。\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "_init_worker", lambda config: pytest.fail("a pool was started"))
    result = pipeline.run([corpus], config, RunOptions(jobs=2, cache=cache_path))
    assert [c.doc for c in result.claims if c.doc == "doc20.txt"] == ["doc20.txt"]


def test_a_worker_error_skips_that_document_in_parallel_as_in_serial(stages, config, corpus, monkeypatch):
    def broken(doc, config):
        if doc.path.endswith("doc00.txt"):
            raise RuntimeError(f"extractor bug in {doc.path}")
        return ()

    monkeypatch.setattr(pipeline.extract_stage, "extract", broken)
    serial = pipeline.run([corpus], config, RunOptions(jobs=1))
    parallel = pipeline.run([corpus], config, RunOptions(jobs=2))
    assert repr(parallel) == repr(serial)
    skipped = [(Path(d.path).name, d.reason) for d in parallel.documents if d.status == "skipped"]
    assert skipped[0] == ("doc00.txt", "internal error, please report: RuntimeError: extractor bug in doc00.txt")
    assert all(name != "doc00.txt" for name, _ in skipped[1:])  # the others are as before


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_seeds_parallel_and_serial_give_byte_identical_reports():
    from factcheck.report import json_report

    config = load_config(SEEDS.parent / "rules")
    serial = pipeline.run([SEEDS], config, RunOptions(jobs=1))
    parallel = pipeline.run([SEEDS], config, RunOptions(jobs=2))
    assert json_report.render(parallel) == json_report.render(serial)
    assert repr(parallel) == repr(serial)
    assert [d.status for d in serial.documents] == ["checked"] * 5


def test_resolve_jobs():
    assert pipeline.resolve_jobs(3) == 3
    assert pipeline.resolve_jobs(1) == 1
    assert pipeline.resolve_jobs(0) == len(os.sched_getaffinity(0))


def test_tasks_carry_no_config():
    # the config reaches each worker once, through the pool initializer
    task = pipeline._Task(0, Path("a.txt"), "a.txt", None, True)
    assert [name for name in vars(task)] == ["index", "path", "display", "sha", "cached"]


# ------------------------------------------------------------------- benchmark generator


def load_generator():
    import importlib.util

    if "bench_generate" in sys.modules:
        return sys.modules["bench_generate"]
    path = Path(__file__).resolve().parent.parent / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_generator_is_deterministic_and_prefix_stable(tmp_path):
    generate = load_generator()
    manifest = generate.generate(tmp_path / "a", 5, seed=3)
    assert generate.generate(tmp_path / "b", 5, seed=3) == manifest
    generate.generate(tmp_path / "c", 2, seed=3)
    generate.generate(tmp_path / "c", 3, seed=3, start=2)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert [n[:6] for n in names] == ["00000_", "00001_", "00002_", "00003_", "00004_"]
    for name in names:
        data = (tmp_path / "a" / name).read_bytes()
        assert data == (tmp_path / "b" / name).read_bytes() == (tmp_path / "c" / name).read_bytes()


def test_generated_documents_are_news_sized_and_state_their_story():
    generate = load_generator()
    facts = generate.story(7, 0)
    for index in range(5):
        name, text, script, conflict = generate.document(7, index)
        assert generate.TARGET_CHARS <= len(text) < generate.TARGET_CHARS + 1200
        assert text.count(facts.org) >= 2
        assert script in ("", "s2t", "s2tw", "s2hk")


def test_a_planted_contradiction_changes_exactly_one_fact():
    generate = load_generator()
    import random

    facts = generate.story(7, 0)
    changed, entry = generate.contradict(facts, random.Random(1))
    differing = [f for f in vars(facts) if getattr(facts, f) != getattr(changed, f)]
    assert differing == [entry["field"]]
    assert entry["stated"] != entry["written"]


def test_collector_paused_restores_the_collector_state_and_freezes_what_was_built():
    import gc

    assert gc.isenabled()
    frozen_before = gc.get_freeze_count()
    try:
        with pipeline.collector_paused():
            assert not gc.isenabled()
            built = [[i] for i in range(1000)]  # tracked containers, alive at the end
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen_before + len(built)
        gc.disable()
        with pipeline.collector_paused():
            pass
        assert not gc.isenabled()  # a caller's disabled collector stays disabled
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_parallel_cached_run_of_the_seeds_matches_an_uncached_serial_one(tmp_path, monkeypatch):
    # pool workers send cached outcomes back as payloads, which the parent decodes
    from factcheck.report import json_report

    config = load_config(SEEDS.parent / "rules")
    uncached = pipeline.run([SEEDS], config, RunOptions(jobs=1))
    sent_as_payloads = []
    real = pipeline._outcome_of

    def counted(payload, display):
        sent_as_payloads.append(display)
        return real(payload, display)

    monkeypatch.setattr(pipeline, "_outcome_of", counted)
    cached = pipeline.run([SEEDS], config, RunOptions(jobs=2, cache=tmp_path / "cache.sqlite"))
    assert sorted(sent_as_payloads) == [d.path for d in uncached.documents]
    assert json_report.render(cached) == json_report.render(uncached)
    assert repr(cached) == repr(uncached)
