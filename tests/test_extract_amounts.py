"""Tests for amounts: numerals, magnitudes, units, qualifiers, intervals, attribution, non-amounts, hostile input."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.extract.amount_reading import read_amounts
from factcheck.extract.amount_values import OPEN_END_GAP, overlaps
from factcheck.extract.amounts import extract_amounts
from factcheck.settings import load_config
from factcheck.model import AmountValue, ClaimKind, Document, Line, Metadata
from factcheck.normalise import normalise_text

ROOT = Path(__file__).resolve().parent.parent
MARKERS = {"plan": ["计划"], "target": ["目标", "冲击", "力争"], "estimate": ["预计", "有望"],
           "past": [], "report": []}


@pytest.fixture(scope="module")
def config():
    """The repo's rules with markers pinned here, so modality tests do not follow events.toml."""
    base = load_config(ROOT / "rules")
    return dataclasses.replace(base, lexicon={**base.lexicon, "markers": MARKERS}, digest=base.digest + "+markers")


def document(config, *texts: str, published: dt.date | None = None) -> Document:
    lines = tuple(Line(i, t, t, normalise_text(t, config)) for i, t in enumerate(texts, 1))
    return Document("a.txt", "0" * 64, "utf-8", Metadata(published=published), lines)


def claims_of(config, *texts: str, published: dt.date | None = None):
    return extract_amounts(document(config, *texts, published=published), config)


def only(config, text: str, published: dt.date | None = None):
    found = claims_of(config, text, published=published)
    assert len(found) == 1, [(c.raw, c.rendered) for c in found]
    return found[0]


def below(x: float) -> float:
    """How an exclusive upper end is stored (when the interval is wide)."""
    return x * (1 - float(OPEN_END_GAP))


# ------------------------------------------------------------------ values, units, intervals

