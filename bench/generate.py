"""Benchmark corpus: N realistic news documents about many stories, both scripts, known contradictions."""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import json
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DOCS_PER_STORY = 20  # about as many outlets as cover one story; stories never share subjects
CONFLICT_RATE = 0.15  # share of documents that state one fact differently from their story
TARGET_CHARS = 3000

# Document i depends only on (seed, i): a corpus of 1,000 is the prefix of one of 10,000, and
# document N is "the next one" for an incremental run.

GIVEN = [
    ("Sam", "萨姆"), ("Jakub", "雅各布"), ("Mark", "马克"), ("Sarah", "莎拉"), ("Tom", "汤姆"),
    ("Jerry", "杰瑞"), ("Andrea", "安德里亚"), ("David", "大卫"), ("Lisa", "丽莎"), ("Kevin", "凯文"),
    ("Emily", "艾米丽"), ("Daniel", "丹尼尔"), ("Laura", "劳拉"), ("Peter", "彼得"), ("Nina", "妮娜"),
    ("Oliver", "奥利弗"), ("Maria", "玛丽亚"), ("Victor", "维克多"), ("Helen", "海伦"), ("Lucas", "卢卡斯"),
    ("Anna", "安娜"), ("Brian", "布莱恩"), ("Chloe", "克洛伊"), ("Ethan", "伊森"), ("Grace", "格蕾丝"),
    ("Henry", "亨利"), ("Irene", "艾琳"), ("Jason", "杰森"), ("Karen", "凯伦"), ("Leo", "利奥"),
    ("Monica", "莫妮卡"), ("Nathan", "内森"), ("Olga", "奥尔加"), ("Paul", "保罗"), ("Rachel", "瑞秋"),
    ("Simon", "西蒙"), ("Tina", "蒂娜"), ("Walter", "沃尔特"), ("Yusuf", "优素福"), ("Zoe", "佐伊"),
]
SURNAMES = [
    ("Pachocki", "帕乔基"), ("Friar", "弗莱尔"), ("Cunningham", "坎宁安"), ("Tworek", "特沃雷克"),
    ("Vallone", "瓦隆"), ("Miller", "米勒"), ("Johnson", "约翰逊"), ("Walker", "沃克"), ("Fischer", "菲舍尔"),
    ("Novak", "诺瓦克"), ("Keller", "凯勒"), ("Russo", "鲁索"), ("Larsen", "拉森"), ("Moreau", "莫罗"),
    ("Petrov", "彼得罗夫"), ("Dubois", "杜布瓦"), ("Schmidt", "施密特"), ("Ortega", "奥尔特加"),
    ("Bennett", "贝内特"), ("Hughes", "休斯"), ("Palmer", "帕尔默"), ("Lindqvist", "林德奎斯特"),
    ("Kowalski", "科瓦尔斯基"), ("Brennan", "布伦南"), ("Castillo", "卡斯蒂略"), ("Anderson", "安德森"),
    ("Baxter", "巴克斯特"), ("Carver", "卡弗"), ("Donovan", "多诺万"), ("Eriksen", "埃里克森"),
    ("Fleming", "弗莱明"), ("Garrison", "加里森"), ("Harper", "哈珀"), ("Ingram", "英格拉姆"),
    ("Jansen", "扬森"), ("Kaplan", "卡普兰"), ("Lambert", "兰伯特"), ("Mendoza", "门多萨"),
    ("Nielsen", "尼尔森"), ("Oakley", "奥克利"), ("Pearson", "皮尔森"), ("Quinn", "奎因"),
    ("Romero", "罗梅罗"), ("Sandoval", "桑多瓦尔"), ("Thornton", "桑顿"),
]
ORG_CHARS = "星辰云图深蓝极光量子天穹智源银河海纳启明远景磐石长风青禾赤霄玄武灵犀鸿鹄北斗"
ORG_TAILS = ["科技", "智能", "动力", "实验室", "数据", "机器人"]
BRAND_PARTS = ["Nu", "Zen", "Vor", "Lum", "Quan", "Ax", "Cel", "Tri", "Ori", "Sol", "Ky", "Mer", "Ven", "Dra",
               "Bel", "Cor", "Fal", "Hel", "Jun", "Pyr"]
