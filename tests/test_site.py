"""The built site, end to end: real builds in temporary folders, read back with an HTML parser.

Covers issue 3 item 8: every page kind, both directions of each relation type, citation
numbering and back-links, embeds and links in hand-written pages, escaping and sanitizing,
each failure mode of item 5, the navigation, internal links and reachability of the article
site, and a ProperDocs build.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import deque
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import (
    ARTICLE,
    MINIMAL_CONFIG,
    REPO,
    Build,
    Project,
    build_without_the_html_check,
    claim_yaml,
    search_records,
)
from site_links import file_of, internal_links, link_problems, resolve, url_of

RELATION_TYPES = {  # type -> (label on the declaring claim, label on the other claim)
    "see-also": ("See also", "See also"),
    "supports": ("Supports", "Supported by"),
    "contradicts": ("Contradicts", "Contradicts"),
    "rejects": ("Rejects", "Rejected by"),
    "responds-to": ("Responds to", "Responded to by"),
    "repeats": ("Repeats", "Repeated by"),
}
TRAPS = "*star* [bracket] <b>bold</b> <script>alert(1)</script> {{ 7*7 }}"


def text(element) -> str:
    """An element's visible text with whitespace collapsed."""
    return " ".join(element.get_text(" ", strip=True).split()) if element is not None else ""


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


# --------------------------------------------------------------------------------------------
# The rich site: every field, every relation type, hand-written pages using every link form.
# --------------------------------------------------------------------------------------------

RICH_CONFIG = """\
site_name: Test claims
repo_url: https://github.com/example/repo
edit_uri: edit/main/docs/
theme:
  name: material
plugins:
  - claims
"""


def _write_rich(project: Project) -> None:
    project.write("claims/people/putin.yml",
                  "name: Vladimir Putin\nrole: President of Russia\n"
                  "description: Has led Russia *since 2000*.\n")
    project.write("claims/people/lavrov.yml", "name: Sergei Lavrov\nrole: Foreign Minister of Russia\n")
    project.write("claims/sources/isw.yml",
                  "title: ISW assessment, March 6\npublisher: Institute for the Study of War\n"
                  "url: https://example.org/isw\ndate: 2025-03-06\n"
                  "archive_url: https://web.archive.org/web/2025/https://example.org/isw\naccessed: "
                  "2025-03-10\n")
    project.write("claims/sources/tass.yml", "title: TASS wire\npublisher: TASS\nurl: https://example.org/tass\n")
    project.write("claims/sources/reuters.yml",
                  "title: Reuters report\npublisher: Reuters\nurl: https://example.org/reuters\n")
    project.write("claims/topics/peace-talks.yml",
                  "title: Peace talks\ndescription: Talks about *ending* the war.\n")
    project.write("claims/topics/sanctions.yml", "title: Sanctions\n")
    project.write("claims/2025/03/main.yml", """\
title: Putin rules out concessions
claim: Russia will make no compromises.
speaker: putin
date: 2025-03-06
venue: Defenders of the Fatherland Foundation, Moscow
verdict: misleading
verdict_note: The record shows earlier offers.
quotes:
  - text: We will not give in to anyone
    source: isw
    original: Мы никому не уступим
    lang: ru
  - text: no compromises
    source: tass
topics: [peace-talks]
sources:
  - isw
  - tass
  - reuters
  - id: kremlin-transcript
    title: Meeting transcript
    publisher: Kremlin
    url: https://example.org/kremlin
    date: 2025-03-07
read_also:
  - title: Background analysis
    publisher: Bloomberg
    url: https://example.org/bloomberg
  - title: A book without a link
    publisher: Some Press
updates:
  - date: 2025-03-10
    note: Corrected the second quote.
body: |
  First [@tass]. Both [@isw; @tass]. From the transcript [@kremlin-transcript].
  Again [@isw]. Earlier he said [[older-claim]]; see [[people/lavrov|the minister]].
""")
    project.write("claims/2025/01/putin-jan.yml", claim_yaml(
        "Putin in January", "putin", "2025-01-15", "Said [@isw].", "[isw]", "topics: [peace-talks]\n"))
    project.write("claims/2024/12/older-claim.yml", claim_yaml(
        "Putin in December", "putin", "2024-12-01", "Said [@tass].", "[tass]"))
    for day, (kind, _) in enumerate(RELATION_TYPES.items(), start=1):
        project.write(f"claims/2025/02/{kind}-to.yml", claim_yaml(
            f"Target of {kind}", "lavrov", f"2025-02-{day:02d}", "Said [@isw].", "[isw]",
            "topics: [sanctions]\n"))
        project.write(f"claims/2025/02/{kind}-from.yml", claim_yaml(
            f"Declares {kind}", "lavrov", f"2025-02-{day + 10:02d}", "Said [@isw].", "[isw]",
            f"topics: [sanctions]\nrelated:\n  - claim: {kind}-to\n    type: {kind}\n    note: Because of "
            f"{kind}.\n"))
    project.write("docs/index.md", "# Home\n\nWelcome.\n\n## Latest\n\n<!-- claims:latest 3 -->\n\n"
                                   "Read [the story](explainers/story.md).\n")
    project.write("docs/explainers/story.md", """\
# The story

![[main]]

See [[main|the main claim]], [[people/putin]], [[topics/peace-talks]], [[sources/isw]],
[[older-claim]] and [a plain link](../claims/putin-jan.md).
""")
    project.write("docs/method.md", "# Method\n\n## Scale\n\n<!-- claims:scale -->\n")


@pytest.fixture(scope="module")
def rich(tmp_path_factory) -> Build:
    project = Project(tmp_path_factory.mktemp("rich"), RICH_CONFIG)
    _write_rich(project)
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return build


ALL_RICH_CLAIMS = {"main", "putin-jan", "older-claim"} | {f"{k}-{d}" for k in RELATION_TYPES
                                                          for d in ("from", "to")}


# -- claim page -------------------------------------------------------------------------------------

