"""Properties of the whole per-document pipeline over generated and hostile text (hypothesis)."""
from __future__ import annotations

import collections
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import read as load_stage
from factcheck import pipeline
from factcheck.config import Config
from factcheck.settings import load_config
from factcheck.model import ClaimKind, Skipped

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# FACTCHECK_PROPERTY_EXAMPLES=2000 for a deep run; the default keeps the suite fast
EXAMPLES = int(os.environ.get("FACTCHECK_PROPERTY_EXAMPLES", "100"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW_PROPERTY = settings(max_examples=max(1, EXAMPLES // 3), deadline=None, suppress_health_check=[HealthCheck.too_slow])

GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad]")


@lru_cache(maxsize=1)
def config() -> Config:
    return load_config(ROOT / "rules")


def process(text: str | bytes, name: str = "doc.txt") -> pipeline.Processed | Skipped:
    """process_document on a temporary file holding `text` (UTF-8 when given as str)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return pipeline.process_document(path, f"docs/{name}", config())


def original_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# ------------------------------------------------------------------------ strategies


def _seed_fragments() -> list[str]:
    fragments = []
    for seed in SEEDS:
        for line in seed.read_text(encoding="utf-8").split("\n"):
            fragments.extend(line[i : i + 24] for i in range(0, min(len(line), 240), 24))
    return sorted({f for f in fragments if f.strip()})


ODDITIES = [
    "2025年", "12月", "1日", "13月40日", "2026年1月中下旬", "上个月", "去年", "本周", "第二週", "八周",
    "1.4萬億美元", "5000億", "1.2.3億", "８億", "２０２５年", "%", "％", "GW", "十余名", "數百個",
    "\u200b", "\u200d", "\u00ad", "\u200f", "\u202e", "\u3000", "\u0301", "\ufeff", "🔥", "👩\u200d💻",
    "(jì)", "?yàn)", "F(xiàn)idji", "(code red)", "·", "（", "）", "“", "”", "，", "。", "\n", "\r\n", "\r",
    "9" * 400, "0.0000001", "雅庫布·帕喬基(Jakub Pachocki)", "首席財務官", "前首席科學家",
]
NEWSY = st.lists(st.sampled_from(_seed_fragments() + ODDITIES), max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=400), NEWSY, st.lists(st.one_of(NEWSY, st.text(max_size=20)), max_size=8).map("".join))

ORGS = ["星辰科技", "深蓝智能", "启明数据", "海纳动力", "北斗实验室", "长风机器人"]
PEOPLE = [
    ("雅各布·帕乔基", "Jakub Pachocki"), ("莎拉·弗莱尔", "Sarah Friar"), ("汤姆·坎宁安", "Tom Cunningham"),
    ("马克·陈", "Mark Chen"), ("丽莎·米勒", "Lisa Miller"), ("彼得·诺瓦克", "Peter Novak"),
]
TEMPLATES = [
    "{org}于{y}年{m}月{d}日宣布完成新一轮融资，估值达到{n}亿美元。",
    "据报道，{org}在{y}年{m}月发布了新一代模型，周活跃用户数超过{k}亿。",
    "首席执行官{cn}({latin})表示，公司计划在{y}年{m}月{d}日公布结果。",
    "{org}去年的营收约为{n}亿元，同比增长{p}%。",
    "根据内部备忘录，首席财务官{cn}({latin})已于{y}年{m}月{d}日离职。",
    "该项目总投资{n}万元，将于{y}年{m}月正式启动，为期{k}周。",
    "{y}年{m}月{d}日，{org}与合作伙伴签署了价值{n}亿美元的算力合同。",
]


@st.composite
def news_sentence(draw) -> str:
    cn, latin = draw(st.sampled_from(PEOPLE))
    return draw(st.sampled_from(TEMPLATES)).format(
        org=draw(st.sampled_from(ORGS)), cn=cn, latin=latin,
        y=draw(st.integers(2015, 2030)), m=draw(st.integers(1, 12)), d=draw(st.integers(1, 28)),
        n=draw(st.sampled_from(["5000", "1.4", "200", "35", "8"])), k=draw(st.integers(2, 9)),
        p=draw(st.integers(1, 99)),
    )


@st.composite
def news_document(draw) -> str:
    """A Simplified article: a dated header and 1-6 template sentences, some sharing a line."""
    lines = [draw(st.lists(news_sentence(), min_size=1, max_size=2).map("".join)) for _ in range(draw(st.integers(1, 4)))]
    return "date: 2025-12-10\n---\n" + "\n".join(lines) + "\n"


# ------------------------------------------------------------------------ properties


@PROPERTY
@given(ANY_TEXT)
def test_any_unicode_text_is_processed_without_raising(text):
    outcome = process(text)
    if isinstance(outcome, Skipped):
        assert outcome.path == "docs/doc.txt" and outcome.reason and "\n" not in outcome.reason
        return
    line_count = len(original_lines(text))
    for claim in outcome.claims:
        assert claim.doc == "docs/doc.txt"
        assert 1 <= claim.line <= line_count
        assert claim.sentence[claim.start : claim.start + len(claim.raw)] == claim.raw


@PROPERTY
@given(st.binary(max_size=600))
def test_any_bytes_are_processed_or_skipped_with_a_reason(data):
    outcome = process(data)
    if isinstance(outcome, Skipped):
        assert outcome.reason and "\n" not in outcome.reason
    else:
        assert outcome.document.path == "docs/doc.txt"


@PROPERTY
@given(ANY_TEXT)
def test_extraction_is_deterministic(text):
    assert process(text) == process(text)


def _claims_point_at_their_lines(text: str, outcome: pipeline.Processed) -> list[str]:
    """Claims whose line (glosses and zero-width characters removed) does not hold their raw text."""
    lines = original_lines(text)
    repaired = {p.line for p in outcome.document.problems if p.rule.startswith("mojibake")}
    wrong = []
    for claim in outcome.claims:
        if claim.line in repaired:  # a repaired line differs from the file on purpose
            continue
        if not 1 <= claim.line <= len(lines):
            wrong.append(f"line {claim.line}: outside the file's {len(lines)} lines")
            continue
        original = ZERO_WIDTH.sub("", GLOSS.sub("", lines[claim.line - 1]))
        if claim.raw not in original:
            wrong.append(f"line {claim.line}: {claim.raw!r} not in {original[:80]!r}")
    return wrong


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_seed_claims_point_at_the_line_holding_their_text(seed):
    raw = load_stage.read(seed, seed.name)
    outcome = process(seed.read_bytes())
    assert isinstance(outcome, pipeline.Processed)
    assert outcome.claims, "every seed states something checkable"
    assert _claims_point_at_their_lines(raw.text, outcome) == []


@st.composite
def glossed_document(draw) -> str:
    """A template article with pinyin glosses and zero-width characters sprinkled after Han characters."""
    text = draw(news_document())
    out = []
    for char in text:
        out.append(char)
        if "\u4e00" <= char <= "\u9fff":
            extra = draw(st.sampled_from(["", "", "", "", "(jì)", "(yè)", "\u200b", "\u00ad", "\u200d"]))
            out.append(extra)
    return "".join(out)


@PROPERTY
@given(glossed_document())
def test_a_claims_line_holds_its_raw_text(text):
    outcome = process(text)
    assert isinstance(outcome, pipeline.Processed)
    assert _claims_point_at_their_lines(text, outcome) == []


S2T = opencc.OpenCC("s2t")


def _date_amount_values(outcome) -> collections.Counter:
    assert isinstance(outcome, pipeline.Processed)
    return collections.Counter(
        (c.kind.value, c.attribute, c.rendered) for c in outcome.claims if c.kind in (ClaimKind.DATE, ClaimKind.AMOUNT)
    )


@PROPERTY
@given(news_document())
def test_the_other_script_yields_the_same_normalised_claims(text):
    simplified = _date_amount_values(process(text))
    assert simplified, "every template states a date or an amount"
    assert _date_amount_values(process(S2T.convert(text))) == simplified


def _restated(body: str) -> str:
    """The same sentences with every year and amount one higher."""
    return re.sub(r"\d+(?=[年亿万%])", lambda m: str(int(m.group()) + 1), body)


@SLOW_PROPERTY
@given(st.lists(news_document(), min_size=1, max_size=3), st.booleans())
def test_findings_never_pair_a_document_with_itself(documents, contradict_within):
    if contradict_within:
        # one document stating two different values for the same fact: not a conflict between sources
        documents = [documents[0] + _restated(documents[0].split("---\n", 1)[1]), *documents[1:]]
    with tempfile.TemporaryDirectory() as folder:
        for index, text in enumerate(documents):
            (Path(folder) / f"{index}.txt").write_text(text, encoding="utf-8")
        result = pipeline.run([folder], config(), pipeline.RunOptions(jobs=1))
    assert len(result.documents) == len(documents)
    for finding in result.findings:
        if finding.kind in ("date", "amount", "name", "title"):
            assert len(finding.docs) >= 2, finding.message
