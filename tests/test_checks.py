"""Tests for the six check kinds: pass and fail fixtures with exact rules, documents, lines, messages."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest

from factcheck.align import align
from factcheck.checks import amount_conflict, anachronism, date_conflict, name_variant, text_quality, title_conflict
from factcheck.settings import load_config
from factcheck.model import (
    AmountValue, Claim, ClaimKind, Corpus, DateValue, Document, Metadata, NameValue, Problem, Severity,
    Skipped, TitleValue,
)


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    rules = tmp_path_factory.mktemp("rules")
    # the one event the date fixtures talk about: only lexicon events align with phase "occur"
    (rules / "events.toml").write_text('[lexicon.events]\n"红色警报" = ["紅色警報", "code red"]\n', encoding="utf-8")
    # the metrics the amount fixtures name: only lexicon metrics are facts
    (rules / "metrics.toml").write_text(
        '[lexicon.metrics]\ncompute-commitment = ["承诺"]\ngrowth = ["增长"]\ncapacity = ["容量"]\n', encoding="utf-8")
    return load_config(rules)


def rule(config, rule_id: str, **options):
    settings = config.rule(rule_id)
    return replace(settings, options={**settings.options, **options})


# ---------------------------------------------------------------- factories


def doc(path: str, published: str = "", problems: tuple[Problem, ...] = (), source: str = "", url: str = "") -> Document:
    meta = Metadata(source=source, url=url, published=dt.date.fromisoformat(published) if published else None)
    return Document(path, "0" * 64, "utf-8", meta, (), problems)


def day(doc_path: str, written: str, subject: str = "红色警报", attribute: str = "occur", line: int = 3,
        modality: str = "", relative: bool = False) -> Claim:
    """A resolved date from `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or unresolved when written starts with '~'."""
    if written.startswith("~"):
        value = DateValue(None, None, "day", relative=True, written=written[1:])
    else:
        parts = [int(p) for p in written.split("-")]
        if len(parts) == 3:
            start = end = dt.date(*parts)
            precision = "day"
        elif len(parts) == 2:
            start = dt.date(parts[0], parts[1], 1)
            end = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1) - dt.timedelta(days=1)
            precision = "month"
        else:
            start, end, precision = dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year"
        value = DateValue(start, end, precision, relative=relative, written=written)
    raw = f"写作{written}"
    return Claim(ClaimKind.DATE, doc_path, line, f"据报道{raw}。", raw, 3, subject, attribute, value, modality=modality)


def money(doc_path: str, raw: str, number: float, low: float | None = None, high: float | None = None,
          unit: str = "USD", dimension: str = "currency", qualifier: str = "exact", scope: str = "",
          modality: str = "", metric: str = "compute-commitment", line: int = 4) -> Claim:
    value = AmountValue(number, unit, dimension, qualifier, low, high)
    return Claim(ClaimKind.AMOUNT, doc_path, line, f"承诺{raw}。", raw, 2, "openai", metric, value,
                 scope=scope, modality=modality)


def person(doc_path: str, latin: str = "", cjk: str = "", line: int = 1) -> Claim:
    raw = f"{cjk}({latin})" if latin and cjk else latin or cjk
    return Claim(ClaimKind.NAME, doc_path, line, raw, raw, 0, latin.lower() or cjk, "name", NameValue(latin, cjk))


def role(doc_path: str, text: str, role_key: str, org: str = "", past: bool = False, line: int = 2,
         subject: str = "fidji simo") -> Claim:
    value = TitleValue(text, role_key, org=org, past=past)
    return Claim(ClaimKind.TITLE, doc_path, line, f"{text}西莫", text, 0, subject, "title", value)


def corpus(config, claims, documents=(), skipped=(), lexicon=None) -> Corpus:
    docs = documents or tuple(doc(p) for p in sorted({c.doc for c in claims}))
    return Corpus(tuple(docs), tuple(skipped), tuple(claims), align(claims, config), lexicon=lexicon or {})


def run(module, config, claims, rule_id: str, **kwargs):
    options = kwargs.pop("options", {})
    return list(module.check(corpus(config, claims, **kwargs), rule(config, rule_id, **options)))


def sides(finding) -> list[tuple[str, int, str]]:
    """(doc, line, own normalised value) of every statement, side after side."""
    return [(e.doc, e.line, e.own_value) for e in finding.evidence]


def structure(finding) -> list[tuple[str, int, bool, tuple[str, ...]]]:
    """(value, independent sources, majority, documents) of each side, in the finding's order."""
    return [(s.value, s.sources, s.majority, s.docs) for s in finding.sides]


# ------------------------------------------------------------- date-conflict


def test_date_conflict_day_against_a_different_year(config):
    found = run(date_conflict, config, [day("001.txt", "2025-12-01"), day("002.txt", "2026-12", line=7)], "date-conflict")
    assert [(f.rule, f.kind, f.severity, f.subject, f.attribute) for f in found] == [
        ("date-conflict", "date", Severity.ERROR, "红色警报", "occur")
    ]
    assert found[0].message == "红色警报 (occur): 2025-12-01 in 001.txt (1 source) vs 2026-12 in 002.txt (1 source)"
    assert sides(found[0]) == [("001.txt", 3, "2025-12-01"), ("002.txt", 7, "2026-12")]
    assert found[0].evidence[0].raw == "写作2025-12-01" and found[0].evidence[0].start == 3
    assert structure(found[0]) == [("2025-12-01", 1, False, ("001.txt",)), ("2026-12", 1, False, ("002.txt",))]
    assert "红色警报" in found[0].reason  # why the two dates are one fact


@pytest.mark.parametrize(
    "first, second, conflict",
    [
        ("2025-12", "2025-12-01", False),  # precision-aware: the month holds the day
        ("2025", "2025-12-01", False),
        ("2025-11", "2025-12-01", True),
        ("2025-12-02", "2025-12-01", True),
    ],
)
def test_date_conflict_is_precision_aware(config, first, second, conflict):
    found = run(date_conflict, config, [day("a.txt", first), day("b.txt", second)], "date-conflict")
    assert len(found) == (1 if conflict else 0)


def test_unresolved_dates_never_conflict(config):
    assert run(date_conflict, config, [day("a.txt", "~上周"), day("b.txt", "2025-12-01")], "date-conflict") == []


def test_plans_are_compared_only_with_plans(config):
    mixed = [day("a.txt", "2026-01", modality="plan"), day("b.txt", "2025-12-01")]
    assert run(date_conflict, config, mixed, "date-conflict") == []
    plans = [day("a.txt", "2026-01", modality="plan"), day("b.txt", "2026-03", modality="plan")]
    found = run(date_conflict, config, plans, "date-conflict")
    assert [f.message for f in found] == ["红色警报 (occur): 2026-01 in a.txt (1 source) vs 2026-03 in b.txt (1 source)"]


def test_a_value_the_other_document_also_gives_is_explained(config):
    # a gives two dates; b agrees with one of them: b is not contradicted by a
    claims = [day("a.txt", "2025-12-01"), day("a.txt", "2026-12", line=8), day("b.txt", "2025-12-01")]
    assert run(date_conflict, config, claims, "date-conflict") == []
    # ...but a value of b that a does not give disputes both of a's: one fact, three sides
    claims = [day("a.txt", "2025-12-01"), day("a.txt", "2026-12", line=8), day("b.txt", "2025-11")]
    found = run(date_conflict, config, claims, "date-conflict")
    assert [f.message for f in found] == [
        "红色警报 (occur): 2025-11 in b.txt (1 source) vs 2025-12-01 in a.txt (1 source) vs 2026-12 in a.txt (1 source)"
    ]
    assert structure(found[0]) == [
        ("2025-11", 1, False, ("b.txt",)), ("2025-12-01", 1, False, ("a.txt",)), ("2026-12", 1, False, ("a.txt",)),
    ]
    assert sides(found[0]) == [("b.txt", 3, "2025-11"), ("a.txt", 3, "2025-12-01"), ("a.txt", 8, "2026-12")]
    # leaving self-contradicting documents out altogether is an option
    assert run(date_conflict, config, claims, "date-conflict", options={"include_inconsistent": False}) == []


def test_only_an_equally_precise_value_explains(config):
    # a's coarse "2025" must not excuse its 2025-11 against b's 2025-12-01
    claims = [day("a.txt", "2025"), day("a.txt", "2025-11", line=8), day("b.txt", "2025-12-01")]
    found = run(date_conflict, config, claims, "date-conflict")
    assert [f.message for f in found] == ["红色警报 (occur): 2025-11 in a.txt (1 source) vs 2025-12-01 in b.txt (1 source)"]
    assert sides(found[0]) == [("a.txt", 8, "2025-11"), ("b.txt", 3, "2025-12-01")]  # the coarse 2025 takes no side


def test_two_growth_figures_against_one_are_no_conflict(config):
    pct = dict(unit="%", dimension="percent", metric="growth")
    claims = [
        money("a.txt", "62%", 62, 58.9, 65.1, **pct), money("a.txt", "4%", 4, 3.8, 4.2, line=9, **pct),
        money("b.txt", "62%", 62, 58.9, 65.1, **pct),
    ]
    assert run(amount_conflict, config, claims, "amount-conflict") == []

def test_inconsistent_document_does_not_hide_a_conflict_between_two_others(config):
    claims = [day("a.txt", "2025-12-01"), day("a.txt", "2026-12", line=8), day("b.txt", "2025-12-01"), day("c.txt", "2025-11")]
    found = run(date_conflict, config, claims, "date-conflict", options={"include_inconsistent": False})
    assert [f.message for f in found] == ["红色警报 (occur): 2025-11 in c.txt (1 source) vs 2025-12-01 in b.txt (1 source)"]
    assert sides(found[0]) == [("c.txt", 3, "2025-11"), ("b.txt", 3, "2025-12-01")]  # a is left out altogether
    # with the option on, a takes part: its 2025-12-01 backs b's, its 2026-12 is a side of its own
    found = run(date_conflict, config, claims, "date-conflict")
    assert [structure(f) for f in found] == [[
        ("2025-12-01", 2, True, ("a.txt", "b.txt")), ("2025-11", 1, False, ("c.txt",)), ("2026-12", 1, False, ("a.txt",)),
    ]]


def test_a_stray_date_in_one_document_does_not_hide_its_conflicts(config):
    # b gives a dateline-like second date; its 3月27日 still conflicts with a and c
    claims = [day("a.txt", "2025-03-28"), day("b.txt", "2025-03-30"), day("b.txt", "2025-03-27", line=8), day("c.txt", "2025-03-28")]
    found = run(date_conflict, config, claims, "date-conflict")
    assert [f.message for f in found] == [
        "红色警报 (occur): 2025-03-28 in a.txt, c.txt (2 sources) vs 2025-03-27 in b.txt (1 source)"
        " vs 2025-03-30 in b.txt (1 source)",
    ]
    assert structure(found[0]) == [
        ("2025-03-28", 2, True, ("a.txt", "c.txt")), ("2025-03-27", 1, False, ("b.txt",)), ("2025-03-30", 1, False, ("b.txt",)),
    ]
    assert sides(found[0]) == [
        ("a.txt", 3, "2025-03-28"), ("c.txt", 3, "2025-03-28"), ("b.txt", 8, "2025-03-27"), ("b.txt", 3, "2025-03-30"),
    ]


def test_a_coarse_date_does_not_excuse_a_conflicting_fine_one(config):
    claims = [day("a.txt", "2025-12-01"), day("b.txt", "2025", line=2), day("b.txt", "2025-11", line=5)]
    found = run(date_conflict, config, claims, "date-conflict")
    assert [f.message for f in found] == ["红色警报 (occur): 2025-11 in b.txt (1 source) vs 2025-12-01 in a.txt (1 source)"]
    assert sides(found[0]) == [("b.txt", 5, "2025-11"), ("a.txt", 3, "2025-12-01")]


def test_sides_keep_first_line_per_value_and_list_all_conflicting_values(config):
    claims = [
        day("a.txt", "2025-11-01", line=2), day("a.txt", "2025-11-01", line=9), day("a.txt", "2025-11", line=5),
        day("b.txt", "2025-12-01", line=4),
    ]
    found = run(date_conflict, config, claims, "date-conflict")
    assert [f.message for f in found] == ["红色警报 (occur): 2025-11-01 in a.txt (1 source) vs 2025-12-01 in b.txt (1 source)"]
    assert sides(found[0]) == [("a.txt", 2, "2025-11-01"), ("a.txt", 5, "2025-11"), ("b.txt", 4, "2025-12-01")]
    # the coarser 2025-11 stands on the side of the 2025-11-01 it agrees with, keeping its own value
    assert [(e.value, e.normalised) for e in found[0].sides[0].evidence] == [("2025-11-01", ""), ("2025-11-01", "2025-11")]


def test_one_finding_per_disputed_fact_whatever_the_number_of_documents(config):
    claims = [day("a.txt", "2025-12-01"), day("b.txt", "2026-12"), day("c.txt", "2026-12")]
    found = run(date_conflict, config, claims, "date-conflict")
    assert [f.docs for f in found] == [("a.txt", "b.txt", "c.txt")]
    assert structure(found[0]) == [("2026-12", 2, True, ("b.txt", "c.txt")), ("2025-12-01", 1, False, ("a.txt",))]
    more = run(date_conflict, config, [*claims, day("d.txt", "2027-01")], "date-conflict")
    assert len(more) == 1  # d's new value is a third side of the same fact, not three more pairs
    assert structure(more[0]) == [
        ("2026-12", 2, True, ("b.txt", "c.txt")), ("2025-12-01", 1, False, ("a.txt",)), ("2027-01", 1, False, ("d.txt",)),
    ]
    assert more[0].id != found[0].id


def test_three_documents_one_outlier_and_how_the_id_moves(config):
    claims = [day("a.txt", "2025-12-01"), day("b.txt", "2025-12-01", line=5), day("c.txt", "2026-12", line=7)]
    found = run(date_conflict, config, claims, "date-conflict")
    assert len(found) == 1
    (finding,) = found
    assert structure(finding) == [("2025-12-01", 2, True, ("a.txt", "b.txt")), ("2026-12", 1, False, ("c.txt",))]
    assert [(e.doc, e.line) for e in finding.minority()] == [("c.txt", 7)]
    assert finding.message == "红色警报 (occur): 2025-12-01 in a.txt, b.txt (2 sources) vs 2026-12 in c.txt (1 source)"
    # a fourth document agreeing with a side: the same finding, the same id, more support
    agreeing = run(date_conflict, config, [*claims, day("d.txt", "2025-12-01")], "date-conflict")
    assert [f.id for f in agreeing] == [finding.id]
    assert structure(agreeing[0])[0] == ("2025-12-01", 3, True, ("a.txt", "b.txt", "d.txt"))
    # ...even when it backs the outlier (then no side leads)
    backing = run(date_conflict, config, [*claims, day("d.txt", "2026-12")], "date-conflict")
    assert [f.id for f in backing] == [finding.id]
    assert structure(backing[0]) == [("2025-12-01", 2, False, ("a.txt", "b.txt")), ("2026-12", 2, False, ("c.txt", "d.txt"))]
    assert backing[0].minority() == backing[0].evidence
    # a fourth document bringing a new value: a new id, the new value a side of its own
    differing = run(date_conflict, config, [*claims, day("d.txt", "2025-11-20")], "date-conflict")
    assert len(differing) == 1 and differing[0].id != finding.id
    assert ("2025-11-20", 1, False, ("d.txt",)) in structure(differing[0])


def test_sources_are_outlets_not_documents(config):
    claims = [day("a.txt", "2025-12-01"), day("b.txt", "2025-12-01"), day("c.txt", "2026-12"), day("d.txt", "2026-12")]
    documents = (
        doc("a.txt", source="新华社"), doc("b.txt", source="新华社"),  # one outlet's story, published twice
        doc("c.txt", url="https://www.cna.com.tw/news/1.aspx"), doc("d.txt"),
    )
    found = run(date_conflict, config, claims, "date-conflict", documents=documents)
    assert structure(found[0]) == [("2026-12", 2, True, ("c.txt", "d.txt")), ("2025-12-01", 1, False, ("a.txt", "b.txt"))]
    assert [(e.doc, e.outlet) for e in found[0].evidence] == [
        ("c.txt", "cna.com.tw"), ("d.txt", ""), ("a.txt", "新华社"), ("b.txt", "新华社"),
    ]
    assert found[0].message == "红色警报 (occur): 2026-12 in c.txt, d.txt (2 sources) vs 2025-12-01 in a.txt, b.txt (1 source)"


def test_fingerprints_do_not_depend_on_line_numbers(config):
    before = run(date_conflict, config, [day("a.txt", "2025-12-01", line=3), day("b.txt", "2026-12", line=7)], "date-conflict")
    after = run(date_conflict, config, [day("a.txt", "2025-12-01", line=30), day("b.txt", "2026-12", line=71)], "date-conflict")
    assert [f.id for f in before] == [f.id for f in after]
    assert [e.line for e in after[0].evidence] == [30, 71]


def test_shuffled_claims_give_identical_findings(config):
    claims = [
        day("a.txt", "2025-12-01"), day("b.txt", "2026-12"), day("c.txt", "2025-12"),
        day("a.txt", "2026-01-05", subject="GPT-5.2", attribute="release"), day("b.txt", "2025-12-11", subject="gpt 5.2", attribute="release"),
        money("a.txt", "1.4万亿美元", 1.4e12), money("b.txt", "1.5万亿美元", 1.5e12),
        person("a.txt", "Jakub Patchocki"), person("b.txt", "Jakub Pachocki"),
        role("a.txt", "产品副总裁", "vp"), role("b.txt", "应用业务CEO", "ceo"),
    ]
    modules = [(date_conflict, "date-conflict"), (amount_conflict, "amount-conflict"),
               (name_variant, "name-variant"), (title_conflict, "title-conflict")]

    def everything(ordered):
        return [f for module, rule_id in modules for f in run(module, config, ordered, rule_id)]

    expected = everything(claims)
    # one finding per disputed fact: c's 2025-12 stands with a's 2025-12-01 against b
    assert [(f.rule, f.subject, structure(f)) for f in expected] == [
        ("date-conflict", "GPT-5.2", [("2025-12-11", 1, False, ("b.txt",)), ("2026-01-05", 1, False, ("a.txt",))]),
        ("date-conflict", "红色警报", [("2025-12-01", 2, True, ("a.txt", "c.txt")), ("2026-12", 1, False, ("b.txt",))]),
        ("amount-conflict", "openai", [("1.4e+12 USD", 1, False, ("a.txt",)), ("1.5e+12 USD", 1, False, ("b.txt",))]),
        ("name-variant", "Jakub Pachocki", [("jakub pachocki", 1, False, ("b.txt",)), ("jakub patchocki", 1, False, ("a.txt",))]),
        ("title-conflict", "fidji simo", [("产品副总裁", 1, False, ("a.txt",)), ("应用业务CEO", 1, False, ("b.txt",))]),
    ]
    for seed in range(4):
        shuffled = list(claims)
        random.Random(seed).shuffle(shuffled)
        assert everything(shuffled) == expected


# ----------------------------------------------------------- amount-conflict


def test_amount_conflict_between_two_exact_values(config):
    claims = [money("a.txt", "1.4万亿美元", 1.4e12, 1.4e12, 1.4e12), money("b.txt", "1.5万亿美元", 1.5e12, 1.5e12, 1.5e12, line=6)]
    found = run(amount_conflict, config, claims, "amount-conflict")
    assert [(f.rule, f.kind, f.severity) for f in found] == [("amount-conflict", "amount", Severity.ERROR)]
    assert found[0].message == "openai (compute-commitment): 1.4万亿美元 in a.txt (1 source) vs 1.5万亿美元 in b.txt (1 source)"
    assert sides(found[0]) == [("a.txt", 4, "1.4e+12 USD"), ("b.txt", 6, "1.5e+12 USD")]
    assert structure(found[0]) == [("1.4e+12 USD", 1, False, ("a.txt",)), ("1.5e+12 USD", 1, False, ("b.txt",))]


def test_over_a_value_agrees_with_the_value(config):
    claims = [money("a.txt", "超过8亿", 8e8, 8e8, None, qualifier="over"), money("b.txt", "8亿", 8e8, 8e8, 8e8)]
    assert run(amount_conflict, config, claims, "amount-conflict") == []


def test_open_bounds_are_read_from_the_qualifier(config):
    over = [money("a.txt", "超过8亿", 8e8, qualifier="over"), money("b.txt", "7亿", 7e8)]
    assert len(run(amount_conflict, config, over, "amount-conflict")) == 1
    approx = [money("a.txt", "约8亿", 8e8, qualifier="approx"), money("b.txt", "7亿", 7e8)]
    assert run(amount_conflict, config, approx, "amount-conflict") == []


@pytest.mark.parametrize(
    "scope_a, scope_b, conflict",
    [("2025", "2025", True), ("2025", "2025-06", True), ("2024", "2025", False), ("", "2025", False),
     ("2025-01-01..2025-03-31", "2025-06", False), ("", "", True)],
)
def test_amounts_are_compared_only_for_overlapping_scopes(config, scope_a, scope_b, conflict):
    claims = [money("a.txt", "1.4万亿美元", 1.4e12, scope=scope_a), money("b.txt", "1.5万亿美元", 1.5e12, scope=scope_b)]
    assert len(run(amount_conflict, config, claims, "amount-conflict")) == (1 if conflict else 0)


def test_amounts_of_different_modality_or_currency_are_not_compared(config):
    modal = [money("a.txt", "1.4万亿美元", 1.4e12, modality="target"), money("b.txt", "1.5万亿美元", 1.5e12)]
    assert run(amount_conflict, config, modal, "amount-conflict") == []
    currency = [money("a.txt", "1.4万亿美元", 1.4e12), money("b.txt", "1.5万亿元", 1.5e12, unit="CNY")]
    assert run(amount_conflict, config, currency, "amount-conflict") == []


def test_power_units_are_converted(config):
    same = [money("a.txt", "1吉瓦", 1, unit="GW", dimension="power"), money("b.txt", "1000兆瓦", 1000, unit="MW", dimension="power")]
    assert run(amount_conflict, config, same, "amount-conflict") == []
    differ = [money("a.txt", "1吉瓦", 1, unit="GW", dimension="power"), money("b.txt", "2000兆瓦", 2000, unit="MW", dimension="power")]
    found = run(amount_conflict, config, differ, "amount-conflict")
    assert [f.message for f in found] == ["openai (compute-commitment): 1吉瓦 in a.txt (1 source) vs 2000兆瓦 in b.txt (1 source)"]


def test_document_giving_two_values_for_one_metric_takes_part_unless_asked(config):
    claims = [money("a.txt", "5000亿美元", 5e11), money("a.txt", "3000亿美元", 3e11, line=9), money("b.txt", "8000亿美元", 8e11)]
    assert run(amount_conflict, config, claims, "amount-conflict", options={"include_inconsistent": False}) == []
    found = run(amount_conflict, config, claims, "amount-conflict")
    assert [f.message for f in found] == [
        "openai (compute-commitment): 3000亿美元 in a.txt (1 source) vs 5000亿美元 in a.txt (1 source)"
        " vs 8000亿美元 in b.txt (1 source)"
    ]
    assert sides(found[0]) == [("a.txt", 9, "3e+11 USD"), ("a.txt", 4, "5e+11 USD"), ("b.txt", 4, "8e+11 USD")]


def test_tolerance_option_widens_intervals(config):
    claims = [money("a.txt", "1.4万亿美元", 1.4e12), money("b.txt", "1.42万亿美元", 1.42e12)]
    assert len(run(amount_conflict, config, claims, "amount-conflict")) == 1
    assert run(amount_conflict, config, claims, "amount-conflict", options={"tolerance": 0.01}) == []


# -------------------------------------------------------------- name-variant


def test_name_variant_between_documents(config):
    claims = [
        person("000.txt", "Jakub Patchocki", line=5),
        person("001.txt", "Jakub Pachocki", "雅各布·帕乔基", line=2), person("001.txt", "Jakub Pachocki", line=9),
        person("002.txt", "Jakub Pachocki", line=3),
    ]
    found = run(name_variant, config, claims, "name-variant")
    assert [(f.rule, f.kind, f.severity, f.subject, f.attribute) for f in found] == [
        ("name-variant", "name", Severity.WARNING, "Jakub Pachocki", "name")
    ]
    assert found[0].message == "Jakub Pachocki in 001.txt, 002.txt vs Jakub Patchocki in 000.txt"
    assert [(e.doc, e.line, e.value) for e in found[0].evidence] == [
        ("001.txt", 2, "jakub pachocki"), ("002.txt", 3, "jakub pachocki"), ("000.txt", 5, "jakub patchocki"),
    ]
    assert sides(found[0]) == [("001.txt", 2, "Jakub Pachocki"), ("002.txt", 3, "Jakub Pachocki"), ("000.txt", 5, "Jakub Patchocki")]
    assert structure(found[0]) == [
        ("jakub pachocki", 2, True, ("001.txt", "002.txt")), ("jakub patchocki", 1, False, ("000.txt",)),
    ]
    assert [e.doc for e in found[0].minority()] == ["000.txt"]


def test_case_hyphen_and_short_forms_are_not_variants(config):
    claims = [person("a.txt", "Jean-Luc Picard"), person("b.txt", "jean luc picard"), person("b.txt", "Picard", line=4)]
    assert run(name_variant, config, claims, "name-variant") == []


def test_two_spellings_inside_one_document_only_are_not_a_finding(config):
    claims = [person("a.txt", "Jakub Patchocki"), person("a.txt", "Jakub Pachocki", line=2), person("b.txt", cjk="雅各布·帕乔基")]
    claims[1] = person("a.txt", "Jakub Pachocki", "雅各布·帕乔基", line=2)
    assert run(name_variant, config, claims, "name-variant") == []


def test_cjk_transliterations_are_flagged_only_on_request(config):
    claims = [person("a.txt", "Jakub Pachocki", "雅库布·帕乔基"), person("b.txt", "Jakub Pachocki", "雅各布·帕乔基")]
    assert run(name_variant, config, claims, "name-variant") == []
    found = run(name_variant, config, claims, "name-variant", options={"transliterations": True})
    assert [f.message for f in found] == ["雅各布·帕乔基 in b.txt vs 雅库布·帕乔基 in a.txt"]


def test_paired_latin_variants_of_one_cjk_name_are_flagged(config):
    claims = [person("a.txt", "Mark Chen", "马克·陈"), person("b.txt", "Mark Chan", "马克·陈")]
    found = run(name_variant, config, claims, "name-variant")
    assert [f.message for f in found] == ["Mark Chan in b.txt vs Mark Chen in a.txt"]


# ------------------------------------------------------------- title-conflict

LEXICON = {"title_rules": {"exclusive": ["ceo", "vp", "cto", "chief-scientist"], "generic": ["head", "founder"]}}


def test_title_conflict_between_two_exclusive_roles(config):
    claims = [role("a.txt", "产品副总裁", "vp", line=4), role("b.txt", "应用业务CEO", "ceo", line=8)]
    found = run(title_conflict, config, claims, "title-conflict", lexicon=LEXICON)
    assert [(f.rule, f.kind, f.severity, f.subject, f.attribute) for f in found] == [
        ("title-conflict", "title", Severity.WARNING, "fidji simo", "title")
    ]
    assert found[0].message == "fidji simo (title): 产品副总裁 (vp) in a.txt (1 source) vs 应用业务CEO (ceo) in b.txt (1 source)"
    assert sides(found[0]) == [("a.txt", 4, "产品副总裁"), ("b.txt", 8, "应用业务CEO")]


@pytest.mark.parametrize(
    "other",
    [
        role("b.txt", "产品负责人", "head"),  # generic role
        role("b.txt", "前首席技术官", "cto", past=True),  # past title
        role("b.txt", "Instacart CEO", "ceo", org="Instacart"),  # another organisation
        role("b.txt", "产品副总裁", "vp"),  # same role
    ],
)
def test_titles_that_can_both_hold_are_not_conflicts(config, other):
    claims = [role("a.txt", "产品副总裁", "vp", org="OpenAI"), other]
    assert run(title_conflict, config, claims, "title-conflict", lexicon=LEXICON) == []


def test_empty_org_matches_any_org(config):
    claims = [role("a.txt", "OpenAI产品副总裁", "vp", org="OpenAI"), role("b.txt", "首席执行官", "ceo")]
    assert len(run(title_conflict, config, claims, "title-conflict", lexicon=LEXICON)) == 1


def test_titles_without_lexicon_use_builtin_generic_roles(config):
    conflict = [role("a.txt", "产品副总裁", "vp"), role("b.txt", "应用业务CEO", "ceo")]
    assert len(run(title_conflict, config, conflict, "title-conflict")) == 1
    generic = [role("a.txt", "产品负责人", "head"), role("b.txt", "应用业务CEO", "ceo")]
    assert run(title_conflict, config, generic, "title-conflict") == []


def test_person_given_two_exclusive_titles_in_one_document_is_left_out_when_asked(config):
    claims = [role("a.txt", "产品副总裁", "vp"), role("a.txt", "首席执行官", "ceo", line=6), role("b.txt", "首席技术官", "cto")]
    found = run(title_conflict, config, claims, "title-conflict", options={"include_inconsistent": False}, lexicon=LEXICON)
    assert found == []
    found = run(title_conflict, config, claims, "title-conflict", lexicon=LEXICON)
    assert [f.message for f in found] == [
        "fidji simo (title): 产品副总裁 (vp) in a.txt (1 source) vs 首席执行官 (ceo) in a.txt (1 source)"
        " vs 首席技术官 (cto) in b.txt (1 source)"
    ]
    assert sides(found[0]) == [("a.txt", 2, "产品副总裁"), ("a.txt", 6, "首席执行官"), ("b.txt", 2, "首席技术官")]


def test_exclusive_rule_option_overrides_lexicon(config):
    claims = [role("a.txt", "产品副总裁", "vp"), role("b.txt", "应用业务CEO", "ceo")]
    assert run(title_conflict, config, claims, "title-conflict", lexicon=LEXICON, options={"exclusive": ["ceo"]}) == []


# ---------------------------------------------------------------- anachronism


def test_date_after_publication_is_an_anachronism(config):
    claim = day("a.txt", "2026-01-05", subject="GPT-5.2", attribute="release", line=12)
    found = run(anachronism, config, [claim], "anachronism", documents=(doc("a.txt", "2025-12-10"),))
    assert [(f.rule, f.kind, f.severity, f.subject, f.attribute) for f in found] == [
        ("anachronism", "anachronism", Severity.WARNING, "GPT-5.2", "release")
    ]
    assert found[0].message == "写作2026-01-05 (2026-01-05) is reported as past but is after the publication date 2025-12-10"
    assert sides(found[0]) == [("a.txt", 12, "2026-01-05")]
    assert structure(found[0]) == [("2026-01-05", 1, False, ("a.txt",))] and found[0].reason == ""
    # a one-place finding names its document in its id: the same slip in another document is another finding
    other = run(anachronism, config, [replace(claim, doc="b.txt")], "anachronism", documents=(doc("b.txt", "2025-12-10"),))
    assert [f.message for f in other] == [found[0].message] and other[0].id != found[0].id


@pytest.mark.parametrize(
    "claim",
    [
        day("a.txt", "2026-01", modality="plan"),
        day("a.txt", "2026-01", relative=True),
        day("a.txt", "2025-12"),  # starts before publication
        day("a.txt", "2025-12-10"),  # the publication day itself
        day("a.txt", "~下个月"),
    ],
)
def test_plans_relative_and_earlier_dates_are_not_anachronisms(config, claim):
    assert run(anachronism, config, [claim], "anachronism", documents=(doc("a.txt", "2025-12-10"),)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "时长设定为八周,这意味着警报将贯穿整个12月,直至写作2026-01-05。",
        "AI到写作2026-01-05可能会自动化一半的白领工作。",
        "后者的CEO警告,AI到写作2026-01-05自动化一半的白领工作。",
        "The launch will slip to 写作2026-01-05.",
    ],
)
def test_dates_told_as_future_are_not_anachronisms(config, sentence):
    claim = replace(day("a.txt", "2026-01-05"), sentence=sentence, start=sentence.index("写作"))
    assert run(anachronism, config, [claim], "anachronism", documents=(doc("a.txt", "2025-12-10"),)) == []


def test_latin_markers_match_whole_words_only(config):
    claim = replace(day("a.txt", "2026-01-05"), sentence="William Wang left on 写作2026-01-05.", start=21)
    found = run(anachronism, config, [claim], "anachronism", documents=(doc("a.txt", "2025-12-10"),))
    assert [f.message for f in found] == [
        "写作2026-01-05 (2026-01-05) is reported as past but is after the publication date 2025-12-10"
    ]


def test_lexicon_plan_markers_also_mark_the_future(config):
    claim = replace(day("a.txt", "2026-01-05"), sentence="公司拟于写作2026-01-05发布。", start=4)
    assert claim.sentence[claim.start:].startswith(claim.raw)
    documents = (doc("a.txt", "2025-12-10"),)
    assert len(run(anachronism, config, [claim], "anachronism", documents=documents)) == 1
    lexicon = {"markers": {"plan": ["擬"]}}
    claim = replace(claim, sentence="公司擬於写作2026-01-05發布。")
    assert run(anachronism, config, [claim], "anachronism", documents=documents, lexicon=lexicon) == []


def test_undated_documents_never_give_anachronisms(config):
    assert run(anachronism, config, [day("a.txt", "2030-01-01")], "anachronism", documents=(doc("a.txt"),)) == []


# ---------------------------------------------------------------- text-quality


def test_each_document_problem_becomes_a_quality_finding(config):
    problems = (
        Problem("pinyin-gloss", 0, "計(jì)算", "295 pinyin glosses stripped", "295"),
        Problem("mojibake", 14, "藍圖變?yōu)椴", "mojibake repaired", "藍圖變為不"),
    )
    documents = (doc("001.txt", problems=problems),)
    found = run(text_quality, config, [], "pinyin-gloss", documents=documents)
    assert [(f.rule, f.kind, f.severity, f.subject, f.attribute, f.message) for f in found] == [
        ("pinyin-gloss", "quality", Severity.INFO, "001.txt", "pinyin-gloss", "001.txt: 295 pinyin glosses stripped")
    ]
    assert sides(found[0]) == [("001.txt", 0, "295")]
    found = run(text_quality, config, [], "mojibake", documents=documents)
    assert [f.message for f in found] == ["001.txt:14: mojibake repaired"]
    assert [(e.raw, e.value, e.text) for e in found[0].evidence] == [("藍圖變?yōu)椴", "藍圖變為不", "mojibake repaired")]
    assert [(s.value, len(s.evidence)) for s in found[0].sides] == [("藍圖變為不", 1)]
    assert run(text_quality, config, [], "missing-date", documents=documents) == []


def test_problem_without_value_uses_detail_as_value(config):
    documents = (doc("a.txt", problems=(Problem("missing-date", 0, "", "no publication date"),)),)
    found = run(text_quality, config, [], "missing-date", documents=documents)
    assert [(f.severity, f.message, sides(f)) for f in found] == [
        (Severity.ERROR, "a.txt: no publication date", [("a.txt", 0, "no publication date")])
    ]


def test_undecodable_skipped_files_become_findings(config):
    skipped = (Skipped("bin.txt", "not text: 41% control bytes", "undecodable"), Skipped("x.pdf", "not a text file"))
    found = run(text_quality, config, [], "undecodable", documents=(doc("a.txt"),), skipped=skipped)
    assert [(f.rule, f.subject, f.message, sides(f)) for f in found] == [
        ("undecodable", "bin.txt", "bin.txt: not text: 41% control bytes", [("bin.txt", 0, "not text: 41% control bytes")])
    ]


@pytest.mark.parametrize(
    "scope_a, scope_b, compared",
    [
        ("~2025-01-01..2025-03-01", "~2025-02-01..2025-04-01", True),  # two articles weeks apart
        ("~2023-01-01..2023-03-01", "~2025-02-01..2025-04-01", False),  # two years apart: two valuations
        ("~2025-01-01..2025-03-01", "", True),  # an undated article's figure: time unknown
        ("~2025-01-01..2025-03-01", "2025", False),  # a stated scope is another kind of figure
        ("2025", "2025-06", True),
        ("2024", "2025-06", False),
        ("", "", True),
        ("", "2025", False),
    ],
)
def test_amounts_compare_only_figures_of_the_same_time(scope_a, scope_b, compared):
    assert amount_conflict.scopes_overlap(scope_a, scope_b) is compared
    assert amount_conflict.scopes_overlap(scope_b, scope_a) is compared
