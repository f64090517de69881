"""The HTML evidence page: golden text, escaping of a hostile document, its CSP, and the page in headless Chromium."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import re
import shutil
import tomllib
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import chromium
from factcheck import cli as cli_module
from factcheck import pipeline
from factcheck.settings import load_config
from factcheck.model import Claim, ClaimKind, DateValue, DocumentStatus, RunResult
from factcheck.report import FORMATS, html_report, html_view

ROOT = Path(__file__).resolve().parent.parent
CORPUS = "tests/fixtures/html_corpus"  # relative: the paths shown on the page are as the user gave them
GOLDEN = ROOT / "tests" / "golden" / "report_html.txt"
SCREENSHOT = ROOT / "reports" / "seeds-report.png"
UPDATE = os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1"

HOSTILE_NAME = 'e_x"onerror=alert(4).txt'
HOSTILE_SOURCE = '"onerror=alert(1) x="<img src=x onerror=alert(2)></textarea>'
HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE = f"""source: {HOSTILE_SOURCE}
url: javascript:window.__pwned=2
date: 2026-04-12
---
濱江縣地震速報

{HOSTILE_SCRIPT}濱江縣於4月9日發生7.2級強烈地震</textarea>"onerror=alert(3)
"""


# ------------------------------------------------------------------------------ helpers


class _Text(HTMLParser):
    """The text a reader sees, one block element a line (script and style left out)."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "tr", "div", "section", "blockquote", "dt", "dd", "table",
              "ul", "article", "nav", "form", "title", "label"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        if tag in self.BLOCKS or tag in ("td", "th"):
            self.parts.append("\n" if tag in self.BLOCKS else " | ")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.inline:
            self._open = tag
            self.inline[tag].append("")

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.inline[self._open][-1] += data


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def run_on(paths: list[str], cwd: Path, monkeypatch) -> RunResult:
    monkeypatch.chdir(cwd)
    return pipeline.run(paths, load_config(ROOT / "rules"), pipeline.RunOptions(jobs=1))


@pytest.fixture
def corpus_result(monkeypatch) -> RunResult:
    return run_on([CORPUS], ROOT, monkeypatch)


@pytest.fixture
def hostile_dir(tmp_path) -> Path:
    folder = tmp_path / "hostile"
    shutil.copytree(ROOT / CORPUS, folder)
    (folder / HOSTILE_NAME).write_text(HOSTILE, encoding="utf-8")
    return folder


@pytest.fixture
def hostile_html(hostile_dir, monkeypatch) -> str:
    return html_report.render(run_on(["."], hostile_dir, monkeypatch))


def by_kind(result: RunResult, kind: str):
    return next(f for f in result.findings if f.kind == kind)


# ------------------------------------------------------------------------------ the page as text


def test_golden_text_content_through_the_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("FACTCHECK_RULES", raising=False)
    output = tmp_path / "report.html"
    outcome = CliRunner().invoke(cli_module.cli, ["check", CORPUS, "--no-cache", "--format", "html",
                                                  "--output", str(output)], catch_exceptions=False)
    assert outcome.exit_code == 1, outcome.output  # the corpus disputes a date and a magnitude
    text = page_text(output.read_text(encoding="utf-8"))
    if UPDATE:
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_cards_show_both_scripts_the_majority_and_values_written_out(corpus_result):
    html = html_report.render(corpus_result)
    assert html.count('<article class="card') == 2
    assert re.search(r"強烈地震 / 强烈地震 — 震級", html)  # the subject in the documents' own words, both scripts
    assert '<a class="outlet" href="https://news.example.tw/quake/101"' in html
    assert "<mark>4月11日</mark>" in html and "<mark>6.8級</mark>" in html
    assert html.count('class="side majority"') == 2
    assert html_report.render(corpus_result) == html  # same input, same bytes


def test_html_is_a_registered_format(corpus_result):
    assert FORMATS["html"](corpus_result) == html_report.render(corpus_result).encode("utf-8")


def test_a_wheel_ships_the_template():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = data["tool"]["setuptools"]["package-data"]["factcheck.report"]
    templates = ROOT / "factcheck" / "report" / "templates"
    assert {p.name for p in templates.iterdir()} == {"report.html.j2", "report.css", "report.js"}
    assert "templates/*" in shipped