def test_claim_page_heading_box_and_facts(rich):
    article = rich.article("claims/main/")
    assert text(article.h1) == "Putin rules out concessions"
    box = article.select_one(".claims-box")
    assert text(box.select_one(".claims-box__claim")) == "Russia will make no compromises."
    speaker = box.select_one("a.claims-speaker")
    assert text(speaker) == "Vladimir Putin"
    assert resolve("claims/main/", speaker["href"]) == "people/putin/"
    facts = {text(dt): dd for dt, dd in zip(box.select("dl dt"), box.select("dl dd"), strict=True)}
    assert facts["Date"].time["datetime"] == "2025-03-06"
    assert text(facts["Date"]) == "6 March 2025"
    assert text(facts["Where"]) == "Defenders of the Fatherland Foundation, Moscow"
    assert "Verdict" not in facts  # the verdict has a panel of its own in the box, after the facts
    verdict = box.select_one(".claims-box__verdict")
    assert verdict.find_previous_sibling("dl") is box.select_one("dl.claims-box__facts")
    assert text(verdict.select_one(".claims-verdict")) == "Misleading"
    assert "claims-verdict--misleading" in verdict.select_one(".claims-verdict")["class"]
    assert text(verdict.select_one(".claims-box__rationale")) == "The record shows earlier offers."


def test_claim_page_quotes_with_original_language(rich):
    article = rich.article("claims/main/")
    quotes = article.select("figure.claims-quote")
    assert len(quotes) == 2
    first, second = quotes
    assert "We will not give in to anyone" in text(first.select_one(".claims-quote__text"))
    original = first.select_one(".claims-quote__original")
    assert original is not None and original["lang"] == "ru"
    assert "Мы никому не уступим" in text(original)
    assert second.select_one(".claims-quote__original") is None
    assert "no compromises" in text(second)
    # Each quote points at the reference of its source.
    first_ref = first.figcaption.find("a", href=re.compile("^#ref-"))
    assert "Institute for the Study of War" in text(first_ref)
    assert article.select_one(first_ref["href"]) is not None
    assert "Institute for the Study of War" in text(article.select_one(first_ref["href"]))


def test_claim_page_body_and_links(rich):
    article = rich.article("claims/main/")
    body = article.find(id="explanation").find_next_sibling("p")
    assert "From the transcript" in text(body)
    older = body.find("a", string="Putin in December")
    assert resolve("claims/main/", older["href"]) == "claims/older-claim/"
    minister = body.find("a", string="the minister")
    assert resolve("claims/main/", minister["href"]) == "people/lavrov/"
    assert "[[" not in text(article) and "[@" not in text(article)


def test_citations_numbered_in_order_of_first_citation(rich):
    article = rich.article("claims/main/")
    markers = article.select("sup.claims-cite")
    # First [@tass]. Both [@isw; @tass]. [@kremlin-transcript]. Again [@isw].  -> 1, 2 1, 3, 2
    assert [text(m) for m in markers] == ["[1]", "[2]", "[1]", "[3]", "[2]"]
    assert [m.a["href"] for m in markers] == ["#ref-1", "#ref-2", "#ref-1", "#ref-3", "#ref-2"]
    assert [m["id"] for m in markers] == ["cite-1-1", "cite-2-1", "cite-1-2", "cite-3-1", "cite-2-2"]
    # `[@isw; @tass]` gives two adjacent markers.
    both = markers[1]
    assert both.find_next_sibling("sup") is markers[2]
    references = article.select("ol.claims-references > li")
    publishers = [text(li.select_one(".claims-ref__publisher")) for li in references]
    # Cited sources in order of first citation, then the uncited one as listed.
    assert publishers == ["TASS", "Institute for the Study of War", "Kremlin", "Reuters"]
    assert [li["id"] for li in references] == ["ref-1", "ref-2", "ref-3", "ref-4"]
    for marker in markers:
        assert article.select_one(marker.a["href"]) is not None


def test_reference_backlinks_point_at_each_citing_place(rich):
    article = rich.article("claims/main/")
    references = article.select("ol.claims-references > li")
    expected = {"ref-1": ["#cite-1-1", "#cite-1-2"], "ref-2": ["#cite-2-1", "#cite-2-2"],
                "ref-3": ["#cite-3-1"], "ref-4": []}
    for li in references:
        backs = [a["href"] for a in li.find_all("a", href=re.compile("^#cite-"))]
        assert backs == expected[li["id"]], li["id"]
        for href in backs:
            target = article.find(id=href[1:])
            assert target is not None and target.name == "sup", href


def test_reference_fields(rich):
    article = rich.article("claims/main/")
    isw = article.find(id="ref-2")
    title = isw.select_one("a.claims-ref__title")
    assert text(title) == "ISW assessment, March 6" and title["href"] == "https://example.org/isw"
    assert isw.find("time", datetime="2025-03-06") is not None
    archive = isw.select_one("a.claims-ref__archive")
    assert archive["href"] == "https://web.archive.org/web/2025/https://example.org/isw"
    assert text(archive) == "Archived copy"
    assert isw.find("time", datetime="2025-03-10") is not None and "Accessed" in text(isw)
    # A shared source links to its page listing every citing claim.
    page = isw.find("a", href=lambda h: h and resolve("claims/main/", h) == "sources/isw/")
    assert page is not None
    # The inline source: shown with its fields, no source page.
    inline = article.find(id="ref-3")
    assert text(inline.select_one(".claims-ref__publisher")) == "Kremlin"
    assert inline.select_one("a.claims-ref__title")["href"] == "https://example.org/kremlin"
    assert inline.find("time", datetime="2025-03-07") is not None
    assert not any(resolve("claims/main/", a["href"]).startswith("sources/") for a in inline.find_all("a"))
    assert not (rich.site / "sources" / "kremlin-transcript").exists()


