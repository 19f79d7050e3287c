"""A claim page's anatomy (issue 14, point 2): its sections in the order a reader needs them, the verdict with
its place on the scale, the exact words, the notice of the latest correction, typed relations per type, "How
to cite this page", and citation markers glued to the word before them wherever `[@id]` is written."""

from __future__ import annotations

import re

import pytest
from bs4 import NavigableString

from conftest import MINIMAL_CONFIG, Build, Project, claim_yaml
from mkdocs_claims.model import DEFAULT_SCALE, Rating
from site_links import resolve

SITE_URL = "https://example.org/checks/"
CONFIG = MINIMAL_CONFIG.replace("plugins:", f"site_name: Test checks\nsite_url: {SITE_URL}\nplugins:", 1)

# Every place a citation can stand in a body: after a space, a line break, a no-break space or a tab; in a
# list item, a table cell, a heading and a quote; after emphasis, a link and a full stop; at the start of a
# paragraph and of a list item, where the space before it is Markdown's own.
BODY = """\
After a space [@isw]. After a line break
[@tass] and a no-break space\u00a0[@isw], a tab\t[@isw].

- In a list item [@isw]
- [@tass] starts this item

| Table | Cell |
| --- | --- |
| cited | here [@isw] |

## A heading [@tass]

> Quoted [@isw]

After *emphasis* [@isw], after [[rejected|a link]] [@tass], after a full stop. [@isw]

[@tass] starts a paragraph.
"""

MAIN = claim_yaml("Putin rules out concessions", body=BODY, sources="[isw, tass]", extra="""\
venue: Moscow
verdict: misleading
verdict_note: The record shows earlier offers.
topics: [peace-talks]
quotes:
  - text: We will not give in to anyone
    source: isw
    original: Мы никому не уступим
    lang: ru
  - text: no compromises
    source: tass
related:
  - claim: rejected
    type: rejects
    note: It answers that claim.
read_also:
  - title: Background analysis
    publisher: Bloomberg
    url: https://example.org/bloomberg
updates:
  - date: 2025-03-12
    note: Corrected the second quote.
  - date: 2025-03-10
    note: Added the original wording.
""")