VALUES = [
    # text, raw, value, unit, dimension, qualifier, low, high
    ("合约高达1.4万亿美元。", "1.4万亿美元", 1.4e12, "USD", "currency", "exact", 1.35e12, below(1.45e12)),
    ("合約高達1.4萬億美元。", "1.4萬億美元", 1.4e12, "USD", "currency", "exact", 1.35e12, below(1.45e12)),
    ("估值达到5000亿美元。", "5000亿美元", 5e11, "USD", "currency", "exact", 4.75e11, below(5.25e11)),
    ("營收為3千億元。", "3千億元", 3e11, "CNY", "currency", "exact", 2.85e11, below(3.15e11)),
    ("收入为1,234.5万美元。", "1,234.5万美元", 12345000.0, "USD", "currency", "exact", 12344500.0, below(12345500.0)),
    ("收入为三千五百万美元。", "三千五百万美元", 3.5e7, "USD", "currency", "exact", 3.45e7, below(3.55e7)),
    ("利润为三点五亿元。", "三点五亿元", 3.5e8, "CNY", "currency", "exact", 3.45e8, below(3.55e8)),
    ("融资US$20 billion。", "US$20 billion", 2e10, "USD", "currency", "exact", 1.9e10, below(2.1e10)),
    ("融资$1.5 trillion。", "$1.5 trillion", 1.5e12, "USD", "currency", "exact", 1.45e12, below(1.55e12)),
    ("亏损3bn英镑。", "3bn英镑", 3e9, "GBP", "currency", "exact", 2.85e9, below(3.15e9)),
    ("营收500万港元。", "500万港元", 5e6, "HKD", "currency", "exact", 4.75e6, below(5.25e6)),
    ("營收達5兆新台幣。", "5兆新台幣", 5e12, "TWD", "currency", "exact", 4.75e12, below(5.25e12)),
    ("營收達新台幣7,596億元。", "新台幣7,596億元", 7.596e11, "TWD", "currency", "exact", 7.5955e11, below(7.5965e11)),
    ("降息25个基点。", "25个基点", 25.0, "bp", "basis-points", "exact", 24.5, below(25.5)),
    ("投资3兆元。", "3兆元", 3e12, "CNY", "currency", "exact", 2.85e12, below(3.15e12)),
    ("收入1.2亿欧元。", "1.2亿欧元", 1.2e8, "EUR", "currency", "exact", 1.15e8, below(1.25e8)),
    ("收入100亿日元。", "100亿日元", 1e10, "JPY", "currency", "exact", 9.5e9, below(1.05e10)),
    ("市场份额为27%。", "27%", 27.0, "%", "percent", "exact", 26.5, below(27.5)),
    ("市場份額為27％。", "27％", 27.0, "%", "percent", "exact", 26.5, below(27.5)),
    ("份额下降3个百分点。", "3个百分点", 3.0, "pp", "percentage-points", "exact", 2.85, below(3.15)),
    ("渗透率百分之四十五。", "百分之四十五", 45.0, "%", "percent", "exact", 44.5, below(45.5)),
    ("裁员2000人。", "2000人", 2000.0, "person", "count", "exact", 1900.0, below(2100.0)),
    ("公司拥有两亿用户。", "两亿", 2e8, "person", "count", "exact", 1.9e8, below(2.1e8)),
    ("容量4.5吉瓦。", "4.5吉瓦", 4.5, "GW", "power", "exact", 4.45, below(4.55)),
    ("容量10GW。", "10GW", 10.0, "GW", "power", "exact", 9.5, below(10.5)),
    ("容量高達4.5千兆瓦(GW)。", "4.5千兆瓦", 4.5, "GW", "power", "exact", 4.45, below(4.55)),
    ("装机5百万千瓦。", "5百万千瓦", 5.0, "GW", "power", "exact", 4.75, below(5.25)),
    ("裝機5百萬瓩。", "5百萬瓩", 5.0, "GW", "power", "exact", 4.75, below(5.25)),
    ("装机500兆瓦。", "500兆瓦", 500.0, "MW", "power", "exact", 475.0, below(525.0)),
    ("装机500MW。", "500MW", 500.0, "MW", "power", "exact", 475.0, below(525.0)),
    ("装机500万千瓦。", "500万千瓦", 5e6, "kW", "power", "exact", 4.75e6, below(5.25e6)),
    ("暂停项目八周。", "八周", 8.0, "week", "duration", "exact", 7.6, below(8.4)),
    ("暫停項目八週。", "八週", 8.0, "week", "duration", "exact", 7.6, below(8.4)),
    ("在8周内完成。", "8周", 8.0, "week", "duration", "exact", 7.6, below(8.4)),
    ("任职七年。", "七年", 7.0, "year", "duration", "exact", 6.65, below(7.35)),
    ("工作长达10年零7个月。", "10年零7个月", 127.0, "month", "duration", "exact", 126.5, below(127.5)),
    ("工作長達10年零7個月。", "10年零7個月", 127.0, "month", "duration", "exact", 126.5, below(127.5)),
    ("用时3年半。", "3年半", 3.5, "year", "duration", "exact", 3.325, below(3.675)),
    ("推出30款产品。", "30款", 30.0, "款", "count", "exact", 28.5, below(31.5)),
    ("收购3家公司。", "3家", 3.0, "家", "count", "exact", 2.85, below(3.15)),
    ("营收增长3倍。", "3倍", 3.0, "x", "ratio", "exact", 2.85, below(3.15)),
    ("年度经常性收入约100亿美元。", "约100亿美元", 1e10, "USD", "currency", "approx", 9e9, below(1.1e10)),
    ("收入約合100億美元。", "約合100億美元", 1e10, "USD", "currency", "approx", 9e9, below(1.1e10)),
    ("收入100亿美元左右。", "100亿美元左右", 1e10, "USD", "currency", "approx", 9e9, below(1.1e10)),
    ("活跃用户近8亿。", "近8亿", 8e8, "person", "count", "nearly", 7.2e8, 8e8),
    ("活跃用户将近8亿。", "将近8亿", 8e8, "person", "count", "nearly", 7.2e8, 8e8),
    ("周活跃用户超过8亿。", "超过8亿", 8e8, "person", "count", "over", 8e8, None),
    ("週活躍用戶超過8億。", "超過8億", 8e8, "person", "count", "over", 8e8, None),
    ("用户逾8亿。", "逾8亿", 8e8, "person", "count", "over", 8e8, None),
    ("用户8亿以上。", "8亿以上", 8e8, "person", "count", "over", 8e8, None),
    ("至少3家公司。", "至少3家", 3.0, "家", "count", "at-least", 3.0, None),
    ("不少于3家公司。", "不少于3家", 3.0, "家", "count", "at-least", 3.0, None),
    ("员工不到100人。", "不到100人", 100.0, "person", "count", "under", 0.0, below(100.0)),
    ("员工不足100人。", "不足100人", 100.0, "person", "count", "under", 0.0, below(100.0)),
    ("员工100人以下。", "100人以下", 100.0, "person", "count", "under", 0.0, below(100.0)),
    ("最多5次。", "最多5次", 5.0, "次", "count", "at-most", 0.0, 5.0),
    ("不超过5次。", "不超过5次", 5.0, "次", "count", "at-most", 0.0, 5.0),
    ("付费用户高达96%。", "96%", 96.0, "%", "percent", "exact", 95.5, below(96.5)),
    ("十余名员工透露。", "十余名", 10.0, "person", "count", "over", 10.0, below(20.0)),
    ("十餘名員工透露。", "十餘名", 10.0, "person", "count", "over", 10.0, below(20.0)),
    ("員工300多萬人。", "300多萬人", 3e6, "person", "count", "over", 3e6, below(4e6)),
    ("员工3万多人。", "3万多人", 3e4, "person", "count", "over", 3e4, below(4e4)),
    ("有数百个项目。", "数百个", 100.0, "个", "count", "vague", 200.0, below(1000.0)),
    ("有數百個項目。", "數百個", 100.0, "个", "count", "vague", 200.0, below(1000.0)),
    ("每周有数十万用户求助。", "数十万", 1e5, "person", "count", "vague", 2e5, below(1e6)),
    ("数百万次用户对话。", "数百万次", 1e6, "次", "count", "vague", 2e6, below(1e7)),
    ("上百家公司。", "上百家", 100.0, "家", "count", "at-least", 100.0, None),
    ("营收400万到500万美元。", "400万到500万美元", 4e6, "USD", "currency", "range", 4e6, 5e6),
    ("营收400到500万美元。", "400到500万美元", 4e6, "USD", "currency", "range", 4e6, 5e6),
    ("用户400万至500万。", "400万至500万", 4e6, "person", "count", "range", 4e6, 5e6),
    ("每天节省40到60分钟。", "40到60分钟", 40.0, "minute", "duration", "range", 40.0, 60.0),
    ("每天節省40到60分鐘。", "40到60分鐘", 40.0, "minute", "duration", "range", 40.0, 60.0),
    ("未来1-3年内。", "1-3年", 1.0, "year", "duration", "range", 1.0, 3.0),
    ("共6至8家公司。", "6至8家", 6.0, "家", "count", "range", 6.0, 8.0),
]


