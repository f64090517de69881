"""People extraction: names in both scripts, pairings, titles, evidence rules, claim fields."""
from __future__ import annotations

import opencc
import pytest

from factcheck.settings import load_config
from factcheck.model import ClaimKind, Document, Line, Metadata, NameValue, TitleValue
from factcheck.extract.people import extract_people, find_people

RULES = load_config("rules")
_T2S = opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """What Line.norm holds: Simplified script, full-width ASCII folded, same length."""
    norm = _T2S.convert(text)
    norm = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in norm)
    assert len(norm) == len(text)
    return norm


def document(*texts: str, path: str = "doc.txt") -> Document:
    lines = tuple(Line(number, text, text, simplified(text)) for number, text in enumerate(texts, 1))
    return Document(path, "0" * 64, "utf-8", Metadata(), lines)


def names(doc: Document) -> list[tuple[str, str, str]]:
    """(subject, latin, cjk) of every NAME claim, in order."""
    return [(c.subject, c.value.latin, c.value.cjk) for c in extract_people(doc, RULES) if c.kind is ClaimKind.NAME]


def titles(doc: Document) -> list[tuple[str, TitleValue]]:
    return [(c.subject, c.value) for c in extract_people(doc, RULES) if c.kind is ClaimKind.TITLE]


def people(text: str) -> list[tuple[str, str, str]]:
    return [(text_norm[m.start : m.end], m.latin, m.cjk) for text_norm in [simplified(text)] for m in find_people(text_norm, RULES)]


# ------------------------------------------------------------------------ seed 000

SEED_000_ALTMAN = "面對谷歌日益嚴峻的競爭威脅,OpenAI CEO Sam Altman 近日發布“紅色代碼”警報,這標志著這家全球估值最高的初創公司正經歷一次重大的戰略修正。"
SEED_000_CAMPS = (
    "這一決策反映了公司內部兩股力量的博弈。以產品副總裁 Fidji Simo 和首席財務官 Sarah Friar 為代表的商業化團隊一直推動將更多資源投入ChatGPT，"
    "主張優化現有功能的發現率、速度和可靠性。而由首席科學家 Jakub Patchocki 領導的研究團隊則更傾向于追求最前沿的技術突破，如“推理”模型。"
)
SEED_000_STEYER = "正如兒童權益倡導組織Common Sense Media的創始人 Jim Steyer 所言，社交媒體多年來對參與度的優先追求導致了心理健康危機。"


def test_seed_000_latin_names_with_titles():
    doc = document(SEED_000_ALTMAN, SEED_000_CAMPS, SEED_000_STEYER)
    assert names(doc) == [
        ("sam altman", "Sam Altman", ""),
        ("fidji simo", "Fidji Simo", ""),
        ("sarah friar", "Sarah Friar", ""),
        ("jakub patchocki", "Jakub Patchocki", ""),
        ("jim steyer", "Jim Steyer", ""),
    ]
    assert titles(doc) == [
        ("sam altman", TitleValue("CEO", "ceo", org="OpenAI")),
        ("fidji simo", TitleValue("产品副总裁", "vp", domain="产品")),
        ("sarah friar", TitleValue("首席财务官", "cfo")),
        ("jakub patchocki", TitleValue("首席科学家", "chief-scientist")),
        ("jim steyer", TitleValue("创始人", "founder", org="Common Sense Media")),
    ]


def test_claim_fields_point_into_the_original_sentence():
    doc = document("導語", SEED_000_CAMPS)
    claims = extract_people(doc, RULES)
    fidji_name, fidji_title = claims[0], claims[1]
    sentence = "以產品副總裁 Fidji Simo 和首席財務官 Sarah Friar 為代表的商業化團隊一直推動將更多資源投入ChatGPT，主張優化現有功能的發現率、速度和可靠性。"
    assert (fidji_name.line, fidji_name.sentence, fidji_name.raw, fidji_name.start) == (2, sentence, "Fidji Simo", 7)
    assert (fidji_name.kind, fidji_name.attribute, fidji_name.doc) == (ClaimKind.NAME, "name", "doc.txt")
    assert fidji_name.terms == ("fidji simo",)
    assert (fidji_title.raw, fidji_title.start, fidji_title.attribute) == ("產品副總裁", 1, "title")
    assert fidji_title.sentence[fidji_title.start : fidji_title.start + len(fidji_title.raw)] == "產品副總裁"


