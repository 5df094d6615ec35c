#!/usr/bin/env python3
"""Generates the benchmark corpus: N news-like source feeds and a feeds.conf, deterministic for a seed.

    gen_corpus.py corpus N [--seed S] [--out DIR]      writes DIR (default benchmarks/corpus/N)
    gen_corpus.py conf CORPUS --out FILE --prefix P    writes a feeds.conf whose sources are P + path

The corpus is shaped like real news feeds: 60% RSS 2.0 with content:encoded, 30% Atom 1.0, 10% RSS 1.0;
20-100 items each carrying 1-10 KB of HTML; English, accented Latin, Chinese, Urdu and Cyrillic text;
some documents really encoded as ISO-8859-1 or windows-1252; about 10% of item slots hold stories
repeated across 2-4 feeds (some with utm_ parameters on their links); dates in RFC 822 and RFC 3339.
No network, no clock: the same seed and N give byte-identical files on every machine.
"""

import argparse
import datetime
import hashlib
import json
import math
import os
import random
import shutil
import sys
from xml.sax.saxutils import escape, quoteattr

# Bump when the output changes, so that scripts/bench regenerates an existing corpus.
GENERATOR_VERSION = 3
DEFAULT_SEED = 20261129
# Fixed "now" of the corpus: dates never come from the clock.
REFERENCE_TIME = datetime.datetime(2026, 11, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)

CATEGORIES = [
    ("world", "World", "News from around the world"),
    ("politics", "Politics", "Politics, elections and diplomacy"),
    ("business", "Business", "Markets, companies and the economy"),
    ("tech", "Technology", "Technology and the companies behind it"),
    ("science", "Science", "Science, health and the environment"),
    ("sports", "Sports", "Football, cricket, basketball and more"),
    ("culture", "Culture", "Books, film, music and the arts"),
    ("asia", "Asia", "China, India, Pakistan and their neighbours"),
]

# Share of feeds per primary language; "latin" is French, Spanish, German and Portuguese.
LANGUAGES = [("en", 0.45), ("latin", 0.20), ("zh", 0.12), ("ru", 0.12), ("ur", 0.08), ("mixed", 0.03)]
LANGUAGE_TAGS = {"en": "en", "latin": "fr", "zh": "zh-CN", "ru": "ru", "ur": "ur", "mixed": "en"}
# Share of all feeds stored in a legacy single-byte encoding (taken from the Latin-language ones).
LEGACY_SHARE = 0.06
SHARED_SLOT_SHARE = 0.10