@pytest.mark.parametrize("text, raw, value, unit, dimension, qualifier, low, high", VALUES)
def test_values_units_qualifiers_and_intervals(config, text, raw, value, unit, dimension, qualifier, low, high):
    claim = only(config, text)
    assert claim.kind is ClaimKind.AMOUNT
    assert claim.raw == raw
    assert claim.value.value == pytest.approx(value, rel=1e-12)
    assert (claim.value.unit, claim.value.dimension, claim.value.qualifier) == (unit, dimension, qualifier)
    assert claim.value.low == pytest.approx(low, rel=1e-12)
    assert claim.value.high == (None if high is None else pytest.approx(high, rel=1e-12))


def test_evidence_is_cut_from_the_original_script_at_the_same_offsets(config):
    text = "據報導，OpenAI 的估值在最新一輪融資中達到5000億美元，周平均活躍用戶數超過8億。"
    found = claims_of(config, "標題行", text)
    assert [(c.line, c.raw, c.start) for c in found] == [(2, "5000億美元", 24), (2, "超過8億", 40)]
    assert all(c.sentence == text for c in found)
    assert all(c.sentence[c.start : c.start + len(c.raw)] == c.raw for c in found)


def test_touching_intervals_do_not_overlap_and_over_agrees_with_the_value(config):
    a, b = (only(config, f"合约高达{v}万亿美元。").value for v in ("1.4", "1.5"))
    assert not overlaps(a, b)
    over, exact = only(config, "用户超过8亿。").value, only(config, "用户升至8亿。").value
    assert overlaps(over, exact)
    under, at_least = only(config, "员工不到100人。").value, only(config, "员工至少100人。").value
    assert not overlaps(under, at_least)
    approx = only(config, "用户约8亿。").value
    assert not overlaps(approx, only(config, "用户6亿。").value)
    assert overlaps(approx, only(config, "用户7亿。").value)


