"""Tests for factcheck.extract.dates: date expressions, their resolution, and what each date is about."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from factcheck.settings import load_config
from factcheck.extract.date_resolution import read_dates
from factcheck.extract.dates import extract_dates
from factcheck.model import ClaimKind, Document, Line, Metadata
from factcheck.normalise import normalise_text

RULES = Path(__file__).resolve().parent.parent / "rules"
PUB = dt.date(2025, 12, 10)  # a Wednesday: 001's publication date
D = dt.date


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    """events.toml as shipped plus a fixed entity lexicon, so other lexicons' edits cannot move these tests."""
    directory = tmp_path_factory.mktemp("rules")
    shutil.copy(RULES / "events.toml", directory / "events.toml")
    (directory / "entities.toml").write_text(
        '[lexicon.entities]\nopenai = ["OpenAI"]\ngoogle = ["Google", "谷歌"]\nanthropic = ["Anthropic"]\n',
        encoding="utf-8",
    )
    return load_config(directory)


def document(config, *texts: str, published: dt.date | None = PUB, published_line: int = 0) -> Document:
    lines = tuple(Line(number, text, text, normalise_text(text, config)) for number, text in enumerate(texts, 1))
    return Document("doc.txt", "", "utf-8", Metadata(published=published, published_line=published_line), lines)


def claims_of(config, *texts: str, published: dt.date | None = PUB):
    return extract_dates(document(config, *texts, published=published), config)


def only(config, text: str, published: dt.date | None = PUB):
    claims = claims_of(config, text, published=published)
    assert len(claims) == 1, [c.raw for c in claims]
    return claims[0]


def shape(claim):
    value = claim.value
    return claim.raw, value.start, value.end, value.precision, value.relative


# --------------------------------------------------------------------------- expression forms

