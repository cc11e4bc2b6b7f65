"""Deterministic generator of realistic-looking portal articles for benchmarks.

Every article draws from its own ``random.Random`` seeded with a string made of the seed and the
article index, and nothing depends on set/dict ordering, ``hash()`` or the clock, so the same
``(count, seed, words)`` always yields byte-identical output.

Usage: ``python benchmarks/corpus.py OUT_DIR -n 1000 --seed 2026``
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import itertools
import pathlib
import random
import re
import time
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass

STATUSES = ("draft", "in_review", "changes_requested", "approved", "published", "archived")
STATUS_WEIGHTS = (25, 10, 5, 35, 20, 5)
CATEGORIES = (("Business", "Business News"), ("Business", "Free Trade Zone"),
              ("Culture", "Culture Figures"), ("Government", "Policies & Regulations"),
              ("Visit", "Entrance tickets"))
SOURCES = ("iqingdao", "Qingdao Daily", "Xinhua", "China Daily", "Dazhong Daily",
           "Qingdao Evening News")
SOURCE_WEIGHTS = (80, 7, 5, 3, 2, 3)


def _v(text: str) -> tuple[str, ...]:
    """Split a ``|``-separated vocabulary string into a tuple of stripped entries."""
    return tuple(p.strip() for p in text.split("|") if p.strip())


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """Parse ``Pinyin:汉字|...`` into ``(pinyin, hanzi)`` pairs."""
    return tuple((a.strip(), b.strip()) for a, b in (p.split(":") for p in _v(text)))


SURNAMES = _pairs("Wang:王|Li:李|Zhang:张|Liu:刘|Chen:陈|Yang:杨|Zhao:赵|Huang:黄|Zhou:周|"
                  "Wu:吴|Xu:徐|Sun:孙|Hu:胡|Zhu:朱|Gao:高|Lin:林|He:何|Guo:郭|Ma:马|Luo:罗|"
                  "Liang:梁|Song:宋|Zheng:郑|Xie:谢|Han:韩|Tang:唐|Feng:冯|Yu:于|Dong:董|"
                  "Cheng:程|Cao:曹|Yuan:袁|Deng:邓|Jiang:姜|Cui:崔|Qu:曲|Lü:吕|Bi:毕|Xue:薛")
GIVEN = _pairs("Mei:梅|Wei:伟|Haoran:浩然|Xiaoyu:晓雨|Jianguo:建国|Lihua:丽华|Ming:明|"
               "Jing:静|Tao:涛|Yan:燕|Bo:波|Lei:磊|Na:娜|Qiang:强|Hui:慧|Xin:欣|Peng:鹏|"
               "Yuting:雨婷|Zhiwei:志伟|Shulan:淑兰|Kai:凯|Ruoxi:若曦|Hao:昊|Dan:丹|Fang:芳|"
               "Lan:岚|Yifan:一帆|Xiaodong:晓东|Jiayi:佳怡|Wenjie:文杰|Shan:珊|Rui:睿|Qian:倩|"
               "Hongmei:红梅|Bin:斌|Yue:月|Sijia:思佳|Haiyang:海洋|Xuefeng:雪峰|Chen:晨")
PLACES = _pairs("Badaguan:八大关|Zhanqiao Pier:栈桥|May Fourth Square:五四广场|Laoshan:崂山|"
                "Xiaoyushan Park:小鱼山公园|Zhongshan Road:中山路|Pichaiyuan:劈柴院|"
                "Taidong Pedestrian Street:台东步行街|Golden Beach:金沙滩|Signal Hill:信号山|"
                "Olympic Sailing Center:奥帆中心|Shilaoren Beach:石老人海水浴场|Fushan:浮山|"
                "Lingshan Bay:灵山湾|Jimo Old City:即墨古城|Qingdao Railway Station:青岛站|"
                "Huiquan Bay:汇泉湾|Taipingjiao:太平角|Dazhushan:大珠山|Langyatai:琅琊台|"
                "Qianwan Port:前湾港|Zhongshan Park:中山公园|Beijiushui:北九水|"
                "Tangdao Bay:唐岛湾|Sino-German Ecopark:中德生态园|Jiaodong Airport:胶东机场")
DISTRICTS = _pairs("Shinan District:市南区|Shibei District:市北区|Licang District:李沧区|"
                   "Laoshan District:崂山区|Chengyang District:城阳区|Jimo District:即墨区|"
                   "Jiaozhou:胶州|Pingdu:平度|Laixi:莱西|Huangdao:黄岛|"
                   "the West Coast New Area:西海岸新区")
ORGS = _v("Qingdao Municipal Bureau of Commerce|Qingdao Culture and Tourism Bureau|Qingdao Art "
          "Museum|West Coast New Area Management Committee|Qingdao Science and Technology Bureau|"
          "Qingdao International Community Center|Ocean University of China|"
          "Qingdao University of Science and Technology|"
          "Qingdao Chamber of International Commerce|Laoshan Scenic Area Administration|"
          "Qingdao Municipal Health Commission|Qingdao Exit-Entry Administration|Qingdao Metro "
          "Group|Qingdao Symphony Orchestra|Shinan District Government|Qingdao Human Resources "
          "Bureau|Qingdao Federation of Literary and Art Circles|Qingdao Port Logistics "
          "Association")
ROLES = _v("a deputy director at|a spokesperson for|a researcher at|a project manager with|an "
           "adviser to|a volunteer coordinator at|a section chief at|a senior economist at|"
           "a programme officer at|a long-time member of")
NATIONS = _v("German|Korean|Japanese|Brazilian|Russian|French|Nigerian|Australian|Indian|"
             "Canadian|Italian|Malaysian|Mexican|Pakistani|Swedish")
COUNTRIES = _v("Germany|South Korea|Japan|Vietnam|Malaysia|Brazil|the United Arab Emirates|"
               "Singapore|Chile|Poland|Kazakhstan|Indonesia|Spain|Egypt")
MONTHS = _v("January|February|March|April|May|June|July|August|September|October|November|"
            "December")
WEEKDAYS = _v("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
SEASONS = _v("spring|summer|autumn|winter")
EVENTS = _v("Qingdao International Beer Festival|Qingdao Sea Festival|Laoshan Tea Culture Week|"
            "Qingdao Marathon|Qingdao Sailing Week|Spring Flower Fair|Jimo Lantern Show|"
            "West Coast Music Festival|Qingdao Film Week|Badaguan Photography Walk")
EMPH = _v("*for the first time*|*free of charge*|*on weekdays only*|*within weeks*|"
          "*in both Chinese and English*|*before the end of the year*|*step by step*")
QUOTES = _v("We want people to feel at home here, whatever language they speak|The response "
            "has been much stronger than we expected|Small details like bilingual signs make a "
            "real difference|This is a long-term commitment, not a one-off campaign|Our "
            "customers noticed the change within a few weeks|There is still a lot of work to do, "
            "but the direction is right|The sea has always shaped how this city thinks about "
            "trade|Young people bring ideas that we older ones would never think of|We learned a "
            "great deal from the foreign families who joined us|Good rules should be easy to "
            "explain in two sentences|Visitors tell us the mountain feels different in every "
            "season|Paperwork used to take weeks, and now it is a matter of days")
STAFF = _v("Yuanyu|Chen Rui|Liu Yang|Zhou Min|Anna Hoffmann|Tom Reilly|Park Ji-won|"
           "Sophie Martin|Wang Lei|David Okafor|Maria Santos|Li Na|Elena Petrova|Han Xue")
LINK_TEXT = _v("our guide for newcomers|the official notice|the event calendar|the full report|"
               "the bureau's English page|our earlier coverage|the booking page|"
               "the district announcement|the application form|the list of participants")
LINK_HOSTS = _v("www.iqingdao.example|english.qingdao.gov.example|www.qdftz.example|"
                "news.qingdao.example")
IMG_SUBJECT = _v("Visitors walking near|Fishing boats moored off|Volunteers gathered at|"
                 "Cranes and containers at|Students sketching at|A quiet lane near|"
                 "Crowds at|Lanterns hung along|Runners passing")
IMG_SCENE = _v("at sunset|in early spring|during the morning rush|after a summer storm|"
               "seen from the water|decorated for the festival|under light snow|on a busy weekend")
CN_PLACES = _v("青岛|崂山|八大关|栈桥|五四广场|黄岛|西海岸新区|即墨|胶州|市南区|金沙滩|奥帆中心")
CN_EVENTS = _v("啤酒节开幕|海洋节启动|国际马拉松鸣枪开跑|夏季旅游旺季来临|新地铁线路开通|"
               "外籍人才招聘会举行|樱花季迎来游客高峰|文化周精彩纷呈|出台人才新政|"
               "跨境电商园区揭牌|集装箱吞吐量创新高|博物馆推出夜间开放")
AFFECTS = _v("foreign employees|all residents|small businesses|students|visitors|families")
SMALL_WORDS = frozenset(_v("a|an|the|and|or|of|in|on|at|to|for|with|from|by|as|is"))
YAML_RESERVED = frozenset(_v("yes|no|true|false|on|off|null|y|n"))

GENERAL = _v("""
{person}, {role} the {org}, said the plan had been discussed with residents for {num} months.|
"{quote}," said {person}.|"{quote}," {person} told iQingdao.|{person} put it simply: "{quote}."|
According to the {org}, about {big} people took part in {year}, up {pct} on the year before.|
The changes will be felt most in {district}, where demand for {topic} has grown since {year}.|
Visitors arriving at {place} on {weekday} mornings can expect shorter queues than later on.|
Officials from the {org} said further details would be published {em}.|
Many {nation} residents first heard about {topic} through community groups in {district}.|
The project has a budget of {money} and should be completed by {month} {year2}.|
Background information is available in {link}.|
A pilot in {district} last {season} involved {num} companies and more than {big} households.|
{person} believes {topic} will matter even more once the metro reaches {place}.|
Residents interviewed near {bplace} were broadly positive, though several asked for English signs.|
Figures released in {month} show that spending linked to {topic} rose by {pct}.|
For newcomers, the simplest way to follow the changes is to check {link} every few weeks.|
The {org} has promised to review the arrangements after {num2} months and publish the results.|
On a clear {season} day the view from {place} stretches across the bay towards {place}.|
Speakers at a forum in {district} argued that {topic} needs *patient* investment, not quick wins.|
{person} first came to {place} as a student in {year0} and never really left.|
Questions in English can be sent to the {org}, which answers most within {num2} working days.|
The idea is not new: a smaller scheme ran near {place} in {year0} but was paused after a year.|
Local media estimate that the sector now employs about {big} people across the city.|
Not everyone is convinced, and {person} warned that rising costs could **slow progress**.|
Those who want to take part should register *before the end of {month}*.|
Organisers said a second round would follow in {district} if demand stayed high.|
{person} pointed to {bplace} as an example of what careful planning can achieve.|
The {event} in {month} is expected to draw extra attention to {topic}.|
Several {nation} families living near {place} have already signed up.|
Compared with {year0}, the number of foreign residents involved has roughly doubled.|
Staff at the {org} say the most common question is still how to get started.|
A survey of {big} residents found that {pct} had heard of the scheme before it launched.""")
SUMMARY = _v("""The {org} outlines changes to {topic} that will affect residents from {month}.|
A look at how {topic} is changing daily life and business around {place}.|
What {topic} means for the city's international community, and what comes next.|
New figures show interest in {topic} growing by {pct} in {year}.|
Residents and visitors share their views on {topic} in {district}.|
Practical advice for newcomers, with dates, contacts and tips.""")
BULLETS = _v("""check the opening hours at {place} before setting off|
bring a passport or residence permit|book at least {num2} days in advance|
ask the {org} for an English-language form|keep copies of all receipts|
allow extra time on public holidays|follow {link} for updates|
register with the neighbourhood committee in {district}|
take Metro Line {line} to avoid traffic on the coast road|carry some cash for small kiosks|
about {big} visitors in {year}|{num} new companies registered in {district}|
an investment of {money}|exports to {country} up {pct}|**{num2}** windows with English help""")
STEPS = _v("""Create an account on the official platform.|
Upload a scan of your passport and residence permit.|Choose a date and time slot.|
Pay the fee of {price} yuan online.|
Wait for a confirmation message, usually within {num2} working days.|
Bring the original documents to the service hall in {district}.|
Collect the certificate or ticket at the counter.|Keep the receipt until everything is done.""")
HEADINGS = _v("Background|What happens next|The numbers|Voices from {district}|A closer look|"
              "Why it matters|Practical tips|Looking ahead|How it works|Reactions|"
              "Getting started|Frequently asked questions|Key dates|A brief history")
LONG_CLAUSES = _v("as officials in {district} promise faster services for residents and visitors|"
                  "with new support for {nation} families and small businesses across the city|"
                  "while community groups near {place} ask for more information in English|"
                  "after a year of consultation with companies, schools and neighbourhoods|"
                  "and what the change could mean for everyday life around {place}|"
                  "according to a report presented at the {event}")
SHORT_CLOSERS = _v("More details will follow.|Registration is open.|Entry is free.")

# Per category: (topics, title templates, sentence templates, headings).
CAT: dict[str, tuple[tuple[str, ...], ...]] = {
    "Business News": (
        _v("cold-chain logistics|offshore wind power|cross-border e-commerce|marine biomedicine|"
           "smart home appliances|rail transit equipment|seafood processing|hydrogen energy|"
           "industrial internet platforms|new energy vehicles|aquaculture technology|"
           "container shipping|craft brewing"),
        _v("{district} {topic} Firms Report Strong {season} Orders|New {topic} Plant Breaks "
           "Ground Near {place}|How {topic} Is Reshaping the Economy of {district}|Qingdao "
           "{topic} Exports to {country} Climb {num} Percent|{nation} Investors Eye Qingdao's "
           "{topic} Sector|{topic} Start-ups Find a Home in {district}|Job Fair in {district} "
           "Targets {topic} Talent|{num} {topic} Companies Sign Deals at the {event}|{org} Backs "
           "{topic} Projects Worth {money}|{country} Buyers Turn to {district} for {topic}"),
        _v("""Orders linked to {topic} from {country} rose by {pct} in the first half of {year}.|