WORDS = {
    "en": """the government said on Monday that talks with neighbouring countries would continue despite
        growing pressure from opposition parties and business groups over rising prices minister
        officials reported economy market shares fell sharply after central bank raised interest rates
        company announced new plans to expand production while workers protested outside factory
        election campaign voters turnout results parliament president prime court ruling appeal
        scientists discovered climate change research university study found evidence health hospital
        patients doctors vaccine football match team scored goal season championship coach players
        fans stadium city council police investigation local residents community water supply energy
        prices oil gas electricity network technology software startup investors billion million
        percent quarter growth trade exports imports agreement summit leaders security defence army
        border conflict ceasefire humanitarian aid refugees journalists reported weather storm flood
        drought harvest farmers rural schools teachers students education reform budget tax spending
        debt inflation currency dollar yuan rupee euro analysts expect further decline next week
        film festival director actor music concert album artist museum exhibition book novel author
        award ceremony thousands people gathered streets celebrate anniversary historic decision
        café Zürich São Paulo Nestlé résumé""".split(),
    "latin": """le gouvernement a annoncé lundi une réforme économique malgré la grève des travailleurs
        été très difficile pour les élèves et les enseignants à Montréal et à Genève où la société
        française prévoit une hausse des prix de l'énergie déjà élevés el presidente anunció además
        que la economía española crecerá según los análisis del año próximo en América Latina la
        región más afectada por la sequía niños educación información política según señaló también
        die Bundesregierung hat am Dienstag beschlossen dass die Steuern für Unternehmen in München
        und Köln sinken sollen während die Gewerkschaften Lohnerhöhungen fordern Bürger Straße Grüße
        o governo brasileiro anunciou ações para a região Nordeste em São Paulo a população está
        preocupada com a inflação e a situação econômica do país além disso o Ministério da Educação
        café naïve façade crème brûlée œuvre cœur déjà-vu Zürich Ångström Malmö Øresund Ísland""".split(),
    "ru": """правительство заявило в понедельник что переговоры с соседними странами продолжатся
        несмотря на давление оппозиции и бизнеса из-за роста цен министр экономики рынок акции
        упали после того как центральный банк повысил ключевую ставку компания объявила о планах
        расширить производство рабочие вышли на забастовку выборы избиратели результаты парламент
        президент суд решение учёные обнаружили изменение климата исследование университет здоровье
        больница врачи футбол матч команда забила гол сезон чемпионат тренер игроки болельщики
        город совет полиция расследование жители энергия нефть газ электричество технологии
        инвесторы миллиард миллион процентов рост торговля экспорт соглашение саммит лидеры""".split(),
    "ur": """حکومت نے پیر کو کہا کہ ہمسایہ ممالک کے ساتھ مذاکرات جاری رہیں گے اپوزیشن جماعتوں
        اور کاروباری حلقوں کے دباؤ کے باوجود مہنگائی وزیر اعظم معیشت مارکیٹ حصص اسٹیٹ بینک نے شرح سود
        میں اضافہ کیا کمپنی نے نئے منصوبوں کا اعلان کیا مزدوروں نے احتجاج کیا انتخابات ووٹرز نتائج
        پارلیمنٹ صدر عدالت فیصلہ سائنسدانوں نے موسمیاتی تبدیلی تحقیق یونیورسٹی صحت ہسپتال ڈاکٹر
        کرکٹ میچ ٹیم نے رنز بنائے کپتان کھلاڑی شائقین کراچی لاہور اسلام آباد پولیس تحقیقات شہری
        بجلی گیس تیل ٹیکنالوجی سرمایہ کار ارب ملین فیصد ترقی تجارت برآمدات معاہدہ اجلاس رہنما""".split(),
}
# Common characters; Chinese text is made of runs of these with Chinese punctuation, no spaces.
HANZI = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产"
         "种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本"
         "去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或"
         "但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品"
         "式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先"
         "回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清"
         "经济发展合作会议中国北京上海习近平总理外交部科技创新市场企业投资银行体育足球比赛冠军文化电影音乐")
PUNCTUATION_ZH = "，。；：、"
NAMES = {
    "en": ["Sarah Mitchell", "James O'Neill", "Priya Raman", "David Chen", "Amina Yusuf", "Tom Becker"],
    "latin": ["Élodie Marchand", "José Núñez", "Jürgen Weiß", "Inês Gonçalves", "François Dubé", "Sofía Peña"],
    "zh": ["王小明", "李华", "张伟", "刘洋", "陈静", "杨帆"],
    "ru": ["Анна Иванова", "Дмитрий Смирнов", "Ольга Кузнецова", "Сергей Попов", "Елена Соколова"],
    "ur": ["عائشہ خان", "محمد علی", "فاطمہ احمد", "عمران حسین", "زینب ملک"],
}
# Characters windows-1252 has and ISO-8859-1 lacks: replaced by ASCII in ISO-8859-1 documents.
LATIN1_FALLBACK = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-",
                                 "\u2014": "--", "\u2026": "...", "\u20ac": "EUR", "\u0153": "oe", "\u0152": "OE"})
