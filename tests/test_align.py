"""Tests for align: person linking paths, never-merge guards, date and amount grouping, determinism."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from factcheck.align import align
from factcheck.align.keys import fold_latin, fold_subject
from factcheck.align.spelling import same_person_spelling
from factcheck.settings import load_config
from factcheck.model import AmountValue, Claim, ClaimKind, DateValue, NameValue, TitleValue


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    return load_config(tmp_path_factory.mktemp("rules"))


@pytest.fixture(scope="module")
def shipped():
    """The shipped rules: an amount is a fact only when its metric is a lexicon metric."""
    return load_config()


def name(doc: str, latin: str = "", cjk: str = "", line: int = 1) -> Claim:
    value = NameValue(latin, cjk)
    raw = f"{cjk}({latin})" if latin and cjk else latin or cjk
    subject = latin.lower() if latin else cjk
    return Claim(ClaimKind.NAME, doc, line, raw, raw, 0, subject, "name", value)


def title(doc: str, subject: str, role: str, text: str = "", line: int = 2) -> Claim:
    value = TitleValue(text or role, role)
    return Claim(ClaimKind.TITLE, doc, line, value.title, value.title, 0, subject, "title", value)


def date(doc: str, subject: str, day: str, attribute: str = "release", line: int = 3) -> Claim:
    start = dt.date.fromisoformat(day)
    value = DateValue(start, start, "day", written=day)
    return Claim(ClaimKind.DATE, doc, line, day, day, 0, subject, attribute, value)


def amount(doc: str, subject: str, metric: str, number: float, unit: str = "USD", dimension: str = "currency",
           scope: str = "", modality: str = "", line: int = 4) -> Claim:
    value = AmountValue(number, unit, dimension, low=number, high=number)
    return Claim(ClaimKind.AMOUNT, doc, line, str(number), str(number), 0, subject, metric, value,
                 scope=scope, modality=modality)


def test_without_a_metric_lexicon_no_amount_is_a_fact(config):
    claims = [amount("a.txt", "openai", "valuation", 5e11), amount("b.txt", "openai", "valuation", 6e11)]
    assert align(claims, config) == ()


def summary(groups) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(g.kind.value, g.subject, g.attribute, tuple(sorted({c.doc for c in g.claims}))) for g in groups]


def name_groups(groups) -> list[tuple[str, tuple[str, ...]]]:
    return [(g.subject, tuple(sorted({c.doc for c in g.claims}))) for g in groups if g.kind is ClaimKind.NAME]


# ----------------------------------------------------------------- folding


def test_fold_latin_folds_case_hyphens_diacritics_and_apostrophes():
    assert fold_latin("Jean-Luc  PIČARD") == "jean luc picard"
    assert fold_latin("Conan O'Brien") == "conan obrien"
    assert fold_latin("Łukasz Kaiser") == "lukasz kaiser" and fold_latin("Søren Straße") == "soren strasse"


def test_fold_subject_joins_spellings_of_one_anchor():
    assert fold_subject("GPT-5.2") == fold_subject("gpt 5.2") == fold_subject("“GPT 5.2”") == "gpt5.2"


# ----------------------------------------------------------------- people


def test_same_latin_name_after_folding_is_one_person(config):
    groups = align([name("a.txt", "Jean-Luc Picard"), name("b.txt", "jean luc picard")], config)
    assert name_groups(groups) == [("Jean-Luc Picard", ("a.txt", "b.txt"))]


def test_cjk_name_alone_joins_latin_name_through_a_pairing(config):
    claims = [name("a.txt", "Jakub Pachocki", "雅各布·帕乔基"), name("b.txt", cjk="雅各布·帕乔基")]
    assert name_groups(align(claims, config)) == [("Jakub Pachocki", ("a.txt", "b.txt"))]


def test_cjk_separator_variants_are_one_name(config):
    claims = [name("a.txt", "Jakub Pachocki", "雅各布·帕乔基"), name("b.txt", cjk="雅各布・帕乔基")]
    assert name_groups(align(claims, config)) == [("Jakub Pachocki", ("a.txt", "b.txt"))]


def test_two_transliterations_paired_to_one_latin_name_are_one_person(config):
    claims = [
        name("a.txt", "Jakub Pachocki", "雅库布·帕乔基"),
        name("b.txt", "Jakub Pachocki", "雅各布·帕乔基"),
        name("c.txt", cjk="雅库布·帕乔基"),
    ]
    assert name_groups(align(claims, config)) == [("Jakub Pachocki", ("a.txt", "b.txt", "c.txt"))]


@pytest.mark.parametrize(
    "first, second",
    [("Jakub Patchocki", "Jakub Pachocki"), ("Sam Altman", "Sam Altmann"), ("Jerry Tworek", "Jerry Tworeck")],
)
def test_latin_spelling_variants_of_a_long_surname_merge(config, first, second):
    groups = align([name("a.txt", first), name("b.txt", second), name("c.txt", second)], config)
    assert name_groups(groups) == [(second, ("a.txt", "b.txt", "c.txt"))]


@pytest.mark.parametrize(
    "first, second",
    [
        ("Jim Steyer", "Tom Steyer"),  # different given name
        ("Mark Chen", "Mark Chan"),  # surname too short to call a typo
        ("John Baker", "John Parker"),  # different surname initial
        ("Serena Williams", "Serena Williamson"),  # similar but different surname
        ("John Smith", "John Smyth"),  # substitution in a short surname
        ("Sam Altman", "Sam H Altman"),  # different number of words
    ],
)
def test_different_people_are_never_merged(config, first, second):
    claims = [name("a.txt", first), name("b.txt", first), name("c.txt", second), name("d.txt", second)]
    assert sorted(name_groups(align(claims, config))) == sorted(
        [(first, ("a.txt", "b.txt")), (second, ("c.txt", "d.txt"))]
    )


def test_one_cjk_name_paired_with_two_different_people_does_not_merge_them(config):
    claims = [
        name("a.txt", "Tom Steyer", "斯泰尔"),
        name("b.txt", "Tom Steyer"),
        name("c.txt", "Jim Steyer", "斯泰尔"),
        name("d.txt", "Jim Steyer"),
    ]
    assert sorted(name_groups(align(claims, config))) == [
        ("Jim Steyer", ("c.txt", "d.txt")),
        ("Tom Steyer", ("a.txt", "b.txt")),
    ]


def test_one_cjk_name_paired_with_two_close_spellings_merges_them(config):
    claims = [name("a.txt", "Mark Chen", "马克·陈"), name("b.txt", "Mark Chan", "马克·陈")]
    assert name_groups(align(claims, config)) == [("Mark Chan", ("a.txt", "b.txt"))]


def test_a_paired_spelling_joins_a_person_already_holding_a_typo_variant(config):
    claims = [
        name("000.txt", "Jakub Patchocki"),
        name("001.txt", "Jakub Pachocki", "雅库布·帕乔基"),
        name("002.txt", "Jakub Pachocki", "雅各布·帕乔基"),
        name("new.txt", "Jakub Pachocky", "雅各布·帕乔基"),
    ]
    assert name_groups(align(claims, config)) == [("Jakub Pachocki", ("000.txt", "001.txt", "002.txt", "new.txt"))]


def test_guard_names_helper_decisions():
    assert same_person_spelling("jakub patchocki", "jakub pachocki", paired=False)
    assert not same_person_spelling("mark chen", "mark chan", paired=False)
    assert same_person_spelling("mark chen", "mark chan", paired=True)
    assert same_person_spelling("jakob pachocki", "jakub pachocki", paired=True)
    assert not same_person_spelling("jim steyer", "tom steyer", paired=True)
    assert same_person_spelling("jakub pachocky", "jakub pachocki", paired=False)  # ratio 87.5: one letter
    assert same_person_spelling("craig federeghi", "craig federighi", paired=False)  # ratio 88.9
    assert not same_person_spelling("john smyth", "john smith", paired=False)  # surname under 5 letters... and 80
    assert same_person_spelling("jakub pachocky", "jakub pachocki", paired=True)


def test_bare_surname_joins_the_one_full_name_of_its_document(config):
    claims = [
        name("a.txt", "Sam Altman", "萨姆·奥特曼", line=1),
        title("a.txt", "奥特曼", "ceo", line=5),
        title("b.txt", "sam altman", "ceo", line=2),
        name("b.txt", "Sam Altman", line=1),
    ]
    titles = [g for g in align(claims, config) if g.kind is ClaimKind.TITLE]
    assert [(g.subject, [(c.doc, c.line) for c in g.claims]) for g in titles] == [
        ("Sam Altman", [("a.txt", 5), ("b.txt", 2)])
    ]


def test_bare_surname_shared_by_two_full_names_stays_unresolved(config):
    claims = [
        name("a.txt", "Jim Steyer"), name("a.txt", "Tom Steyer", line=2), title("a.txt", "steyer", "ceo"),
        name("b.txt", "Jim Steyer"), title("b.txt", "jim steyer", "ceo"),
    ]
    titles = [g for g in align(claims, config) if g.kind is ClaimKind.TITLE]
    assert titles == []


def test_display_name_is_most_frequent_latin_form_ties_alphabetical(config):
    claims = [name("a.txt", "Fidji Simo"), name("b.txt", "fidji simo"), name("c.txt", "fidji simo")]
    assert name_groups(align(claims, config)) == [("fidji simo", ("a.txt", "b.txt", "c.txt"))]
    tie = [name("a.txt", "Fidji Simo"), name("b.txt", "fidji simo")]
    assert name_groups(align(tie, config)) == [("Fidji Simo", ("a.txt", "b.txt"))]


def test_person_yields_one_name_group_and_one_title_group(config):
    claims = [
        name("a.txt", "Fidji Simo", "菲吉·西莫"), title("a.txt", "fidji simo", "vp"),
        name("b.txt", cjk="菲吉·西莫"), title("b.txt", "菲吉·西莫", "ceo"),
    ]
    assert summary(align(claims, config)) == [
        ("name", "Fidji Simo", "name", ("a.txt", "b.txt")),
        ("title", "Fidji Simo", "title", ("a.txt", "b.txt")),
    ]


def test_single_document_groups_are_dropped(config):
    claims = [name("a.txt", "Fidji Simo"), name("a.txt", "Fidji Simo", line=9), date("a.txt", "红色警报", "2025-12-01")]
    assert align(claims, config) == ()


# ------------------------------------------------------------------ dates


def test_dates_group_by_folded_subject_and_attribute(config):
    claims = [
        date("a.txt", "GPT-5.2", "2025-12-09"),
        date("b.txt", "GPT 5.2", "2025-12-10"),
        date("c.txt", "GPT-5.1", "2025-11-12"),
        date("d.txt", "GPT-5.1", "2025-11-12"),
        date("c.txt", "GPT 5.2", "2026-01-01", attribute="end"),
        date("a.txt", "", "2025-12-01"),
        date("b.txt", "", "2025-12-02"),
    ]
    assert summary(align(claims, config)) == [
        ("date", "GPT 5.2", "release", ("a.txt", "b.txt")),
        ("date", "GPT-5.1", "release", ("c.txt", "d.txt")),
    ]


def test_generic_phase_aligns_only_lexicon_events(config, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "events.toml").write_text('[lexicon.events]\n"红色警报" = ["code red"]\n', encoding="utf-8")
    with_events = load_config(rules)
    claims = [
        date("a.txt", "红色警报", "2025-12-01", attribute="occur"),
        date("b.txt", "红色警报", "2026-12-01", attribute="occur"),
        date("a.txt", "Sam Altman", "2025-01-10", attribute="occur"),  # "Altman 表示…": any happening
        date("b.txt", "Sam Altman", "2025-07-01", attribute="occur"),
        date("a.txt", "Sam Altman", "2025-01-10", attribute="leave"),  # a telling verb: one happening
        date("b.txt", "Sam Altman", "2025-07-01", attribute="leave"),
    ]
    assert summary(align(claims, with_events)) == [
        ("date", "Sam Altman", "leave", ("a.txt", "b.txt")),
        ("date", "红色警报", "occur", ("a.txt", "b.txt")),
    ]


def test_near_identical_anchors_merge_but_different_numbers_do_not(config):
    claims = [
        date("a.txt", "ChatGPT Atlas browser", "2025-10-21"),
        date("b.txt", "ChatGPT Atlas browsers", "2025-10-22"),
        date("c.txt", "Gemini 3 model", "2025-11-18"),
        date("d.txt", "Gemini 2 model", "2025-11-18"),
    ]
    assert summary(align(claims, config)) == [("date", "ChatGPT Atlas browser", "release", ("a.txt", "b.txt"))]


def test_date_subject_naming_a_person_in_either_script_is_one_group(config):
    claims = [
        name("a.txt", "Jerry Tworek", "杰瑞·特沃雷克"),
        date("a.txt", "jerry tworek", "2026-01-05", attribute="leave"),
        date("b.txt", "杰瑞·特沃雷克", "2026-01-06", attribute="leave"),
    ]
    dates = [g for g in align(claims, config) if g.kind is ClaimKind.DATE]
    assert summary(dates) == [("date", "Jerry Tworek", "leave", ("a.txt", "b.txt"))]


def test_dates_anchored_on_an_organisation_key_are_not_grouped(tmp_path):
    (tmp_path / "entities.toml").write_text('[lexicon.entities]\nopenai = ["OpenAI", "ChatGPT"]\n', encoding="utf-8")
    config = load_config(tmp_path)
    claims = [
        date("a.txt", "openai", "2022-11-30"), date("b.txt", "OpenAI", "2026-02-01"),
        date("a.txt", "chatgpt", "2022-11-30", attribute="release"), date("b.txt", "ChatGPT", "2022-11-30", attribute="release"),
    ]
    assert summary(align(claims, config)) == [("date", "ChatGPT", "release", ("a.txt", "b.txt"))]


# ---------------------------------------------------------------- amounts


def test_amounts_group_by_entity_metric_dimension_not_scope_or_modality(shipped):
    config = shipped
    claims = [
        amount("a.txt", "OpenAI", "valuation", 5e11),
        amount("b.txt", "openai", "valuation", 5e11, scope="2025", modality="estimate"),
        amount("c.txt", "openai", "valuation", 30, unit="%", dimension="percent"),
        amount("a.txt", "", "valuation", 1e9),
        amount("b.txt", "", "valuation", 2e9),
        amount("c.txt", "anthropic", "valuation", 1.8e11),
    ]
    assert summary(align(claims, config)) == [("amount", "OpenAI", "valuation", ("a.txt", "b.txt"))]


# ------------------------------------------------------------ determinism


def test_shuffled_input_gives_identical_groups(shipped):
    config = shipped
    claims = [
        name("a.txt", "Jakub Pachocki", "雅各布·帕乔基"), name("b.txt", cjk="雅各布·帕乔基"),
        name("c.txt", "Jakub Patchocki"), name("d.txt", "Mark Chen", "马克·陈"), name("e.txt", "Mark Chan", "马克·陈"),
        title("a.txt", "jakub pachocki", "chief-scientist"), title("c.txt", "jakub patchocki", "cto"),
        date("a.txt", "GPT-5.2", "2025-12-09"), date("b.txt", "gpt 5.2", "2025-12-11"),
        amount("a.txt", "openai", "valuation", 5e11), amount("b.txt", "openai", "valuation", 5e11),
    ]
    expected = align(claims, config)
    for seed in range(5):
        shuffled = list(claims)
        random.Random(seed).shuffle(shuffled)
        assert align(shuffled, config) == expected
    assert [g.kind.value for g in expected] == ["name", "name", "title", "date", "amount"]