BRAND_ENDS = ["ora", "trix", "ion", "ex", "ara", "is", "eon", "ix", "um", "yx", "ant", "elo"]
TITLES = ["首席财务官", "首席科学家", "产品副总裁", "研究副总裁", "首席技术官", "首席运营官"]
WRONG_TITLES = {"首席财务官": "财务总监", "首席科学家": "研究主管", "产品副总裁": "产品总监",
                "研究副总裁": "高级研究员", "首席技术官": "工程副总裁", "首席运营官": "首席执行官"}
OUTLETS = ["新华财经", "网易科技", "澎湃新闻", "经济日报", "联合新闻网", "中央社", "明报", "财新网",
           "第一财经", "科技新报", "数字时代", "界面新闻"]
SCRIPTS = ["s2t", "s2tw", "s2hk"]


@dataclass(frozen=True)
class Person:
    latin: str
    cjk: str


@dataclass(frozen=True)
class Story:
    """The facts every document about one story reports (unless it contradicts them)."""

    org: str
    brand: str
    product: str
    ceo: Person
    officer: Person
    officer_title: str
    leaver: Person
    launch: dt.date
    leave: dt.date
    valuation: int  # 亿美元
    users: int  # 万 weekly active users
    pause_weeks: int
    compute: int  # 亿美元 planned


# -------------------------------------------------------------------------------- filler