def test_overlaps_treats_none_as_unbounded():
    assert overlaps(AmountValue(1, "USD", "currency", "over", 1, None), AmountValue(5, "USD", "currency", "exact", 5, 5))
    assert not overlaps(AmountValue(1, "%", "percent", "under", 0, 0.99), AmountValue(2, "%", "percent", "exact", 1.9, 2.1))


# ------------------------------------------------------------------ the seed sentences

S000_COMMIT = "若无法遏制增长放缓的趋势，OpenAI 可能难以支付近期签署的高达1.4万亿美元的巨额算力基础设施合约，甚至面临资金链紧张的风险。"
S003_COMMIT = "据不完全统计，在这场由OpenAI主导的、围绕AI基础设施所布下的宏大棋局中，所涉资金总额已高达1.5万亿美元。"
S000_USERS = "除了市场份额，财务可持续性是另一大考量。OpenAI 的估值在最新一轮融资中达到5000亿美元，周平均活跃用户数超过8亿。"
S001_USERS = "回溯ChatGPT的辉煌，自2022年11月推出以来用户周活跃升至8亿，估值随之暴涨。"
S002_VALUE = "新媒网跨境获悉，这家估值高达5000亿美元的企业，正将重心从长期基础研究转向其旗舰产品ChatGPT的持续迭代与优化。"
S003_VALUE = "与之相应，这家公司的最新估值亦达到了惊人的5000亿美元。"
S000_WEEKS = "在“红色代码”状态下，OpenAI 将暂停Sora等非核心项目八周，拿出全部精力集中于改进ChatGPT。"
S001_WEEKS = "转而专注于一个极其世俗的目标：在8周内，不惜一切代价提升ChatGPT的用户留存率。"
S001_TARGET = "她们的立场很明确：公司要活下去，必须赚钱。OpenAI既然要冲击2025年200亿美元的年营收，就必须像一家成熟的SaaS公司那样运作。"
S003_ARR = "根据可靠的报道，截至2025年6月，OpenAI仅仅依靠ChatGPT Plus等订阅服务，其年度经常性收入就已经达到了约100亿美元。"
S003_SHARE = "这是一个令人惊叹的数字，然而，若仔细审视其用户结构，会发现其周活跃用户中的付费滲透率仍然只有4%。"


def test_compute_commitments_of_000_and_003_conflict(config):
    a, b = only(config, S000_COMMIT), only(config, S003_COMMIT)
    assert (a.subject, a.attribute) == (b.subject, b.attribute) == ("openai", "compute-commitment")
    assert (a.raw, b.raw) == ("1.4万亿美元", "1.5万亿美元")
    assert not overlaps(a.value, b.value)