@pytest.fixture(scope="module")
def anatomy(tmp_path_factory) -> Build:
    project = Project(tmp_path_factory.mktemp("anatomy"), CONFIG).add_basics()
    project.write("claims/sources/tass.yml", "title: TASS wire\npublisher: TASS\nurl: https://example.org/tass\n")
    project.write("claims/2025/03/main.yml", MAIN)
    project.write("claims/2025/02/rejected.yml", claim_yaml("A claim it rejects", date="2025-02-01",
                                                           extra="topics: [peace-talks]\n"))
    project.write("claims/2025/03/answer.yml", claim_yaml(
        "A reply to it", date="2025-03-08",
        extra="related:\n  - claim: main\n    type: responds-to\n"))
    project.write("claims/2025/01/neighbour.yml", claim_yaml("Same topic", date="2025-01-05",
                                                            extra="topics: [peace-talks]\n"))
    project.write("claims/2025/03/unsupported.yml", claim_yaml(
        "An unsupported claim", date="2025-03-02",
        extra="verdict: unsupported\nverdict_note: Nothing supports it.\n"))
    project.write("claims/people/zelensky.yml", "name: Volodymyr Zelensky\nrole: President of Ukraine\n")
    project.write("claims/2025/03/joint.yml", claim_yaml("A joint statement", speaker="[putin, zelensky]",
                                                         date="2025-03-03"))
    project.write("docs/explainers/story.md", "---\ndate: 2025-03-11\n---\n\n# The story\n\n![[main]]\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return build


def text(element) -> str:
    """What a reader reads: the element's text as the browser joins it, whitespace collapsed."""
    return " ".join(element.get_text().split()) if element is not None else ""


def test_the_sections_come_in_the_order_a_reader_needs_them(anatomy):
    article = anatomy.article("claims/main/")
    sections = [h2["id"] for h2 in article.find_all("h2") if not h2["id"].startswith("user-content-")]
    assert sections == ["in-their-words", "explanation", "references", "relations", "related-claims",
                        "further-reading", "topics", "explained-in", "corrections", "how-to-cite",
                        "share"], sections
    # At the top: the title, the notice of the latest correction, then the claim's box, all before the quotes.
    top = [element for element in article.find_all(True, recursive=False)
           if element.name == "h1" or {"claims-updated", "claims-box"} & set(element.get("class", []))]
    assert [element.name if element.name == "h1" else element["class"][0] for element in top] == \
        ["h1", "claims-updated", "claims-box"]
    assert article.select_one(".claims-box").find_next("h2")["id"] == "in-their-words"
    # The page's table of contents lists the same sections in the same order, with the body's headings among
    # them.
    toc = [a["href"] for a in anatomy.page("claims/main/").select(".md-nav--secondary a.md-nav__link")]
    ours = [href[1:] for href in toc if href[1:] in sections]
    assert ours == sections, toc


def test_the_verdict_shows_its_label_its_place_on_the_scale_and_its_reason(anatomy):
    box = anatomy.article("claims/main/").select_one(".claims-box")
    verdict = box.select_one(".claims-box__verdict")
    assert text(verdict.select_one(".claims-box__rating .claims-verdict")) == "Misleading"
    steps = verdict.select(".claims-meter__steps > .claims-meter__step")
    # the sentence says it for everyone
    assert verdict.select_one(".claims-meter__steps")["aria-hidden"] == "true"
    assert [step["class"][1] for step in steps] == [f"claims-verdict--{r.id}" for r in DEFAULT_SCALE
                                                    if r.value]
    current = [index for index, step in enumerate(steps, 1) if "claims-meter__step--current" in step["class"]]
    assert current == [4]
    assert (text(verdict.select_one(".claims-meter__text")) == "4th of 5 on the scale, from Accurate to "
                                                               "Inaccurate")
    assert text(verdict.select_one(".claims-box__rationale")) == "The record shows earlier offers."
    # A rating off the numeric scale is not placed on it; an unrated claim says so, with no scale.
    unsupported = anatomy.article("claims/unsupported/").select_one(".claims-box__verdict")
    assert text(unsupported.select_one(".claims-verdict")) == "Unsupported"
    assert not unsupported.select(".claims-meter__step--current")
    assert (text(unsupported.select_one(".claims-meter__text")) == "Not placed on the scale from Accurate to "
                                                                   "Inaccurate")
    unrated = anatomy.article("claims/rejected/").select_one(".claims-box__verdict")
    assert text(unrated.select_one(".claims-box__rating")) == "Not rated"
    assert unrated.select_one(".claims-meter") is None and unrated.select_one(".claims-verdict") is None


UNRATED_MEANING = ("We publish a claim without a verdict when the record gives no clear basis for one. "
                   "That is not a verdict in either direction.")


def scale_link(build: Build, page_url: str):
    """The claim page's way to the scale, and the table of the scale it leads to (by the link's anchor)."""
    meaning = build.article(page_url).select_one(".claims-box__verdict .claims-box__meaning")
    link = meaning.find("a", string="How we rate claims")
    target, _, anchor = link["href"].partition("#")
    table = build.page(resolve(page_url, target)).find(id=anchor)
    return meaning, resolve(page_url, target), table


def test_the_verdict_says_what_it_means_with_the_way_to_the_whole_scale(anatomy):
    """A reader learns on the claim page what its verdict means (PolitiFact and Snopes say it there), "Not
    rated" included; the link leads to the scale, here on the page the site makes from its configuration."""
    meaning, page, table = scale_link(anatomy, "claims/main/")
    assert text(meaning) == ("Misleading: The claim contains some truth but creates a false impression. "
                             "How we rate claims")
    assert page == "ratings/" and "claims-scale" in table["class"]
    rows = [[text(cell) for cell in row.find_all("td")] for row in table.select("tbody tr")]
    assert rows == [[r.label, r.id, r.description] for r in DEFAULT_SCALE] + [
        ["Not rated", "no verdict", UNRATED_MEANING]]
    assert text(anatomy.article("ratings/").h1) == "How we rate claims"
    unsupported, _, _ = scale_link(anatomy, "claims/unsupported/")
    assert text(unsupported).startswith("Unsupported: No evidence supports the claim")
    unrated, page, _ = scale_link(anatomy, "claims/rejected/")
    assert text(unrated) == f"{UNRATED_MEANING} How we rate claims" and page == "ratings/"


def test_a_hand_written_page_that_shows_the_scale_is_where_verdicts_lead(tmp_path):
    """Where the site explains its scale itself (`<!-- claims:scale -->`, as docs/method.md does), the claim
    page links there, and the site makes no page of its own."""
    project = Project(tmp_path, CONFIG).add_basics()
    project.write("claims/2025/03/c.yml", claim_yaml(extra="verdict: accurate\nverdict_note: It is.\n"))
    project.write("docs/about/method.md", "# Method\n\nWe rate claims.\n\n<!-- claims:scale -->\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    meaning, page, table = scale_link(build, "claims/c/")
    assert page == "about/method/" and "claims-scale" in table["class"]
    assert text(meaning).startswith("Accurate: The claim is accurate")
    assert not (build.site / "ratings").exists()


def test_the_claim_in_the_sites_words_is_never_shown_as_a_quote(anatomy):
    """The `claim` field may paraphrase: shown as a quote, words the speaker did not say would read as
    theirs. Only the exact words (`quotes`) are in quotation marks and quote elements, on the page and on its
    cards."""
    box = anatomy.article("claims/main/").select_one(".claims-box")
    claim = box.select_one(".claims-box__claim")
    assert text(claim) == "Russia will make no compromises."
    assert claim.find_parent("blockquote") is None and claim.find("blockquote") is None
    assert text(claim.find_previous_sibling(class_="claims-box__label")) == "Claim, in our words"
    card = anatomy.article("explainers/story/").select_one(".claims-card")
    paraphrase, quote = card.select_one(".claims-card__claim"), card.select_one(".claims-card__quote")
    assert paraphrase.find_parent("blockquote") is None and paraphrase.find("blockquote") is None
    assert text(paraphrase) == "In our words: Russia will make no compromises."
    assert text(quote) == "Their words: “We will not give in to anyone”"
    for page in ("claims/main/", "explainers/story/", ""):
        quoted = [text(element) for element in anatomy.article(page).select("blockquote, q")]
        assert "Russia will make no compromises." not in " ".join(quoted), page


def test_each_speaker_is_named_with_their_role(anatomy):
    # A role in brackets read "(US Senator (Republican))"; two speakers' roles came after both names.
    def said_by(page: str) -> str:
        box = anatomy.article(page).select_one(".claims-box")
        return text(box.find("dt", string="Said by").find_next_sibling("dd"))
    assert said_by("claims/main/") == "Vladimir Putin, President of Russia"
    assert said_by("claims/joint/") == ("Vladimir Putin, President of Russia; "
                                        "Volodymyr Zelensky, President of Ukraine")


@pytest.mark.parametrize("number, expected", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                              (12, "12th"), (13, "13th"), (21, "21st"), (102, "102nd")])
def test_ordinals(number, expected):
    from mkdocs_claims.meter import ordinal

    assert ordinal(number) == expected


def test_a_scale_without_values_places_every_rating_in_its_order():
    from mkdocs_claims.meter import meter

    scale = (Rating("true", "True"), Rating("half", "Half true"), Rating("pants-on-fire", "Pants on fire"))
    place = meter(scale, scale[1])
    assert (place.position, place.text) == (2, "2nd of 3 on the scale, from True to Pants on fire")
    assert place.steps == scale


def test_the_exact_words_with_the_original_beside_the_translation(anatomy):
    quotes = anatomy.article("claims/main/").select("figure.claims-quote")
    bilingual, plain = quotes
    versions = bilingual.select(".claims-quote__version")
    assert [text(v.select_one(".claims-quote__lang")) for v in versions] == ["Translation", "Original (ru)"]
    assert text(versions[0].select_one("blockquote.claims-quote__text")) == "“We will not give in to anyone”"
    original = versions[1].select_one("blockquote.claims-quote__original")
    assert original["lang"] == "ru" and text(original) == "“Мы никому не уступим”"
    assert plain.select_one(".claims-quote__lang") is None and text(plain.blockquote) == "“no compromises”"


def test_the_updated_notice_names_the_latest_correction_and_links_the_log(anatomy):
    article = anatomy.article("claims/main/")
    notice = article.select_one("p.claims-updated")
    assert text(notice).startswith("Corrected 12 March 2025: Corrected the second quote.")
    assert notice.find("time")["datetime"] == "2025-03-12"
    link = notice.find("a")
    assert text(link) == "See all 2 corrections" and link["href"] == "#corrections"
    log = article.find(id=link["href"][1:])
    assert log.name == "h2" and text(log) == "Corrections"
    assert [text(li) for li in log.find_next_sibling("ul").find_all("li")] == [
        "10 March 2025: Added the original wording.", "12 March 2025: Corrected the second quote."]
    # no correction, no notice
    assert anatomy.article("claims/rejected/").select_one(".claims-updated") is None


def test_typed_relations_are_grouped_per_type_with_their_graph_then_related_claims(anatomy):
    article = anatomy.article("claims/main/")
    relations = article.find("h2", id="relations")
    groups = []
    for sibling in relations.find_next_siblings():
        if sibling.name == "h2":
            break
        groups.append(sibling)
    headings = [(h["id"], text(h)) for h in groups if h.name == "h3"]
    assert headings == [("relations-rejects", "Rejects"), ("relations-responded-to-by", "Responded to by")]
    lists = [g for g in groups if g.name == "ul"]
    assert [[resolve("claims/main/", a["href"]) for a in ul.select("li > a")] for ul in lists] == \
        [["claims/rejected/"], ["claims/answer/"]]
    assert text(lists[0].select_one(".claims-relation__note")) == "It answers that claim."
    # the graph closes the section
    assert groups[-1].name == "figure" and "claims-graph" in groups[-1]["class"]
    related = article.find("h2", id="related-claims")
    assert text(related) == "Related claims" and relations.find_next("h2") is related
    automatic = [resolve("claims/main/", a["href"]) for a in related.find_next_sibling("ul").select("li > a")]
    assert "claims/neighbour/" in automatic and "claims/rejected/" not in automatic
    further = article.find("h2", id="further-reading").find_next_sibling("ul")
    assert text(further) == "Bloomberg: Background analysis"
    assert further.a["href"] == "https://example.org/bloomberg"


def test_how_to_cite_gives_the_permalink(anatomy):
    page = anatomy.page("claims/main/")
    cite = page.select_one("article .claims-how-to-cite")
    assert cite.find_previous("h2")["id"] == "how-to-cite"
    permalink = cite.select_one("a.claims-permalink")
    assert permalink["href"] == f"{SITE_URL}claims/main/" == text(permalink)
    assert page.find("link", rel="canonical")["href"] == permalink["href"]
    assert (text(cite) == "Test checks. “Putin rules out concessions.” Updated 12 March 2025. "
                          f"{SITE_URL}claims/main/.")


def test_how_to_cite_without_a_site_url_links_the_page_itself(project: Project):
    project.add_basics()
    project.write("claims/2025/03/main.yml", claim_yaml())
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    permalink = build.article("claims/main/").select_one(".claims-how-to-cite a.claims-permalink")
    assert resolve("claims/main/", permalink["href"]) == "claims/main/"


BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "blockquote", "figcaption", "dd"}