@functools.lru_cache(maxsize=1)
def seed_sentences() -> tuple[str, ...]:
    """Sentences of the seed articles that state no checkable fact (no digits, names or titles), Simplified."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for sentence in re.findall(r"[^。！？!?\n]+[。！？!?]", text):
            sentence = sentence.strip()
            if len(sentence) < 20 or re.search(NOT_FILLER, sentence):
                continue
            out.append(sentence)
    # one script per document, as outlets write: the document's conversion decides it
    return tuple(converter("t2s").convert("\n".join(out)).split("\n"))


# Seed sentences with numbers, dates (also relative: 周一, 今年), titles or the seeds' people would
# state facts about the seeds' story in every document and make all documents one story.
NOT_FILLER = re.compile(
    r"[0-9０-９%年月日周週季天号號]|星期|[A-Z][a-z]+ [A-Z]|首席|总裁|總裁|主管|负责人|負責人|CEO|·|\|"
    r"|Altman|Pachocki|Patchocki|Simo|Friar|Tworek|Vallone|Cunningham|扎克伯格|奥特曼|奧特曼"
)

OWN_FILLER = [
    "业内人士普遍认为，这一变化反映出行业竞争格局正在发生深刻调整。",
    "分析师指出，资本市场对人工智能企业的耐心正在减少，盈利能力成为新的关注焦点。",
    "对于普通用户而言，这些变化或许并不明显，但对开发者生态的影响不容忽视。",
    "多位接近公司的人士表示，内部对于研究与产品之间的优先次序存在明显分歧。",
    "截至发稿，公司方面尚未对上述消息作出正式回应。",
    "有评论认为，这场竞赛的胜负将取决于谁能更快地把技术优势转化为商业收入。",
    "监管机构也在密切关注相关动向，并表示将适时出台更明确的指导意见。",
    "与此同时，竞争对手纷纷加快产品迭代节奏，试图抢占市场先机。",
    "一位不愿具名的工程师说，团队的工作节奏明显加快，许多实验被迫让位于产品上线。",
    "投资者关心的问题很简单：巨额投入何时能够带来与之相称的回报。",
    "在开发者社区，围绕新模型能力的讨论持续升温，评价褒贬不一。",
    "部分企业客户表示，他们更看重服务的稳定性和数据安全，而不是模型排行榜上的名次。",
    "学术界人士担心，基础研究的投入减少可能会影响整个领域的长期进步。",
    "从行业整体来看，算力成本依然是制约大模型公司盈利的最大因素。",
    "公司内部的一份文件显示，管理层希望在短期内显著提升用户留存。",
    "不少观察人士指出，人才流动本身并不罕见，但集中离职往往预示着方向上的分歧。",
    "这一决定在员工中引发了不同反应，有人支持聚焦产品，也有人担心研究文化受到侵蚀。",
    "对于这家公司而言，如何在商业化与使命之间取得平衡，仍是一个悬而未决的问题。",
    "市场研究机构认为，消费级应用的竞争已经进入拼细节、拼体验的阶段。",
    "值得注意的是，竞争对手在企业市场的布局同样在加速。",
]


# -------------------------------------------------------------------------------- stories


def story(seed: int, number: int) -> Story:
    rng = random.Random(f"story:{seed}:{number}")
    people = persons(seed)
    ceo, officer, leaver = (people[(3 * number + k) % len(people)] for k in range(3))
    brands = brand_names(seed)
    brand = brands[number % len(brands)]
    launch = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 900))
    names = org_names(seed)
    return Story(
        org=names[number % len(names)],
        brand=brand,
        product=f"{brand} {rng.randrange(2, 9)}",
        ceo=ceo, officer=officer, officer_title=rng.choice(TITLES), leaver=leaver,
        launch=launch, leave=launch + dt.timedelta(days=rng.randrange(20, 120)),
        valuation=rng.choice([80, 150, 300, 500, 1200, 2600, 5000]),
        users=rng.choice([800, 2500, 6000, 12000, 40000, 80000]),
        pause_weeks=rng.choice([4, 6, 8, 10, 12]),
        compute=rng.choice([100, 250, 600, 1400]),
    )


# Names are dealt out from shuffled lists so that stories do not share people, organisations or
# products (until a list runs out): distinct stories must not contradict each other.


@functools.lru_cache(maxsize=4)
def persons(seed: int) -> tuple[Person, ...]:
    pairs = [(g, s) for g in GIVEN for s in SURNAMES]
    random.Random(f"people:{seed}").shuffle(pairs)
    return tuple(Person(f"{g[0]} {s[0]}", f"{g[1]}·{s[1]}") for g, s in pairs)


@functools.lru_cache(maxsize=4)
def brand_names(seed: int) -> tuple[str, ...]:
    names = [a + b for a in BRAND_PARTS for b in BRAND_ENDS]
    random.Random(f"brands:{seed}").shuffle(names)
    return tuple(names)


@functools.lru_cache(maxsize=4)
def org_names(seed: int) -> tuple[str, ...]:
    """Distinct organisation names (two characters and a trade word), one per story."""
    names = [a + b + tail for a in ORG_CHARS for b in ORG_CHARS if a != b for tail in ORG_TAILS]
    random.Random(f"orgs:{seed}").shuffle(names)
    return tuple(names)


def misspell(name: str, rng: random.Random) -> str:
    """A plausible misspelling of a Latin name: one letter doubled, dropped or swapped."""
    given, surname = name.split(" ", 1)
    i = rng.randrange(1, len(surname) - 1)
    variants = [surname[:i] + surname[i] + surname[i:], surname[:i] + surname[i + 1:],
                surname[:i] + surname[i + 1] + surname[i] + surname[i + 2:]]
    return f"{given} {rng.choice([v for v in variants if v != surname] or [surname + 'n'])}"


def contradict(facts: Story, rng: random.Random) -> tuple[Story, dict]:
    """The story with one fact changed, and a manifest entry naming it."""
    field = rng.choice(["launch", "leave", "valuation", "users", "officer_title", "ceo"])
    if field == "launch":
        changed = replace(facts, launch=facts.launch + dt.timedelta(days=rng.choice([-31, -7, 3, 30])))
    elif field == "leave":
        changed = replace(facts, leave=facts.leave + dt.timedelta(days=rng.choice([-14, 10, 61])))
    elif field == "valuation":
        # a change no rounding explains (1200 vs 1210 is the same figure rounded): half as much again or more
        changed = replace(facts, valuation=facts.valuation * rng.choice([3, 5]) // 2)
    elif field == "users":
        changed = replace(facts, users=facts.users * 2)
    elif field == "officer_title":
        changed = replace(facts, officer_title=WRONG_TITLES[facts.officer_title])
    else:
        changed = replace(facts, ceo=Person(misspell(facts.ceo.latin, rng), facts.ceo.cjk))
    return changed, {"field": field, "stated": _shown(getattr(facts, field)), "written": _shown(getattr(changed, field))}


def _shown(value: object) -> str:
    return value.latin if isinstance(value, Person) else str(value)


# ------------------------------------------------------------------------------ writing


def write_date(day: dt.date, published: dt.date, rng: random.Random) -> str:
    forms = [f"{day.year}年{day.month}月{day.day}日", f"{day.year}年{day.month}月{day.day}号"]
    if day.year == published.year:
        forms.append(f"{day.month}月{day.day}日")
    return rng.choice(forms)


def write_yi(amount: int, rng: random.Random) -> str:
    """An amount in 亿 written one of the ways Chinese news writes it."""
    forms = [f"{amount}亿", f"{amount:,}亿"]
    if amount >= 1000 and amount % 100 == 0:
        forms.append(f"{amount / 10000:g}万亿")
    return rng.choice(forms)


def write_wan(amount: int, rng: random.Random) -> str:
    forms = [f"{amount}万"]
    if amount % 10000 == 0:
        forms.append(f"{amount // 10000}亿")
    return rng.choice(forms)


def fact_sentences(facts: Story, published: dt.date, rng: random.Random, keep: str | None = None) -> list[str]:
    """Four to seven of the story's fact sentences, shuffled; always the one stating field `keep`
    (a planted contradiction the document never states would be no contradiction at all)."""
    org = rng.choice([facts.org, f"{facts.org}({facts.brand})"])
    ceo = rng.choice([f"{facts.ceo.cjk}({facts.ceo.latin})", f"{facts.ceo.latin} ", f"{facts.ceo.cjk}({facts.ceo.latin})"])
    launch = write_date(facts.launch, published, rng)
    leave = write_date(facts.leave, published, rng)
    sentences = [
        f"{org}于{launch}正式发布新一代模型{facts.product}，首席执行官{ceo}称这是公司成立以来最重要的一次更新。",
        f"据知情人士透露，{facts.org}在最新一轮融资中的估值已达到{write_yi(facts.valuation, rng)}美元。",
        # a point figure: "over 800万" and "over 1600万" would both be true, not a contradiction
        f"{facts.org}旗下产品的周活跃用户已达{write_wan(facts.users, rng)}人。",
        f"公司{facts.officer_title}{facts.officer.cjk}({facts.officer.latin})负责推动这一轮战略调整。",
        f"研究副总裁{facts.leaver.cjk}({facts.leaver.latin})已于{leave}离职，成为近期离开的多位资深员工之一。",
        f"为集中资源，{facts.org}决定暂停多个长期研究项目{facts.pause_weeks}周。",
        f"公司计划在未来三年内投入约{write_yi(facts.compute, rng)}美元用于采购算力。",
    ]
    fields = ["launch", "valuation", "users", "officer_title", "leave", "pause", "compute"]  # in sentence order
    stated = list(zip(fields, sentences))
    rng.shuffle(stated)
    chosen = stated[: rng.randrange(4, len(stated) + 1)]
    wanted = "launch" if keep == "ceo" else keep  # the launch sentence names the CEO
    if wanted is not None and all(field != wanted for field, _ in chosen):
        chosen[-1] = next(pair for pair in stated if pair[0] == wanted)
    return [sentence for _, sentence in chosen]


def document(seed: int, index: int) -> tuple[str, str, str, dict | None]:
    """(file name, text in Simplified, script conversion, contradiction or None) of document `index`."""
    rng = random.Random(f"doc:{seed}:{index}")
    facts = story(seed, index // DOCS_PER_STORY)
    conflict = None
    if rng.random() < CONFLICT_RATE:
        facts, conflict = contradict(facts, rng)
    published = max(facts.launch, facts.leave) + dt.timedelta(days=rng.randrange(1, 15))
    outlet = rng.choice(OUTLETS)
    head = ["首页 > 科技 > 正文", f"{facts.org}战略转向：{rng.choice(['押注产品', '研究让位', '高管出走'])}",
            rng.choice([f"时间:{published.isoformat()} 来源:{outlet}", f"{published.isoformat()} {rng.randrange(8, 23)}:{rng.randrange(60):02d}"]), ""]
    body = _body(fact_sentences(facts, published, rng, conflict and conflict["field"]), rng)
    tail = ["", f"责任编辑：{rng.choice(['王楠', '李娜', '陈晨'])}", "相关阅读", f"京公网安备 {rng.randrange(10**13, 10**14)}号"]
    text = "\n".join([*head, *body, *tail]) + "\n"
    script = rng.choice(SCRIPTS) if rng.random() < 0.5 else ""
    name = f"{index:05d}_{hashlib.sha1(f'{seed}:{index}'.encode()).hexdigest()[:12]}.txt"
    return name, text, script, conflict


def _body(facts: list[str], rng: random.Random) -> list[str]:
    filler = seed_sentences() + tuple(OWN_FILLER)
    paragraphs, paragraph, length = [], [], 0
    pending = list(facts)
    while length < TARGET_CHARS or pending:
        if pending and rng.random() < 0.35:
            sentence = pending.pop(0)
        else:
            sentence = rng.choice(filler)
        paragraph.append(sentence)
        length += len(sentence)
        if len(paragraph) >= rng.randrange(2, 5):
            paragraphs.append("".join(paragraph))
            paragraph = []
    if paragraph:
        paragraphs.append("".join(paragraph))
    return paragraphs


@functools.lru_cache(maxsize=None)
def converter(config: str):
    import opencc

    return opencc.OpenCC(f"{config}.json")


def encoded(text: str, script: str, rng: random.Random) -> bytes:
    """Mostly UTF-8; some files with a BOM, some in the legacy encoding of their script."""
    roll = rng.random()
    if roll < 0.03:
        return text.encode("utf-8-sig")
    if roll < 0.10:
        try:
            return text.encode("big5" if script else "gb18030")
        except UnicodeEncodeError:  # Big5 lacks some characters: such sites publish UTF-8
            pass
    return text.encode("utf-8")


def generate(out: Path, count: int, seed: int = 7, start: int = 0) -> list[dict]:
    """Write documents start..start+count-1 into `out`; return the contradictions planted."""
    out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for index in range(start, start + count):
        name, text, script, conflict = document(seed, index)
        if script:
            text = converter(script).convert(text)
        (out / name).write_bytes(encoded(text, script, random.Random(f"enc:{seed}:{index}")))
        if conflict:
            manifest.append({"doc": name, "story": index // DOCS_PER_STORY, **conflict})
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path, help="folder to write the documents into")
    parser.add_argument("--n", type=int, default=1000, help="number of documents")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--start", type=int, default=0, help="index of the first document")
    parser.add_argument("--manifest", type=Path, default=None, help="write the planted contradictions here (JSON)")
    args = parser.parse_args()
    manifest = generate(args.out, args.n, args.seed, args.start)
    if args.manifest:
        args.manifest.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.n} documents in {args.out}, {len(manifest)} with a planted contradiction")


if __name__ == "__main__":
    main()
