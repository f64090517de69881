"""Align and check: one finding per disputed fact, and the strict same-fact test (align/sameness.py).

Each test writes a few short documents of our own (Traditional and Simplified) and runs the
whole pipeline on them, so what is asserted is what an editor would read.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.settings import load_config
from factcheck.pipeline import run
from factcheck.align.sameness import attribution


def write(folder: Path, name: str, body: str, date: str = "", source: str = "") -> None:
    header = "".join(f"{key}: {value}\n" for key, value in (("來源", source), ("日期", date)) if value)
    (folder / name).write_text(f"{header}---\n{body}\n" if header else body + "\n", encoding="utf-8")


def disputes(folder: Path, rule: str) -> list:
    result = run([str(folder)], load_config())
    return [f for f in result.findings if f.rule == rule]


def side_values(finding) -> list[tuple[str, tuple[str, ...]]]:
    return [(side.value, tuple(Path(d).name for d in side.docs)) for side in finding.sides]


# ------------------------------------------------------------------ one finding per fact


def test_one_outlier_among_many_sources_is_one_finding_with_a_majority(tmp_path):
    for index, (outlet, script_text) in enumerate([
        ("甲報", "OpenAI執行長奧特曼於2025年12月1日宣布進入「紅色警報」狀態。"),
        ("乙報", "OpenAI首席执行官奥特曼于2025年12月1日宣布进入“红色警报”状态。"),
        ("丙報", "OpenAI於2025年12月1日啟動「紅色警報」，全力改善ChatGPT。"),
    ]):
        write(tmp_path, f"a{index}.txt", script_text, "2025-12-05", outlet)
    write(tmp_path, "z.txt", "OpenAI于2026年12月启动“红色警报”,全力改善ChatGPT。", "2025-12-05", "丁報")
    (finding,) = disputes(tmp_path, "date-conflict")
    assert side_values(finding) == [("2025-12-01", ("a0.txt", "a1.txt", "a2.txt")), ("2026-12", ("z.txt",))]
    assert [s.sources for s in finding.sides] == [3, 1]
    assert [s.majority for s in finding.sides] == [True, False]
    assert [e.outlet for e in finding.sides[0].evidence] == ["甲報", "乙報", "丙報"]
    assert finding.reason == "same event code-red of openai, phase occur"
    assert [Path(e.doc).name for e in finding.minority()] == ["z.txt"]


def test_an_agreeing_document_keeps_the_id_and_a_new_value_changes_it(tmp_path):
    write(tmp_path, "a.txt", "OpenAI於2025年12月1日啟動「紅色警報」。", "2025-12-05", "甲報")
    write(tmp_path, "b.txt", "OpenAI于2026年12月启动“红色警报”。", "2025-12-05", "乙報")
    (before,) = disputes(tmp_path, "date-conflict")
    write(tmp_path, "c.txt", "OpenAI於2025年12月1日啟動「紅色警報」。", "2025-12-06", "丙報")
    (agreeing,) = disputes(tmp_path, "date-conflict")
    assert agreeing.id == before.id and agreeing.sides[0].sources == 2
    write(tmp_path, "d.txt", "OpenAI於2025年11月20日啟動「紅色警報」。", "2025-12-06", "丁報")
    (changed,) = disputes(tmp_path, "date-conflict")
    assert changed.id != before.id
    assert "2025-11-20" in [s.value for s in changed.sides]


def test_a_coarse_date_compatible_with_two_sides_takes_neither(tmp_path):
    write(tmp_path, "a.txt", "OpenAI於2025年12月1日啟動「紅色警報」。", "2025-12-20")
    write(tmp_path, "b.txt", "OpenAI于2025年12月15日启动“红色警报”。", "2025-12-20")
    write(tmp_path, "c.txt", "OpenAI於2025年12月啟動「紅色警報」。", "2025-12-20")
    (finding,) = disputes(tmp_path, "date-conflict")
    assert side_values(finding) == [("2025-12-01", ("a.txt",)), ("2025-12-15", ("b.txt",))]


def test_a_statement_on_a_side_carries_the_side_value_and_its_own(tmp_path):
    write(tmp_path, "a.txt", "OpenAI於2025年12月1日啟動「紅色警報」。", "2025-12-20")
    write(tmp_path, "b.txt", "OpenAI于2025年12月启动“红色警报”。", "2025-12-20")
    write(tmp_path, "c.txt", "OpenAI於2026年12月啟動「紅色警報」。", "2025-12-20")
    (finding,) = disputes(tmp_path, "date-conflict")
    coarse = next(e for e in finding.evidence if e.doc.endswith("b.txt"))
    assert (coarse.value, coarse.own_value) == ("2025-12-01", "2025-12")


# ---------------------------------------------------------------------- owners of events



def test_a_person_stands_for_the_organisation_their_title_names(tmp_path):
    write(tmp_path, "a.txt", "OpenAI執行長奧特曼（Sam Altman）於2025年12月1日宣布進入「紅色警報」狀態。", "2025-12-05")
    write(tmp_path, "b.txt", "谷歌于2026年12月启动“红色警报”。", "2025-12-05")
    write(tmp_path, "c.txt", "2026年12月，奧特曼（Sam Altman）宣布進入「紅色警報」狀態。", "2025-12-05")
    (finding,) = disputes(tmp_path, "date-conflict")
    assert side_values(finding) == [("2025-12-01", ("a.txt",)), ("2026-12", ("c.txt",))]
    assert "of openai" in finding.reason





# ------------------------------------------------------------------------------ amounts



def test_two_agencies_measurements_are_two_facts(tmp_path):
    write(tmp_path, "a.txt", "東港近海發生地震，氣象署表示，地震規模為6.4級。", "2024-06-01")
    write(tmp_path, "b.txt", "东港近海发生地震,地震台网正式测定,震级为6.6级。", "2024-06-01")
    assert disputes(tmp_path, "amount-conflict") == []
    assert attribution("气象署表示,震级7.2级") == frozenset({"气象署"})




def test_a_slip_by_a_power_of_ten_conflicts_whatever_the_dates(tmp_path):
    write(tmp_path, "a.txt", "ChatGPT擁有800萬活躍用戶。")
    write(tmp_path, "b.txt", "ChatGPT每周活跃用户已达8亿。", "2025-12-02")
    (finding,) = disputes(tmp_path, "amount-conflict")
    assert sorted(e.raw for e in finding.evidence) == ["800萬", "8亿"]


def test_dated_stock_figures_a_month_apart_are_growth_not_a_conflict(tmp_path):
    write(tmp_path, "a.txt", "ChatGPT每周活躍用戶已達7億。", "2025-09-01")
    write(tmp_path, "b.txt", "ChatGPT每周活跃用户已达8亿。", "2025-12-02")
    assert disputes(tmp_path, "amount-conflict") == []
    write(tmp_path, "c.txt", "ChatGPT每周活躍用戶已達6億。", "2025-12-03")
    (finding,) = disputes(tmp_path, "amount-conflict")
    assert sorted(Path(d).name for d in finding.docs) == ["b.txt", "c.txt"]


@pytest.mark.parametrize("text", ["ChatGPT每周活躍用戶已達8億。", "ChatGPT每周活跃用户已达8亿。"])
def test_daily_and_weekly_users_are_two_metrics(tmp_path, text):
    write(tmp_path, "a.txt", text, "2025-12-02")
    write(tmp_path, "b.txt", "ChatGPT日活跃用户已达9亿。", "2025-12-02")
    assert disputes(tmp_path, "amount-conflict") == []


# ------------------------------------------------------------------ recall on general forms


@pytest.mark.parametrize("day_text", ["OpenAI執行長奧特曼1日宣布進入「紅色警報」狀態。", "OpenAI首席执行官奥特曼1日宣布进入“红色警报”状态。"])
def test_a_bare_day_resolves_against_the_publication_date(tmp_path, day_text):
    write(tmp_path, "a.txt", day_text, "2025-12-02")
    write(tmp_path, "b.txt", "OpenAI于2026年12月启动“红色警报”。", "2025-12-05")
    (finding,) = disputes(tmp_path, "date-conflict")
    assert side_values(finding) == [("2025-12-01", ("a.txt",)), ("2026-12", ("b.txt",))]
    assert finding.sides[0].evidence[0].raw == "1日"


def test_a_bare_day_after_the_publication_day_is_last_months(tmp_path):
    write(tmp_path, "a.txt", "OpenAI於28日啟動「紅色警報」。", "2025-12-02")
    write(tmp_path, "b.txt", "OpenAI于2025年12月1日启动“红色警报”。", "2025-12-05")
    (finding,) = disputes(tmp_path, "date-conflict")
    assert [s.value for s in finding.sides] == ["2025-11-28", "2025-12-01"]


def test_a_last_paragraph_cut_off_mid_sentence_is_still_read(tmp_path):
    lead = "OpenAI的研究人員表示，公司正在調整研究方向，以集中資源改善聊天機器人的體驗與速度。"
    cut = "去年12月，奧特曼在內部備忘錄中宣布進入「紅色警戒」狀態，要求員工優先改善體驗，並暫緩其他計畫，主因競爭對手推出新模型"
    write(tmp_path, "a.txt", f"{lead}\n\n{cut}", "2026-02-03")
    write(tmp_path, "b.txt", "OpenAI于2026年12月启动“红色警报”。", "2026-02-05")
    (finding,) = disputes(tmp_path, "date-conflict")
    assert side_values(finding) == [("2025-12", ("a.txt",)), ("2026-12", ("b.txt",))]


@pytest.mark.parametrize("text", ["總裁1日向部門主管說明，集團正式宣佈啟動「紅色警戒」。",
                                  "总裁1日向部门主管说明,集团正式宣布启动“红色警戒”。"])
def test_a_date_on_a_statement_dates_the_event_the_next_clause_names(tmp_path, text):
    write(tmp_path, "a.txt", text, "2025-12-02")
    write(tmp_path, "b.txt", "OpenAI于2026年12月启动“红色警报”。", "2025-12-05")
    (finding,) = disputes(tmp_path, "date-conflict")
    assert finding.subject == "code-red"
    assert side_values(finding) == [("2025-12-01", ("a.txt",)), ("2026-12", ("b.txt",))]


@pytest.mark.parametrize("lead, peg", [
    ("OpenAI總裁韋德（Nora Wade）宣布啟動「紅色警戒」，各團隊暫停新功能。", "韋德週一要求工程師「日夜輪班」，修好搜尋功能。"),
    ("OpenAI总裁诺拉·韦德宣布启动“红色警戒”,各团队暂停新功能。", "韦德周一要求工程师“日夜轮班”,修好搜索功能。"),
])
def test_a_recent_date_of_a_story_whose_lead_names_one_event_is_that_events(tmp_path, lead, peg):
    write(tmp_path, "a.txt", f"{lead}\n{peg}", "2025-12-03")
    write(tmp_path, "b.txt", "OpenAI于2026年12月启动“红色警报”。", "2025-12-05")
    (finding,) = disputes(tmp_path, "date-conflict")
    assert side_values(finding) == [("2025-12-01", ("a.txt",)), ("2026-12", ("b.txt",))]


@pytest.mark.parametrize("later", ["韋德去年8月要求工程師「日夜輪班」，修好搜尋功能。", "週一，發言人在記者會上回應「日夜輪班」一說。"])
def test_an_older_date_or_one_of_another_actor_keeps_its_own_anchor(tmp_path, later):
    lead = "OpenAI總裁韋德（Nora Wade）宣布啟動「紅色警戒」，各團隊暫停新功能。"
    write(tmp_path, "a.txt", f"{lead}\n{later}", "2025-12-03")
    write(tmp_path, "b.txt", "OpenAI于2026年12月启动“红色警报”。", "2025-12-05")
    assert disputes(tmp_path, "date-conflict") == []


# ---------------------------------------------------------------------------------- people


def test_one_surname_one_exclusive_role_two_given_names_is_a_name_dispute(tmp_path):
    write(tmp_path, "a.txt", "研究副總裁Jakob Wexford於今日宣布離開公司。", "2026-01-06")
    write(tmp_path, "b.txt", "负责研究的副总裁Jerome Wexford已经离职。", "2026-02-03")
    (finding,) = disputes(tmp_path, "name-variant")
    assert sorted(s.value for s in finding.sides) == ["jakob wexford", "jerome wexford"]


@pytest.mark.parametrize("second", ["负责研究的经济学家Jerome Wexford已经离职。", "研究副总裁Jerome Wexford已经离职。研究副总裁Anna Wexford也已离职。"])
def test_without_a_shared_exclusive_role_or_with_a_third_namesake_they_stay_two_people(tmp_path, second):
    write(tmp_path, "a.txt", "研究副總裁Jakob Wexford於今日宣布離開公司。", "2026-01-06")
    write(tmp_path, "b.txt", second, "2026-02-03")
    assert disputes(tmp_path, "name-variant") == []



def test_two_typos_of_one_name_each_join_the_usual_spelling(tmp_path):
    for index in range(3):
        write(tmp_path, f"a{index}.txt", "長辰科技執行長Jason Sandoval表示，公司將推出新產品。", "2024-03-01")
    write(tmp_path, "b.txt", "长辰科技首席执行官Jason Sanndoval表示,公司将推出新产品。", "2024-03-02")
    write(tmp_path, "c.txt", "長辰科技執行長Jason Sandoavl表示，公司將推出新產品。", "2024-03-02")
    (finding,) = disputes(tmp_path, "name-variant")
    assert [s.value for s in finding.sides] == ["jason sandoval", "jason sandoavl", "jason sanndoval"]
    assert finding.sides[0].majority


@pytest.mark.parametrize("first", ["Anthropic借用英特爾的廠房擴建機房，將採購300萬到400個圖形處理器。",
                                   "Anthropic借用英特尔的厂房扩建机房,将采购300万到400个图形处理器。"])
def test_a_range_whose_end_lost_its_magnitude_disputes_the_right_one(tmp_path, first):
    write(tmp_path, "a.txt", first, "2025-09-22")
    write(tmp_path, "b.txt", "英特爾預計交付3百萬至4百萬顆圖形處理器。")
    (finding,) = disputes(tmp_path, "amount-conflict")
    assert sorted(e.raw for e in finding.evidence) == sorted(["300萬到400個" if "萬" in first else "300万到400个", "3百萬至4百萬顆"])


def test_counts_in_two_classifiers_of_things_compare(tmp_path):
    write(tmp_path, "a.txt", "輝達將交付5000顆圖形處理器。", "2025-09-22")
    write(tmp_path, "b.txt", "英伟达将交付5000个图形处理器。", "2025-09-23")
    assert disputes(tmp_path, "amount-conflict") == []
    write(tmp_path, "c.txt", "英伟达将交付7000个图形处理器。", "2025-09-23")
    (finding,) = disputes(tmp_path, "amount-conflict")
    assert [s.value for s in finding.sides] == ["5000 颗", "7000 个"]


# -------------------------------------------------------------------------------- tolls


@pytest.mark.parametrize("short", ["東港強震已造成3死、241傷。", "东港强震已造成3死、241伤。"])
def test_a_toll_in_short_counts_deaths_and_injuries(tmp_path, short):
    write(tmp_path, "a.txt", short, "2024-06-02")
    write(tmp_path, "b.txt", "东港强震已导致3人死亡、214人受伤。", "2024-06-02")
    (finding,) = disputes(tmp_path, "amount-conflict")
    assert (finding.subject, finding.attribute) == ("earthquake", "injuries")
    assert sorted(e.raw for e in finding.evidence) == sorted(["214人", short[-5:-1]])


def test_trapped_is_its_own_toll(tmp_path):
    write(tmp_path, "a.txt", "東港強震已造成17人受困和5人失聯。", "2024-06-02")
    write(tmp_path, "b.txt", "东港强震已导致5人失联、12人受困。", "2024-06-02")
    (finding,) = disputes(tmp_path, "amount-conflict")
    assert finding.attribute == "trapped"


@pytest.mark.parametrize("later", ["南灣縣強震目前已知96人受困、1038人受傷。", "南湾县强震目前已知96人受困、1938人受伤。"])
def test_one_days_hourly_tallies_within_a_tenth_are_updates_not_a_dispute(tmp_path, later):
    write(tmp_path, "a.txt", "南湾县强震已导致93人受困、1038人受伤。", "2024-06-04", "甲報")
    write(tmp_path, "b.txt", later, "2024-06-04", "乙報")
    found = [(f.attribute, sorted(s.value for s in f.sides)) for f in disputes(tmp_path, "amount-conflict")]
    assert found == ([] if "1038" in later else [("injuries", ["1038 person", "1938 person"])])


@pytest.mark.parametrize("as_of", ["截至6月1日，南灣縣強震已造成3人死亡。", "截止到6月1日，南湾县强震已导致3人死亡。"])
def test_a_toll_as_of_a_stated_day_is_not_compared_with_one_as_of_publication(tmp_path, as_of):
    write(tmp_path, "a.txt", as_of, "2024-06-04", "甲報")
    write(tmp_path, "b.txt", "南湾县强震已导致5人死亡。", "2024-06-04", "乙報")
    assert disputes(tmp_path, "amount-conflict") == []
    write(tmp_path, "c.txt", "截至6月1日，南湾县强震已导致4人死亡。", "2024-06-03", "丙報")
    (finding,) = disputes(tmp_path, "amount-conflict")  # the same day's toll: one fact
    assert side_values(finding) == [("3 person", ("a.txt",)), ("4 person", ("c.txt",))]


@pytest.mark.parametrize("dated", ["南灣縣於2024年6月1日發生6.1級強震，多處停電。", "南湾县于2024年6月1日发生6.1级强震，多处停电。"])
def test_a_magnitude_beside_the_quakes_date_is_compared_with_every_report_of_it(tmp_path, dated):
    """The date dates the quake, not the figure: the dated 6.1 sides with the undated one."""
    write(tmp_path, "a.txt", dated, "2024-06-03", "甲報")
    write(tmp_path, "b.txt", "南湾县强震震级为6.1级，当局仍在搜救。", "2024-06-03", "乙報")
    write(tmp_path, "c.txt", "南灣縣強震規模5.6級，當局仍在搜救。", "2024-06-04", "丙報")
    (finding,) = disputes(tmp_path, "amount-conflict")
    assert finding.attribute == "magnitude"
    assert side_values(finding) == [("6.1 magnitude", ("a.txt", "b.txt")), ("5.6 magnitude", ("c.txt",))]


def test_a_magnitude_beside_a_misdated_quake_is_still_that_quakes(tmp_path):
    """One outlet dating the quake a day late is the date's dispute, not a second quake."""
    write(tmp_path, "a.txt", "南灣縣於2024年6月1日發生6.1級強震。", "2024-06-03", "甲報")
    write(tmp_path, "b.txt", "南湾县于2024年6月2日发生5.6级强震。", "2024-06-03", "乙報")
    (finding,) = disputes(tmp_path, "amount-conflict")
    assert sorted(side_values(finding)) == [("5.6 magnitude", ("b.txt",)), ("6.1 magnitude", ("a.txt",))]