def test_read_also_topics_corrections_and_edit_link(rich):
    article = rich.article("claims/main/")
    read_also = article.select_one(".claims-read-also")
    items = read_also.find_all("li")
    assert "Bloomberg" in text(items[0]) and items[0].a["href"] == "https://example.org/bloomberg"
    assert "A book without a link" in text(items[1]) and items[1].a is None
    # Under a heading of its own, after the related claims.
    heading = article.find("h2", id="further-reading")
    assert heading is not None and text(heading) == "Further reading"
    assert heading.find_next_sibling() is read_also
    toc = [text(a) for a in rich.page("claims/main/").select(".md-nav--secondary a.md-nav__link")]
    assert toc.index("Related claims") < toc.index("Further reading") < toc.index("Topics"), toc
    topics = article.find(id="topics").find_next_sibling()
    assert [resolve("claims/main/", a["href"]) for a in topics.find_all("a")] == ["topics/peace-talks/"]
    assert "Corrected the second quote." in text(article.select_one(".claims-updates"))
    edit = article.find("a", string="Edit this claim")
    assert edit["href"] == "https://github.com/example/repo/edit/main/claims/2025/03/main.yml"


def test_further_reading_is_apart_from_the_relations_between_claims(article_site):
    page = "claims/hegseth-peacekeeping-troops/"  # relations, their graph and further reading without links
    article = article_site.article(page)
    relations, further = article.find("h2", id="relations"), article.find("h2", id="further-reading")
    assert text(relations) == "Relations to other claims" and text(further) == "Further reading"
    assert relations.find_next_sibling("ul", class_="claims-relations") is not None
    assert relations.find_next_sibling("figure", class_="claims-graph") is not None
    entries = further.find_next_sibling()
    assert "claims-read-also" in entries["class"] and entries.find_all("li")
    # The relations, their graph and the related claims all come before the further reading, none after it.
    assert not further.find_next_siblings(class_=["claims-relations", "claims-graph", "claims-related"])
    for entry in entries.find_all("li"):
        assert entry.select_one(".claims-ref__publisher") is not None, entry
    toc = [text(a) for a in article_site.page(page).select(".md-nav--secondary a.md-nav__link")]
    assert toc.index("Relations to other claims") < toc.index("Further reading") < toc.index("Topics"), toc


def test_explained_in_lists_the_docs_page(rich):
    for claim_id in ("main", "older-claim", "putin-jan"):  # embed, [[link]], plain Markdown link
        article = rich.article(f"claims/{claim_id}/")
        section = article.find(id="explained-in")
        assert section is not None, claim_id
        links = section.find_next_sibling("ul").find_all("a")
        assert [text(a) for a in links] == ["The story"]
        assert resolve(f"claims/{claim_id}/", links[0]["href"]) == "explainers/story/"
    assert rich.article("claims/rejects-from/").find(id="explained-in") is None


# -- relations ------------------------------------------------------------------------------------

def _relations(build: Build, claim_id: str) -> list[tuple[str, str, str]]:
    """(label, target url, note) of each curated relation on a claim page."""
    article = build.article(f"claims/{claim_id}/")
    rows = []
    for li in article.select("ul.claims-relations > li"):
        label = text(li.find_parent("ul").find_previous_sibling("h3"))  # the heading of its group
        link = li.find("a", href=True)
        rows.append((label, resolve(f"claims/{claim_id}/", link["href"]),
                     text(li.select_one(".claims-relation__note"))))
    return rows


@pytest.mark.parametrize("kind", list(RELATION_TYPES))
def test_relation_shown_in_both_directions_with_note(rich, kind):
    forward, inverse = RELATION_TYPES[kind]
    note = f"Because of {kind}."
    assert _relations(rich, f"{kind}-from") == [(forward, f"claims/{kind}-to/", note)]
    assert _relations(rich, f"{kind}-to") == [(inverse, f"claims/{kind}-from/", note)]
    link = rich.article(f"claims/{kind}-to/").select_one("ul.claims-relations a")
    assert text(link) == f"Declares {kind}"


# -- automatic related claims ------------------------------------------------------------------------

def test_automatic_related_fill_up_to_related_count(rich):
    # Default related_count is 4; the claim has no curated relations.
    article = rich.article("claims/putin-jan/")
    related = [resolve("claims/putin-jan/", a["href"]) for a in article.select("ul.claims-related a[href]")]
    assert "claims/main/" in related  # same speaker, same topic
    assert "claims/older-claim/" in related  # same speaker
    assert len(related) <= 4 and "claims/putin-jan/" not in related
    # A claim with one curated relation gets at most three automatic ones, never the related claim again.
    article = rich.article("claims/rejects-from/")
    related = [resolve("claims/rejects-from/", a["href"])
               for a in article.select("ul.claims-related a[href]")]
    assert 0 < len(related) <= 3
    assert "claims/rejects-to/" not in related


@pytest.fixture(scope="module")
def related_site(tmp_path_factory) -> Build:
    project = Project(tmp_path_factory.mktemp("related"),
                      MINIMAL_CONFIG.replace("  - claims\n", "  - claims:\n      related_count: 2\n"))
    project.add_basics()
    relations = {"c1": [("c2", "rejects")], "c3": [("c4", "supports"), ("c5", "repeats")]}
    for number in range(1, 8):
        extra = "topics: [peace-talks]\n"
        if f"c{number}" in relations:
            extra += "related:\n" + "".join(f"  - claim: {other}\n    type: {kind}\n    note: N.\n"
                                            for other, kind in relations[f"c{number}"])
        project.write(f"claims/2025/03/c{number}.yml",
                      claim_yaml(f"Claim {number}", date=f"2025-03-{number:02d}", extra=extra))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return build


def test_related_count_is_respected(related_site):
    def automatic(claim_id):
        article = related_site.article(f"claims/{claim_id}/")
        return [resolve(f"claims/{claim_id}/", a["href"])
                for a in article.select("ul.claims-related a[href]")]

    assert len(automatic("c7")) == 2  # no curated relations: two automatic ones
    c1 = automatic("c1")  # one curated relation: one automatic one, not the curated claim
    assert len(c1) == 1 and "claims/c2/" not in c1
    assert automatic("c3") == []  # curated relations already fill related_count
    assert related_site.article("claims/c3/").select_one(".claims-related") is None


# -- person, topic, source pages, indexes, timeline ------------------------------------------------------