The company, based in {district}, plans to hire {num} engineers over the next year.|
Analysts at the {org} expect {topic} to remain one of the city's fastest-growing industries.|
Exporters in {district} said shipping times to {country} had improved noticeably.|
The new plant near {place} covers about {big} square metres and opens in {month}.|
Several firms reported that {topic} accounted for *more than half* of their revenue.|
{person}, who runs a supplier in {district}, said finding skilled staff was the hardest part.|
Shipments through Qianwan Port linked to {topic} reached {big} tonnes last year.|
A delegation from {country} visited factories in {district} in {month} to discuss partnerships."""),
        _v("Market outlook|Exporters in {district}|Jobs and skills|Investment at a glance"),
    ),
    "Free Trade Zone": (
        _v("bonded warehousing|cross-border settlement|ship leasing|customs pre-clearance|"
           "bonded maintenance|commodity trading|international shipping services|"
           "duty-free retail|digital trade|marine equipment leasing"),
        _v("Free Trade Zone Opens {topic} Desk for Small Firms|Qingdao Free Trade Zone "
           "Approves {num} New Projects in {ayear}|What the {topic} Pilot Means for Traders in "
           "{district}|{nation} Companies Test {topic} at Qianwan Port|Free Trade Zone Cuts "
           "{topic} Waiting Times by {num} Percent|A Guide to {topic} in the Free Trade Zone|"
           "{nation} Traders Join {topic} Pilot in the Free Trade Zone|Free Trade Zone Links "
           "{topic} With Ports in {country}|{num} Firms Sign Up for {topic} This {season}"),
        _v("""Companies registered in the Qingdao Area can now apply for {topic} online.|