def test_weekly_active_users_of_000_and_001_agree(config):
    a = next(c for c in claims_of(config, S000_USERS) if c.raw == "超过8亿")
    b = only(config, S001_USERS)
    assert a.attribute == b.attribute == "weekly:active-users"
    assert a.subject == b.subject == "openai"
    assert a.value.unit == b.value.unit == "person"
    assert b.scope == ""  # 自2022年11月...以来 is a starting point, not the scope
    assert overlaps(a.value, b.value)


def test_valuations_of_000_002_003_are_equal(config):
    values = [next(c for c in claims_of(config, s) if c.value.unit == "USD") for s in (S000_USERS, S002_VALUE, S003_VALUE)]
    assert [c.attribute for c in values] == ["valuation"] * 3
    assert {(c.value.value, c.value.low, c.value.high) for c in values} == {(5e11, 4.75e11, below(5.25e11))}
    assert values[0].subject == "openai"  # 在最新一轮融资中 is an adverbial, 估值 is the metric


def test_eight_weeks_in_000_and_001(config):
    a, b = only(config, S000_WEEKS), only(config, S001_WEEKS)
    assert [(c.value.value, c.value.unit, c.value.dimension) for c in (a, b)] == [(8.0, "week", "duration")] * 2
    assert a.attribute == "非核心项目"
    assert b.attribute == "duration"


def test_revenue_target_and_arr_get_different_attributes(config):
    target, arr = only(config, S001_TARGET), only(config, S003_ARR)
    assert (target.attribute, target.modality, target.scope, target.subject) == ("annual:revenue", "target", "2025", "openai")
    assert (arr.attribute, arr.modality, arr.scope, arr.subject) == ("annual-recurring-revenue", "", "2025-06", "openai")
    assert (arr.raw, arr.value.qualifier) == ("约100亿美元", "approx")


def test_paid_penetration_is_not_weekly_active_users(config):
    claim = only(config, S003_SHARE)
    assert (claim.raw, claim.attribute, claim.value.unit) == ("4%", "penetration", "%")


def test_seed_000_in_traditional_script(config):
    text = "OpenAI 的估值在最新一輪融資中達到5000億美元，周平均活躍用戶數超過8億。"
    found = claims_of(config, text)
    assert [(c.raw, c.attribute, c.subject) for c in found] == [
        ("5000億美元", "valuation", "openai"), ("超過8億", "weekly:active-users", "openai")]


# ------------------------------------------------------------------ attribution


@pytest.mark.parametrize(
    "text, attribute",
    [
        ("该公司年度经常性收入为100亿美元。", "annual-recurring-revenue"),  # longest alias beats 收入
        ("该公司收入为100亿美元。", "revenue"),
        ("公司日活用户达到3亿。", "daily:active-users"),
        ("公司月活达到3亿。", "monthly:active-users"),
        ("公司每年营收100亿元。", "annual:revenue"),
        ("公司拥有8亿用户。", "users"),
        ("该公司估值5000亿美元，拥有8亿用户。", "users"),
        ("总容量达10千兆瓦(GW)的数据中心。", "capacity"),
        ("计划部署总量为6千兆瓦(GW)的芯片。", "capacity"),
        ("微软持有的股份比例约为27%。", "stake"),
        ("用户增长至8亿。", "users"),  # 增长至 is a verb of change, not growth
        ("营收同比增长20%。", "growth"),
        ("營收年增30.3%。", "growth"),
        ("該公司計劃在未來五年內投資200億美元。", "investment"),
        ("四位知情人士透露。", "知情人士"),
        ("有数百个自下而上的项目。", "项目"),
    ],
)
def test_metric_attribute(config, text, attribute):
    claims = claims_of(config, text)
    assert claims[-1].attribute == attribute


def test_people_metric_is_not_given_to_minutes(config):
    claim = only(config, "其中大肆宣扬企业用户每天因AI节省了40到60分钟时间。")
    assert claim.attribute == "duration"