def _claim_links(build: Build, url: str, selector: str) -> list[str]:
    article = build.article(url)
    return [resolve(url, a["href"]).removeprefix("claims/").rstrip("/")
            for a in article.select(selector) if resolve(url, a["href"]).startswith("claims/")
            and resolve(url, a["href"]) != "claims/"]


def test_person_page(rich):
    article = rich.article("people/putin/")
    assert text(article.h1) == "Vladimir Putin"
    assert text(article.select_one(".claims-person__role")) == "President of Russia"
    description = article.find("em", string="since 2000")
    assert description is not None  # Markdown description rendered
    assert _claim_links(rich, "people/putin/", ".claims-list a") == ["main", "putin-jan", "older-claim"]
    dates = [t["datetime"] for t in article.select(".claims-list time")]
    assert dates == sorted(dates, reverse=True)


def test_topic_page(rich):
    article = rich.article("topics/peace-talks/")
    assert text(article.h1) == "Peace talks"
    assert article.find("em", string="ending") is not None
    assert _claim_links(rich, "topics/peace-talks/", ".claims-list li > a") == ["main", "putin-jan"]


def test_source_page_lists_every_citing_claim(rich):
    article = rich.article("sources/isw/")
    assert text(article.h1) == "ISW assessment, March 6"
    assert "Institute for the Study of War" in text(article.select_one(".claims-source"))
    assert article.find("a", href="https://example.org/isw") is not None
    assert article.find("a", href="https://web.archive.org/web/2025/https://example.org/isw") is not None
    citing = set(_claim_links(rich, "sources/isw/", ".claims-list li > a"))
    expected = {"main", "putin-jan"} | {f"{k}-{d}" for k in RELATION_TYPES for d in ("from", "to")}
    assert citing == expected
    # A listed but uncited shared source still lists the claim.
    assert _claim_links(rich, "sources/reuters/", ".claims-list li > a") == ["main"]


def test_claims_index_newest_first(rich):
    article = rich.article("claims/")
    rows = article.select(".claims-table table tbody tr")
    assert len(rows) == len(ALL_RICH_CLAIMS)
    dates = [row.find("time")["datetime"] for row in rows]
    assert dates == sorted(dates, reverse=True)
    first = rows[0].find_all("td")
    assert first[0].time["datetime"] == "2025-03-06"
    assert text(first[1]) == "Vladimir Putin"
    assert resolve("claims/", first[1].a["href"]) == "people/putin/"
    assert text(first[2]) == "Putin rules out concessions"
    assert resolve("claims/", first[2].a["href"]) == "claims/main/"
    assert text(first[3]) == "Misleading"
    linked = {resolve("claims/", row.find_all("td")[2].a["href"]) for row in rows}
    assert linked == {f"claims/{c}/" for c in ALL_RICH_CLAIMS}


def test_people_topics_sources_indexes(rich):
    for url, expected in (("people/", {"people/putin/", "people/lavrov/"}),
                          ("topics/", {"topics/peace-talks/", "topics/sanctions/"}),
                          ("sources/", {"sources/isw/", "sources/tass/", "sources/reuters/"})):
        article = rich.article(url)
        links = {resolve(url, a["href"]) for a in article.select(".claims-records a[href]")}
        assert links == expected, url


def test_timeline_grouped_by_year_and_month(rich):
    article = rich.article("timeline/")
    where: dict[str, tuple[str, str]] = {}
    year = month = None
    order = []
    for element in article.find_all(["h2", "h3", "a"]):
        if element.name == "h2":
            year = text(element).replace("¶", "").strip()
            order.append(year)
        elif element.name == "h3":
            month = text(element).replace("¶", "").strip()
            order.append(month)
        elif element.get("href") and resolve("timeline/", element["href"]).startswith("claims/") \
                and resolve("timeline/", element["href"]) != "claims/":
            where[resolve("timeline/", element["href"])] = (year, month)
    assert order == ["2025", "March 2025", "February 2025", "January 2025", "2024", "December 2024"]
    assert where["claims/main/"] == ("2025", "March 2025")
    assert where["claims/putin-jan/"] == ("2025", "January 2025")
    assert where["claims/older-claim/"] == ("2024", "December 2024")
    assert where["claims/rejects-from/"] == ("2025", "February 2025")
    assert set(where) == {f"claims/{c}/" for c in ALL_RICH_CLAIMS}


# -- hand-written pages ----------------------------------------------------------------------------------

def test_embed_renders_a_card(rich):
    article = rich.article("explainers/story/")
    cards = article.select(".claims-card")
    assert len(cards) == 1
    card = cards[0]
    assert "Russia will make no compromises." in text(card)
    assert "We will not give in to anyone" in text(card)  # first quote only
    assert "no compromises”" not in text(card.select_one(".claims-card__quote"))
    speaker = card.select_one("a.claims-speaker")
    assert (text(speaker) == "Vladimir Putin"
            and resolve("explainers/story/", speaker["href"]) == "people/putin/")
    assert card.find("time", datetime="2025-03-06") is not None
    assert any(resolve("explainers/story/", a["href"]) == "claims/main/"
               for a in card.find_all("a", href=True))
    assert "![[" not in text(article)


def test_links_in_docs_pages_resolve(rich):
    article = rich.article("explainers/story/")
    paragraph = article.find_all("p")[-1]
    found = {text(a): resolve("explainers/story/", a["href"]) for a in paragraph.find_all("a", href=True)}
    assert found == {
        "the main claim": "claims/main/",
        "Vladimir Putin": "people/putin/",
        "Peace talks": "topics/peace-talks/",
        "ISW assessment, March 6": "sources/isw/",
        "Putin in December": "claims/older-claim/",
        "a plain link": "claims/putin-jan/",
    }
    for url in found.values():
        assert file_of(rich.site, url) is not None, url
    assert "[[" not in text(article)


def test_latest_placeholder_lists_newest_claims(rich):
    article = rich.article("")
    latest = article.select_one(".claims-latest")
    links = [resolve("", a["href"]) for a in latest.select(".claims-list li > a")]
    assert links == ["claims/main/", "claims/repeats-from/", "claims/responds-to-from/"]
    assert "claims:latest" not in str(article)


