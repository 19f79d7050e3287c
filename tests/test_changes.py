"""`claims check --changed-since REF` is complete: each kind of change lists every page it touches,
hand-written pages, listings and feeds included; its step-summary form cannot be broken out of."""

from __future__ import annotations

import json
import subprocess

import pytest
from markdown_it import MarkdownIt

from conftest import Project, claim_yaml

HOME = """\
# Home

<!-- claims:latest 2 -->

<!-- claims:explainers -->

<!-- claims:people -->

<!-- claims:topics -->
"""
ABOUT = "# About\n\nNo lists here.\n"


def git(project: Project, *args: str) -> None:
    done = subprocess.run(["git", *args], cwd=project.root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def repo(project: Project) -> Project:
    """A site in a git repository: three claims, an explainer that embeds one and links others, a home page
    with every list; committed, so each test changes one thing."""
    project.add_basics()
    project.write("claims/people/lavrov.yml", "name: Sergei Lavrov\n")
    project.write("claims/topics/sanctions.yml", "title: Sanctions\n")
    project.write("claims/2025/03/newest.yml",
                  claim_yaml(title="Newest", date="2025-03-09", speaker="lavrov"))
    project.write("claims/2025/03/middle.yml", claim_yaml(title="Middle", date="2025-03-06",
                                                           extra="topics: [peace-talks]\n"))
    project.write("claims/2025/01/oldest.yml", claim_yaml(title="Oldest", date="2025-01-01"))
    project.write("docs/index.md", HOME)
    project.write("docs/about.md", ABOUT)
    project.write("docs/explainers/story.md",
                  "---\ntitle: The story\ndate: 2025-03-10\n---\n\n# The story\n\n"
                                              "![[middle]]\n\nSee [[people/lavrov]], [[topics/sanctions]] "
                                              "and [[sources/isw]].\n")
    project.write("docs/explainers/other.md", "# Other\n\nNothing linked.\n")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return project


def changed(project: Project) -> dict[str, dict]:
    done = project.check("--changed-since", "HEAD", "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return {page["url"]: page for page in json.loads(done.stdout)["changed_pages"]}


def edit(project: Project, relative: str, old: str, new: str) -> None:
    path = project.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_nothing_changed_lists_nothing(repo):
    assert changed(repo) == {}


def test_an_edited_explainer(repo):
    edit(repo, "docs/explainers/story.md", "See [[people/lavrov]]", "Read about [[people/lavrov]]")
    pages = changed(repo)
    assert pages["explainers/story/"]["change"] == "changed"
    assert "edited docs/explainers/story.md" in pages["explainers/story/"]["reasons"]
    assert "claims/middle/" in pages  # lists it under "Explained in"
    for url in ("people/lavrov/", "people/putin/", "topics/sanctions/", "topics/peace-talks/"):
        assert any("lists the explainer" in reason for reason in pages[url]["reasons"]), url
    assert "explainers/" in pages  # the index of explainers
    assert "" in pages and "lists the explainers" in pages[""]["reasons"]  # the home page's list
    assert "about/" not in pages and "claims/oldest/" not in pages
    assert "feed.xml" not in pages  # no claim changed


def test_a_new_explainer(repo):
    repo.write("docs/explainers/third.md", "# Third\n\n![[oldest]]\n")
    pages = changed(repo)
    assert pages["explainers/third/"]["change"] == "added"
    assert {"claims/oldest/", "explainers/", "", "people/putin/"} <= set(pages)


def test_an_edited_claim_changes_the_explainers_home_listings_and_feeds(repo):
    edit(repo, "claims/2025/03/middle.yml", "title: Middle", "title: Middle, retitled")
    pages = changed(repo)
    assert "embeds the claim `middle`" in pages["explainers/story/"]["reasons"]
    assert any("latest claims" in reason for reason in pages[""]["reasons"])  # among the 2 newest
    for url in ("claims/", "timeline/", "feed.xml", "people/putin/feed.xml", "topics/peace-talks/feed.xml"):
        assert url in pages, url
    assert "about/" not in pages and "explainers/other/" not in pages
    assert "graph/" not in pages  # it draws only related claims, and counts them: neither changed


def test_a_claim_outside_the_latest_list_leaves_that_list_alone(repo):
    edit(repo, "claims/2025/01/oldest.yml", "title: Oldest", "title: Oldest, retitled")
    pages = changed(repo)
    assert not any("latest claims" in reason for reason in pages.get("", {}).get("reasons", []))
    assert "explainers/story/" not in pages


def test_a_claim_moved_out_of_the_latest_list_changes_it(repo):
    edit(repo, "claims/2025/03/middle.yml", "date: 2025-03-06", "date: 2024-03-06")
    assert any("latest claims" in reason for reason in changed(repo)[""]["reasons"])


def test_an_edited_person_changes_the_explainers_that_link_or_embed_them(repo):
    edit(repo, "claims/people/putin.yml", "name: Vladimir Putin", "name: Vladimir V. Putin")
    pages = changed(repo)
    assert "embeds a claim by the person `putin`" in pages["explainers/story/"]["reasons"]
    assert {"people/", "people/putin/feed.xml", "", "claims/middle/"} <= set(pages)
    edit(repo, "claims/people/lavrov.yml", "Sergei", "Sergey")
    assert "links the person `lavrov`" in changed(repo)["explainers/story/"]["reasons"]


def test_claims_that_link_a_changed_record_and_the_records_a_changed_claim_links(repo):
    repo.write("claims/2025/03/linker.yml", claim_yaml(title="Linker", date="2024-01-01",
                                                       body="See [[middle]] and [[people/lavrov]] [@isw]."))
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "linker")
    edit(repo, "claims/2025/03/middle.yml", "title: Middle", "title: Middle, retitled")
    assert "its explanation links the claim `middle`" in changed(repo)["claims/linker/"]["reasons"]
    git(repo, "checkout", "-q", "--", ".")
    edit(repo, "claims/2025/03/linker.yml", "title: Linker", "title: Linker, retitled")
    assert 'lists the claim `linker` under "Mentioned in"' in changed(repo)["people/lavrov/"]["reasons"]
    # the link removed: still listed
    edit(repo, "claims/2025/03/linker.yml", "and [[people/lavrov]]", "alone")
    assert 'lists the claim `linker` under "Mentioned in"' in changed(repo)["people/lavrov/"]["reasons"]


def test_an_edited_topic_changes_the_explainers_that_link_it(repo):
    edit(repo, "claims/topics/sanctions.yml", "title: Sanctions", "title: Sanctions on Russia")
    pages = changed(repo)
    assert "links the topic `sanctions`" in pages["explainers/story/"]["reasons"]
    assert {"topics/", "topics/sanctions/feed.xml", ""} <= set(pages)
    assert any("lists the topics" in reason for reason in pages[""]["reasons"])


def test_an_edited_source_changes_the_explainers_that_link_it(repo):
    edit(repo, "claims/sources/isw.yml", "publisher: Institute", "publisher: The Institute")
    pages = changed(repo)
    assert "links the source `isw`" in pages["explainers/story/"]["reasons"]
    assert {"sources/", "claims/middle/", "claims/oldest/"} <= set(pages)


def test_a_removed_claim_changes_the_counts_and_the_pages_that_embedded_it(repo):
    (repo.root / "claims/2025/03/middle.yml").unlink()
    (repo.root / "docs/explainers/story.md").write_text("# The story\n\nGone.\n", encoding="utf-8")
    pages = changed(repo)
    assert pages["claims/middle/"]["change"] == "removed"
    assert {"people/", "topics/", "sources/", "feed.xml", "explainers/story/", ""} <= set(pages)


def test_the_home_page_is_shown_by_its_path_in_the_text(repo):
    edit(repo, "claims/2025/03/middle.yml", "title: Middle", "title: Middle, retitled")
    lines = repo.check("--changed-since", "HEAD").stdout.splitlines()
    home = [line for line in lines if "lists the latest claims, among them" in line]
    assert len(home) == 1 and home[0].startswith("  / (changed: "), lines
    assert not any(line.startswith("   (") for line in lines), lines  # no line with an empty path


def test_a_new_person_s_page_and_feed_are_added_not_changed(repo):
    repo.write("claims/people/zelensky.yml", "name: Volodymyr Zelensky\n")
    repo.write("claims/topics/energy.yml", "title: Energy\n")
    repo.write("claims/2025/03/new.yml", claim_yaml(title="New", date="2025-03-08", speaker="zelensky",
                                                    extra="topics: [energy]\n"))
    pages = changed(repo)
    for url in ("people/zelensky/", "people/zelensky/feed.xml", "topics/energy/", "topics/energy/feed.xml",
                "claims/new/"):
        assert pages[url]["change"] == "added", (url, pages[url])
    assert pages["feed.xml"]["change"] == "changed"  # the site's feed existed before
    (repo.root / "claims/people/lavrov.yml").unlink()
    (repo.root / "claims/2025/03/newest.yml").unlink()
    assert changed(repo)["people/lavrov/feed.xml"]["change"] == "removed"


def test_mentioned_in_is_given_as_a_reason_only_where_the_page_shows_that_section(repo):
    """A claim that links its own speaker is listed among the person's claims, not under "Mentioned in"; a
    person it links and is not by shows it under "Mentioned in": the reasons say what each built page
    shows."""
    edit(repo, "claims/2025/03/middle.yml", "Said it [@isw].", "Said it [@isw]; see [[people/putin]] and "
                                                                "[[people/lavrov]].")
    pages = changed(repo)
    build = repo.build("--strict")
    assert build.returncode == 0, build.output
    for person in ("putin", "lavrov"):
        article = build.article(f"people/{person}/")
        section = article.find(id="mentioned-in")
        listed_under_mentioned = section is not None and any(
            link.get_text(strip=True) == "Middle" for link in section.find_next("ul").find_all("a"))
        says_mentioned = any("Mentioned in" in reason for reason in pages[f"people/{person}/"]["reasons"])
        assert says_mentioned == listed_under_mentioned, (person, pages[f"people/{person}/"]["reasons"])
        assert any(link.get_text(strip=True) == "Middle" for link in article.find_all("a")), person
    assert any("Mentioned in" in reason for reason in pages["people/lavrov/"]["reasons"])
    assert pages["people/putin/"]["reasons"] == ["lists the claim `middle`"]


# -- the step summary -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a```b", "x````````y", "`", "```",
                                  "x\n```\n<img src=x onerror=alert(1)>\n# Out", "x\n~~~~\n**bold**"])