The zone approved {num} new foreign-invested projects in {year}, worth a combined {money}.|
Under the pilot rules, {topic} can be handled in {num2} working days instead of several weeks.|
{person}, a customs officer at Qianwan Port, said inspection times had fallen by {pct}.|
Firms from {country} make up a growing share of the companies using {topic}.|
The management committee said the next step would be to extend {topic} to Jiaozhou.|
Traders can find the current list of eligible goods in {link}.|
Bonded warehouses near {place} say turnover rose by {pct} after the new rules took effect.|
A seminar for {nation} business owners on {topic} will be held in {month}, with interpreters."""),
        _v("Inside the zone|Faster customs|Who can apply|Cross-border payments"),
    ),
    "Culture Figures": (
        _v("paper-cutting|Peking opera|seal carving|Maoqiang opera|oil painting|calligraphy|"
           "kite making|folk music|woodblock printing|ceramics|photography|modern dance|"
           "ink painting|accordion music"),
        _v("{lead} and the Art of {topic}|The {topic} Master Who Works Near {place}|Meet "
           "{lead}, Keeping {topic} Alive in {district}|{lead} Brings {topic} to a New "
           "Generation|From {place} to {country}: The Journey of {lead}|A {season} Afternoon "
           "With the {topic} Teacher of {place}"),
        _v("""{person} started learning {topic} at the age of {num2} in a small workshop.|