def test_scale_placeholder_renders_the_default_scale(rich):
    article = rich.article("method/")
    table = article.select_one(".claims-scale table")
    ids = [text(row.select_one("td:nth-child(2)")) for row in table.select("tbody tr")]
    assert ids == ["accurate", "mostly-accurate", "mixed", "misleading", "inaccurate", "unsupported",
                   "no verdict"]
    assert "Misleading" in text(table)
    assert "claims:scale" not in str(article)


# -- navigation ------------------------------------------------------------------------------------------

def test_generated_pages_not_in_sidebar_nav(rich):
    page = rich.page("claims/main/")
    nav = page.select_one("nav.md-nav--primary")
    assert nav is not None
    targets = {resolve("claims/main/", a["href"]) for a in nav.find_all("a", href=True)}
    record_pages = {f"claims/{c}/" for c in ALL_RICH_CLAIMS} | {"people/putin/", "people/lavrov/",
                                                                 "topics/peace-talks/", "sources/isw/"}
    assert not targets & record_pages, targets & record_pages
    assert {"claims/", "people/", "topics/", "sources/", "timeline/"} <= targets


# -- custom scale and prefix ------------------------------------------------------------------------------

CUSTOM_CONFIG = """\
site_name: Custom
theme:
  name: material
plugins:
  - claims:
      claims_prefix: statements
      scale:
        - id: solid
          label: Solid ground
          description: Holds up.
          value: 2
        - id: shaky
          label: Shaky ground
          description: Does not hold up.
          value: 1
"""