def test_the_step_summary_is_one_code_block_whatever_the_file_names_hold(repo, name):
    hostile = f"{name}\n</code></pre><img src=x onerror=alert(1)>\n# Heading\n"
    repo.write(f"claims/2025/03/{name}.yml", claim_yaml(title="x", body=hostile))
    repo.write(f"docs/explainers/{name}.md", "# T\n\n" + hostile)
    done = repo.check("--changed-since", "HEAD", "--format", "markdown")
    assert done.returncode == 1, done.stderr
    assert name in done.stdout and "invalid file name" in done.stdout
    tokens = [token for token in MarkdownIt("commonmark").parse(done.stdout) if token.type != "softbreak"]
    assert [token.type for token in tokens] == ["fence"], [token.type for token in tokens]
    assert tokens[0].content == repo.check("--changed-since", "HEAD").stdout  # the whole text, unchanged


def test_an_edited_claim_changes_the_pages_of_the_paged_lists_that_list_it(repo):
    # Issue 13.2: with one claim a page, the oldest claim is on the index's third page, on its month's page of
    # the timeline, on the second page of its speaker's claims and the third of its source's; a new title
    # changes those.
    repo.write("mkdocs.yml", repo.root.joinpath("mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - claims\n", "  - claims:\n      page_size: 1\n"))
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "one claim a page")
    edit(repo, "claims/2025/01/oldest.yml", "title: Oldest", "title: Oldest, retitled")
    pages = changed(repo)
    for url in ("claims/page/3/", "timeline/2025/01/", "people/putin/page/2/", "sources/isw/page/3/"):
        assert "lists the claim `oldest`" in pages[url]["reasons"], url
    assert "claims/" not in pages and "timeline/" not in pages and "claims/page/2/" not in pages
    edit(repo, "claims/2025/01/oldest.yml", "date: 2025-01-01", "date: 2025-03-10")  # now the newest
    pages = changed(repo)
    assert "lists the claim `oldest`" in pages["claims/"]["reasons"]
    assert "timeline/" in pages and "timeline/2025/03/" in pages


