"""Issue 13.3: person and topic pages open with a scorecard: the number of claims, their verdicts as a bar
chart drawn on the server with a table that says the same to a screen reader, the claims a year, the topics or
people they are most linked with, and the explainers about them. Every value is escaped."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from conftest import MINIMAL_CONFIG, SOURCE, Build, Project, search_records
from mkdocs_claims.share_image import verdict_colour
from site_links import resolve

HOSTILE_NAME = '<script>alert("name")</script> & Co'
HOSTILE_TOPIC = "<img src=x onerror=alert(1)> talks"
HOSTILE_LABEL = "<b>Half</b> true"
SCALE = [("correct", "Correct"), ("half", HOSTILE_LABEL), ("wrong", "Wrong"), ("wild", "Pants on fire")]
CONFIG = MINIMAL_CONFIG.replace("  - claims\n", "  - claims:\n      scale:\n" + "".join(
    f"        - id: {rating}\n          label: '{label}'\n" for rating, label in SCALE))
TOPICS = ["talks", "energy", "grain", "borders", "prisoners", "ceasefire", "sanctions"]


def claim_facts(index: int) -> dict:
    return {"id": f"c{index:02d}", "date": dt.date(2025, 3, 1) - dt.timedelta(days=40 * index),
            "speaker": "boris" if index % 4 == 3 else "anna",
            "verdict": ["correct", "half", "wrong", "", "half", "wrong", "wrong"][index % 7],
            "topics": sorted({TOPICS[index % 7], TOPICS[index % 3]})}


FACTS = [claim_facts(index) for index in range(20)]


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> Build:
    project = Project(tmp_path_factory.mktemp("scored"), CONFIG)
    project.write("claims/people/anna.yml", f"name: '{HOSTILE_NAME}'\nrole: Minister\n")
    project.write("claims/people/boris.yml", "name: Boris Ivanov\n")
    project.write("claims/sources/isw.yml", SOURCE)
    for topic in TOPICS:
        title = HOSTILE_TOPIC if topic == "talks" else topic.capitalize()
        project.write(f"claims/topics/{topic}.yml", f"title: '{title}'\n")
    for fact in FACTS:
        verdict = f"verdict: {fact['verdict']}\nverdict_note: Because.\n" if fact["verdict"] else ""
        project.write(f"claims/{fact['date'].year}/{fact['id']}.yml",
                      f"title: Claim {fact['id']}\nclaim: Something.\nspeaker: {fact['speaker']}\n"
                      f"date: {fact['date'].isoformat()}\nsources: [isw]\n{verdict}"
                      f"topics: [{', '.join(fact['topics'])}]\nbody: Said it [@isw].\n")
    project.write("docs/explainers/story.md", "---\ntitle: The whole story\ndate: 2025-03-09\n---\n\n"
                                              "What [[people/anna]] said about [[topics/energy]].\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return build


def card_of(build: Build, url: str):
    article = build.article(url)
    card = article.select_one("section.claims-scorecard")
    assert card is not None, url
    return card


def verdict_table(card) -> dict[str, int]:
    table = card.select_one("table.claims-visually-hidden")
    return {row.th.get_text(): int(row.td.get_text()) for row in table.select("tbody tr")}


def expected_verdicts(facts: list[dict]) -> dict[str, int]:
    counts = Counter(f["verdict"] for f in facts)
    found = {label: counts[rating] for rating, label in SCALE}
    if counts[""]:
        found["Not rated"] = counts[""]
    return found


@pytest.mark.parametrize("url, facts", [
    ("people/anna/", [f for f in FACTS if f["speaker"] == "anna"]),
    ("people/boris/", [f for f in FACTS if f["speaker"] == "boris"]),
    ("topics/energy/", [f for f in FACTS if "energy" in f["topics"]]),
    ("topics/talks/", [f for f in FACTS if "talks" in f["topics"]]),
])
def test_the_scorecard_counts_what_the_page_lists(scored, url, facts):
    card = card_of(scored, url)
    total = card.select_one(".claims-scorecard__total strong")
    assert int(total.get_text()) == len(facts)
    # "on record", not "checked": a claim not rated yet is counted too
    counted = "on record" if url.startswith("people/") else "on this topic"
    plural = "" if len(facts) == 1 else "s"
    assert card.select_one(".claims-scorecard__total").get_text(" ", strip=True) == \
        f"{len(facts)} claim{plural} {counted}"
    assert verdict_table(card) == expected_verdicts(facts)
    years = [li.get_text() for li in card.select("ul.claims-scorecard__years li")]
    assert years == [f"{year}: {count}" for year,
                     count in sorted(Counter(f["date"].year for f in facts).items(),
                                                                     reverse=True)]


def test_the_chart_draws_each_verdict_in_its_colour_with_a_text_equivalent(scored):
    card = card_of(scored, "people/anna/")
    svg = card.select_one("svg.claims-chart")
    assert svg["aria-hidden"] == "true"  # the table beside it is what a screen reader reads
    table = card.select_one("table.claims-visually-hidden")
    assert table.caption.get_text().startswith("Verdicts on the")
    counts = verdict_table(card)
    labels = [text.get_text() for text in svg.select("text.claims-chart__label")]
    assert labels == list(counts)  # the scale's order, best first, then "Not rated"
    drawn = [int(text.get_text()) for text in svg.select("text.claims-chart__count")]
    assert drawn == list(counts.values())
    bars = svg.select("rect.claims-chart__bar")
    assert len(bars) == sum(1 for count in counts.values() if count)
    widths = [float(bar["width"]) for bar in bars]
    nonzero = [count for count in counts.values() if count]
    # the longest bar is the most frequent verdict
    assert widths.index(max(widths)) == nonzero.index(max(nonzero))
    colours = {rating: verdict_colour(rating) for rating, _ in SCALE}
    assert {bar["fill"] for bar in bars} <= set(colours.values()) | {verdict_colour("")}


def test_default_scale_bars_take_the_colours_of_the_verdict_badges(tmp_path):
    project = Project(tmp_path).add_basics()
    for index, verdict in enumerate(["accurate", "misleading", "misleading", "inaccurate"]):
        project.write(f"claims/2025/c{index}.yml",
                      f"title: Claim {index}\nclaim: Something.\nspeaker: putin\ndate: 2025-03-0{index + 1}\n"
                      f"sources: [isw]\nverdict: {verdict}\nverdict_note: Why.\nbody: Said it [@isw].\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    css = (build.site / "assets" / "claims.css").read_text(encoding="utf-8")
    badge = dict(re.findall(r"\.claims-verdict--([a-z-]+) \{ background: (#[0-9a-f]{6}); \}", css))
    bars = card_of(build, "people/putin/").select("rect.claims-chart__bar")
    assert [bar["fill"] for bar in bars] == [badge["accurate"], badge["misleading"], badge["inaccurate"]]


def test_the_most_linked_topics_and_people_with_their_counts(scored):
    anna = [f for f in FACTS if f["speaker"] == "anna"]
    card = card_of(scored, "people/anna/")
    shown = [(resolve("people/anna/", li.a["href"]), li.get_text(" ", strip=True)) for li in
             card.select("ul.claims-scorecard__linked li")]
    counts = Counter(topic for f in anna for topic in f["topics"])
    assert len(shown) == 5
    for url, text in shown:
        topic = url.removeprefix("topics/").rstrip("/")
        assert text.endswith(f"({counts[topic]})"), (url, text)
    assert [int(text.rsplit("(", 1)[1].rstrip(")"))
            for _, text in shown] == sorted(counts.values(), reverse=True)[:5]
    people = card_of(scored, "topics/energy/").select("ul.claims-scorecard__linked li")
    energy = Counter(f["speaker"] for f in FACTS if "energy" in f["topics"])
    assert [(resolve("topics/energy/", li.a["href"]), li.get_text(" ", strip=True).rsplit(" ", 1)[1])
            for li in people] == [(f"people/{p}/", f"({n})") for p, n in energy.most_common()]


def test_the_explainers_about_them(scored):
    for url in ("people/anna/", "topics/energy/"):
        links = card_of(scored, url).select("ul.claims-scorecard__explainers a")
        assert [(a.get_text(), resolve(url, a["href"]))
                for a in links] == [("The whole story", "explainers/story/")]
    assert card_of(scored, "people/boris/").select_one("ul.claims-scorecard__explainers") is None


def test_the_page_opens_with_the_scorecard(scored):
    for url in ("people/anna/", "topics/energy/"):
        article = scored.article(url)
        first_section = article.h1.find_next(["section", "h2", "ul", "table"])
        assert first_section.name == "section" and "claims-scorecard" in first_section["class"], url
        toc = [a.get_text(strip=True) for a in scored.page(url).select("nav.md-nav--secondary a")]
        assert "At a glance" in toc


def test_hostile_names_and_labels_are_text(scored):
    anna = card_of(scored, "people/anna/")
    assert anna.find(["script", "img", "b"]) is None
    assert HOSTILE_LABEL in [text.get_text() for text in anna.select("svg text")]
    assert HOSTILE_LABEL in verdict_table(anna)
    assert HOSTILE_TOPIC in [a.get_text() for a in anna.select("ul.claims-scorecard__linked a")]
    talks = card_of(scored, "topics/talks/")
    assert talks.find(["script", "img", "b"]) is None
    assert HOSTILE_NAME in [a.get_text() for a in talks.select("ul.claims-scorecard__linked a")]


def test_a_person_without_claims_gets_a_card_without_a_chart(scored, tmp_path):
    project = Project(tmp_path).add_basics()
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    card = card_of(build, "people/putin/")
    assert card.select_one(".claims-scorecard__total").get_text(" ", strip=True).startswith("0 claims")
    assert card.select_one("svg") is None


def test_search_finds_the_page_by_its_words_not_by_its_scorecard(scored):
    """The scorecard's counts and hidden table would otherwise be the excerpt a search shows for the page."""
    records = search_records(scored.site)
    person = records["people/boris/"]
    assert "Boris Ivanov" in person["content"]
    for words in ("At a glance", "claims checked", "Verdicts", "Mostly accurate"):
        assert words not in person["content"], words