def test_no_value_is_shown_in_exponent_notation(monkeypatch):
    seeds = html_report.render(run_on(["seeds"], ROOT, monkeypatch))
    assert "1,400,000,000,000" in seeds  # the seeds' 1.4萬億美元, normalised
    assert not re.search(r"(?<![\w.])\d+(?:\.\d+)?e[+-]\d+\b", page_text(seeds))  # as %g writes one
    assert html_view.plain_numbers("approx 9e+08 person") == "approx 900,000,000 person"
    assert html_view.plain_numbers("1.5e-05 %") == "0.000015 %"
    assert html_view.plain_numbers("2025-12-01..2025-12-07") == "2025-12-01..2025-12-07"


def test_per_document_view_says_how_each_claim_stands():
    def claim(doc: str, line: int, day: int) -> Claim:
        value = DateValue(dt.date(2026, 4, day), dt.date(2026, 4, day), "day")
        return Claim(ClaimKind.DATE, doc, line, f"濱江縣4月{day}日舉行選舉。", f"4月{day}日", 3,
                     "election", "occur", value)

    claims = (claim("a.txt", 2, 5), claim("b.txt", 4, 5), claim("c.txt", 6, 7))
    documents = tuple(DocumentStatus(d, "checked", claims=1) for d in ("a.txt", "b.txt", "c.txt"))
    page = html_view.page(RunResult(documents, (), claims))
    standing = {d.path: d.claims[0].standing for d in page.documents}
    assert standing == {"a.txt": "agrees", "b.txt": "agrees", "c.txt": "uncontested"}
    assert page.documents[0].claims[0].mark == "4月5日"


def test_disputed_claims_link_to_their_card(corpus_result):
    page = html_view.page(corpus_result)
    date = by_kind(corpus_result, "date")
    minority = {d.path: d for d in page.documents}[f"{CORPUS}/b_cn.txt"]
    dated = next(c for c in minority.claims if c.kind == "date")
    assert (dated.standing, dated.finding) == ("disputed", date.id)
    assert "do not support" in dated.detail


# ------------------------------------------------------------------------------ safety