def test_an_edited_claim_changes_the_pages_of_the_graph_that_draw_it(repo):
    # Issue 13: the graph is paged. Three chains of a third of PAGE claims fill its first page, and a related
    # pair is drawn on the second: a claim's new title changes only the page that draws it; a new relation,
    # every page.
    from mkdocs_claims.diagram import PAGE

    for chain in range(3):
        for index in range(PAGE // 3):
            extra = f"related:\n  - claim: chain{chain}-{index - 1}\n    type: responds-to\n" if index else ""
            repo.write(f"claims/2024/chain{chain}-{index}.yml",
                       claim_yaml(title=f"Chain {chain}, link {index}", date="2024-06-01", extra=extra))
    pair = "related:\n  - claim: pair-b\n    type: supports\n"
    repo.write("claims/2024/pair-a.yml", claim_yaml(title="Pair A", date="2024-06-01", extra=pair))
    repo.write("claims/2024/pair-b.yml", claim_yaml(title="Pair B", date="2024-06-01"))
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "a graph of two pages")
    build = repo.build("--strict")
    assert build.returncode == 0, build.output
    drawn = {url: {node["xlink:href"].split("/")[-2]
                   for node in build.article(url).select("a.claims-graph__node")}
             for url in ("graph/", "graph/page/2/")}
    assert {"chain0-5", "chain2-39"} <= drawn["graph/"] and drawn["graph/page/2/"] == {"pair-a", "pair-b"}
    assert not (build.site / "graph/page/3").exists()

    def graph_pages() -> dict[str, list[str]]:
        return {url: page["reasons"] for url, page in changed(repo).items() if url.startswith("graph/")}

    edit(repo, "claims/2024/pair-b.yml", "title: Pair B", "title: Pair B, retitled")
    assert graph_pages() == {"graph/page/2/": ["the graph draws the claim `pair-b`"]}
    edit(repo, "claims/2024/chain0-5.yml", "title: Chain 0, link 5", "title: Chain 0, link five")
    assert set(graph_pages()) == {"graph/", "graph/page/2/"}  # both titles changed
    git(repo, "checkout", "-q", "--", ".")
    edit(repo, "claims/2024/chain0-5.yml", "title: Chain 0, link 5", "title: Chain 0, link five")
    assert set(graph_pages()) == {"graph/"}
    git(repo, "checkout", "-q", "--", ".")
    edit(repo, "claims/2025/03/middle.yml", "title: Middle", "title: Middle, retitled")
    assert graph_pages() == {}  # a claim without relations is not drawn
    edit(repo, "claims/2025/03/middle.yml", "topics:",
         "related:\n  - claim: pair-a\n    type: repeats\ntopics:")
    for reasons in graph_pages().values():  # the pair's cluster grows: clusters are ordered by size
        assert "the graph counts the claims, and orders its clusters by size and date" in reasons
    assert set(graph_pages()) == {"graph/", "graph/page/2/"}
    git(repo, "checkout", "-q", "--", ".")
    (repo.root / "claims/2025/01/oldest.yml").unlink()  # each page counts the claims
    assert set(graph_pages()) == {"graph/", "graph/page/2/"}