# ------------------------------------------------------------------------ seed 001 (Traditional)

SEED_001_CAMP = (
    "· 產品派(The Product Camp): 以產品負責人、Meta前高管菲吉·西莫(Fidji Simo)和首席財務官薩拉·弗萊爾(Sarah Friar)為代表。"
    "她們的立場很明確：公司要活下去，必須賺錢。"
)
SEED_001_CRO = "OpenAI宣布任命Slack CEO丹尼斯·德雷斯勒(Denise Dresser)為首席營收官(CRO)，這更是給產品派打了支強心針。"
SEED_001_SUCCESSOR = "前首席科學家伊爾亞·蘇茨克維(Ilya Sutskever)離職後，接任者雅庫布·帕喬基(Jakub Pachocki)大力推崇“推理模型”(o1)。"
SEED_001_ECONOMIST = "今年9月份，公司經濟研究團隊的一員湯姆·坎寧安(Tom Cunningham)離職。"
SEED_001_STEYER = "非營利組織Common Sense Media創始人吉姆·斯泰爾(Jim Steyer)就此發出靈魂拷問。"


def test_seed_001_pairings_name_one_person_in_both_scripts():
    doc = document(SEED_001_CAMP, SEED_001_CRO, SEED_001_SUCCESSOR, SEED_001_ECONOMIST, SEED_001_STEYER)
    assert names(doc) == [
        ("fidji simo", "Fidji Simo", "菲吉·西莫"),
        ("sarah friar", "Sarah Friar", "萨拉·弗莱尔"),
        ("denise dresser", "Denise Dresser", "丹尼斯·德雷斯勒"),
        ("ilya sutskever", "Ilya Sutskever", "伊尔亚·苏茨克维"),
        ("jakub pachocki", "Jakub Pachocki", "雅库布·帕乔基"),
        ("tom cunningham", "Tom Cunningham", "汤姆·坎宁安"),
        ("jim steyer", "Jim Steyer", "吉姆·斯泰尔"),
    ]
    raws = [c.raw for c in extract_people(doc, RULES) if c.kind is ClaimKind.NAME]
    assert raws[0] == "菲吉·西莫(Fidji Simo)"
    assert raws[4] == "雅庫布·帕喬基(Jakub Pachocki)"


def test_seed_001_titles_before_and_after_the_name():
    doc = document(SEED_001_CAMP, SEED_001_CRO, SEED_001_SUCCESSOR, SEED_001_ECONOMIST, SEED_001_STEYER)
    assert titles(doc) == [
        ("fidji simo", TitleValue("产品负责人", "head", domain="产品")),
        ("fidji simo", TitleValue("高管", "head", org="Meta", past=True)),
        ("sarah friar", TitleValue("首席财务官", "cfo")),
        ("denise dresser", TitleValue("CEO", "ceo", org="Slack")),
        ("denise dresser", TitleValue("首席营收官", "cro")),
        ("ilya sutskever", TitleValue("首席科学家", "chief-scientist", past=True)),
        ("jim steyer", TitleValue("创始人", "founder", org="Common Sense Media")),
    ]
    raws = [c.raw for c in extract_people(doc, RULES) if c.kind is ClaimKind.TITLE]
    assert raws[:6] == ["產品負責人", "Meta前高管", "首席財務官", "Slack CEO", "首席營收官", "前首席科學家"]


# ------------------------------------------------------------------------ seed 002 (Simplified)