The studio near {place} is open to visitors on {weekday} afternoons.|
Critics praise the work for mixing {topic} with images of the sea and the old streets of Shinan.|
Students from {country} have joined the classes, which are taught partly in English.|
An exhibition of {num} new works runs at the {org} until {month}.|
Over {num} years, {person} has trained more than {big0} apprentices.|
"{quote}," {person} said, pausing to pour tea.|
A short documentary about {person} was screened at the {event} last year.|
Pieces by {person} are now held in collections in {country} as well as in Qingdao."""),
        _v("Early years|In the studio|Teaching the next generation|Exhibitions and awards"),
    ),
    "Policies & Regulations": (
        _v("residence permits|work permits|waste sorting|electric bike registration|rental "
           "housing registration|medical insurance|school enrolment|driving licence conversion|"
           "pet registration|tax filing|social insurance contributions|public parking fees"),
        _v("New Rules on {topic} Take Effect in {month}|Qingdao Updates Guidelines on {topic} "
           "for Foreign Residents|{district} Launches Pilot Scheme for {topic}|What Expats Need "
           "to Know About {topic} in {ayear}|Five Changes to {topic} Coming This {season}|"
           "{topic}: Answers to Common Questions From Newcomers|{district} Residents Get {num} "
           "Days to Complete {topic}|{org} Explains New {topic} Rules for {nation} Residents|"
           "Deadline for {topic} Moves to {day} {month}"),
        _v("""The new rules on {topic} take effect on {day} {month}.|