def test_the_pages_of_the_people_index_that_list_a_changed_person_or_count_a_changed_claim(repo):
    # Issue 13.2: with one record a page, Sergei Lavrov is on the people index's first page and Vladimir Putin
    # on its second. A new role changes the page that shows it; a new name can move everyone, so every page
    # changes; a claim that changes speaker changes the counts of both.
    repo.write("mkdocs.yml", repo.root.joinpath("mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - claims\n", "  - claims:\n      page_size: 1\n"))
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "one record a page")

    def index_pages() -> dict[str, list[str]]:
        return {url: page["reasons"] for url, page in changed(repo).items() if url.startswith("people/")
                and (url == "people/" or url.startswith("people/page/"))}

    repo.write("claims/people/lavrov.yml", "name: Sergei Lavrov\nrole: Foreign Minister\n")
    assert index_pages() == {"people/": ["the index of all people lists `lavrov`"]}
    git(repo, "checkout", "-q", "--", ".")
    edit(repo, "claims/people/putin.yml", "Vladimir Putin", "Aaron Putin")
    assert set(index_pages()) == {"people/", "people/page/2/"}
    git(repo, "checkout", "-q", "--", ".")
    edit(repo, "claims/2025/03/middle.yml", "title: Middle", "title: Middle, retitled")
    assert index_pages() == {}  # nobody's number of claims changed
    edit(repo, "claims/2025/03/middle.yml", "speaker: putin", "speaker: lavrov")
    assert index_pages() == {"people/": ["the index of all people counts the claims of `lavrov`"],
                             "people/page/2/": ["the index of all people counts the claims of `putin`"]}


def test_placing_the_rating_scale_on_a_page_changes_every_claim_page(repo):
    """Every claim page links the page that shows the scale (`<!-- claims:scale -->`), or the one the site
    makes of it: a change that moves the scale changes them all, and the site's own page goes or comes."""
    edit(repo, "docs/about.md", "No lists here.\n", "No lists here.\n\n<!-- claims:scale -->\n")
    pages = changed(repo)
    for url in ("claims/newest/", "claims/middle/", "claims/oldest/"):
        assert "links the rating scale, now on `about.md`" in pages[url]["reasons"], url
    assert "the rating scale, now shown on `about.md`" in pages["ratings/"]["reasons"]
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "scale")
    (repo.root / "docs/about.md").unlink()
    pages = changed(repo)
    reasons = pages["claims/oldest/"]["reasons"]
    assert "links the rating scale, now on the page the site makes of it" in reasons
    assert "ratings/" in pages
    # An edit elsewhere leaves them alone.
    git(repo, "checkout", "-q", "--", "docs/about.md")
    edit(repo, "docs/explainers/other.md", "Nothing linked.", "Still nothing.")
    assert "claims/oldest/" not in changed(repo)