SEED_002_LEAVERS = (
    "其中包括了曾负责AI模型“推理”研究的副总裁杰瑞·特沃雷克(Jerry Tworek)，专注模型政策研究的安德里亚·瓦隆(Andrea Vallone)，"
    "以及经济学研究团队的汤姆·坎宁安(Tom Cunningham)。"
)
SEED_002_CEO = "在首席执行官萨姆·奥特曼(Sam Altman)的带领下，OpenAI一路高歌猛进，迅速成为科技界的焦点。"
SEED_002_CHEN = "对此，OpenAI的首席研究官马克·陈(Mark Chen)表达了不同的看法。"
SEED_002_CHEN_AGAIN = "马克·陈进一步阐释道，将前沿研究与实际产品部署相结合。"
SEED_002_JAKUB = "最终，他与首席科学家雅各布·帕乔基(Jakub Pachocki)之间产生了分歧，导致了僵持局面。"
SEED_002_XIAO = "Leonis Capital合伙人、同时也是OpenAI前研究员的珍妮·肖(Jenny Xiao)认为，OpenAI真正的优势，在于数亿活跃的ChatGPT用户。"


def test_seed_002_names_and_document_pairing_gives_latin_key():
    doc = document(SEED_002_LEAVERS, SEED_002_CEO, SEED_002_CHEN, SEED_002_CHEN_AGAIN, SEED_002_JAKUB, SEED_002_XIAO)
    assert names(doc) == [
        ("jerry tworek", "Jerry Tworek", "杰瑞·特沃雷克"),
        ("andrea vallone", "Andrea Vallone", "安德里亚·瓦隆"),
        ("tom cunningham", "Tom Cunningham", "汤姆·坎宁安"),
        ("sam altman", "Sam Altman", "萨姆·奥特曼"),
        ("mark chen", "Mark Chen", "马克·陈"),
        ("mark chen", "", "马克·陈"),  # a bare dot name takes the Latin key of its pairing
        ("jakub pachocki", "Jakub Pachocki", "雅各布·帕乔基"),
        ("jenny xiao", "Jenny Xiao", "珍妮·肖"),
    ]


def test_seed_002_titles_with_past_relative_clause_and_title_lists():
    doc = document(SEED_002_LEAVERS, SEED_002_CEO, SEED_002_CHEN, SEED_002_JAKUB, SEED_002_XIAO)
    assert titles(doc) == [
        ("jerry tworek", TitleValue("副总裁", "vp", past=True)),
        ("sam altman", TitleValue("首席执行官", "ceo")),
        ("mark chen", TitleValue("首席研究官", "chief-research-officer", org="OpenAI")),
        ("jakub pachocki", TitleValue("首席科学家", "chief-scientist")),
        ("jenny xiao", TitleValue("合伙人", "partner", org="Leonis Capital")),
        ("jenny xiao", TitleValue("研究员", "researcher", org="OpenAI", past=True)),
    ]


# ------------------------------------------------------------------------ seed 003 (Traditional)

SEED_003_SIMO = (
    "2024年5月，OpenAI完成了一項關鍵人事任命：聘請了Meta核心變現模式的設計者之一、"
    "時任生鮮雜貨配送平台Instacart首席執行官的Fidji Simo，擔任其應用業務CEO。"
)
SEED_003_LATER = "根據Fidji Simo本人領英主頁的信息顯示，她已于2024年8月正式入職OpenAI。"


def test_seed_003_former_title_before_and_current_title_after():
    doc = document(SEED_003_SIMO, SEED_003_LATER)
    assert titles(doc) == [
        ("fidji simo", TitleValue("首席执行官", "ceo", org="Instacart", past=True)),
        ("fidji simo", TitleValue("应用业务CEO", "ceo", domain="应用业务")),
    ]
    # the second mention has no title: it is accepted because the document named her already
    assert names(doc) == [("fidji simo", "Fidji Simo", ""), ("fidji simo", "Fidji Simo", "")]


def test_unknown_latin_name_without_evidence_is_not_a_person():
    assert names(document(SEED_003_LATER)) == []


# ------------------------------------------------------------------------ own documents


def test_traditional_taiwan_titles_and_surname_pairing():
    doc = document("輝達執行長黃仁勳(Jensen Huang)表示，微軟執行長薩蒂亞·納德拉（Satya Nadella）也同意。")
    assert names(doc) == [
        ("jensen huang", "Jensen Huang", "黄仁勋"),
        ("satya nadella", "Satya Nadella", "萨蒂亚·纳德拉"),
    ]
    assert [t.role for _, t in titles(doc)] == ["ceo", "ceo"]