FORMS = [
    # absolute
    ("OpenAI於2025年12月1日發布", "2025年12月1日", D(2025, 12, 1), D(2025, 12, 1), "day", False),
    ("日期是2025-12-10。", "2025-12-10", D(2025, 12, 10), D(2025, 12, 10), "day", False),
    ("日期是2025/12/10。", "2025/12/10", D(2025, 12, 10), D(2025, 12, 10), "day", False),
    ("日期是2025.12.10。", "2025.12.10", D(2025, 12, 10), D(2025, 12, 10), "day", False),
    ("公司在2025年12月宣布", "2025年12月", D(2025, 12, 1), D(2025, 12, 31), "month", False),
    ("公司在2025年宣布", "2025年", D(2025, 1, 1), D(2025, 12, 31), "year", False),
    ("衝擊2025年200億美元的年營收", "2025年", D(2025, 1, 1), D(2025, 12, 31), "year", False),
    ("二〇二五年十二月，公司宣布", "二〇二五年十二月", D(2025, 12, 1), D(2025, 12, 31), "month", False),
    ("2025年十二月，公司宣布", "2025年十二月", D(2025, 12, 1), D(2025, 12, 31), "month", False),
    ("OpenAI 在 2026 年 2 月達到轉折點", "2026 年 2 月", D(2026, 2, 1), D(2026, 2, 28), "month", False),
    ("2024年2月29日，公司宣布", "2024年2月29日", D(2024, 2, 29), D(2024, 2, 29), "day", False),
    # year-less: the publication year, marked relative
    ("從12月1日起", "12月1日", D(2025, 12, 1), D(2025, 12, 1), "day", True),
    ("十二月一日起", "十二月一日", D(2025, 12, 1), D(2025, 12, 1), "day", True),
    ("谷歌在8月推出", "8月", D(2025, 8, 1), D(2025, 8, 31), "month", True),
    ("奧特曼在10月份的問答中", "10月份", D(2025, 10, 1), D(2025, 10, 31), "month", True),
    # part of a month
    ("直至2026年1月底。", "2026年1月底", D(2026, 1, 21), D(2026, 1, 31), "part-of-month", False),
    ("2026年2月底前", "2026年2月底", D(2026, 2, 21), D(2026, 2, 28), "part-of-month", False),
    ("2026年1月初", "2026年1月初", D(2026, 1, 1), D(2026, 1, 10), "part-of-month", False),
    ("2026年1月中", "2026年1月中", D(2026, 1, 11), D(2026, 1, 20), "part-of-month", False),
    ("2026年1月上旬", "2026年1月上旬", D(2026, 1, 1), D(2026, 1, 10), "part-of-month", False),
    ("2026年1月中旬", "2026年1月中旬", D(2026, 1, 11), D(2026, 1, 20), "part-of-month", False),
    ("2026年1月下旬", "2026年1月下旬", D(2026, 1, 21), D(2026, 1, 31), "part-of-month", False),
    ("警報將於2026年1月中下旬鳴金", "2026年1月中下旬", D(2026, 1, 11), D(2026, 1, 31), "part-of-month", False),
    ("2026年1月上半月", "2026年1月上半月", D(2026, 1, 1), D(2026, 1, 15), "part-of-month", False),
    ("2026年2月下半月", "2026年2月下半月", D(2026, 2, 16), D(2026, 2, 28), "part-of-month", False),
    # week of a month: days 7N-6..7N
    ("計劃在2025年12月第二周推出", "2025年12月第二周", D(2025, 12, 8), D(2025, 12, 14), "week", False),
    ("計劃在2025年12月第二週推出", "2025年12月第二週", D(2025, 12, 8), D(2025, 12, 14), "week", False),
    ("2025年3月第5周", "2025年3月第5周", D(2025, 3, 29), D(2025, 3, 31), "week", False),
    # seasons and parts of a year
    ("2025年春天", "2025年春天", D(2025, 3, 1), D(2025, 5, 31), "season", False),
    ("2025年的春天，OpenAI", "2025年的春天", D(2025, 3, 1), D(2025, 5, 31), "season", False),
    ("2025年春季", "2025年春季", D(2025, 3, 1), D(2025, 5, 31), "season", False),
    ("2025年夏季", "2025年夏季", D(2025, 6, 1), D(2025, 8, 31), "season", False),
    ("2025年秋天", "2025年秋天", D(2025, 9, 1), D(2025, 11, 30), "season", False),
    ("2025年冬季", "2025年冬季", D(2025, 12, 1), D(2026, 2, 28), "season", False),
    ("至2025年的深秋", "2025年的深秋", D(2025, 10, 1), D(2025, 11, 30), "season", False),
    ("2025年初", "2025年初", D(2025, 1, 1), D(2025, 3, 31), "season", False),
    ("到2025年底，將有", "2025年底", D(2025, 10, 1), D(2025, 12, 31), "season", False),
    ("2025年上半年", "2025年上半年", D(2025, 1, 1), D(2025, 6, 30), "season", False),
    ("2025年下半年", "2025年下半年", D(2025, 7, 1), D(2025, 12, 31), "season", False),
    ("2025年第三季度", "2025年第三季度", D(2025, 7, 1), D(2025, 9, 30), "season", False),
    ("2025年Q3", "2025年Q3", D(2025, 7, 1), D(2025, 9, 30), "season", False),
    ("2025年前三季度", "2025年前三季度", D(2025, 1, 1), D(2025, 9, 30), "season", False),
    ("今年夏秋兩季簽署了承諾", "今年夏秋兩季", D(2025, 6, 1), D(2025, 11, 30), "season", True),
    # ranges: one claim
    ("從2023年3月到2024年5月期間", "2023年3月到2024年5月", D(2023, 3, 1), D(2024, 5, 31), "range", False),
    ("在2023年3月至2024年5月期間", "2023年3月至2024年5月", D(2023, 3, 1), D(2024, 5, 31), "range", False),
    ("從2011年到2021年", "2011年到2021年", D(2011, 1, 1), D(2021, 12, 31), "range", False),
    ("從12月1日到2026年1月的八周鏖戰", "12月1日到2026年1月", D(2025, 12, 1), D(2026, 1, 31), "range", False),
    # relative to the publication date
    ("今年9月份，他離職", "今年9月份", D(2025, 9, 1), D(2025, 9, 30), "month", True),
    ("今年早些時候", "今年", D(2025, 1, 1), D(2025, 12, 31), "year", True),
    ("他已於去年離開", "去年", D(2024, 1, 1), D(2024, 12, 31), "year", True),
    ("前年", "前年", D(2023, 1, 1), D(2023, 12, 31), "year", True),
    ("計劃在明年1月發布", "明年1月", D(2026, 1, 1), D(2026, 1, 31), "month", True),
    ("明年將上市", "明年", D(2026, 1, 1), D(2026, 12, 31), "year", True),
    ("上個月，谷歌發布", "上個月", D(2025, 11, 1), D(2025, 11, 30), "month", True),
    ("上月，谷歌發布", "上月", D(2025, 11, 1), D(2025, 11, 30), "month", True),
    ("本月，谷歌發布", "本月", D(2025, 12, 1), D(2025, 12, 31), "month", True),
    ("本月初，谷歌發布", "本月初", D(2025, 12, 1), D(2025, 12, 10), "part-of-month", True),
    ("下個月，谷歌發布", "下個月", D(2026, 1, 1), D(2026, 1, 31), "month", True),
    ("奧特曼在上周按下了", "上周", D(2025, 12, 1), D(2025, 12, 7), "week", True),
    ("奧特曼在上週一按下了", "上週一", D(2025, 12, 1), D(2025, 12, 1), "day", True),
    ("計劃於本周發布", "本周", D(2025, 12, 8), D(2025, 12, 14), "week", True),
    ("這周發布", "這周", D(2025, 12, 8), D(2025, 12, 14), "week", True),
    ("下周發布", "下周", D(2025, 12, 15), D(2025, 12, 21), "week", True),
    ("Altman 在週一的午餐會上", "週一", D(2025, 12, 8), D(2025, 12, 8), "day", True),
    ("Altman 在周一的午餐會上", "周一", D(2025, 12, 8), D(2025, 12, 8), "day", True),
    ("Altman 在星期日的午餐會上", "星期日", D(2025, 12, 14), D(2025, 12, 14), "day", True),
    ("昨天，谷歌發布", "昨天", D(2025, 12, 9), D(2025, 12, 9), "day", True),
    ("今天，谷歌發布", "今天", D(2025, 12, 10), D(2025, 12, 10), "day", True),
    ("前天，谷歌發布", "前天", D(2025, 12, 8), D(2025, 12, 8), "day", True),
]