def test_custom_scale_and_claims_prefix(tmp_path):
    project = Project(tmp_path, CUSTOM_CONFIG).add_basics()
    project.write("claims/2025/03/putin-no-concessions.yml",
                  claim_yaml(extra="verdict: shaky\nverdict_note: Not borne out.\n"))
    project.write("docs/index.md", "# Home\n\n<!-- claims:scale -->\n\nSee [[putin-no-concessions]].\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    article = build.article("statements/putin-no-concessions/")
    assert text(article.select_one(".claims-verdict")) == "Shaky ground"
    assert not (build.site / "claims").exists()
    assert file_of(build.site, "statements/") is not None
    home = build.article("")
    assert [text(cell) for cell in home.select(".claims-scale table tbody td:nth-child(2)")] == [
        "solid", "shaky", "no verdict"]
    assert "Solid ground" in text(home.select_one(".claims-scale table"))
    link = home.find("a", string="Putin rules out concessions")
    assert resolve("", link["href"]) == "statements/putin-no-concessions/"


def test_unknown_verdict_for_custom_scale_fails(tmp_path):
    project = Project(tmp_path, CUSTOM_CONFIG).add_basics()
    path = project.write("claims/2025/03/putin-no-concessions.yml",
                         claim_yaml(extra="verdict: misleading\nverdict_note: Not borne out.\n"))
    build = project.build()
    assert build.returncode != 0
    line = path.read_text().splitlines().index("verdict: misleading") + 1
    assert f"claims/2025/03/putin-no-concessions.yml:{line}:10: unknown verdict `misleading`" in build.output
    assert "Traceback" not in build.output


# -- escaping and sanitizing ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def traps(tmp_path_factory) -> Build:
    project = Project(tmp_path_factory.mktemp("traps"))
    project.write("claims/people/putin.yml", f"name: {q(TRAPS)}\nrole: {q(TRAPS)}\n"
                  "description: |\n  Bio <script>alert(2)</script> <img src=x onerror=\"alert(3)\">\n")
    project.write("claims/sources/isw.yml", f"title: {q(TRAPS)}\npublisher: {q(TRAPS)}\nurl: https://example.org/x\n")
    project.write("claims/topics/peace-talks.yml", f"title: {q(TRAPS)}\n")
    project.write("claims/2025/03/trap.yml", f"""\
title: {q(TRAPS)}
claim: {q(TRAPS)}
speaker: putin
date: 2025-03-06
venue: {q(TRAPS)}
verdict: misleading
verdict_note: {q(TRAPS)}
topics: [peace-talks]
quotes:
  - text: {q(TRAPS)}
    source: isw
    original: {q(TRAPS)}
    lang: ru
sources: [isw]
read_also:
  - title: {q(TRAPS)}
    publisher: {q(TRAPS)}
updates:
  - date: 2025-03-07
    note: {q(TRAPS)}
body: |
  Text [@isw].

  <script>alert(4)</script>

  <img src="x.png" onerror="alert(5)">

  [click me](https://example.org/ok) and <a href="https://example.org/raw" onclick="alert(7)">raw</a>.
""")
    project.write("claims/2025/03/other.yml", claim_yaml("Other", extra=
                  f"related:\n  - claim: trap\n    type: rejects\n    note: {q(TRAPS)}\n"))
    project.write("docs/index.md", "# Home\n\n![[trap]]\n\n[[trap]]\n\n<!-- claims:latest 2 -->\n")
    # the check refuses the raw HTML; the sanitizer behind it is tested here
    refused = project.build("--strict")
    assert refused.returncode != 0 and "`<script>` is not allowed HTML" in refused.output, refused.output
    build = build_without_the_html_check(project)
    assert build.returncode == 0, build.output
    return build


TRAP_PAGES = ["claims/trap/", "claims/other/", "people/putin/", "topics/peace-talks/", "sources/isw/",
              "claims/", "people/", "topics/", "sources/", "timeline/", ""]


def _assert_nothing_injected(page: BeautifulSoup, url: str):
    for script in page.find_all("script"):
        if script.get("type") == "application/ld+json":  # data, not code: must parse, and keep `<` escaped
            data = json.loads(script.string)
            assert "<" not in script.string and data, url
            continue
        assert "alert(" not in (script.string or "") and "alert(" not in script.get("src", ""), url
    assert page.find("b") is None, url
    for element in page.find_all(True):
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (url, element.name, name)
            if name in ("href", "src"):
                assert not str(value).strip().lower().startswith("javascript:"), (url, value)
    # Text shows as typed: never evaluated, never double-escaped.
    for string in page.find_all(string=re.compile(r"bold|7\*7")):
        if string.parent.name in ("script", "style"):
            continue
        assert "49" not in string, (url, string)
        assert "&lt;" not in string and "&amp;" not in string, (url, string)


@pytest.mark.parametrize("url", TRAP_PAGES)
def test_text_from_files_is_escaped_everywhere(traps, url):
    page = traps.page(url)
    _assert_nothing_injected(page, url)
    article = page.select_one("article")
    assert TRAPS in text(article), url


def test_escaped_fields_of_the_claim_page(traps):
    page = traps.page("claims/trap/")
    assert page.title.get_text().startswith(TRAPS)
    article = page.select_one("article")
    assert text(article.h1) == TRAPS
    assert text(article.select_one(".claims-box__claim")) == TRAPS
    facts = {text(dt): dd
             for dt, dd in zip(article.select(".claims-box dl dt"),
                               article.select(".claims-box dl dd"), strict=True)}
    assert text(facts["Where"]) == TRAPS
    assert text(article.select_one(".claims-box__rationale")) == TRAPS
    assert TRAPS in text(article.select_one(".claims-updated"))  # the latest correction's note, at the top
    assert f"“{TRAPS}.”" in text(article.select_one(".claims-how-to-cite"))
    # no space before the marker
    assert article.select_one(".claims-quote__source").get_text() == f"{TRAPS}[1]"
    assert text(article.select_one("a.claims-speaker")) == TRAPS
    assert text(article.select_one(".claims-quote__text")) == f"“{TRAPS}”"
    assert text(article.select_one(".claims-quote__original")) == f"“{TRAPS}”"
    card = traps.article("").select_one(".claims-card")
    assert TRAPS in text(card.select_one(".claims-card__claim"))
    relation = traps.article("claims/trap/").select_one(".claims-relation__note")
    assert text(relation) == TRAPS


def test_escaped_titles_in_head_of_every_generated_page(traps):
    for url in ("claims/trap/", "people/putin/", "topics/peace-talks/", "sources/isw/"):
        page = traps.page(url)
        assert page.title.get_text().startswith(TRAPS), url
        description = page.find("meta", attrs={"name": "description"})
        if description is not None:  # an attribute value, shown as typed when parsed
            assert "&lt;" not in description["content"], url


def test_raw_html_in_body_is_removed(traps):
    article = traps.article("claims/trap/")
    assert "Text" in text(article)
    assert not article.find_all("script")
    for image in article.find_all("img"):
        assert not any(name.startswith("on") for name in image.attrs)
    for anchor in article.find_all("a", href=True):
        assert not anchor["href"].lower().startswith("javascript:")
    raw = article.find("a", string="raw")
    assert raw["href"] == "https://example.org/raw" and "onclick" not in raw.attrs
    assert article.find("a", string="click me")["href"] == "https://example.org/ok"
    person = traps.article("people/putin/")
    assert "Bio" in text(person) and not person.find_all("script")
    assert all(not name.startswith("on") for img in person.find_all("img") for name in img.attrs)


JAVASCRIPT_BODY = ("Said it [@isw].\n\n[click me](javascript:alert(6)) and <a "
                   "href=\"javascript:alert(7)\">raw</a>.\n")


def test_javascript_links_in_a_body_fail_with_positions(tmp_path):
    project = Project(tmp_path).add_basics()
    path = project.write("claims/2025/03/putin-no-concessions.yml", claim_yaml(body=JAVASCRIPT_BODY))
    build = project.build()
    assert build.returncode != 0 and "Traceback" not in build.output
    lines = path.read_text().splitlines()
    line = next(number for number, content in enumerate(lines, 1) if "click me" in content)
    prefix = f"claims/2025/03/putin-no-concessions.yml:{line}:"
    markdown_column = lines[line - 1].index("javascript:alert(6") + 1
    assert f"{prefix}{markdown_column}: forbidden link" in build.output
    # The raw <a href="…">: at the attribute value (its opening quote, or the URL itself).
    url_column = lines[line - 1].index("javascript:alert(7)") + 1
    assert (f"{prefix}{url_column}: forbidden link" in build.output
            or f"{prefix}{url_column - 1}: forbidden link" in build.output), build.output


def test_forbidden_link_message_quotes_the_whole_link(tmp_path):
    project = Project(tmp_path).add_basics()
    project.write("claims/2025/03/putin-no-concessions.yml", claim_yaml(body=JAVASCRIPT_BODY))
    build = project.build()
    assert "forbidden link `javascript:alert(6)`" in build.output


# -- failure modes ---------------------------------------------------------------------------------

POSITION = re.compile(r"^(\S+?):(\d+):(\d+): ", re.MULTILINE)


def _bad_project(tmp_path) -> tuple[Project, Path]:
    project = Project(tmp_path).add_basics()
    project.write("claims/2025/03/good.yml", claim_yaml())
    bad = project.write("claims/2025/03/bad.yml",
                        "title: Bad\nclaim: x\nspeaker: nobody\ndate: 2025-13-45\n"
                        "sources: [isw]\nbody: Hi.\n")
    return project, bad


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "not-strict"])
def test_invalid_content_fails_the_build_with_positions(tmp_path, strict):
    project, _ = _bad_project(tmp_path)
    build = project.build(*(["--strict"] if strict else []))
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert "claims/2025/03/bad.yml:3:10: unknown person `nobody`" in build.output
    assert "claims/2025/03/bad.yml:4:7: `date` is not a real date" in build.output
    assert not POSITION.findall(build.output.replace("claims/2025/03/bad.yml:", "")), "only bad.yml is wrong"


