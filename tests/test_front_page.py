"""The front page, generated from the content (issue 14, point 3): the latest claims as cards, the featured
explainers, people and topics with their numbers of claims; the hand-written part only an optional
introduction."""

from __future__ import annotations

import pytest

from conftest import MINIMAL_CONFIG, Build, Project, claim_yaml
from mkdocs_claims.handwritten import placeholders
from site_links import resolve

CONFIG = MINIMAL_CONFIG.replace("plugins:",
                                "site_name: Test checks\nsite_description: Who said what, checked.\n"
                                "plugins:", 1)
INTRO = "# Checked\n\nAn introduction in our own words.\n\n<!-- claims:front -->\n\n## About\n\nMore.\n"


def explainer(title: str, date: str, featured: str = "") -> str:
    extra = f"featured: {featured}\n" if featured else ""
    return f"---\ndescription: About {title}.\ndate: {date}\n{extra}---\n\n# {title}\n\n![[claim-1]]\n"


def write_content(project: Project) -> Project:
    """Eight claims by two people on two topics; three explainers, the oldest of them featured; a person with
    no claim of their own (the front page leaves them out; the people index lists them)."""
    project.add_basics()
    project.write("claims/people/lavrov.yml", "name: Sergei Lavrov\n")
    project.write("claims/people/trump.yml", "name: Donald Trump\n")
    project.write("claims/topics/sanctions.yml", "title: Sanctions\n")
    for day in range(1, 9):
        speaker, topic = ("putin", "peace-talks") if day % 2 else ("lavrov", "sanctions")
        verdict = "verdict: mixed\nverdict_note: Partly.\n" if day == 8 else ""
        summary = f"summary: The summary of claim {day}.\n" if day != 7 else ""
        project.write(f"claims/2025/03/claim-{day}.yml", claim_yaml(
            f"Claim {day}", speaker, f"2025-03-{day:02d}", extra=f"topics: [{topic}]\n{summary}{verdict}"))
    project.write("docs/explainers/old.md", explainer("The old story", "2025-03-01", "true"))
    project.write("docs/explainers/new.md", explainer("The new story", "2025-03-09"))
    project.write("docs/explainers/plain.md", explainer("The plain story", "2025-03-05", "false"))
    return project


@pytest.fixture(scope="module")
def front(tmp_path_factory) -> Build:
    project = write_content(Project(tmp_path_factory.mktemp("front"), CONFIG))
    project.write("docs/index.md", INTRO)
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Build:
    """The same content with no docs/index.md: the plugin writes the whole home page."""
    project = write_content(Project(tmp_path_factory.mktemp("generated"), CONFIG))
    (project.root / "docs" / "index.md").unlink()
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return build


def text(element) -> str:
    return " ".join(element.get_text().split()) if element is not None else ""


def assert_front_page(article) -> None:
    cards = article.select("ul.claims-cards:not(.claims-cards--explainers) > li.claims-cards__item")
    assert [text(card.select_one("h3.claims-cards__title")) for card in cards] == \
        [f"Claim {day}" for day in range(8, 2, -1)]  # the six latest, newest first
    newest, second = cards[0], cards[1]
    assert text(newest.select_one(".claims-cards__verdict")) == "Mixed"
    assert text(second.select_one(".claims-cards__verdict")) == "Not rated"
    assert text(newest.select_one(".claims-cards__summary")) == "The summary of claim 8."
    # no summary
    assert text(second.select_one(".claims-cards__summary")) == "Russia will make no compromises."
    assert text(newest.select_one(".claims-cards__meta")) == "Sergei Lavrov · 8 March 2025"
    assert newest.select_one(".claims-cards__meta time")["datetime"] == "2025-03-08"
    assert resolve("", newest.select_one("h3 a")["href"]) == "claims/claim-8/"
    assert resolve("", newest.select_one("a.claims-speaker")["href"]) == "people/lavrov/"
    more = article.select_one(".claims-front__more")
    assert text(more) == "All 8 claims · Timeline"
    assert [resolve("", a["href"]) for a in more.find_all("a")] == ["claims/", "timeline/"]
    # Only the featured explainer, when one is.
    heading = article.find("h2", id="featured-explainers")
    assert text(heading) == "Featured explainers"
    featured = heading.find_next_sibling("ul").select("li.claims-cards__item")
    assert [text(card.h3) for card in featured] == ["The old story"]
    assert text(featured[0].select_one(".claims-cards__summary")) == "About The old story."
    assert resolve("", featured[0].h3.a["href"]) == "explainers/old/"
    # People and topics, with their numbers of claims.
    browse = {section.h3["id"]: [text(li) for li in section.select("li")]
              for section in article.select(".claims-browse section")}
    assert browse == {"browse-person": ["Sergei Lavrov 4 claims", "Vladimir Putin 4 claims"],
                      "browse-topic": ["Peace talks 4 claims", "Sanctions 4 claims"]}
    # Donald Trump, with no claim, is left out: the list is not "the 2 with the most claims", as it said.
    notes = {section.h3["id"]: text(section.select_one(".claims-browse__note"))
             for section in article.select(".claims-browse section")}
    assert notes == {"browse-person": "Those with at least one claim, by name.", "browse-topic": ""}