def test_page_loads_nothing_and_allows_only_its_own_script_and_style(corpus_result):
    parsed = elements(html_report.render(corpus_result))
    csp = next(a["content"] for tag, a in parsed.tags if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    [script], [style] = parsed.inline["script"], parsed.inline["style"]
    for text, directive in ((script, "script-src"), (style, "style-src")):
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert not [tag for tag, a in parsed.tags if "src" in a or tag in ("link", "img", "iframe", "object")]
    hrefs = [a["href"] for tag, a in parsed.tags if tag == "a"]
    assert hrefs and all(h.startswith(("#", "https://", "http://")) for h in hrefs)


def test_hostile_document_renders_as_text(hostile_html):
    parsed = elements(hostile_html)
    assert len(parsed.inline["script"]) == 1  # the page's own
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    assert not any(tag in ("img", "textarea") for tag, _ in parsed.tags)
    assert not [a["href"] for tag, a in parsed.tags if tag == "a" and "javascript" in a["href"].lower()]
    text = page_text(hostile_html)
    assert HOSTILE_SCRIPT in text and HOSTILE_SOURCE in text and '</textarea>"onerror=alert(3)' in text
    assert f"{HOSTILE_NAME}:7" in text


@pytest.mark.parametrize("url, linked", [
    ("https://news.example.tw/a?b=1&c=2", True),
    ("HTTP://EXAMPLE.CN/x", True),
    ("javascript:alert(1)", False),
    (" JavaScript:alert(1)", False),
    ("data:text/html,<b>x</b>", False),
    ("//example.com/x", False),
    ('https://example.com/"onmouseover=alert(1)', False),
    ("https://example.com/a b", False),
])
def test_only_http_and_https_urls_are_linked(url, linked):
    assert (html_view.safe_url(url) != "") is linked


# ------------------------------------------------------------------------------ in a real browser


@pytest.fixture(scope="module")
def browser():
    binary = chromium.executable()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set and Chromium is missing: .ci/run installs Debian's chromium before the tests")
        pytest.skip("Chromium is not installed here (CI installs it)")
    with chromium.Browser(binary) as opened:
        yield opened


def open_page(browser, html: str, folder: Path, scripts: bool = True) -> None:
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    browser.open(page, scripts=scripts)


VISIBLE_CARDS = "[...document.querySelectorAll('article.card')].filter(c => c.offsetParent !== null).map(c => c.dataset.kind)"


def choose(browser, name: str, value: str) -> None:
    """Pick an option of a filter the way a user does: the select changes and says so."""
    browser.evaluate(
        f"(() => {{ const s = document.querySelector('#filters select[name={name}]'); s.value = {value!r};"
        " s.dispatchEvent(new Event('change', {bubbles: true})); })()")


def test_browser_cards_sides_and_filters(browser, corpus_result, tmp_path):
    date = by_kind(corpus_result, "date")
    known = replace(corpus_result, known=frozenset({date.id}))
    open_page(browser, html_report.render(known), tmp_path)
    assert browser.evaluate("document.querySelectorAll('article.card').length") == 2
    minority = browser.evaluate(
        "(() => { const s = document.querySelector('article[data-kind=date] .side:not(.majority)');"
        " return [s.querySelector('.outlet').textContent, s.querySelector('mark').textContent]; })()")
    assert minority == ["东方快讯", "4月11日"]
    majority = browser.evaluate(
        "(() => { const a = document.querySelector('article[data-kind=date] .side.majority a.outlet');"
        " return [a.textContent, a.href]; })()")
    assert majority == ["臺北晨報", "https://news.example.tw/quake/101"]
    assert browser.evaluate(VISIBLE_CARDS) == ["amount", "date"]
    choose(browser, "kind", "amount")
    assert browser.evaluate(VISIBLE_CARDS) == ["amount"]
    assert browser.evaluate("document.getElementById('shown').textContent") == "1 of 2 shown"
    choose(browser, "kind", "")
    choose(browser, "status", "known")
    assert browser.evaluate(VISIBLE_CARDS) == ["date"]


def test_browser_documents_view(browser, corpus_result, tmp_path):
    open_page(browser, html_report.render(corpus_result), tmp_path)
    browser.evaluate("document.querySelector('#views button[data-view=documents]').click()")
    assert browser.evaluate(VISIBLE_CARDS) == []
    standing = browser.evaluate(
        "[...document.querySelectorAll('#documents .doc')].filter(d => d.offsetParent !== null)"
        ".map(d => [...d.querySelectorAll('.standing')].map(s => s.textContent).join(' '))")
    assert standing == ["disputed disputed", "disputed disputed", "disputed disputed", ""]
    # a disputed claim's link opens the view holding its card
    browser.evaluate(  # resolves once the page's own hashchange handler has run
        "new Promise(done => { addEventListener('hashchange', () => setTimeout(done, 0), {once: true});"
        " document.querySelector('#documents a[href^=\"#f-\"]').click(); })")
    assert browser.evaluate("document.getElementById('findings').offsetParent !== null") is True
    assert browser.evaluate("document.getElementById('documents').offsetParent === null") is True


def test_browser_without_scripts_shows_everything(browser, corpus_result, tmp_path):
    open_page(browser, html_report.render(corpus_result), tmp_path, scripts=False)
    assert browser.evaluate(VISIBLE_CARDS) == ["amount", "date"]
    shown = "id => document.getElementById(id).offsetParent !== null"
    assert browser.evaluate(f"['findings', 'documents', 'quality', 'filters', 'views'].map({shown})") == [
        True, True, True, False, False]  # every section; controls that need a script stay hidden


def test_browser_hostile_script_does_not_run(browser, hostile_html, tmp_path):
    open_page(browser, hostile_html, tmp_path)
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('script').length") == 1
    body = browser.evaluate("document.body.innerText")
    assert HOSTILE_SCRIPT in body and HOSTILE_SOURCE in body
    # the page's own script ran (its CSP hash matches): the filters it reveals are visible
    assert browser.evaluate("document.getElementById('filters').offsetParent !== null") is True


def test_browser_seeds_page_and_screenshot(browser, monkeypatch, tmp_path):
    result = run_on(["seeds"], ROOT, monkeypatch)
    open_page(browser, html_report.render(result), tmp_path)
    disputes = sum(f.kind != "quality" for f in result.findings)
    assert browser.evaluate("document.querySelectorAll('article.card').length") == disputes >= 2
    browser.screenshot(SCREENSHOT)
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