def test_title_list_joined_by_jian_and_reverse_pairing():
    doc = document("創辦人兼執行長伊隆·馬斯克週二宣布。", "Sam Altman（萨姆·奥特曼）称，前蘋果設計長喬納森·艾夫(Jonathan Ive)加入OpenAI。")
    assert names(doc) == [
        ("伊隆·马斯克", "", "伊隆·马斯克"),
        ("sam altman", "Sam Altman", "萨姆·奥特曼"),
        ("jonathan ive", "Jonathan Ive", "乔纳森·艾夫"),
    ]
    assert titles(doc) == [
        ("伊隆·马斯克", TitleValue("创办人", "founder")),
        ("伊隆·马斯克", TitleValue("执行长", "ceo")),
        # 苹果 is an organisation of [lexicon.entities], so it is the org, not the domain
        ("jonathan ive", TitleValue("设计长", "chief:设计", org="苹果", past=True)),
    ]


def test_latin_past_markers_and_leading_title_words():
    doc = document("Ex-CEO John Smith和former CFO Jane Doe出席，President Donald Trump致辞。")
    assert titles(doc) == [
        ("john smith", TitleValue("CEO", "ceo", past=True)),
        ("jane doe", TitleValue("CFO", "cfo", past=True)),
        ("donald trump", TitleValue("President", "president")),
    ]


def test_english_titles_and_organisations():
    doc = document("OpenAI Chief Strategy Officer Jason Kwon said so.", "The performer CEO Bob Smith said so.")
    assert titles(doc) == [
        ("jason kwon", TitleValue("Chief Strategy Officer", "chief:strategy", org="OpenAI")),
        ("bob smith", TitleValue("CEO", "ceo")),  # neither "performer" as an org nor its "former"
    ]


def test_pairing_shows_where_a_dot_name_ends():
    # 灵 is not a transliteration character: the Latin pairing still carries the name to its end
    doc = document("计算机科学家艾伦·图灵(Alan Turing)提出了这个问题。")
    assert names(doc) == [("alan turing", "Alan Turing", "艾伦·图灵")]
    assert titles(doc) == [("alan turing", TitleValue("计算机科学家", "scientist", domain="计算机"))]


def test_connector_titles_after_the_name():
    doc = document("OpenAI任命Fidji Simo为应用业务首席执行官。", "Kevin Weil曾任Instagram产品副总裁。", "Sarah Friar，现任OpenAI首席财务官。")
    assert titles(doc) == [
        ("fidji simo", TitleValue("应用业务首席执行官", "ceo", domain="应用业务")),
        ("kevin weil", TitleValue("产品副总裁", "vp", domain="产品", org="Instagram", past=True)),
        ("sarah friar", TitleValue("首席财务官", "cfo", org="OpenAI")),
    ]


def test_chief_wildcard_gives_chief_role_with_its_domain():
    doc = document("OpenAI首席戰略官Jason Kwon對此的辯解頗具玩味。", "他是向首席全球事務官克里斯·萊恩(Chris Lehane)匯報工作。")
    assert [(s, t.role, t.org) for s, t in titles(doc)] == [
        ("jason kwon", "chief:战略", "OpenAI"),
        ("chris lehane", "chief:全球事务", ""),
    ]


def test_dot_names_stop_at_titles_and_following_words():
    assert people("首席执行官萨姆·奥特曼在周一表示") == [("萨姆·奥特曼", "", "萨姆·奥特曼")]
    assert people("接任者雅庫布·帕喬基大力推崇") == [("雅库布·帕乔基", "", "雅库布·帕乔基")]
    assert people("经济学研究团队的汤姆·坎宁安已于去年离开") == [("汤姆·坎宁安", "", "汤姆·坎宁安")]
    assert people("据接近杰瑞·特沃雷克表示") == [("杰瑞·特沃雷克", "", "杰瑞·特沃雷克")]
    assert people("谷歌首席执行官桑达尔·皮查伊达成协议") == [("桑达尔·皮查伊", "", "桑达尔·皮查伊")]
    assert people("澳大利亚总理安东尼·阿尔巴尼斯出席") == [("安东尼·阿尔巴尼斯", "", "安东尼·阿尔巴尼斯")]
    assert people("以产品负责人、Meta前高管菲吉·西莫和她") == [("菲吉·西莫", "", "菲吉·西莫")]