@pytest.mark.parametrize("text, raw, start, end, precision, relative", FORMS, ids=[f[0] for f in FORMS])
def test_expression_form(config, text, raw, start, end, precision, relative):
    claim = only(config, text)
    assert shape(claim) == (raw, start, end, precision, relative)
    assert claim.kind is ClaimKind.DATE
    assert claim.sentence[claim.start:claim.start + len(claim.raw)] == raw


@pytest.mark.parametrize("text", [FORMS[i][0] for i in (0, 5, 15, 44)])
def test_same_dates_in_simplified_script(config, text):
    simplified = normalise_text(text, config)
    assert [c.rendered for c in claims_of(config, simplified)] == [c.rendered for c in claims_of(config, text)]


UNRESOLVED = [
    ("他已於去年離開", "去年", "year", "unresolved:去年"),
    ("計劃在明年1月發布", "明年1月", "month", "unresolved:明年1月"),
    ("今年9月份，他離職", "今年9月份", "month", "unresolved:今年9月"),
    ("奧特曼在上周按下了", "上周", "week", "unresolved:上周"),
    ("上個月，谷歌發布", "上個月", "month", "unresolved:上月"),
    ("Altman 在週一的午餐會上", "週一", "day", "unresolved:周一"),
    ("從12月1日起", "12月1日", "day", "unresolved:12月1日"),
    ("谷歌在8月推出", "8月", "month", "unresolved:8月"),
]


@pytest.mark.parametrize("text, raw, precision, rendered", UNRESOLVED, ids=[u[0] for u in UNRESOLVED])
def test_relative_dates_without_publication_date_are_unresolved(config, text, raw, precision, rendered):
    claim = only(config, text, published=None)
    assert (claim.raw, claim.value.start, claim.value.precision, claim.value.relative, claim.rendered) == (
        raw, None, precision, True, rendered)


