"""Stage 2: web debris, pinyin glosses, mojibake repair, invisible marks, document problems."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import pytest

from factcheck.clean import clean
from factcheck.clean.characters import LOST
from factcheck.clean.glosses import strip_glosses
from factcheck.clean.invisible import strip_invisible
from factcheck.settings import load_config
from factcheck.read import read
from factcheck.model import Document, Metadata, Problem, RawDocument

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATED = Metadata(published=dt.date(2025, 12, 10), published_from="header", published_line=1)


@lru_cache(maxsize=1)
def rules():
    return load_config(ROOT / "rules")


@lru_cache(maxsize=8)
def seed(prefix: str) -> Document:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return clean(read(path, prefix), rules())


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def raw(text: str, meta: Metadata = DATED, problems: tuple[Problem, ...] = ()) -> RawDocument:
    return RawDocument("doc.txt", text, "utf-8", "0" * 64, meta=meta, problems=problems)


def problems(doc: Document, rule: str) -> list[Problem]:
    return [p for p in doc.problems if p.rule == rule]


def line(doc: Document, number: int) -> str:
    return next(l.text for l in doc.lines if l.number == number)


PROSE = "這是一個足夠長的句子，用來讓清理器認出正文的開始與結束。"


# ----------------------------------------------------------------- pinyin glosses


def test_glosses_need_a_tone_mark_and_a_han_character_before():
    text, found = strip_glosses("計(jì)算進入“紅色警報(bào)”(code red)狀態,容量(GW) 與 F(xiàn)idji 和 (shì)")
    assert text == "計算進入“紅色警報”(code red)狀態,容量(GW) 與 Fidji 和 (shì)"
    assert found == ["(jì)", "(bào)", "(xiàn)"]


def test_gloss_problem_in_both_scripts():
    doc = clean(raw(f"{PROSE}\n業(yè)界動態(tài)進入新的階段，今年營收達到一百億美元。\n业(yè)界动态(tài)进入新的阶段，今年营收达到一百亿美元。"), rules())
    assert [l.text for l in doc.lines][1:] == ["業界動態進入新的階段，今年營收達到一百億美元。", "业界动态进入新的阶段，今年营收达到一百亿美元。"]
    assert problems(doc, "pinyin-gloss") == [Problem("pinyin-gloss", 2, "(yè)", "4 pinyin glosses stripped", "4")]


@pytest.mark.parametrize(("prefix", "count", "first"), [("001", 300, 5), ("003", 302, 13)])
def test_gloss_counts_on_seeds(prefix, count, first):
    # 295 and 299 intact glosses, plus the 5 and 3 damaged ones consumed by mojibake repair
    found = problems(seed(prefix), "pinyin-gloss")
    assert [(p.line, p.value, p.detail) for p in found] == [(first, str(count), f"{count} pinyin glosses stripped")]
    assert not any(re.search(r"\([a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", l.text) for l in seed(prefix).lines)


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_no_glosses_or_mojibake_in_clean_seeds(prefix):
    rules_found = {p.rule for p in seed(prefix).problems}
    assert rules_found == {"missing-date"}


def test_gloss_inside_a_latin_word_on_seed_003():
    assert line(seed("003"), 179).startswith("在Facebook期間,Fidji Simo曾歷任產品營銷")


# ------------------------------------------------------------------------- mojibake


def mojibake(prefix: str) -> list[tuple[int, str, str]]:
    return [(p.line, p.raw, p.value) for p in problems(seed(prefix), "mojibake")]


def test_mojibake_runs_on_seed_001():
    assert mojibake("001") == [
        (63, "?yàn)樗\ue3bc淮罅俊坝脩粜盘枴庇?xùn)", "為它被大量“用戶信號”訓"),
        (97, "?duì)I", "營"),
        (123, "?qū)⒅鲗?dǎo)", f"{LOST}主導"),
    ]
    assert "正是因為它被大量“用戶信號”訓練過。" in line(seed("001"), 63)
    assert "OpenAI既然要沖擊2025年200億美元的年營收," in line(seed("001"), 97)
    assert line(seed("001"), 123) == f"如果研究派拖后腿,產品派或{LOST}主導延長“警報”時間。"


def test_mojibake_runs_on_seed_003():
    assert mojibake("003") == [
        (71, "?涨暗拇笏懔Σ季謺r", f"{LOST}空前的大算力布局時"),
        (131, "?yōu)橐粋", "為一個"),
        (157, "?yōu)椴恍嗟呢S", "為不朽的豐"),
        (177, "?yōu)槿\ue084蛟诰", "為全球在線"),
        (227, "?涨暗", f"{LOST}空前{LOST}"),
    ]
    doc = seed("003")
    assert "其能否從藍圖變為不朽的豐碑,亦或是淪為" in line(doc, 157)
    assert "轉變為一個強大的“服務鏈接器”" in line(doc, 131)
    assert line(doc, 71).endswith(f"緊鑼密鼓、規{LOST}空前的大算力布局時代。")
    assert "Facebook從社交網絡蛻變為全球在線廣告帝國的最重要" in line(doc, 177)
    assert problems(doc, "mojibake")[1].detail == "mojibake repaired: '為一個'"
    assert problems(doc, "mojibake-unrepaired") == []


def test_plain_question_marks_are_left_alone():
    text = f"{PROSE}\n為何是八周時間?這與模型發布節奏緊密掛鉤。\n這是否意味著警報將在明年一月結束?”他在會上問。"
    doc = clean(raw(text), rules())
    assert [l.text for l in doc.lines][1:] == ["為何是八周時間?這與模型發布節奏緊密掛鉤。", "這是否意味著警報將在明年一月結束?”他在會上問。"]
    assert problems(doc, "mojibake") == []


def scrape(data: bytes) -> str:
    """The damaged decoder seen on the seeds: 2-byte codes, invalid pair -> "?", lone 0x80 dropped."""
    out, index = [], 0
    while index < len(data):
        byte = data[index]
        if byte < 0x80:
            out.append(chr(byte))
            index += 1
        elif byte in (0x80, 0xFF):
            index += 1
        elif index + 1 < len(data) and data[index + 1] >= 0x40 and data[index + 1] not in (0x7F, 0xFF):
            out.append(data[index:index + 2].decode("gb18030"))
            index += 2
        else:
            out.append("?")
            index += 2
    return "".join(out)


def glossed_across(text: str, boundary: int, pinyin: str) -> str:
    """Damage `text` as the converter did: a gloss for the code spanning chars boundary-1 and boundary."""
    head, char, tail = text[:boundary].encode("gb18030"), text[boundary].encode("gb18030"), text[boundary + 1:]
    return scrape(head + char[:1] + f"({pinyin})".encode("gb18030") + char[1:] + tail.encode("gb18030"))


@pytest.mark.parametrize(
    ("sentence", "boundary", "pinyin", "elsewhere"),
    [
        ("公司的藍圖變為不朽的豐碑，計劃在明年完成。", 6, "yōu", "這是最優(yōu)的方案，大家都同意這個結果。"),  # 變為 spans 優
        ("公司的计划是在明年发布新的模型GPT，用户数量已经超过八亿。", 13, "nǎ", "你在哪(nǎ)里工作的问题很重要，大家都想知道。"),  # 的模 spans 哪
    ],
)
def test_synthetic_gloss_damage_is_repaired_from_the_documents_own_glosses(sentence, boundary, pinyin, elsewhere):
    damaged = glossed_across(sentence, boundary, pinyin)
    assert f"?{pinyin})" in damaged and damaged != sentence
    doc = clean(raw(f"{PROSE}\n{damaged}\n{elsewhere}"), rules())
    assert line(doc, 2) == sentence
    assert [p.line for p in problems(doc, "mojibake")] == [2]


def test_lost_characters_are_marked_never_invented():
    # 000's own text, damaged at one place; the repair must match the original wherever it is not U+FFFD
    original = "盡管 Altman 在周一的媒體午餐會上表示,長期的真正較量將在OpenAI與蘋果之間展開,因為硬件設備決定了AI的使用場景。"
    text = seed_text("000")
    for boundary in (5, 30, 60):
        damaged = glossed_across(original, boundary, "xū")
        doc = clean(raw(text.replace(text.split("\n")[14], damaged)), rules())
        kept = line(doc, 15)
        pattern = "".join("(?:.[\\x00-\\x7f]?)" if c == LOST else re.escape(c) for c in kept)
        assert re.fullmatch(pattern, original), (boundary, kept)


def test_run_that_no_shift_explains_is_reported_and_masked():
    damaged = f"他說?xū)ΑΒΓΔ就走了，{PROSE}"  # Greek capitals: no byte shift reads them as Chinese
    doc = clean(raw(f"{PROSE}\n{damaged}"), rules())
    assert problems(doc, "mojibake") == []
    assert problems(doc, "mojibake-unrepaired") == [
        Problem("mojibake-unrepaired", 2, "?xū)ΑΒΓΔ", "mojibake could not be repaired (8 characters masked)", "?xū)ΑΒΓΔ")
    ]
    assert line(doc, 2) == f"他說{LOST * 8}就走了，{PROSE}"


# --------------------------------------------------------------------------- debris


@pytest.mark.parametrize(
    ("prefix", "first", "last", "kept", "dropped"),
    [("000", 1, 23, 23, 1), ("001", 11, 165, 59, 29), ("002", 3, 21, 19, 4), ("003", 11, 245, 118, 27), ("004", 2, 24, 23, 0)],
)
def test_body_bounds_on_seeds(prefix, first, last, kept, dropped):
    doc = seed(prefix)
    assert (doc.lines[0].number, doc.lines[-1].number, len(doc.lines), doc.dropped) == (first, last, kept, dropped)


def test_debris_inside_the_body_of_seed_001():
    numbers = {l.number for l in seed("001").lines}
    assert {17, 35, 37, 57, 59, 101, 107} & numbers == set()  # 無標題.jpg and (圖片由AI生成)
    assert {25, 47, 95, 97} <= numbers  # numbered headings and list items carry claims
    assert line(seed("001"), 25) == "1. 從12月1日到2026年1月的八周鏖戰"


def test_headings_lists_and_tables_inside_the_body_are_kept():
    doc3, doc4 = seed("003"), seed("004")
    assert line(doc3, 89).startswith("· 7月22日:Stargate與Oracle(甲骨文) 達成合作")
    assert line(doc3, 37) == "架構維新"
    assert line(doc4, 12).startswith("| 核心 LLM (ChatGPT) |")


def test_lines_keep_their_original_numbers_and_text():
    doc = seed("001")
    first = doc.lines[0]
    assert (first.number, first.norm) == (11, "")
    assert first.original == "停掉Sora,不談夢想,現(xiàn)在全員沖刺“搶用戶”。"
    assert first.text == "停掉Sora,不談夢想,現在全員沖刺“搶用戶”。"


def test_footers_widgets_and_captions_in_a_small_document():
    text = "\n".join([
        "首頁 > 科技 > 人工智能",
        "分享到：",
        PROSE,
        "配圖.PNG",
        "（圖片來源：網絡）",
        "關鍵詞：人工智能",
        "第二段也足夠長，這樣正文就有兩個段落可以保留下來。",
        "責任編輯：王小明",
        "這一行在責任編輯之後，是頁尾的推廣文字，不應保留下來。",
        "京ICP備12345678號",
    ])
    doc = clean(raw(text), rules())
    assert [l.number for l in doc.lines] == [3, 7]
    assert doc.dropped == 8


def test_a_closing_list_belongs_to_the_body():
    text = f"{PROSE}\n受益者包括：\n· Anthropic：2025年新增研究員20名\n\n| 公司 | 人數 |\n相關推薦\n· 另一篇文章"
    doc = clean(raw(text), rules())
    assert [l.number for l in doc.lines] == [1, 2, 3, 5]


def test_only_boilerplate_is_an_empty_document():
    doc = clean(raw("訂閱\n糾錯\n\n粵公網安備 44030502002758號\n無標題.jpg\n"), rules())
    assert doc.lines == ()
    assert doc.dropped == 4
    assert problems(doc, "empty-document") == [Problem("empty-document", 0, "", "no text left after cleaning")]


def test_short_document_without_prose_keeps_its_lines():
    doc = clean(raw("OpenAI估值5000億美元\n訂閱"), rules())
    assert [l.text for l in doc.lines] == ["OpenAI估值5000億美元"]


def test_empty_file_is_only_reported_empty():
    doc = clean(raw("", Metadata()), rules())
    assert doc.problems == (Problem("empty-document", 0, "", "no text left after cleaning"),)


def test_undated_document_is_reported():
    doc = clean(raw(PROSE, Metadata()), rules())
    assert doc.problems == (Problem("missing-date", 0, "", "no publication date (no header, none stated in the text)"),)


def test_header_lines_are_not_body():
    doc = clean(RawDocument("doc.txt", f"date: 2025-01-01\n---\n{PROSE}", "utf-8", "0" * 64, body_start=3, meta=DATED), rules())
    assert [(l.number, l.text) for l in doc.lines] == [(3, PROSE)]
    assert doc.dropped == 0


# -------------------------------------------------------------- invisible, carried


def test_invisible_characters_are_stripped():
    text = f"{PROSE}\nOpen\u200bAI\u00ad的估\u200d值達到\u202a5000億\u202c美元\ufeff，用戶\u2066超過\u2069八億\u200e人。"
    doc = clean(raw(text), rules())
    assert line(doc, 2) == "OpenAI的估值達到5000億美元，用戶超過八億人。"
    assert doc.lines[1].original == text.split("\n")[1]


@pytest.mark.parametrize(
    ("dirty", "kept"),
    [
        ("清屏\x1b[2J\x1b[H變色\x1b[1;31m了\x1b[0m。", "清屏變色了。"),  # CSI sequences go whole
        ("八位\x9b31m控制\x9b0m。", "八位控制。"),  # the one-byte C1 CSI too
        ("標題\x1b]0;假標題\x07與\x1b]8;;https://x.example\x1b\\連結\x1b]8;;\x1b\\。", "標題與連結。"),  # OSC
        ("響鈴\x07退格\x08刪除\x7f空\x00字\x0b\x0c\x1f\x85\x9f。", "響鈴退格刪除空字。"),  # lone C0, DEL, C1
        ("保留\t定位符。", "保留\t定位符。"),
        ("鍵盤\x1bc重置。", "鍵盤重置。"),  # a two-character escape
    ],
)
def test_control_characters_and_escape_sequences_are_stripped(dirty, kept):
    assert strip_invisible(dirty) == kept


def test_control_characters_never_reach_a_line_or_its_offsets():
    dirty = "公司於2025年12月5日進入\x1b[31m「紅色警報」\x1b[0m狀態\x07，引發業界關注與討論。"
    doc = clean(raw(f"{PROSE}\n{dirty}"), rules())
    assert line(doc, 2) == "公司於2025年12月5日進入「紅色警報」狀態，引發業界關注與討論。"
    assert doc.lines[1].original == dirty


def test_decode_damage_is_carried_over():
    damage = Problem("decode-damage", 2, "壞\ufffd了", "1 invalid byte replaced (first at line 2)", "1")
    doc = clean(raw(f"{PROSE}\n壞\ufffd了。", problems=(damage,)), rules())
    assert doc.problems == (damage,)