Under the regulation, applications for {topic} can be submitted online in English.|
The {org} said the aim was to reduce the number of documents needed for {topic}.|
Residents who miss the deadline for {topic} may face a fine of up to {price} yuan.|
A public consultation on {topic} received {big0} comments, many of them from {district}.|
Officials stressed that existing arrangements for {topic} remain valid until they expire.|
The full text of the notice is posted in {link}.|
The {org} will run information sessions in English at a community center in {district}.|
Officials estimate that about {big} foreign residents will be affected by the changes."""),
        _v("What changes|Who is affected|Documents you need|Deadlines|Where to ask"),
    ),
    "Entrance tickets": (
        _v("online booking|student discounts|night tours|annual passes|group tickets|senior "
           "concessions|sightseeing bus passes|free admission days|combined tickets|audio guides"),
        _v("{place} Tickets: Prices and Opening Hours for {ayear}|Free Entry Days at {place} "
           "This {season}|How to Book {place} Tickets Online in English|{place} Extends Evening "
           "Hours for the {season} Season|{topic} Now Available at {place}|Is {place} Worth "
           "the Ticket?|{place} Cuts Ticket Prices to {price} Yuan for {season} Visitors|{place} "
           "and {place} Launch {topic} for {ayear}|Weekend Guide: {topic} at {place} From {month}"),
        _v("""Adult tickets for {place} cost {price} yuan in peak season, half price for students.|