def test_middle_dot_variants_are_folded_in_the_value():
    assert people("研究员约翰•史密斯和玛丽‧安托瓦内特") == [
        ("约翰•史密斯", "", "约翰·史密斯"),
        ("玛丽‧安托瓦内特", "", "玛丽·安托瓦内特"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "谷歌近期推出的Nano Banana图像生成器在LM Arena中迅速崛起。",
        "兒童權益倡導組織Common Sense Media表示。",
        "推出 Stargate UAE，这是Stargate的首次国际部署。",
        "擔當ChatGPT的“Head of Applications”這一要職。",
        "這種方法被稱為LUPO(Local User Preference Optimization,本地用戶偏好優化)。",
        "· 研究派(The Research Camp): 這群人堅守著OpenAI的初心。",
        "Leonis Capital合伙人认为，这是一个错误的问题。",
        "旗艦大型語言模型(Large Language Models,LLM)發布增量更新。",
        "那些致力於生成式媒體(Generative Media)的團隊。",
        "Oracle(甲骨文) 达成合作，NVIDIA(英伟达) 宣布建立合作伙伴关系。",
        "· PBC(營利性公益公司):此部分將專注于股東回報。",
    ],
)
def test_products_orgs_and_phrases_are_not_people(text):
    assert people(text) == []


def test_same_surname_different_people_keep_distinct_keys():
    doc = document("前议员Tom Steyer与Common Sense Media创始人Jim Steyer是兄弟。")
    assert names(doc) == [("tom steyer", "Tom Steyer", ""), ("jim steyer", "Jim Steyer", "")]


def test_find_people_spans_and_keys():
    norm = simplified(SEED_001_CRO)
    [mention] = find_people(norm, RULES)
    assert norm[mention.start : mention.end] == "丹尼斯·德雷斯勒(Denise Dresser)"
    assert mention.key == "denise dresser"
    assert [(norm[t.start : t.end], t.value.role) for t in mention.titles] == [("Slack CEO", "ceo"), ("首席营收官", "cro")]


def test_extraction_is_deterministic():
    doc = document(SEED_001_CAMP, SEED_002_XIAO, SEED_003_SIMO, SEED_000_CAMPS)
    first = extract_people(doc, RULES)
    assert extract_people(doc, RULES) == first
    assert [c.subject for c in first if c.line == 4] == [
        "fidji simo", "fidji simo", "sarah friar", "sarah friar", "jakub patchocki", "jakub patchocki",
    ]


def test_empty_rules_directory_finds_no_people(tmp_path):
    empty = load_config(tmp_path)
    doc = document(SEED_001_CAMP, SEED_000_CAMPS)
    assert extract_people(doc, empty) == []


def test_title_rules_document_exclusive_and_generic_roles():
    rules = RULES.lex("title_rules")
    assert {"ceo", "cfo", "vp", "chief-scientist", "chief:*"} <= set(rules["exclusive"])
    assert {"head", "founder", "board-member", "researcher"} <= set(rules["generic"])
    assert not set(rules["exclusive"]) & set(rules["generic"])
    roles = set(RULES.lex("titles"))
    assert {r for r in [*rules["exclusive"], *rules["generic"]]} <= roles


def test_name_value_renders_latin_first():
    assert NameValue("Mark Chen", "马克·陈").render() == "Mark Chen"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("聯合國秘書長古特雷斯（António Guterres）呼籲各國提供援助。", ("古特雷斯(António Guterres)", "António Guterres", "古特雷斯")),  # the helper folds （）
        ("联合国秘书长古特雷斯(Antonio Guterres)呼吁国际社会提供援助。", ("古特雷斯(Antonio Guterres)", "Antonio Guterres", "古特雷斯")),
    ],
)
def test_undotted_transliteration_stops_at_the_title_before_it(text, expected):
    assert people(text) == [expected]