def test_list_of_days_takes_the_year_of_an_earlier_sentence_by_anaphora(config):
    claims = claims_of(config, "2025年的春天，OpenAI展示了新架構。",
                       "這一年的4月2日、4月15日以及5月5日，OpenAI分三步在官網發布了公司架構的深度調整信息。")
    assert [(c.line, c.raw, c.rendered, c.value.relative) for c in claims] == [
        (1, "2025年的春天", "2025-03-01..2025-05-31", False),
        (2, "這一年的4月2日", "2025-04-02", False),
        (2, "4月15日", "2025-04-15", False),
        (2, "5月5日", "2025-05-05", False),
    ]


def test_anaphoric_year_without_earlier_year_is_unresolved(config):
    claim = only(config, "這一年的4月2日，公司宣布調整。", published=None)
    assert (claim.raw, claim.rendered, claim.value.precision) == ("這一年的4月2日", "unresolved:同年4月2日", "day")


def test_same_year_takes_last_year_written_in_the_document(config):
    claims = claims_of(config, "2019年，公司成立。", "2023年，模型發布。", "同年10月舉辦的開發者大會。", "當年7月開始合作。")
    assert [(c.raw, c.rendered) for c in claims][2:] == [("同年10月", "2023-10"), ("當年7月", "2023-07")]


def test_future_years_do_not_become_the_year_same_year_refers_to(config):
    claims = claims_of(config, "2025年5月22日，OpenAI推出 Stargate UAE。", "第一階段工程將於2026年正式啟動。",
                       "而同年10月舉辦的開發者大會，揭示了謎底。", published=D(2025, 10, 29))
    assert [(c.raw, c.rendered, c.subject) for c in claims][2] == ("同年10月", "2025-10", "developer-conference")


def test_year_less_date_takes_the_year_written_earlier_in_the_line(config):
    claims = claims_of(config, "2024年，公司在3月推出產品，並在11月宣布擴張。")
    assert [(c.raw, c.rendered, c.value.relative) for c in claims] == [
        ("2024年", "2024", False), ("3月", "2024-03", False), ("11月", "2024-11", False)]


def test_range_start_without_year_takes_it_from_the_end_without_publication_date(config):
    claim = only(config, "從12月1日到2026年1月的八周鏖戰", published=None)
    assert (claim.rendered, claim.value.written) == ("2025-12-01..2026-01-31", "2025-12-01..2026-01")


# --------------------------------------------------------------------------- not dates