@pytest.mark.parametrize("local", ["兩年前的2022年11月26日九合一選舉，執政黨大敗。", "两年前的2022年11月26日九合一选举，执政党大败。"])
def test_a_local_elections_date_is_not_the_presidential_elections(tmp_path, local):
    write(tmp_path, "a.txt", "總統大選於2024年1月13日舉行，投票率逾七成。")
    write(tmp_path, "b.txt", "总统大选于2024年1月13日举行。")
    write(tmp_path, "c.txt", local)
    assert disputes(tmp_path, "date-conflict") == []


@pytest.mark.parametrize("body", ["2022年市長選舉今天投票，結果已出爐。\n雖然下雨，全市投票率大約落在55%。",
                                  "2022年市长选举今天投票,结果已出炉。\n虽然下雨,全市投票率大约落在55%。"])
def test_a_turnout_naming_no_owner_is_the_storys_event(tmp_path, body):
    write(tmp_path, "a.txt", body, "2024-01-13")
    write(tmp_path, "b.txt", "選委會表示，此次選舉全市投票率為58.12%。", "2024-01-13")
    (finding,) = disputes(tmp_path, "amount-conflict")
    assert (finding.subject, finding.attribute) == ("election", "turnout")


def test_a_turnout_in_a_story_whose_lead_names_two_events_stays_unowned(tmp_path):
    write(tmp_path, "a.txt", "選舉與地震同日發生。\n全市投票率大約落在55%。", "2024-01-13")
    write(tmp_path, "b.txt", "選委會表示，此次選舉全市投票率為58.12%。", "2024-01-13")
    assert disputes(tmp_path, "amount-conflict") == []


