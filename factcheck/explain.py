"""`factcheck rule ID`: what a rule flags, its settings and where they came from, and an example."""
from __future__ import annotations

from dataclasses import dataclass

import click

from .config import Config
from .project import toml_value


@dataclass(frozen=True)
class Example:
    """Documents that make the rule report, and what it says about them."""

    documents: tuple[tuple[str, str], ...]  # (file name, text)
    reports: str


def _doc(source: str, date: str, *lines: str) -> str:
    return "\n".join([f"來源: {source}" if "報" in source else f"来源: {source}", f"日期: {date}", "---", *lines]) + "\n"


# Each example is run by the tests: the rule must report on exactly these documents.
EXAMPLES: dict[str, Example] = {
    "date-conflict": Example((
        ("a_tw.txt", _doc("北港日報", "2026-03-20", "北港巴士工會罷工", "北港巴士司機工會於2026年3月9日開始罷工，全市公車停駛。")),
        ("b_cn.txt", _doc("南岸晚报", "2026-03-21", "北港巴士司机罢工", "北港巴士司机工会于2026年3月16日开始罢工，全市公交停驶。")),
    ), "strike (occur): 2026-03-09 in a_tw.txt vs 2026-03-16 in b_cn.txt: the same strike on two dates"),
    "amount-conflict": Example((
        ("a_tw.txt", _doc("北港日報", "2026-05-02", "星河電子公布季報", "星河電子（Xinghe）2026年第一季營收為120億元。")),
        ("b_cn.txt", _doc("南岸晚报", "2026-05-03", "星河电子一季度业绩", "星河电子（Xinghe）2026年第一季度营收为150亿元。")),
    ), "one owner's revenue for the same quarter given as 120億元 and 150亿元"),
    "name-variant": Example((
        ("a_tw.txt", _doc("北港日報", "2026-04-01", "新任研究主管", "星河電子研究主管Henrik Sandqvist表示，新晶片將於年底量產。")),
        ("b_cn.txt", _doc("南岸晚报", "2026-04-02", "研究主管谈新芯片", "星河电子研究主管Henrik Sandqvsit说，新芯片将在年底量产。")),
    ), "Henrik Sandqvist / Henrik Sandqvsit: one person spelled two ways"),
    "anachronism": Example((
        ("a_tw.txt", _doc("北港日報", "2026-02-01", "北港巴士工會罷工", "北港巴士司機工會已於2026年3月9日開始罷工。")),
    ), "a strike reported as begun on 2026-03-09, in a report published 2026-02-01"),
    "missing-date": Example((
        ("a_cn.txt", "北港巴士司机罢工\n北港巴士司机工会开始罢工，全市公交停驶。\n"),
    ), "no header date and no date in the text: relative dates cannot be resolved"),
    "pinyin-gloss": Example((
        ("a_tw.txt", _doc("北港日報", "2026-03-20", "北港巴士工會罷(bà)工", "北港巴士司機工會於2026年3月9日開始罷(bà)工。")),
    ), "the glosses (bà) are stripped before the text is read"),
    "empty-document": Example((
        ("a_cn.txt", _doc("南岸晚报", "2026-03-21", "")),
    ), "a header and nothing else: no text to check"),
    "bad-header": Example((
        ("a_tw.txt", _doc("北港日報", "2026-02-30", "北港巴士工會罷工", "北港巴士司機工會於3月9日開始罷工。")),
    ), "30 February is no date: the publication date stays unknown"),
}

# Rules whose example is bytes or a failure of ours, described rather than shown.
DESCRIBED = {
    "title-conflict": "one document calls 林雅雯 星河電子執行長 (CEO), another, of the same week, 星河电子财务长 (CFO): "
                      "two current, exclusive roles at one company",
    "mojibake": "UTF-8 text read once as GBK and saved again (鍙戝竷 for 发布): repaired, and reported",
    "mojibake-unrepaired": "a run of mojibake that no repair turns back into text: no claim is read from it",
    "decode-damage": "a GB18030 file with a few invalid bytes: they are replaced and the first damaged line cited",
    "undecodable": "a PDF or an image saved as .txt, or text in no supported encoding: the file is skipped",
    "dropped-text": "running text after a footer line such as 責任編輯： is not read: how many lines, from where",
    "internal-error": "factcheck itself failed on a document (a bug, please report it): the rest are checked",
}


def explain(rule_id: str, config: Config) -> str:
    """The text `factcheck rule ID` prints: the rule as `config` sets it, and where from."""
    from .report import rule_rows

    row = next((r for r in rule_rows(config) if r["id"] == rule_id), None)
    if row is None:
        raise click.ClickException(f"unknown rule '{rule_id}' (see 'factcheck rules')")
    state = "on" if row["enabled"] else "off"
    sources = ", ".join(config.origins.get(f"rules.{rule_id}", ())) or "built-in"
    lines = [f"{rule_id} ({row['kind']}): {row['description']}",
             f"severity: {row['severity']} (default {row['default']}), {state}; source: {sources}"]
    if row["options"]:
        lines += ["", "options:", *(f"  {key} = {toml_value(value)}" for key, value in sorted(row["options"].items()))]
    lines += ["", "example:", *_example(rule_id)]
    lines += ["", "change it in factcheck.toml:", f"  [rules.{rule_id}]", '  severity = "warning"   # or enabled = false']
    return "\n".join(lines) + "\n"


def _example(rule_id: str) -> list[str]:
    example = EXAMPLES.get(rule_id)
    if example is None:
        return [f"  {DESCRIBED.get(rule_id, 'no example yet')}"]
    lines = []
    for name, text in example.documents:
        lines.append(f"  {name}:")
        lines += [f"    {line}" for line in text.splitlines()]
    lines.append(f"  reported: {example.reports}")
    return lines
