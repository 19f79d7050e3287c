"""Pages that build themselves: an explainer added under docs/explainers/ appears in the navigation, on
its index page and on the home page, without editing mkdocs.yml or index.md; the home page's people
and topics come from the content; person and topic pages list the explainers that mention them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, Project, claim_yaml

HOME = """\
# Home

## Explainers

<!-- claims:explainers -->

## People

<!-- claims:people -->

## Topics

<!-- claims:topics -->
"""

NAV_CONFIG = MINIMAL_CONFIG + """\
nav:
  - Home: index.md
  - Explainers: explainers/
  - Claims: claims/index.md
"""


def explainer(title: str, date: str, body: str, description: str = "") -> str:
    front = f"title: {title}\ndate: {date}\n" + (f"description: {description}\n" if description else "")
    return f"---\n{front}---\n\n# {title}\n\n{body}\n"


@pytest.fixture
def site(project: Project) -> Project:
    project.add_basics()
    project.write("claims/people/lavrov.yml", "name: Sergei Lavrov\nrole: Foreign Minister\n")
    project.write("claims/topics/sanctions.yml", "title: Sanctions\n")
    project.write("claims/2025/03/no-concessions.yml", claim_yaml(title="Putin rules out concessions",
                                                                  extra="topics: [peace-talks]\n"))
    project.write("claims/2025/03/no-troops.yml", claim_yaml(title="Lavrov rejects troops", speaker="lavrov"))
    project.write("docs/index.md", HOME)
    project.write("docs/explainers/older.md", explainer(
        "The older story", "2025-03-01", "Embedded:\n\n![[no-concessions]]\n", "Putin's position in March."))
    project.write("docs/explainers/newer.md", explainer(
        "The newer story", "2025-03-09", "About [[people/lavrov]] and [[topics/sanctions|sanctions]].",
        "What Lavrov said."))
    return project


def nav_links(page) -> list[str]:
    return [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")]


def list_titles(article, selector: str) -> list[str]:
    return [a.get_text(strip=True) for a in article.select(f"{selector} > li > a:first-of-type")]


@pytest.mark.parametrize("config", [MINIMAL_CONFIG, NAV_CONFIG], ids=["no nav", "explicit nav"])
def test_a_new_explainer_appears_everywhere_without_editing_config_or_home(site, config):
    site.write("mkdocs.yml", config)
    build = site.build("--strict")
    assert build.returncode == 0, build.output

    index = build.article("explainers/")
    assert index.select_one("h1").get_text(strip=True) == "Explainers"
    # newest first
    assert list_titles(index, "ul.claims-explainers") == ["The newer story", "The older story"]
    older = index.select("ul.claims-explainers > li")[1]
    assert "1 March 2025" in older.get_text(" ") and "Putin's position in March." in older.get_text(" ")
    assert [a.get_text(strip=True) for a in older.select("a")][1:] == ["Putin rules out concessions"]
    assert older.select("a")[1]["href"] == "../claims/no-concessions/"

    home = build.page("")
    assert list_titles(home.select_one("article"), "ul.claims-explainers") == ["The newer story", "The older "
                                                                                                  "story"]
    for page in (home, build.page("claims/no-concessions/")):
        links = nav_links(page)
        assert "The newer story" in links and "The older story" in links, links

    # A third explainer: only a new file, nothing else edited.
    site.write("docs/explainers/third.md", explainer("A third story", "2025-03-20", "See [[no-troops]]."))
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    assert list_titles(build.article("explainers/"), "ul.claims-explainers")[0] == "A third story"
    assert list_titles(build.article(""), "ul.claims-explainers")[0] == "A third story"
    assert "A third story" in nav_links(build.page(""))


def test_the_explicit_nav_lists_the_explainers_newest_first_under_its_placeholder(site):
    site.write("mkdocs.yml", NAV_CONFIG)
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    links = nav_links(build.page("graph/"))  # a page without headings of its own in the nav
    # The index first, under a title of its own: the section above it is "Explainers" already.
    assert links == ["Home", "All explainers", "The newer story", "The older story", "Claims"], links


def test_an_explicit_nav_without_the_placeholder_fails_a_strict_build_with_a_hint(site):
    site.write("mkdocs.yml", MINIMAL_CONFIG + "nav:\n  - Home: index.md\n  - Explainers:\n"
                                              "      - explainers/older.md\n")
    build = site.build("--strict")
    assert build.returncode != 0
    expected = ("docs/explainers/newer.md: this explainer is not in the nav of mkdocs.yml (hint: list its "
                "folder there as `- Explainers: explainers/`, which the claims plugin fills with every "
                "explainer)")
    assert expected in build.output
    assert "older.md: this explainer" not in build.output


def test_a_placeholder_without_explainers_is_dropped(project):
    project.add_basics()
    project.write("claims/a.yml", claim_yaml())
    project.write("mkdocs.yml", NAV_CONFIG)
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert "Explainers" not in nav_links(build.page(""))
    assert not (build.site / "explainers").exists()


def test_a_hand_written_explainers_index_is_kept(site):
    site.write("mkdocs.yml", NAV_CONFIG)
    site.write("docs/explainers/index.md",
               "# Our explainers\n\nPicked by the editors.\n\n<!-- claims:explainers 1 -->\n")
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    index = build.article("explainers/")
    assert index.select_one("h1").get_text(strip=True) == "Our explainers"
    assert list_titles(index, "ul.claims-explainers") == ["The newer story"]
    assert "Our explainers" in nav_links(build.page(""))


def test_the_home_page_lists_people_and_topics_from_the_content(site):
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    home = build.article("")
    people, topics = home.select("ul.claims-records")
    assert [a.get_text(strip=True) for a in people.select("a")] == ["Sergei Lavrov", "Vladimir Putin"]
    assert "(1 claim; Foreign Minister)" in people.get_text(" ")
    assert [a["href"] for a in people.select("a")] == ["people/lavrov/", "people/putin/"]
    assert [a.get_text(strip=True) for a in topics.select("a")] == ["Peace talks", "Sanctions"]

    site.write("claims/topics/ceasefire.yml", "title: Ceasefire\n")
    build = site.build("--strict")
    topics = build.article("").select("ul.claims-records")[1]
    assert [a.get_text(strip=True) for a in topics.select("a")] == ["Ceasefire", "Peace talks", "Sanctions"]


def test_person_and_topic_pages_list_the_explainers_that_mention_them(site):
    build = site.build("--strict")
    assert build.returncode == 0, build.output

    def explainers_on(url: str) -> list[str]:
        heading = build.article(url).select_one("h2#explainers")
        return [a.get_text(strip=True) for a in heading.find_next("ul").select("a")] if heading else []

    assert explainers_on("people/lavrov/") == ["The newer story"]  # linked
    assert explainers_on("people/putin/") == ["The older story"]  # embeds his claim
    assert explainers_on("topics/sanctions/") == ["The newer story"]
    assert explainers_on("topics/peace-talks/") == ["The older story"]  # embeds a claim on the topic
    toc = [a.get_text(strip=True) for a in build.page("people/lavrov/").select("nav.md-nav--secondary a")]
    assert "Explainers" in toc


@pytest.mark.parametrize("title", ['"Tom \\"and\\" Jerry"', "'It''s a test'", ">-\n  Folded\n  title"])
def test_a_claim_names_the_explainer_by_its_title_as_written(site, title):
    """As its page and every list name it: the front matter read as YAML (a line-by-line read showed
    `\\"` and `''` as written, and the first line of a folded title, `>-`)."""
    site.write("docs/explainers/older.md", f"---\ntitle: {title}\ndate: 2025-03-01\n---\n\n# Heading\n\n"
                                           "![[no-concessions]]\n")
    build = site.build("--strict")
    assert build.returncode == 0, build.output
    shown = build.page("explainers/older/").title.get_text().split(" - ")[0]
    assert shown in ('Tom "and" Jerry', "It's a test", "Folded title")
    explained = build.article("claims/no-concessions/").select_one("#explained-in").find_next("ul")
    assert [a.get_text(strip=True) for a in explained.select("a")] == [shown]


def test_front_matter_mistakes_are_reported_at_their_line(site):
    site.write("docs/explainers/bad.md", "---\ntitle: Bad\ndate: 2025-02-30\n---\n\n# Bad\n")
    site.write("docs/explainers/worse.md", "---\ntitle: [a\n---\n\n# Worse\n")
    done = site.check()
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if line.startswith("docs/")]
    assert lines == [
        "docs/explainers/bad.md:3:7: the front matter's `date` is not a real date in the form YYYY-MM-DD: "
        "`2025-02-30` (hint: write the day the page was published, e.g. date: 2025-03-06)",
        "docs/explainers/worse.md:2:8: YAML syntax error: a list or group opened with `[` or `{` on this "
        "line is not closed (hint: close it on the same line (`[a, b]`), or write one item per line as `- "
        "item`)",
    ]
    assert site.build().returncode != 0


def test_render_md_writes_the_explainers_index_and_the_home_lists(site, tmp_path: Path):
    out = tmp_path / "out"
    claims = str(Path(sys.executable).with_name("claims"))
    done = subprocess.run([claims, "render-md", "--out", str(out)], cwd=site.root, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "The newer story" in (out / "explainers" / "index.md").read_text(encoding="utf-8")
    home = (out / "index.md").read_text(encoding="utf-8")
    assert "claims:people" not in home and "Sergei Lavrov" in home and "The older story" in home


def test_explainers_are_ordered_newest_first_then_by_title_undated_last():
    from mkdocs_claims import handwritten
    from mkdocs_claims.model import Content

    pages = [("explainers/u.md", "# Undated\n"), ("explainers/b.md", explainer("Beta", "2025-03-01", "x")),
             ("explainers/a.md", explainer("Alpha", "2025-03-01", "x")),
             ("explainers/n.md", explainer("Newest", "2025-04-01", "x")),
             ("about.md", "# Not an explainer\n"), ("explainers/index.md", "# The index page\n")]
    found = handwritten.explainers(pages, Content(), "explainers")
    assert [e.title for e in found] == ["Newest", "Alpha", "Beta", "Undated"]