def test_a_one_digit_figure_tenfold_apart_may_be_growth_not_a_slip(tmp_path):
    write(tmp_path, "a.txt", "OpenAI的員工人數為2000人。")
    write(tmp_path, "b.txt", "OpenAI的员工人数为20000人。", "2025-10-01")
    assert disputes(tmp_path, "amount-conflict") == []
    write(tmp_path, "c.txt", "OpenAI的員工人數為200人。")
    (finding,) = disputes(tmp_path, "amount-conflict")
    assert sorted(e.raw for e in finding.evidence) == sorted(["200人", "20000人"])


def test_a_figure_stated_with_more_distinct_values_than_one_fact_holds_is_left_out(tmp_path):
    from factcheck.checks.amount_conflict import MAX_FIGURES

    for index in range(MAX_FIGURES + 1):
        write(tmp_path, f"d{index:03d}.txt", f"OpenAI的估值達到{1000 + index * 37}億美元。", "2025-10-01")
    assert disputes(tmp_path, "amount-conflict") == []
    for index in range(MAX_FIGURES + 1, 2 * MAX_FIGURES):
        (tmp_path / f"d{index:03d}.txt").unlink(missing_ok=True)
    for index in range(3, MAX_FIGURES + 1):
        (tmp_path / f"d{index:03d}.txt").unlink()
    (finding,) = disputes(tmp_path, "amount-conflict")
    assert len(finding.sides) == 2  # 1000億 (rounded) stands with 1037億; 1074億 disputes it