NOT_DATES = [
    "2025年13月40日", "他說2月30日會發布", "1800年的舊事", "將暫停Sora等非核心項目八周", "在8周內提升留存率",
    "8周生死時速", "長達10年零7個月的工作經歷", "任職長達七年", "尚未來臨的四年前", "每周有數十萬用戶",
    "周活躍用戶", "周平均活躍用戶數", "GPT-4o模型", "推出5.2模型", "Gemini 3模型", "版本 v2025.12.10",
    "為2029年前的可擴展基礎設施奠定基礎", "京公網安備 11011402013531號", "近日發布", "最近公司發布",
    "電話 010-12345678", "版本2025.1.5", "不同年齡的用戶", "一周一次", "相當年輕的團隊", "90年代",
    "未來1-3年內",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(config, text):
    assert [c.raw for c in claims_of(config, text)] == []


def test_publication_date_line_is_not_a_claim(config):
    doc = document(config, "作者: 時間:2025-12-10 來源:網易科技", "2025年12月1日正式進入狀態。", published_line=1)
    assert [(c.line, c.raw) for c in extract_dates(doc, config)] == [(2, "2025年12月1日")]


# --------------------------------------------------------------------------- what the date is about


def about(claim):
    return claim.subject, claim.attribute, claim.rendered, claim.modality


def test_code_red_entered_on_a_day(config):
    claim = only(config, "根據公司內部消息，2025年12月1日正式進入“紅色警報”(code red)狀態。")
    assert about(claim) == ("code-red", "occur", "2025-12-01", "")
    assert (claim.raw, claim.start, claim.sentence) == (
        "2025年12月1日", 9, "根據公司內部消息，2025年12月1日正式進入“紅色警報”(code red)狀態。")


def test_code_red_last_week(config):
    claim = only(config, "谷歌Gemini 3重壓之下，奧特曼在上周按下了“紅色警報”。")
    assert about(claim) == ("code-red", "occur", "2025-12-01..2025-12-07", "")


def test_date_clause_alone_extends_to_the_event_later_in_the_sentence(config):
    claim = only(config, "2026年12月，面对日益激烈的外部竞争，首席执行官萨姆·奥特曼(Sam Altman)向全体员工发出了“红色警报”，"
                         "强调了提升ChatGPT性能的紧迫性。", published=None)
    assert about(claim) == ("code-red", "occur", "2026-12", "")
    assert "sam altman" in claim.terms


def test_code_red_aliases_in_both_scripts_are_one_event(config):
    subjects = {only(config, f"2025年12月1日，OpenAI發布“{alias}”。").subject
                for alias in ("紅色代碼", "红色代码", "紅色警戒", "code red", "Code Red")}
    assert subjects == {"code-red"}


def test_alarm_alone_is_not_the_code_red_and_its_end_is_a_phase(config):
    claims = claims_of(config, "這意味著，如果一切順利，警報將於2026年1月中下旬鳴金，也標志著OpenAI將從防御轉為反攻。")
    assert [(c.subject, c.attribute, c.rendered, c.modality) for c in claims] == [
        ("", "end", "2026-01-11..2026-01-31", "plan")]


def test_a_similar_alarm_is_not_the_code_red(config):
    claim = only(config, "既往情況顯示，2024年OpenAI拉響的類似警報曾因心理健康危機而多次調整。")
    assert (claim.subject, claim.rendered) == ("openai", "2024")


def test_person_leaving_after_a_date_clause(config):
    claim = only(config, "今年9月份，公司經濟研究團隊的一員湯姆·坎寧安(Tom Cunningham)離職。")
    assert about(claim) == ("tom cunningham", "leave", "2025-09", "")


def test_person_leaving_last_year_without_publication_date(config):
    claim = only(config, "而早些時候，湯姆·坎寧安(Tom Cunningham)已於去年離開了OpenAI的經濟學研究團隊。", published=None)
    assert about(claim) == ("tom cunningham", "leave", "unresolved:去年", "")
    assert claim.terms == ("openai",)


def test_leave_verb_of_another_person_does_not_describe_a_quoted_anchor(config):
    claim = only(config, "前首席科學家離職後，接任者於2024年5月大力推崇“推理模型”(o1)。")
    assert (claim.subject, claim.attribute) == ("推理模型", "occur")


def test_verb_followed_by_after_before_the_date_is_not_its_phase(config):
    claim = only(config, "Ilya Sutskever 離職後的2024年5月，OpenAI 重組了團隊。")
    assert claim.attribute == "occur"


def test_negated_verb_is_not_a_phase(config):
    claim = only(config, "2025年3月，Jerry Tworek 沒有離開公司。")
    assert (claim.subject, claim.attribute) == ("jerry tworek", "occur")


def test_planned_end_of_event_reached_through_at_that_time(config):
    claim = only(config, "OpenAI 計劃在明年1月發布另一款改進了圖像、速度和“個性”的模型，屆時預計將結束“紅色代碼”狀態。")
    assert about(claim) == ("code-red", "end", "2026-01", "plan")


def test_product_release_is_a_phase_of_the_product_not_an_event(config):
    claim = only(config, "谷歌在8月推出爆款圖像生成器Nano Banana。")
    assert about(claim) == ("nano banana", "release", "2025-08", "")


def test_appointment_phase_prefers_the_person(config):
    claim = only(config, "2024年5月，OpenAI聘請了Fidji Simo擔任其應用業務CEO。", published=None)
    assert (claim.subject, claim.attribute) == ("fidji simo", "join")


def test_organisation_after_join_verb_is_what_is_joined_not_who_joins(config):
    claim = only(config, "她已於2024年8月正式入職OpenAI。", published=None)
    assert (claim.subject, claim.attribute) == ("openai", "occur")


def test_plan_marker_in_the_announced_content_does_not_make_the_date_a_plan(config):
    claim = only(config, "· 7月22日：Stargate與Oracle達成合作，宣布將在美國本土開發數據中心。")
    assert (claim.subject, claim.modality) == ("stargate", "")


def test_end_verb_on_an_event(config):
    claim = only(config, "OpenAI 於2026年1月20日宣布解除紅色警報。")
    assert about(claim) == ("code-red", "end", "2026-01-20", "")


def test_announcing_an_event_is_its_occurrence(config):
    claim = only(config, "OpenAI 於2025年12月1日宣布進入紅色警報。")
    assert about(claim) == ("code-red", "occur", "2025-12-01", "")


def test_disposal_jiang_is_not_a_plan(config):
    claim = only(config, "2025年，公司將其重心轉向ChatGPT。")
    assert claim.modality == ""


def test_date_without_anchor_has_empty_subject(config):
    claim = only(config, "2019年11月，在一個安靜的日子裡。")
    assert (claim.subject, claim.attribute, claim.terms) == ("", "occur", ())


# --------------------------------------------------------------------------- whole documents


SEED_LIKE = (
    "谷歌Gemini 3重壓之下，奧特曼在上周按下了“紅色警報”。",
    "根據公司內部消息，2025年12月1日正式進入“紅色警報”(code red)狀態。時長設定為八周，這意味著警報將貫穿整個12月，直至2026年1月底。",
    "據悉，OpenAI計劃在2025年12月第二周(本周)針對編程和商業客戶推出5.2模型。",
    "今年9月份，公司經濟研究團隊的一員湯姆·坎寧安(Tom Cunningham)離職。",
)


def test_document_claims_in_order_with_lines_and_offsets(config):
    claims = claims_of(config, *SEED_LIKE)
    assert [(c.line, c.start, c.raw, c.rendered) for c in claims] == [
        (1, 19, "上周", "2025-12-01..2025-12-07"),
        (2, 9, "2025年12月1日", "2025-12-01"),
        (2, 19, "12月", "2025-12"),  # offsets count from the start of each claim's own sentence
        (2, 25, "2026年1月底", "2026-01-21..2026-01-31"),
        (3, 12, "2025年12月第二周", "2025-12-08..2025-12-14"),
        (3, 24, "本周", "2025-12-08..2025-12-14"),
        (4, 0, "今年9月份", "2025-09"),
    ]
    assert claims[3].attribute == "end"
    for claim in claims:
        assert claim.sentence[claim.start:claim.start + len(claim.raw)] == claim.raw


def test_deterministic(config):
    first = claims_of(config, *SEED_LIKE)
    second = extract_dates(document(config, *SEED_LIKE), config)
    assert first == second


def test_shipped_rules_load_and_hold_the_code_red_aliases():
    config = load_config(RULES)
    assert "紅色代碼" in config.lex("events")["code-red"]
    assert set(config.lex("event_phases")) >= {"end", "leave", "join", "release", "announce"}
    assert "届时" in config.lex("markers")["plan"]


@pytest.mark.parametrize("line", ["新华社仰光3月30日电 缅甸中部发生强烈地震。", "中新网5月2日讯 公司发布新品。"])
def test_wire_datelines_are_not_event_dates(line):
    assert [m.value.render() for m in read_dates(line, dt.date(2025, 3, 31))] == []


def test_alias_pattern_prefers_the_longest_alias_and_whole_latin_words():
    from factcheck.extract.terms import alias_pattern

    pattern = alias_pattern(["红色警报", "红色", "code red", "code", "Meta", "OpenAI LP", "OpenAI"])
    found = [m.group(0) for m in pattern.finditer("红色警报与红色，Code Red，code-red，metadata与Meta，OpenAI LP和OpenAI")]
    assert found == ["红色警报", "红色", "Code Red", "code", "Meta", "OpenAI LP", "OpenAI"]