def test_build_messages_match_claims_check(tmp_path):
    project, _ = _bad_project(tmp_path)
    checked = subprocess.run([str(Path(sys.executable).parent / "claims"), "check"], cwd=project.root,
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode != 0
    problems = [line for line in checked.stdout.splitlines() + checked.stderr.splitlines()
                if POSITION.match(line)]
    assert problems
    build = project.build()
    for problem in problems:
        assert problem in build.output


def test_broken_link_in_docs_page_fails(tmp_path):
    project = Project(tmp_path).add_basics()
    project.write("claims/2025/03/putin-no-concessions.yml", claim_yaml())
    project.write("docs/story.md", "---\ntitle: Story\n---\n# Story\n\nGood [[putin-no-concessions]].\n"
                                   "Then [[missing-claim]] and [[people/nobody]].\n")
    for args in ((), ("--strict",)):
        build = project.build(*args)
        assert build.returncode != 0
        assert "docs/story.md:7:6: broken link: no claim `missing-claim`" in build.output
        assert "docs/story.md:7:28: broken link: no person `nobody`" in build.output
        assert "Traceback" not in build.output


def test_citation_in_docs_page_fails(tmp_path):
    project = Project(tmp_path).add_basics()
    project.write("claims/2025/03/putin-no-concessions.yml", claim_yaml())
    project.write("docs/story.md", "# Story\n\nAs reported [@isw].\n")
    build = project.build()
    assert build.returncode != 0
    assert "docs/story.md:3:13:" in build.output and "citations work only in claim bodies" in build.output
    assert "Traceback" not in build.output


def test_broken_citation_in_claim_body_fails(tmp_path):
    project = Project(tmp_path).add_basics()
    path = project.write("claims/2025/03/putin-no-concessions.yml", claim_yaml(body="Said it [@nope]."))
    build = project.build()
    assert build.returncode != 0
    line = path.read_text().splitlines().index("  Said it [@nope].") + 1
    assert f"claims/2025/03/putin-no-concessions.yml:{line}:11:" in build.output
    assert "`@nope`" in build.output
    assert "Traceback" not in build.output


def test_malformed_reference_is_an_error_not_raw_text(tmp_path):
    project = Project(tmp_path).add_basics()
    project.write("claims/2025/03/putin-no-concessions.yml", claim_yaml())
    project.write("docs/story.md", "# Story\n\nSee [[Not An Id]].\n")
    build = project.build()
    assert build.returncode != 0
    assert "docs/story.md:3:5:" in build.output
    assert "Traceback" not in build.output


# -- the article site: links and reachability ------------------------------------------------------------

def test_every_internal_link_of_the_article_site_resolves(article_site):
    checked, broken = link_problems(article_site.site, fragments=False)
    assert checked > 100
    assert not broken, "\n".join(broken)


def test_every_internal_link_fragment_of_the_article_site_exists(article_site):
    _, broken = link_problems(article_site.site, fragments=True)
    assert not broken, "\n".join(broken)


def test_every_record_reachable_from_home_within_three_clicks(article_site):
    site = article_site.site
    depth = {"": 0}
    queue = deque([""])
    while queue:
        url = queue.popleft()
        if depth[url] == 3:
            continue
        file = file_of(site, url)
        if file is None or file.suffix != ".html":
            continue
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for href in internal_links(soup):
            target = resolve(url, href)
            found = file_of(site, target)
            if found is None:
                continue
            key = url_of(site, found)
            if key not in depth:
                depth[key] = depth[url] + 1
                queue.append(key)
    content = ARTICLE / "claims"
    wanted = {f"people/{p.stem}/" for p in (content / "people").glob("*.yml")}
    wanted |= {f"topics/{p.stem}/" for p in (content / "topics").glob("*.yml")}
    wanted |= {f"sources/{p.stem}/" for p in (content / "sources").glob("*.yml")}
    wanted |= {f"claims/{p.stem}/" for p in content.rglob("*.yml")
               if p.parent.name not in ("people", "topics", "sources")}
    assert len(wanted) > 15
    missing = sorted(w for w in wanted if w not in depth)
    assert not missing, missing


def test_article_explainer_embeds_and_links_its_claims(article_site):
    article = article_site.article("explainers/russia-rejects-concessions/")
    cards = article.select(".claims-card")
    assert len(cards) >= 5
    for card in cards:
        link = card.select_one(".claims-card__title a")
        assert file_of(article_site.site, resolve("explainers/russia-rejects-concessions/", link["href"]))
    assert "[[" not in text(article) and "![[" not in text(article)


# -- ProperDocs --------------------------------------------------------------------------------------------

def test_properdocs_builds_the_same_claim_page(tmp_path):
    pages = {}
    for tool in ("mkdocs", "properdocs"):
        project = Project(tmp_path / tool).add_basics()
        project.write("claims/2025/03/putin-no-concessions.yml",
                      claim_yaml(extra="topics: [peace-talks]\nvenue: Moscow\n"))
        project.write("docs/index.md", "# Home\n\n![[putin-no-concessions]]\n")
        build = project.build("--strict", tool=tool)
        assert build.returncode == 0, f"{tool}: {build.output}"
        pages[tool] = build
    for url in ("claims/putin-no-concessions/", "people/putin/", "claims/", "timeline/", ""):
        mkdocs, properdocs = (str(pages[tool].article(url)) for tool in ("mkdocs", "properdocs"))
        assert mkdocs == properdocs, url


# --- What a newcomer found reading the built site -----------------------------------------------------------

def test_link_labels_with_apostrophes_and_marker_spacing(tmp_path):
    project = Project(tmp_path).add_basics()
    project.write("claims/2025/one.yml",
                  claim_yaml(title="Putin's claim",
                             body="Annexed [@isw]. See [[two|Putin's \"own\" claim]]."))
    project.write("claims/2025/two.yml", claim_yaml(title="Second"))
    project.write("docs/story.md", "# Story\n\nRead [[one|the minister's words]] and [[one]].\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    article = build.article("claims/one/")
    assert article.select_one("a.claims-link--claim").get_text() == 'Putin\'s "own" claim'
    # The marker sticks to the word it supports, so it never wraps onto a line of its own.
    marker = article.select_one("sup.claims-cite")
    assert str(marker.previous_sibling).endswith("Annexed")
    story = build.article("story/")
    assert [a.get_text() for a in story.select("a.claims-link")] == ["the minister's words", "Putin's claim"]


def test_person_page_lists_claims_that_mention_them(article_site):
    article = article_site.article("people/donald-trump/")
    assert "No claim by Donald Trump is recorded yet." in article.get_text(" ", strip=True)
    mentioned = article.find(id="mentioned-in").find_next("ul")
    claims = {a["href"] for a in mentioned.select("a") if "/claims/" in a["href"]}
    assert claims == {"../../claims/lavrov-trump-understands-root-causes/",
                      "../../claims/graham-expects-sanctions/"}


def test_index_says_not_rated_for_claims_without_a_verdict(article_site):
    rows = article_site.article("claims/").select(".claims-table table tbody tr")
    verdicts = [row.find_all("td")[3].get_text(strip=True) for row in rows]
    assert verdicts.count("Not rated") == 6 and verdicts.count("Misleading") == 2


def test_claims_check_also_checks_hand_written_pages(project):
    project.add_basics()
    project.write("claims/2025/one.yml", claim_yaml())
    project.write("docs/story.md", "---\ntitle: Story\n---\n\n# Story\n\nSee [[people/puttin]].\n")
    result = project.check()
    assert result.returncode == 1
    assert "docs/story.md:7:5: broken link: no person `puttin` (hint: did you mean `putin`?)" in result.stdout


# -- the search index ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def searched(tmp_path_factory) -> dict[str, dict]:
    """A small site's search index (Pagefind's): each indexed page's text, filters and meta by page
    address."""
    project = Project(tmp_path_factory.mktemp("search"))
    project.add_basics()
    project.write("claims/2025/03/no-concessions.yml", claim_yaml(
        title="Putin rules out concessions", extra="venue: Press conference\ntopics: [peace-talks]\n"
        "related:\n  - claim: other\n    type: rejects\n    note: A different promise.\n"))
    project.write("claims/2025/03/other.yml",
                  claim_yaml(title="Putin promises compromise", date="2025-03-05"))
    project.write("docs/about.md", "# About us\n\nWho writes this site.\n")
    project.write("docs/hidden.md", "---\nsearch:\n  exclude: true\n---\n\n# Hidden\n\nNot searched.\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return search_records(build.site)


def test_pages_that_only_repeat_the_listings_are_not_searched(searched):
    # Each would match every search for a claim's title; the graph's snippet would be its boxes' text run
    # together.
    listings = {"", "graph/", "timeline/", "claims/", "people/", "topics/", "sources/", "search/", "hidden/"}
    assert listings.isdisjoint(searched), sorted(searched)
    assert {"claims/no-concessions/", "people/putin/", "topics/peace-talks/",
            "sources/isw/", "about/"} <= set(searched)
    assert {url: record["filters"]["kind"] for url, record in searched.items()} == {
        "claims/no-concessions/": ["Claim"], "claims/other/": ["Claim"], "people/putin/": ["Person"],
        "topics/peace-talks/": ["Topic"], "sources/isw/": ["Source"], "about/": ["Page"]}


def test_search_snippets_keep_labels_apart_from_values(searched):
    source = searched["sources/isw/"]["content"]
    assert "Publisher Institute for the Study of War Published 6 March 2025 Link https://" in source, source
    claim = searched["claims/no-concessions/"]["content"]
    assert "Said by Vladimir Putin, President of Russia Date 6 March 2025 Where Press conference" in claim, \
        claim
    # A relation's note is the claim's own words; the related claim's title is found on its own page.
    assert "A different promise." in claim and "Putin promises compromise" not in claim, claim
    assert "¶" not in searched["about/"]["content"]  # the headings' permalinks are not words of the page


def test_a_claim_is_searched_by_its_speaker_topic_verdict_and_year(searched):
    claim = searched["claims/no-concessions/"]
    assert claim["filters"] == {"kind": ["Claim"], "speaker": ["Vladimir Putin"], "topic": ["Peace talks"],
                                "verdict": ["Not rated"], "year": ["2025"]}
    assert claim["meta"] == {"title": "Putin rules out concessions", "speaker": "Vladimir Putin",
                             "date": "2025-03-06", "when": "6 March 2025", "verdict": "Not rated"}
    # the filter values are not extra words
    assert "Vladimir Putin" not in claim["content"].split("Said by")[0]


def _how_to_read(markdown: str) -> str:
    return markdown.split("## How to read a claim page", 1)[1].split("\n## ", 1)[0]


def test_the_home_page_names_the_claim_page_sections_as_they_are(article_site):
    """The home page's "How to read a claim page" quotes the sections by the headings a claim page shows."""
    home = article_site.article("")
    section = next(h for h in home.find_all("h2") if h.find(string=True) == "How to read a claim page")
    steps = [text(li) for li in section.find_next_sibling("ol").find_all("li")]
    quoted = [re.findall(r'["“]([^"”]+)["”]', step) for step in steps]
    shown: set[str] = set()
    for page in sorted(p.parent.name for p in (article_site.site / "claims").glob("*/index.html")):
        article = article_site.article(f"claims/{page}/")
        shown |= {text(h) for h in article.find_all(["h2", "h3"])}
    assert {name for names in quoted for name in names} <= shown, (quoted, shown)
    claim = article_site.article("claims/hegseth-peacekeeping-troops/")
    relations_under = text(claim.select_one("ul.claims-relations").find_previous("h2"))
    (relations_step,) = [names for step, names in zip(steps, quoted, strict=True)
                         if "rejected by" in step.casefold()]
    assert relations_under in relations_step, (relations_under, relations_step)
    for heading in ("explanation", "further-reading", "references"):
        assert any(text(claim.find("h2", id=heading)) in names for names in quoted), (heading, quoted)
    # The repository's own home page says the same as the article's copy.
    assert _how_to_read((REPO / "docs" / "index.md").read_text(encoding="utf-8")) == \
        _how_to_read((ARTICLE / "docs" / "index.md").read_text(encoding="utf-8"))