# ------------------------------------------------------- claims that are not one fact


NOT_ONE_FACT = [
    pytest.param("date-conflict", [("a.txt", "谷歌於2022年12月啟動「紅色警報」。", "2023-01-05"), ("b.txt", "OpenAI于2025年12月1日启动“红色警报”。", "2025-12-05")], id="two_organisations_code_reds_are_two_events"),
    pytest.param("date-conflict", [("a.txt", "OpenAI於2025年12月1日啟動「紅色警報」。", "2025-12-05"), ("b.txt", "谷歌与OpenAI的竞争中2022年11月启动“红色警报”的一方落后。", "2025-12-05")], id="a_clause_naming_two_organisations_is_left_out"),
    pytest.param("date-conflict", [("a.txt", "2024年1月13日舉行的大選中，投票率創新高。", "2024-01-14"), ("b.txt", "回顾2020年1月11日举行的大选,民进党获胜。", "2024-01-14")], id="a_recurring_events_old_date_is_background"),
    pytest.param("date-conflict", [("a.txt", "date 2025-12-02 OpenAI發布「紅色警報」內部備忘錄。\nOpenAI於週一啟動「紅色警報」。", "2025-12-02"), ("b.txt", "OpenAI于2025年12月1日启动“红色警报”。", "2025-12-05")], id="a_pages_own_timestamp_is_no_event_date"),
    pytest.param("amount-conflict", [("a.txt", "輝達宣布，將向OpenAI投資1000億美元。", "2025-09-22"), ("b.txt", "OpenAI计划未来8年投资1.4万亿美元建设数据中心。", "2025-09-25")], id="an_investment_into_a_company_is_not_its_own_spending"),
    pytest.param("amount-conflict", [("a.txt", "OpenAI承諾投資數千億美元。過去三年OpenAI成長驚人。", "2025-09-22"), ("b.txt", "OpenAI承诺投资1.4万亿美元。过去十年OpenAI成长惊人。", "2025-09-25")], id="vague_figures_and_words_that_are_no_metric_are_never_a_side"),
    pytest.param("amount-conflict", [("a.txt", "ChatGPT每周活躍用戶已達7億。", ""), ("b.txt", "ChatGPT每周活跃用户已达8亿。", "2025-12-02")], id="an_undated_stock_figure_is_not_set_against_a_dated_one"),
    pytest.param("date-conflict", [("a.txt", "截至6月2日中午為止，強震已奪走3人性命。", "2024-06-02"), ("b.txt", "6月1日9时10分东港近海发生地震。", "2024-06-02")], id="an_as_of_date_is_no_events_date"),
    pytest.param("date-conflict", [("a.txt", "救灾指挥部2日表示，东港强震已造成3人死亡。", "2024-06-02"), ("b.txt", "6月1日9时10分东港近海发生强震。", "2024-06-02")], id="a_statement_about_an_earlier_events_toll_does_not_date_it"),
    pytest.param("amount-conflict", [("a.txt", "OpenAI的資料中心容量將達1GW。", ""), ("b.txt", "OpenAI的数据中心容量将达10GW。", "2025-10-01")], id="round_powers_of_ten_are_no_slip"),
]


@pytest.mark.parametrize("rule, documents", NOT_ONE_FACT)
def test_no_dispute_is_read_from_claims_that_are_not_one_fact(tmp_path, rule, documents):
    """Each case names what keeps its two documents' claims apart (see sameness.py, align.py)."""
    for name, text, date in documents:
        write(tmp_path, name, text, date)
    assert disputes(tmp_path, rule) == []