def test_a_duration_takes_no_money_metric(config):
    years, money = claims_of(config, "該公司計劃在未來五年內投資200億美元。")
    assert (years.raw, years.attribute, money.attribute) == ("五年", "未来", "investment")


def test_generic_total_gives_way_to_a_specific_metric_in_the_sentence(config):
    assert only(config, S003_COMMIT).attribute == "compute-commitment"
    assert only(config, "所涉资金总额已高达1.5万亿美元。").attribute == "total"


@pytest.mark.parametrize(
    "text, subject",
    [
        ("谷歌的估值达到3万亿美元。", "google"),
        ("Alphabet的估值达到3万亿美元。", "google"),
        ("微軟的營收為2000億美元。", "microsoft"),
        ("据报道，英伟达的营收为500亿美元，超过了AMD。", "nvidia"),
        ("营收为500亿美元。", ""),
    ],
)
def test_subject_is_the_nearest_entity_before(config, text, subject):
    assert only(config, text).subject == subject


@pytest.mark.parametrize(
    "text, scope",
    [
        ("截至2025年6月，该公司营收达到100亿美元。", "2025-06"),
        ("该公司2025年营收达到100亿美元。", "2025"),
        ("2024年上半年，公司营收100亿元。", "2024-01-01..2024-06-30"),
        ("公司2024年第三季度营收100亿元。", "2024-07-01..2024-09-30"),
        ("公司营收达到100亿元。", ""),
        ("自2022年以来，公司营收达到100亿元。", ""),
    ],
)
def test_scope(config, text, scope):
    assert only(config, text).scope == scope


def test_relative_scope_needs_the_publication_date(config):
    text = "公司今年营收达到100亿元。"
    assert only(config, text, published=dt.date(2025, 10, 29)).scope == "2025"
    assert only(config, text).scope == "unresolved:今年"


@pytest.mark.parametrize(
    "text, modality",
    [
        ("公司预计营收达到100亿元。", "estimate"),
        ("公司计划投资100亿元。", "plan"),
        ("公司力争营收达到100亿元。", "target"),
        ("公司营收达到约100亿元。", ""),  # 约 is the qualifier, not an estimate
        ("公司营收达到100亿元。", ""),
    ],
)
def test_modality(config, text, modality):
    assert only(config, text).modality == modality


def test_terms_hold_other_key_terms_of_the_clause(config):
    claim = only(config, "OpenAI承诺将额外购买价值2500亿美元的微软Azure云服务。")
    assert (claim.subject, claim.attribute, claim.terms) == ("openai", "spending", ("microsoft",))


# ------------------------------------------------------------------ not amounts


@pytest.mark.parametrize(
    "text",
    [
        "2025年，公司发布新品。",
        "二〇二五年，公司发布新品。",
        "12月1日正式进入状态。",
        "计划在2025年12月第二周推出5.2模型。",
        "GPT-4o模型获得好评。",
        "Gemini 3模型超越了对手。",
        "o1推理模型很慢。",
        "用户喜欢4o这样的模型。",
        "1. 从头开始",
        "01",
        "联系电话：010-12345678。",
        "京公网安备 11011402013531号",
        "电影《100%女孩》上映。",
        "2019-2025年间变化很大。",
        "20世纪90年代的公司。",
        "四年前的一幅画。",
        "2026年1月中下旬",
        "这是一个统一的万一之选。",
        "以“战略三部曲”为名。",
        "5000亿OpenAI巨震：高管出走。",
        "为百万跨境人传递资讯。",
        "3D打印机和5G网络。",
    ],
)
def test_not_amounts(config, text):
    assert claims_of(config, text) == []


# ------------------------------------------------------------------ hostile numbers


