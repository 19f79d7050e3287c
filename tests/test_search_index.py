"""What Pagefind indexes of each page (search_index.EXCLUDED), read back from the frozen article site's index.

A claim is found by its own words: its title, claim, quotes, explanation and sources. Not by the titles of the
claims it relates to, nor by the page's furniture (how to cite, share, edit), or a query for one claim would
return every neighbour of it; and a person or topic is found by its name, not by every claim it has.
"""

from __future__ import annotations

import pytest

from conftest import search_records


@pytest.fixture(scope="module")
def records(article_site):
    return search_records(article_site.site)


def claim_pages(article_site) -> list[str]:
    folder = article_site.site / "claims"
    return sorted(f"claims/{page.parent.name}/" for page in folder.glob("*/index.html")
                  if page.parent.name != "page")


def own_text(article) -> str:
    """The text of a claim page's own parts, as a reader reads them."""
    parts = [article.find("h1"), article.select_one(".claims-box"), article.select_one(".claims-quotes")]
    explanation = article.find(id="explanation")
    for sibling in explanation.find_next_siblings() if explanation else []:
        if sibling.name == "h2":
            break
        parts.append(sibling)
    return " ".join(part.get_text(" ", strip=True) for part in parts if part is not None)


def test_a_claim_is_indexed_by_its_own_words(article_site, records):
    for url_path in claim_pages(article_site):
        article = article_site.article(url_path)
        content = records[url_path]["content"]
        assert article.find("h1").get_text(strip=True) in content, url_path
        claim = article.select_one(".claims-box__claim").get_text(" ", strip=True)
        assert claim.split()[0] in content and claim.split()[-1].strip(".") in content, url_path
        for source in article.select(".claims-references .claims-ref__title"):
            assert source.get_text(" ", strip=True) in content, url_path


def test_a_claim_is_not_indexed_by_its_neighbours_titles_nor_the_pages_furniture(article_site, records):
    neighbours_seen = 0
    for url_path in claim_pages(article_site):
        article = article_site.article(url_path)
        content, own = records[url_path]["content"], own_text(article)
        for heading in ("Relations to other claims", "Related claims", "How to cite this page", "Share",
                        "Explained in", "Edit this claim", "Copy link", "on the scale", "Published",
                        "In their words", "The explanation", "References", "Further reading", "Archived copy",
                        "↑", "[1]"):
            assert heading not in content, (url_path, heading)
        others = article.select(".claims-relations a, .claims-related a, .claims-explained-in a, "
                                ".claims-graph text")
        for other in others:
            title = other.get_text(" ", strip=True)
            if len(title) > 12 and title not in own:
                neighbours_seen += 1
                assert title not in content, (url_path, title)
    assert neighbours_seen > 10  # the article's claims relate to each other: the check above had work to do
    # A relation's note is the words of the claim that made it: indexed on its page, not on the other's.
    theirs = 0
    for url_path in claim_pages(article_site):
        article, content = article_site.article(url_path), records[url_path]["content"]
        for note in article.select(".claims-relation__note"):
            words = note.get_text(" ", strip=True)
            if "claims-relation__note--theirs" not in note["class"]:
                assert words in content, (url_path, words)
            elif words not in own_text(article):
                theirs += 1
                assert words not in content, (url_path, words)
    assert theirs  # the article's relations have notes on the claims they point to
    further = [entry.get_text(" ", strip=True) for url_path in claim_pages(article_site)
               for entry in article_site.article(url_path).select(".claims-read-also li")]
    assert further  # the article's claims list further reading, which is not their words
    for url_path in claim_pages(article_site):
        for entry in article_site.article(url_path).select(".claims-read-also cite, .claims-read-also a"):
            title = entry.get_text(" ", strip=True)
            if title not in own_text(article_site.article(url_path)):
                assert title not in records[url_path]["content"], (url_path, title)


def test_a_person_or_topic_is_indexed_by_its_name_not_by_its_claims(article_site, records):
    for kind in ("people", "topics"):
        for page in (article_site.site / kind).glob("*/index.html"):
            url_path = f"{kind}/{page.parent.name}/"
            if url_path not in records:
                continue  # an index page, not a record's
            article = article_site.article(url_path)
            content = records[url_path]["content"]
            assert article.find("h1").get_text(strip=True) in content, url_path
            titles = [link.get_text(" ", strip=True) for link in article.select(".claims-list a")]
            assert titles, url_path
            for title in titles:
                assert title not in content, (url_path, title)