def test_the_home_page_places_the_front_page_after_its_introduction(front):
    article = front.article("")
    assert_front_page(article)
    paragraphs = [text(p) for p in article.find_all("p", recursive=False)]
    assert paragraphs[0] == "An introduction in our own words."
    intro = article.find("p", string="An introduction in our own words.")
    assert intro.find_next_sibling() is article.select_one(".claims-front")  # the placeholder's place
    heading = article.select_one(".claims-front").find_next_sibling("h2")
    assert heading.get_text(strip=True).startswith("About")
    assert "claims:front" not in str(article)


def test_without_a_home_page_the_plugin_writes_one(generated):
    page = generated.page("")
    article = page.select_one("article")
    assert text(article.h1) == "Test checks"
    assert text(article.select_one(".claims-front__intro")) == "Who said what, checked."
    assert_front_page(article)
    toc = [a["href"] for a in page.select(".md-sidebar--secondary .md-nav--secondary a.md-nav__link")]
    assert toc == ["#latest-claims", "#featured-explainers", "#browse"], toc
    assert page.find("meta", attrs={"name": "description"})["content"] == "Who said what, checked."


def test_without_a_featured_explainer_the_newest_are_shown(project: Project):
    write_content(project)
    project.write("docs/explainers/old.md", explainer("The old story", "2025-03-01"))
    project.write("docs/index.md", INTRO)
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    heading = build.article("").find("h2", id="featured-explainers")
    assert text(heading) == "Explainers"
    titles = [text(h3) for h3 in heading.find_next_sibling("ul").select("h3")]
    assert titles == ["The new story", "The plain story", "The old story"]


def test_a_front_page_of_a_site_without_claims(project: Project):
    project.write("docs/index.md", INTRO)
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    article = build.article("")
    assert text(article.select_one(".claims-front .claims-empty")) == "No claim is published yet."
    assert article.find("h2", id="browse") is None and article.find("h2", id="featured-explainers") is None


@pytest.mark.parametrize("value", ["yes-please", "1", "[true]", '"true"'])
def test_featured_must_be_true_or_false(project: Project, value: str):
    write_content(project)
    project.write("docs/explainers/new.md",
                  f"---\ndate: 2025-03-09\nfeatured: {value}\n---\n\n# New\n\nText.\n")
    checked = project.check()
    assert checked.returncode == 1
    assert ("docs/explainers/new.md:3:11: the front matter's `featured` must be true or false"
            in checked.stdout), checked.stdout
    build = project.build("--strict")
    assert build.returncode != 0 and "`featured` must be true or false" in build.output


def test_featured_true_is_allowed_front_matter(project: Project):
    write_content(project)
    checked = project.check()
    assert checked.returncode == 0, checked.stdout
    assert "not allowed" not in checked.stdout


def test_the_front_placeholder_counts_as_the_lists_it_shows():
    """`claims check --changed-since` learns from this which changes reach a home page with the front
    placeholder."""
    assert placeholders("<!-- claims:front -->\n") == {"latest": 6, "explainers": 0, "people": 0, "topics": 0}
    assert placeholders("<!-- claims:front 3 -->\n<!-- claims:latest 5 -->\n")["latest"] == 5


def test_render_md_writes_the_generated_home_page(tmp_path):
    from conftest import render_md

    project = write_content(Project(tmp_path / "site", CONFIG))
    (project.root / "docs" / "index.md").unlink()
    out = render_md(project.root, "exported")
    home = (out / "index.md").read_text(encoding="utf-8")
    assert "Latest claims" in home and "Claim 8" in home and "Featured explainers" in home


def test_the_not_found_page_leads_on_to_the_explorer_and_every_claim(project: Project):
    """It said "404 - Not found" and nothing else to a reader who followed a broken link to a claim. Its links
    start from the site's own path (site_url), where the host serves the page at any address."""
    config = CONFIG.replace("plugins:", "site_url: https://example.org/checks/\nplugins:", 1).replace(
        "  - claims\n", "  - claims:\n      claims_prefix: facts\n")
    project = Project(project.root, config)
    write_content(project)
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    article = build.article("404.html")
    note = article.select_one("p.claims-not-found")
    assert note is not None and text(note).startswith("There is no page at this address")
    links = {text(a): a["href"] for a in note.find_all("a")}
    assert links == {"Search the claims": "/checks/search/", "every claim": "/checks/facts/"}
    assert (build.site / "search/index.html").is_file() and (build.site / "facts/index.html").is_file()