def _text_before(marker) -> str:
    """The text right before a marker in reading order, within its block ("" when the marker starts the
    block)."""
    block = marker.find_parent(BLOCKS)
    for previous in marker.previous_elements:
        if previous is block:
            return ""
        if isinstance(previous, NavigableString) and str(previous):
            return str(previous)
    return ""


def test_no_space_before_a_citation_marker_wherever_it_is_written(anatomy):
    article = anatomy.article("claims/main/")
    markers = article.select("sup.claims-cite")
    assert len(markers) == 13, len(markers)
    for marker in markers:
        before = _text_before(marker)
        assert not before[-1:].isspace(), (repr(before[-20:]), str(marker.parent)[:200])
    # ... and the Markdown around them kept its shape: list, table, heading, quote, paragraphs.
    items = article.select("ul:not([class]) > li")
    assert [text(li) for li in items][:2] == ["In a list item[1]", "[2] starts this item"]
    assert text(article.select_one("table td:nth-of-type(2)")) == "here[1]"
    # A heading's id is its words, without the marker; the table of contents links it.
    heading = article.find("h2", id="user-content-a-heading")
    assert text(heading) == "A heading[2]" and heading.select_one("sup.claims-cite")
    toc = anatomy.page("claims/main/").select(".md-nav--secondary a.md-nav__link")
    assert [a["href"] for a in toc if text(a) == "A heading"] == ["#user-content-a-heading"]
    assert text(article.select_one("blockquote:not([class]) p")) == "Quoted[1]"
    assert any(text(p) == "[2] starts a paragraph." for p in article.find_all("p"))
    first = article.find(id="explanation").find_next_sibling("p")
    assert text(first) == "After a space[1]. After a line break[2] and a no-break space[1], a tab[1]."
    # The attribution under each quote: the marker follows the publisher's name with no space.
    for source in article.select("figcaption a.claims-quote__source"):
        assert re.fullmatch(r"\S+(?: \S+)*\[\d\]", source.get_text()), source.get_text()
        assert not _text_before(source.select_one("sup.claims-marker"))[-1].isspace()


def test_citations_anywhere_but_a_claim_body_are_refused(project: Project):
    """A marker can only be written in a body: a description or a hand-written page that tries is told so."""
    project.add_basics()
    project.write("claims/2025/03/main.yml", claim_yaml())
    project.write("claims/topics/cited.yml", "title: Cited\ndescription: A topic [@isw].\n")
    project.write("docs/page.md", "# Page\n\nCited [@isw].\n")
    checked = project.check()
    assert checked.returncode == 1
    assert "claims/topics/cited.yml:2:" in checked.stdout and "docs/page.md:3:" in checked.stdout, \
        checked.stdout
    assert checked.stdout.count("citations work only in claim bodies") == 2, checked.stdout