# Typographic characters every English or Latin text carries now and then (all in windows-1252).
TYPOGRAPHY = ["\u201cwe will not back down\u201d", "\u2014", "\u2018final\u2019", "\u20ac2.5 billion", "\u2026", "\u2013"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# UTC offsets in minutes that feeds publish with (London, New York, Paris, Moscow, Karachi, Delhi, Beijing).
OFFSETS = [0, 0, -300, 60, 180, 300, 330, 480]
UTM_SOURCES = ["rss", "feedburner", "newsletter", "twitter", "partner"]


class Text:
    """Sentences and titles in one language, from a fixed pool so that generation stays fast."""

    def __init__(self, language, rng):
        self.language = language
        self.rng = rng
        self.sentences = [self._sentence() for _ in range(2500)]

    def _words(self, count):
        if self.language == "zh":
            chars = [self.rng.choice(HANZI) for _ in range(count * 2)]
            return "".join(chars)
        return " ".join(self.rng.choice(WORDS[self.language]) for _ in range(count))

    def _sentence(self):
        rng = self.rng
        if self.language == "zh":
            parts = [self._words(rng.randint(3, 8)) for _ in range(rng.randint(2, 4))]
            return "".join(p + rng.choice(PUNCTUATION_ZH[:3]) for p in parts[:-1]) + parts[-1] + "。"
        sentence = self._words(rng.randint(6, 18))
        if self.language in ("en", "latin") and rng.random() < 0.15:
            words = sentence.split(" ")
            words.insert(rng.randint(0, len(words)), rng.choice(TYPOGRAPHY))
            sentence = " ".join(words)
        sentence = sentence[0].upper() + sentence[1:]
        return sentence + ("۔" if self.language == "ur" else ".")

    def title(self):
        if self.language == "zh":
            return self._words(self.rng.randint(6, 12))
        title = self._words(self.rng.randint(5, 11))
        return title[0].upper() + title[1:]

    def sentence(self):
        return self.rng.choice(self.sentences)


def html_body(text, rng, target_bytes, base, xhtml):
    """HTML of about `target_bytes` UTF-8 bytes: paragraphs, headings, links, images, lists, quotes."""
    nbsp = "&#160;" if xhtml else "&nbsp;"
    parts = []
    size = 0
    while size < target_bytes:
        roll = rng.random()
        if roll < 0.07:
            block = "<h2>%s</h2>" % escape(text.title())
        elif roll < 0.12:
            block = '<figure><img src="/images/%d.jpg" alt="%s" width="640" height="360"%s><figcaption>%s</figcaption></figure>' % (
                rng.randint(1, 99999), escape(text.title()), " /" if xhtml else "", escape(text.sentence()))
        elif roll < 0.16:
            block = "<ul>%s</ul>" % "".join("<li>%s</li>" % escape(text.sentence()) for _ in range(rng.randint(2, 5)))
        elif roll < 0.19:
            block = "<blockquote><p>%s</p></blockquote>" % escape(text.sentence())
        else:
            sentences = [escape(text.sentence()) for _ in range(rng.randint(2, 6))]
            if rng.random() < 0.4:
                i = rng.randrange(len(sentences))
                href = "/%s/%d.html" % (rng.choice(["world", "news", "story"]), rng.randint(1, 999999)) if rng.random() < 0.5 \
                    else "%sarticles/%d" % (base, rng.randint(1, 999999))
                sentences[i] = '<a href="%s">%s</a>' % (href, sentences[i])
            if rng.random() < 0.2:
                sentences[0] = "<strong>%s</strong>" % sentences[0]
            if rng.random() < 0.15:
                sentences.append("AT%sT &amp; Co%s&#8212;%s" % (nbsp, nbsp, escape(text.sentence())))
            block = "<p>%s</p>" % " ".join(sentences)
        parts.append(block)
        size += len(block.encode("utf-8"))
    if rng.random() < 0.02:
        # Hostile markup as real feeds carry it: the sanitizer's work is part of the measured cost.
        parts.insert(1, '<script>track("%d")</script><p onclick="evil()">%s</p>' % (rng.randint(1, 9999), escape(text.sentence())))
    return "\n".join(parts)


def rfc822(moment, offset_minutes, rng):
    local = moment + datetime.timedelta(minutes=offset_minutes)
    if offset_minutes == 0 and rng.random() < 0.5:
        zone = "GMT"
    else:
        sign = "+" if offset_minutes >= 0 else "-"
        zone = "%s%02d%02d" % (sign, abs(offset_minutes) // 60, abs(offset_minutes) % 60)
    return "%s, %02d %s %04d %02d:%02d:%02d %s" % (WEEKDAYS[local.weekday()], local.day, MONTHS[local.month - 1],
                                                    local.year, local.hour, local.minute, local.second, zone)


def rfc3339(moment, offset_minutes, rng):
    local = moment + datetime.timedelta(minutes=offset_minutes)
    text = local.strftime("%Y-%m-%dT%H:%M:%S")
    if rng.random() < 0.2:
        text += ".%03d" % rng.randint(0, 999)
    if offset_minutes == 0:
        return text + "Z"
    sign = "+" if offset_minutes >= 0 else "-"
    return text + "%s%02d:%02d" % (sign, abs(offset_minutes) // 60, abs(offset_minutes) % 60)


def with_utm(link, rng, feed_number):
    separator = "&" if "?" in link else "?"
    return link + separator + "utm_source=%s&utm_medium=%s&utm_campaign=feed%d" % (
        rng.choice(UTM_SOURCES), rng.choice(["rss", "feed", "social"]), feed_number)


class FeedPlan:
    def __init__(self, number, format_name, language, encoding, item_count, categories):
        self.number = number
        self.format = format_name
        self.language = language
        self.encoding = encoding
        self.item_count = item_count
        self.categories = categories
        self.shared = []  # (slot index, story) pairs
        tld = ["com", "org", "net"][number % 3]
        self.host = "feed%d.example.%s" % (number, tld)
        self.base = "https://%s/" % self.host
        extension = {"rss20": "xml", "atom10": "atom", "rss10": "rdf"}[format_name]
        self.path = "feeds/feed-%04d.%s" % (number, extension)
        self.self_url = self.base + ("rss.xml" if format_name == "rss20" else "atom.xml" if format_name == "atom10" else "index.rdf")
        self.offset = OFFSETS[number % len(OFFSETS)]


def plan_feeds(count, rng):
    formats = ["rss20"] * round(count * 0.6) + ["atom10"] * round(count * 0.3)
    formats += ["rss10"] * (count - len(formats))
    rng.shuffle(formats)
    languages = []
    for language, share in LANGUAGES:
        languages += [language] * round(count * share)
    languages = (languages + ["en"] * count)[:count]
    rng.shuffle(languages)
    plans = []
    for index in range(count):
        number = index + 1
        language = languages[index]
        encoding = "UTF-8"
        if language == "latin" and rng.random() < LEGACY_SHARE / 0.20:
            encoding = rng.choice(["ISO-8859-1", "windows-1252"])
        # Item counts lean toward the 20-50 most news feeds carry, with a tail up to 100.
        item_count = 20 + int(80 * rng.random() ** 2.8)
        categories = [slug for slug, _, _ in rng.sample(CATEGORIES, rng.choice([1, 1, 2]))]
        plans.append(FeedPlan(number, formats[index], language, encoding, item_count, categories))
    return plans


def plan_shared_stories(plans, rng):
    """Fills about 10% of all item slots with stories that appear in 2-4 feeds of the same language."""
    by_language = {}
    for plan in plans:
        key = "en" if plan.language == "mixed" else plan.language
        by_language.setdefault(key, []).append(plan)
    total_slots = sum(p.item_count for p in plans)
    free = {p.number: list(range(p.item_count)) for p in plans}
    for slots in free.values():
        rng.shuffle(slots)
    filled = 0
    stories = 0
    while filled < total_slots * SHARED_SLOT_SHARE:
        language = rng.choice(sorted(by_language))
        group = [p for p in by_language[language] if free[p.number]]
        copies = min(rng.randint(2, 4), len(group))
        if copies < 2:
            continue
        stories += 1
        story = {"id": stories, "language": language, "seed": rng.getrandbits(64)}
        for plan in rng.sample(group, copies):
            plan.shared.append((free[plan.number].pop(), story))
            filled += 1
    return stories, filled


def story_fields(story, texts):
    """Title, canonical link, body and time of a shared story: the same in every feed that carries it."""
    rng = random.Random(story["seed"])
    text = texts[story["language"]]
    saved = text.rng
    text.rng = rng
    title = text.title()
    body_bytes = int(math.exp(rng.uniform(math.log(1024), math.log(10240))))
    link = "https://wire.example.com/%s/2026/%d.html" % (rng.choice(["world", "business", "politics"]), 100000 + story["id"])
    body = html_body(text, rng, body_bytes, "https://wire.example.com/", False)
    summary = text.sentence()
    text.rng = saved
    age = datetime.timedelta(minutes=rng.randint(0, 14 * 24 * 60))
    return title, link, body, summary, REFERENCE_TIME - age


def build_items(plan, texts, rng):
    text = texts["en" if plan.language == "mixed" else plan.language]
    shared = dict(plan.shared)
    items = []
    span_minutes = rng.randint(1, 14) * 24 * 60
    for slot in range(plan.item_count):
        if plan.language == "mixed":
            text = texts[rng.choice(["en", "latin", "zh", "ru", "ur"])]
        story = shared.get(slot)
        if story is not None:
            title, link, body, summary, moment = story_fields(story, texts)
            moment += datetime.timedelta(minutes=rng.randint(0, 240))
            if rng.random() < 0.3:
                # Same story under the publisher's own address: only the headline ties it to the others.
                link = "%s%d/%s" % (plan.base, story["id"], link.rsplit("/", 1)[-1])
            if rng.random() < 0.35:
                link = with_utm(link, rng, plan.number)
            if rng.random() < 0.2:
                title = title + " - " + "Feed %d" % plan.number
        else:
            title = text.title()
            link = "%s%s/2026/%02d/%d-%d.html" % (plan.base, rng.choice(["news", "world", "story"]), rng.randint(1, 12),
                                                  plan.number, slot + 1)
            if rng.random() < 0.05:
                link = with_utm(link, rng, plan.number)
            body_bytes = int(math.exp(rng.uniform(math.log(1024), math.log(10240))))
            body = html_body(text, rng, body_bytes, plan.base, False)
            summary = text.sentence()
            moment = REFERENCE_TIME - datetime.timedelta(minutes=rng.randint(0, span_minutes))
        items.append({
            "slot": slot, "title": title, "link": link, "body": body, "summary": summary, "moment": moment,
            "author": rng.choice(NAMES["en" if plan.language == "mixed" else plan.language]),
            "categories": rng.sample([title for _, title, _ in CATEGORIES], rng.randint(1, 3)),
            "enclosure": rng.random() < 0.1, "xhtml": plan.format == "atom10" and rng.random() < 0.2 and story is None,
            "shared": story is not None,
        })
    items.sort(key=lambda item: item["moment"], reverse=True)
    return items


def xhtml_of(item, rng, text, base):
    # XHTML content must be well-formed XML: regenerate the body with self-closed void elements.
    return html_body(text, rng, len(item["body"].encode("utf-8")), base, True)


def render_rss20(plan, items, channel_title, description, rng):
    out = ['<?xml version="1.0" encoding="%s"?>' % plan.encoding,
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" '
           'xmlns:media="http://search.yahoo.com/mrss/">',
           "<channel>",
           "<title>%s</title>" % escape(channel_title),
           "<link>%s</link>" % plan.base,
           "<description>%s</description>" % escape(description),
           "<language>%s</language>" % LANGUAGE_TAGS[plan.language],
           "<lastBuildDate>%s</lastBuildDate>" % rfc822(items[0]["moment"], plan.offset, rng),
           '<atom:link href="%s" rel="self" type="application/rss+xml"/>' % plan.self_url,
           "<ttl>30</ttl>",
           "<image><url>%slogo.png</url><title>%s</title><link>%s</link></image>" % (plan.base, escape(channel_title), plan.base)]
    for item in items:
        guid = '<guid isPermaLink="true">%s</guid>' % escape(item["link"]) if rng.random() < 0.5 \
            else '<guid isPermaLink="false">%s-%d</guid>' % (plan.host, item["slot"] + 1)
        out.append("<item>")
        out.append("<title>%s</title>" % escape(item["title"]))
        out.append("<link>%s</link>" % escape(item["link"]))
        out.append(guid)
        out.append("<pubDate>%s</pubDate>" % rfc822(item["moment"], plan.offset, rng))
        out.append("<dc:creator>%s</dc:creator>" % escape(item["author"]))
        out.extend("<category>%s</category>" % escape(c) for c in item["categories"])
        out.append("<description>%s</description>" % escape("<p>%s</p>" % escape(item["summary"])))
        out.append("<content:encoded><![CDATA[%s]]></content:encoded>" % item["body"])
        if item["enclosure"]:
            out.append('<enclosure url="%simages/%d.jpg" type="image/jpeg" length="%d"/>' % (
                plan.base, item["slot"] + 1, rng.randint(20000, 400000)))
        out.append("</item>")
    out.append("</channel>")
    out.append("</rss>")
    return "\n".join(out) + "\n"


def render_atom(plan, items, channel_title, description, rng, text):
    out = ['<?xml version="1.0" encoding="%s"?>' % plan.encoding,
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="%s">' % LANGUAGE_TAGS[plan.language],
           "<title>%s</title>" % escape(channel_title),
           "<subtitle>%s</subtitle>" % escape(description),
           '<link rel="alternate" type="text/html" href="%s"/>' % plan.base,
           '<link rel="self" type="application/atom+xml" href="%s"/>' % plan.self_url,
           "<id>%s</id>" % plan.self_url,
           "<updated>%s</updated>" % rfc3339(items[0]["moment"], plan.offset, rng),
           "<author><name>%s</name></author>" % escape(channel_title)]
    for item in items:
        entry_id = item["link"] if rng.random() < 0.3 else "tag:%s,2026:entry-%d" % (plan.host, item["slot"] + 1)
        published = item["moment"]
        updated = published + datetime.timedelta(minutes=rng.choice([0, 0, 0, 15, 90]))
        out.append("<entry>")
        out.append('<title type="text">%s</title>' % escape(item["title"]))
        out.append('<link rel="alternate" type="text/html" href=%s/>' % quoteattr(item["link"]))
        out.append("<id>%s</id>" % escape(entry_id))
        out.append("<published>%s</published>" % rfc3339(published, plan.offset, rng))
        out.append("<updated>%s</updated>" % rfc3339(updated, plan.offset, rng))
        out.append("<author><name>%s</name></author>" % escape(item["author"]))
        out.extend('<category term=%s/>' % quoteattr(c) for c in item["categories"])
        out.append('<summary type="html">%s</summary>' % escape("<p>%s</p>" % escape(item["summary"])))
        if item["xhtml"]:
            out.append('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">%s</div></content>'
                       % xhtml_of(item, rng, text, plan.base))
        else:
            out.append('<content type="html">%s</content>' % escape(item["body"]))
        if item["enclosure"]:
            out.append('<link rel="enclosure" type="image/jpeg" length="%d" href="%simages/%d.jpg"/>' % (
                rng.randint(20000, 400000), plan.base, item["slot"] + 1))
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"


def render_rss10(plan, items, channel_title, description, rng):
    out = ['<?xml version="1.0" encoding="%s"?>' % plan.encoding,
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
           '<channel rdf:about="%s">' % plan.self_url,
           "<title>%s</title>" % escape(channel_title),
           "<link>%s</link>" % plan.base,
           "<description>%s</description>" % escape(description),
           "<dc:language>%s</dc:language>" % LANGUAGE_TAGS[plan.language],
           "<dc:date>%s</dc:date>" % rfc3339(items[0]["moment"], plan.offset, rng),
           "<items><rdf:Seq>"]
    out.extend('<rdf:li rdf:resource=%s/>' % quoteattr(item["link"]) for item in items)
    out.append("</rdf:Seq></items>")
    out.append("</channel>")
    for item in items:
        out.append("<item rdf:about=%s>" % quoteattr(item["link"]))
        out.append("<title>%s</title>" % escape(item["title"]))
        out.append("<link>%s</link>" % escape(item["link"]))
        out.append("<description>%s</description>" % escape(item["summary"]))
        out.append("<dc:date>%s</dc:date>" % rfc3339(item["moment"], plan.offset, rng))
        out.append("<dc:creator>%s</dc:creator>" % escape(item["author"]))
        out.extend("<dc:subject>%s</dc:subject>" % escape(c) for c in item["categories"])
        out.append("<content:encoded><![CDATA[%s]]></content:encoded>" % item["body"])
        out.append("</item>")
    out.append("</rdf:RDF>")
    return "\n".join(out) + "\n"


def encode(document, encoding):
    if encoding == "ISO-8859-1":
        return document.translate(LATIN1_FALLBACK).encode("iso-8859-1")
    if encoding == "windows-1252":
        return document.encode("cp1252")
    return document.encode("utf-8")


def generator_digest():
    with open(os.path.abspath(__file__), "rb") as source:
        return hashlib.sha256(source.read()).hexdigest()[:16]


def generate(count, seed, out_dir):
    rng = random.Random(seed * 100003 + count)
    texts = {language: Text(language, random.Random(seed + i)) for i, language in enumerate(["en", "latin", "zh", "ru", "ur"])}
    plans = plan_feeds(count, rng)
    stories, shared_slots = plan_shared_stories(plans, rng)
    # Files of an earlier generator version may have other names: start from an empty folder.
    shutil.rmtree(os.path.join(out_dir, "feeds"), ignore_errors=True)
    os.makedirs(os.path.join(out_dir, "feeds"))
    manifest = ["path\tformat\tencoding\tlanguage\tbytes\titems\tshared_items\tcategories"]
    totals = {"bytes": 0, "items": 0, "formats": {}, "encodings": {}, "languages": {}}
    for plan in plans:
        feed_rng = random.Random(rng.getrandbits(64))
        items = build_items(plan, texts, feed_rng)
        text = texts["en" if plan.language == "mixed" else plan.language]
        channel_title = "Feed %d \u2014 %s" % (plan.number, text.title()) if plan.encoding != "ISO-8859-1" \
            else "Feed %d - %s" % (plan.number, text.title())
        description = text.sentence()
        if plan.format == "rss20":
            document = render_rss20(plan, items, channel_title, description, feed_rng)
        elif plan.format == "atom10":
            document = render_atom(plan, items, channel_title, description, feed_rng, text)
        else:
            document = render_rss10(plan, items, channel_title, description, feed_rng)
        data = encode(document, plan.encoding)
        with open(os.path.join(out_dir, plan.path), "wb") as handle:
            handle.write(data)
        shared_count = sum(1 for item in items if item["shared"])
        manifest.append("\t".join([plan.path, plan.format, plan.encoding, plan.language, str(len(data)),
                                   str(len(items)), str(shared_count), ",".join(plan.categories)]))
        totals["bytes"] += len(data)
        totals["items"] += len(items)
        for key, value in (("formats", plan.format), ("encodings", plan.encoding), ("languages", plan.language)):
            totals[key][value] = totals[key].get(value, 0) + 1
    with open(os.path.join(out_dir, "manifest.tsv"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(manifest) + "\n")
    write_conf(out_dir, os.path.join(out_dir, "feeds.conf"), "", [])
    summary = {
        "feeds": count, "seed": seed, "generator_version": GENERATOR_VERSION, "generator_digest": generator_digest(),
        "bytes": totals["bytes"], "items": totals["items"], "shared_stories": stories, "shared_item_slots": shared_slots,
        "formats": totals["formats"], "encodings": totals["encodings"], "languages": totals["languages"],
    }
    with open(os.path.join(out_dir, "summary.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=1, sort_keys=True)
        handle.write("\n")
    return summary


def read_manifest(corpus_dir):
    with open(os.path.join(corpus_dir, "manifest.tsv"), encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in handle if line.strip()]


def write_conf(corpus_dir, out_file, prefix, site_extra):
    """A feeds.conf for the corpus; each source location is `prefix` + its path inside the corpus."""
    rows = read_manifest(corpus_dir)
    site = {"title": "Benchmark Desk", "description": "Generated news feeds for benchmarking aggregate",
            "base_url": "https://bench.example.org/", "output": "public", "cache": "cache", "items_per_feed": "50"}
    for line in site_extra:
        key, separator, value = line.partition("=")
        if not separator or not key.strip() or not value.strip():
            raise SystemExit("gen_corpus.py: --site needs KEY = VALUE, got %r" % line)
        site[key.strip()] = value.strip()
    lines = ["# Benchmark feeds.conf: %d generated sources (benchmarks/gen_corpus.py)." % len(rows), "", "[site]"]
    lines += ["%s = %s" % item for item in site.items()]
    for slug, title, description in CATEGORIES:
        lines += ["", "[category %s]" % slug, "title = %s" % title, "description = %s" % description]
    lines += ["", "[sources]"]
    for row in rows:
        number = int(row["path"].split("-")[-1].split(".")[0])
        lines.append('%s%s  name="Feed %d"  categories=%s' % (prefix, row["path"], number, row["categories"]))
    with open(out_file, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    corpus = commands.add_parser("corpus", help="generate N feeds, a manifest and a feeds.conf")
    corpus.add_argument("feeds", type=int)
    corpus.add_argument("--seed", type=int, default=DEFAULT_SEED)
    corpus.add_argument("--out", help="output folder (default: benchmarks/corpus/N beside this script)")
    corpus.add_argument("--force", action="store_true", help="regenerate even when an identical corpus exists")
    conf = commands.add_parser("conf", help="write a feeds.conf for an existing corpus")
    conf.add_argument("corpus")
    conf.add_argument("--out", required=True)
    conf.add_argument("--prefix", default="", help="prepended to each source path: a folder or an http:// base URL")
    conf.add_argument("--site", action="append", default=[], help="a [site] line, added or replacing the default, e.g. 'per_host = 16'")
    args = parser.parse_args()

    if args.command == "conf":
        write_conf(args.corpus, args.out, args.prefix, args.site)
        return
    if args.feeds < 1:
        parser.error("the number of feeds must be at least 1")
    out_dir = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", str(args.feeds))
    summary_path = os.path.join(out_dir, "summary.json")
    if not args.force and os.path.exists(summary_path):
        with open(summary_path, encoding="utf-8") as handle:
            existing = json.load(handle)
        if (existing.get("feeds"), existing.get("seed"), existing.get("generator_digest")) == (args.feeds, args.seed, generator_digest()):
            print("corpus %s is up to date (%d feeds, %.1f MB, %d items)" % (out_dir, existing["feeds"], existing["bytes"] / 1e6, existing["items"]))
            return
    summary = generate(args.feeds, args.seed, out_dir)
    print("corpus %s: %d feeds, %.1f MB, %d items, %d stories repeated in %d item slots" % (
        out_dir, summary["feeds"], summary["bytes"] / 1e6, summary["items"], summary["shared_stories"], summary["shared_item_slots"]))


if __name__ == "__main__":
    sys.exit(main())