The ticket office at {place} opens at {hour} and closes an hour before the site.|
{topic} can be arranged through the official mini-program, which now has an English interface.|
Visitors over {age} enter free on presentation of a passport or residence permit.|
On public holidays, managers recommend arriving before {hour} to avoid the longest queues.|
A scheme for {topic} introduced last {season} has proved popular with families.|
Current prices and any temporary closures are listed in {link}.|
Queues at the entrance to {place} are usually shortest between {hour} and lunchtime.|
Children under 1.2 metres enter free, and information on {topic} is available at the gate."""),
        _v("Ticket prices|Opening hours|Getting there|Booking online|Quieter visits"),
    ),
}


@dataclass(frozen=True)
class GeneratedArticle:
    """One synthetic article; ``body`` is Markdown without front matter."""

    id: str
    title: str
    category: tuple[str, str]
    date: str
    source: str
    author: str
    language: str
    summary: str
    body: str
    status: str


class _Fill(dict):
    """Mapping for ``str.format_map`` that draws a fresh value for every placeholder."""

    def __init__(self, builder: _Builder) -> None:
        super().__init__()
        self.builder = builder

    def __missing__(self, key: str) -> str:
        return _SLOTS[key](self.builder)


class _Builder:
    """Per-article state: RNG, category vocabulary, cast of people, names already introduced."""

    def __init__(self, rng: random.Random, category: str, year: int) -> None:
        self.rng, self.year, self.tickets = rng, year, category == "Entrance tickets"
        self.topics, self.titles, self.sents, self.heads = CAT[category]
        self.topic = rng.choice(self.topics)
        people = zip(rng.choices(SURNAMES, k=3), rng.choices(GIVEN, k=3), strict=True)
        self.cast = [(f"{s[0]} {g[0]}", s[1] + g[1]) for s, g in people]
        self.seen: set[str] = set()
        self.decks: dict[str, list[str]] = {}
        self.plain, self.words, self.fill = False, 0, _Fill(self)

    def draw(self, name: str, pool: tuple[str, ...]) -> str:
        """Draw from a shuffled deck so templates repeat as little as possible."""
        deck = self.decks.get(name)
        if not deck:
            deck = self.decks[name] = list(pool)
            self.rng.shuffle(deck)
        return deck.pop()

    def named(self, pair: tuple[str, str]) -> str:
        """Pinyin with hanzi in parentheses on first mention, plain pinyin afterwards."""
        if self.plain or pair[0] in self.seen:
            return pair[0]
        self.seen.add(pair[0])
        return f"{pair[0]} ({pair[1]})"

    def text(self, template: str, *, plain: bool = False, cap: bool = True) -> str:
        """Fill a template; ``plain`` omits hanzi, ``cap`` capitalises the first letter."""
        self.plain = plain
        out = template.format_map(self.fill)
        self.plain = False
        return out[0].upper() + out[1:] if cap else out

    def title(self, u: float) -> str:
        """One title: Chinese if ``u`` < 0.02, very long if ``u`` < 0.05, else 4-12 words."""
        r = self.rng
        if u < 0.02:
            return r.choice(CN_PLACES) + r.choice(CN_EVENTS)
        for _ in range(8):
            base = _title_case(self.text(r.choice(self.titles), plain=True))
            if 4 <= len(base.split()) <= 12:
                break
        while u < 0.05 and len(base) < 150:
            base += ", " + self.text(self.draw("long", LONG_CLAUSES), plain=True, cap=False)
        return base[:230].rsplit(" ", 1)[0].rstrip(",") if len(base) > 230 else base

    def paragraph(self, goal: float, cap: int) -> str:
        """2-6 sentences, stopping at ``goal`` words and never exceeding ``cap``."""
        sentences: list[str] = []
        want = self.rng.randint(2, 6)
        while len(sentences) < want and self.words < goal:
            fresh = (self.text(self.draw("cat", self.sents) if self.rng.random() < 0.3
                               else self.draw("gen", GENERAL)) for _ in range(3))
            for candidate in itertools.chain(fresh, SHORT_CLOSERS):
                if self.words + len(candidate.split()) <= cap:
                    sentences.append(candidate)
                    self.words += len(candidate.split())
                    break
            else:
                break
        return " ".join(sentences)

    def block_list(self, ordered: bool) -> str:
        r = self.rng
        if ordered:
            items = [self.text(STEPS[i]) for i in sorted(r.sample(range(len(STEPS)),
                                                                  r.randint(3, 6)))]
        else:
            items = [self.text(t) for t in r.sample(BULLETS, r.randint(3, 6))]
        self.words += sum(len(i.split()) for i in items)
        return "\n".join(f"{k}. {i}" if ordered else f"- {i}" for k, i in enumerate(items, 1))

    def block_table(self) -> str:
        r, rows, year = self.rng, self.rng.randint(2, 6), self.year
        kind = "tickets" if self.tickets else r.choice(("stats", "schedule", "policy"))
        if kind == "tickets":
            head = ("Site", "Adult (CNY)", "Concession (CNY)", "Opening hours")
            prices = [r.randrange(20, 130, 5) for _ in range(rows)]
            body = [(r.choice(PLACES)[0], str(p), str(p // 2),
                     f"{r.randint(6, 9):02d}:30-{r.randint(16, 21)}:00") for p in prices]
        elif kind == "stats":
            head = ("Year", "Volume", "Change")
            body = [(str(year - rows + i), f"{r.randint(1200, 98000):,}",
                     f"{r.choice('+-')}{r.randint(5, 300) / 10:.1f}%") for i in range(1, rows + 1)]
        elif kind == "schedule":
            head = ("Date", "Event", "Venue")
            body = [(f"{r.randint(1, 28)} {r.choice(MONTHS)}", r.choice(EVENTS),
                     r.choice(PLACES)[0]) for _ in range(rows)]
        else:
            head = ("Measure", "Who it affects", "From")
            body = [(_title_case(r.choice(self.topics)), r.choice(AFFECTS),
                     f"{r.randint(1, 28)} {r.choice(MONTHS)} {year}") for _ in range(rows)]
        self.words += sum(len(cell.split()) for row in (head, *body) for cell in row)
        lines = ["| " + " | ".join(row) + " |" for row in (head, *body)]
        lines.insert(1, "|" + "|".join(" --- " for _ in head) + "|")
        return "\n".join(lines)

    def block_image(self) -> str:
        r = self.rng
        place, scene = r.choice(PLACES)[0], r.choice(IMG_SCENE)
        alt = f"{r.choice(IMG_SUBJECT)} {place} {scene}"
        url = f"https://photos.iqingdao.example/{self.year}/{_slug(alt)[:48].strip('-')}.jpg"
        return f'![{alt}]({url} "{place} {scene}. Photo: {r.choice(STAFF)}")'

    def body(self, target: int, cap: int, image: bool) -> str:
        """Intro plus 2-6 headed sections holding paragraphs, lists, tables and an image."""
        r = self.rng
        n = r.randint(2, 6)
        heads = [self.text(h, plain=True) for h in r.sample((*self.heads, *HEADINGS), n)]
        reserve = sum(len(h.split()) for h in heads)  # words kept free for headings to come
        extras: list[list[str]] = [[] for _ in range(n + 1)]
        table_chance = 0.9 if self.tickets else 0.35
        for kind, chance in (("ul", 0.7), ("ol", 0.45), ("table", table_chance)):
            if r.random() < chance:
                extras[r.randint(1, n)].append(kind)
        if image:
            extras[r.randint(0, n)].insert(0, "img")
        intro = target * r.uniform(0.08, 0.18)
        blocks: list[str] = []
        for i in range(n + 1):
            goal = intro + (target - intro) * i / n
            if i:
                self.words += len(heads[i - 1].split())
                reserve -= len(heads[i - 1].split())
                blocks.append(f"{'##' if i == 1 or r.random() < 0.7 else '###'} {heads[i - 1]}")
            blocks.append(self.paragraph(goal, cap - reserve))
            for kind in extras[i]:
                before = self.words
                block = (self.block_image() if kind == "img" else self.block_table()
                         if kind == "table" else self.block_list(kind == "ol"))
                if self.words + reserve <= cap:
                    blocks.append(block)
                else:  # a list or table would overshoot the word range: leave it out
                    self.words = before
            while self.words < goal and (para := self.paragraph(goal, cap - reserve)):
                blocks.append(para)
        return "\n\n".join(b for b in blocks if b) + "\n"


def _pick(pool: tuple[str, ...]) -> Callable[[_Builder], str]:
    return lambda b: b.rng.choice(pool)


def _link(b: _Builder) -> str:
    text = b.rng.choice(LINK_TEXT)
    return f"[{text}](https://{b.rng.choice(LINK_HOSTS)}/{b.year}/{_slug(text)})"


_SLOTS: dict[str, Callable[[_Builder], str]] = {
    "org": _pick(ORGS), "role": _pick(ROLES), "nation": _pick(NATIONS), "event": _pick(EVENTS),
    "country": _pick(COUNTRIES), "month": _pick(MONTHS), "weekday": _pick(WEEKDAYS),
    "season": _pick(SEASONS), "em": _pick(EMPH), "quote": _pick(QUOTES), "link": _link,
    "person": lambda b: b.named(b.rng.choice(b.cast)), "lead": lambda b: b.named(b.cast[0]),
    "place": lambda b: b.named(b.rng.choice(PLACES)),
    "bplace": lambda b: f"**{b.named(b.rng.choice(PLACES))}**",
    "district": lambda b: b.named(b.rng.choice(DISTRICTS)),
    "topic": lambda b: b.topic if b.plain or b.rng.random() < 0.6 else b.rng.choice(b.topics),
    "num": lambda b: str(b.rng.randint(3, 60)), "num2": lambda b: str(b.rng.randint(2, 10)),
    "big": lambda b: f"{b.rng.randint(1200, 98000):,}", "ayear": lambda b: str(b.year),
    "big0": lambda b: str(b.rng.randint(40, 900)), "day": lambda b: str(b.rng.randint(1, 28)),
    "pct": lambda b: f"{b.rng.randint(10, 350) / 10:.1f} percent",
    "money": lambda b: f"CNY {b.rng.randint(12, 950) / 10:.1f} million",
    "price": lambda b: str(b.rng.randrange(20, 130, 5)),
    "age": lambda b: str(b.rng.choice((60, 65, 70))),
    "year": lambda b: str(b.rng.randint(b.year - 3, b.year)),
    "year0": lambda b: str(b.rng.randint(1985, 2012)),
    "year2": lambda b: str(b.year + b.rng.randint(1, 3)),
    "line": lambda b: str(b.rng.randint(1, 13)),
    "hour": lambda b: f"{b.rng.randint(6, 9):02d}:{b.rng.choice(('00', '30'))}",
}


def _title_case(text: str) -> str:
    words = text.split()
    return " ".join(w if i and w in SMALL_WORDS else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


_IMG_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SEP_RE = re.compile(r"^\|[ :|-]+\|$", re.M)
_MARKER_RE = re.compile(r"^(?:#{1,6}|[-*+]|\d+\.)[ \t]+", re.M)


def count_words(markdown: str) -> int:
    """Count words of Markdown text, ignoring images, URLs and block/inline syntax."""
    text = _LINK_RE.sub(r"\1", _IMG_RE.sub(" ", markdown))
    text = _MARKER_RE.sub(" ", _SEP_RE.sub(" ", text)).replace("|", " ")
    return sum(1 for tok in text.split() if any(ch.isalnum() for ch in tok))


def _make(index: int, seed: int, words: tuple[int, int]) -> tuple[GeneratedArticle, list[str]]:
    """Build article ``index``; also return spare titles to use if its title is taken."""
    rng = random.Random(f"portal-corpus:{seed}:{index}")
    article_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    category = CATEGORIES[index] if index < len(CATEGORIES) else rng.choice(CATEGORIES)
    date = datetime.date.fromordinal(rng.randint(737060, 739981))  # 2019-01-01..2026-12-31
    builder = _Builder(rng, category[1], date.year)
    kind = rng.random()
    titles = [builder.title(kind) for _ in range(4)]
    source = rng.choices(SOURCES, SOURCE_WEIGHTS)[0]
    if source == "iqingdao":
        author = rng.choice(STAFF) if rng.random() < 0.85 else ""
    else:
        author = builder.cast[2][0] if rng.random() < 0.4 else ""
    summary = "" if rng.random() < 0.15 else " ".join(
        builder.text(t, plain=True) for t in rng.sample(SUMMARY, rng.randint(1, 2)))
    status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
    image = rng.random() < 0.3
    body = builder.body(rng.randint(*words), words[1], image)
    article = GeneratedArticle(article_id, titles[0], category, date.isoformat(), source, author,
                               "en", summary, body, status)
    return article, titles[1:]


def _unique(title: str, spares: list[str], date: str, seen: set[str]) -> str:
    """Try the spare titles, then append a detail (year, month, part) until the title is new."""
    year, month = date[:4], int(date[5:7])
    if any(ch.isascii() and ch.isalpha() for ch in title):
        details = [f" ({year})", f" ({MONTHS[month - 1]} {year})"]
        parts = (f" (Part {k})" for k in itertools.count(2))
    else:
        details = [f"（{year}年）", f"（{year}年{month}月）"]
        parts = (f"（第{k}期）" for k in itertools.count(2))
    for candidate in itertools.chain([title], spares, (title + d for d in details),
                                     (title + p for p in parts)):
        if candidate not in seen:
            seen.add(candidate)
            return candidate
    raise AssertionError("unreachable")


def generate(count: int, seed: int = 2026, *,
             words: tuple[int, int] = (400, 1500)) -> list[GeneratedArticle]:
    """Return ``count`` articles; identical arguments always give identical articles."""
    if count < 0 or not 1 <= words[0] <= words[1]:
        raise ValueError("count must be >= 0 and words a (low, high) range with 1 <= low <= high")
    seen: set[str] = set()
    out = []
    for index in range(count):
        article, spares = _make(index, seed, words)
        title = _unique(article.title, spares, article.date, seen)
        out.append(article if title == article.title else dataclasses.replace(article, title=title))
    return out


def _yaml_str(value: str, *, flow: bool = False) -> str:
    """Emit ``value`` as a YAML scalar, single-quoting it whenever a plain scalar could misparse."""
    first = value[:1]
    plain = (
        first.isalpha()
        and ": " not in value and " #" not in value and not value.endswith((":", " "))
        and "\n" not in value and "\t" not in value and value.lower() not in YAML_RESERVED
        and not (flow and any(ch in value for ch in ",[]{}:#"))
    )
    return value if plain else "'" + value.replace("'", "''") + "'"


def to_markdown(article: GeneratedArticle) -> str:
    """Front matter (id, title, category, date, source, author, language, summary) + body."""
    a = article
    category = ", ".join(_yaml_str(part, flow=True) for part in a.category)
    lines = [f"id: {_yaml_str(a.id)}", f"title: {_yaml_str(a.title)}", f"category: [{category}]",
             f"date: {a.date}", *(f"{key}: {_yaml_str(getattr(a, key))}" for key in _FM_TAIL)]
    body = a.body if a.body.endswith("\n") else a.body + "\n"
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


_FM_TAIL = ("source", "author", "language", "summary")


def write_markdown_files(folder: str | pathlib.Path, count: int, seed: int = 2026, *,
                         words: tuple[int, int] = (400, 1500)) -> list[pathlib.Path]:
    """Write ``NNNNN-<slug>.md`` files (UTF-8, LF) into ``folder``; return the paths in order."""
    out_dir = pathlib.Path(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, article in enumerate(generate(count, seed, words=words), 1):
        slug = _slug(article.title)[:60].strip("-") or "article"
        path = out_dir / f"{number:05d}-{slug}.md"
        path.write_text(to_markdown(article), encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: write a corpus and report how long it took."""
    parser = argparse.ArgumentParser(description="Write a deterministic Markdown corpus.")
    parser.add_argument("out_dir", type=pathlib.Path)
    parser.add_argument("-n", "--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--words", type=int, nargs=2, default=(400, 1500), metavar=("MIN", "MAX"))
    args = parser.parse_args(argv)
    start = time.perf_counter()
    paths = write_markdown_files(args.out_dir, args.count, args.seed, words=tuple(args.words))
    print(f"wrote {len(paths)} files to {args.out_dir} in {time.perf_counter() - start:.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