@pytest.mark.parametrize(
    "text, expected",
    [
        ("营收1.2.3亿美元。", []),
        ("营收" + "9" * 400 + "亿美元。", []),
        ("营收" + "1" * 16 + "美元。", []),
        ("营收" + "1" * 15 + "美元。", [("1" * 15 + "美元", 111111111111111.0)]),
        ("营收" + "九" * 300 + "亿美元。", []),
        ("营收" + "1." * 500 + "亿", []),
        ("百分之", []),
        ("数", []),
        ("工作了10年零", [("10年", 10.0)]),
        ("用户一亿二。", [("一亿二", 1.2e8)]),
        ("员工三千五百人。", [("三千五百人", 3500.0)]),
        ("员工三千五人。", [("三千五人", 3500.0)]),
        ("营收5,6亿美元。", []),
    ],
)
def test_hostile_numbers_do_not_crash(config, text, expected):
    assert [(c.raw, c.value.value) for c in claims_of(config, text)] == expected


_ALPHABET = "0123456789.,-~到至约超过近不到多余数百千万亿兆十一二三四五年月周个人%美元吉瓦GWM $第《》“”，。"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_any_text_gives_well_formed_readings(text):
    for reading in read_amounts(text):
        value = reading.value
        assert 0 <= reading.start < reading.end <= len(text)
        # only a range whose end lost its start's magnitude (400万到500个) is kept inverted
        assert value.low is None or value.high is None or value.low <= value.high or value.qualifier == "inverted"
        assert value.low is None or value.low <= value.value or value.qualifier == "vague"


def test_same_input_same_output(config):
    texts = (S000_COMMIT, S000_USERS, S001_USERS, S003_ARR, S003_SHARE, S001_TARGET)
    assert claims_of(config, *texts) == claims_of(config, *texts)


# ------------------------------------------------------------ stories with no organisation


@pytest.mark.parametrize("text", ["缅甸中部3月27日发生7.9级强烈地震。", "緬甸中部3月27日發生7.9級強烈地震。"])
def test_magnitude_of_an_event_without_organisation(config, text):
    claim = only(config, text)
    assert (claim.raw, claim.subject, claim.attribute, claim.rendered) == ("7.9级" if "级" in text else "7.9級", "earthquake", "magnitude", "7.9 magnitude")


def test_fast_moving_toll_is_read_as_of_the_publication_day(config):
    claim = only(config, "地震已造成1700人死亡。", published=dt.date(2025, 3, 31))
    assert (claim.subject, claim.attribute, claim.scope) == ("earthquake", "deaths", "2025-03-31")


def test_an_unscoped_valuation_holds_around_the_publication_date(config):
    claim = only(config, "OpenAI估值达到5000亿美元。", published=dt.date(2025, 3, 31))
    # publication_window_days = 14 in rules/metrics.toml: the fortnight either side
    assert (claim.attribute, claim.scope) == ("valuation", "~2025-03-17..2025-04-14")


def test_an_undated_document_gives_no_implicit_scope(config):
    assert only(config, "OpenAI估值达到5000亿美元。").scope == ""


def test_a_valuation_never_belongs_to_an_event(config):
    # an organisation unknown to the lexicon, named with a suffix, owns the figure; never "funding-round"
    claim = only(config, "据知情人士透露，玄银实验室在最新一轮融资中的估值已达到150亿美元。")
    assert (claim.subject, claim.attribute) == ("玄银实验室", "valuation")
    claim = only(config, "据透露，该公司在最新一轮融资中的估值已达到150亿美元。")
    assert (claim.subject, claim.attribute) == ("", "valuation")


@pytest.mark.parametrize("text, raw, value", [
    ("投票數1404萬8310人。", "1404萬8310人", 14048310.0),
    ("融资3亿5000万元。", "3亿5000万元", 3.5e8),
    ("员工1万2000人。", "1万2000人", 12000.0),
])
def test_digits_after_wan_or_yi_go_on_with_the_number(text, raw, value):
    (reading,) = read_amounts(text)
    assert (text[reading.start:reading.end], reading.value.value) == (raw, value)


def test_digits_after_wan_without_a_unit_are_another_number():
    assert [r.value.value for r in read_amounts("2000万8亿")] == [2e7, 8e8]
