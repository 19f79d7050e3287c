"""Where pages live and how they link to each other, in-process and table-driven: no site is built.

Every expected value is what MkDocs itself writes for the same page (directory URLs, or `.html` files without
them); `links_from_source` is the Zensical variant, whose links start from the page's source file.
"""

from __future__ import annotations

import pytest

from mkdocs_claims.settings import Settings
from mkdocs_claims.urls import Urls

DIRECTORY = Urls(Settings())
FILES = Urls(Settings(directory_urls=False))
FROM_SOURCE = Urls(Settings(links_from_source=True))


@pytest.mark.parametrize(("urls", "src_uri", "url"), [
    (DIRECTORY, "claims/x.md", "claims/x/"),
    (DIRECTORY, "index.md", ""),
    (DIRECTORY, "explainers/index.md", "explainers/"),
    (DIRECTORY, "guide/README.md", "guide/"),
    (DIRECTORY, "about.md", "about/"),
    (DIRECTORY, "my page.md", "my page/"),  # a path, not yet a link: links percent-encode it
    (FILES, "claims/x.md", "claims/x.html"),
    (FILES, "index.md", "index.html"),
    (FILES, "guide/README.md", "guide/README.html"),
    (FROM_SOURCE, "claims/x.md", "claims/x/"),
])
def test_url_of_a_page(urls, src_uri, url):
    assert urls.url(src_uri) == url


@pytest.mark.parametrize(("urls", "src_uri", "file"), [
    (DIRECTORY, "claims/x.md", "claims/x/index.html"),
    (DIRECTORY, "explainers/index.md", "explainers/index.html"),
    (FILES, "claims/x.md", "claims/x.html"),
])
def test_file_a_page_is_written_to(urls, src_uri, file):
    assert urls.file(src_uri) == file


@pytest.mark.parametrize(("urls", "here", "there", "anchor", "href"), [
    (DIRECTORY, "claims/a.md", "claims/b.md", "", "../b/"),
    (DIRECTORY, "claims/a.md", "claims/a.md", "", "./"),
    (DIRECTORY, "index.md", "claims/a.md", "", "claims/a/"),
    (DIRECTORY, "claims/a.md", "index.md", "", "../../"),
    (DIRECTORY, "claims/a.md", "people/p.md", "x", "../../people/p/#x"),
    (DIRECTORY, "about.md", "claims/a.md", "ref-1", "../claims/a/#ref-1"),
    (DIRECTORY, "explainers/e.md", "explainers/index.md", "", "../"),
    (DIRECTORY, "index.md", "my page.md", "", "my%20page/"),
    (FILES, "claims/a.md", "claims/b.md", "", "b.html"),
    (FILES, "claims/a.md", "claims/a.md", "", "a.html"),
    (FILES, "claims/a.md", "index.md", "", "../index.html"),
    (FILES, "claims/a.md", "people/p.md", "x", "../people/p.html#x"),
    (FILES, "about.md", "claims/a.md", "ref-1", "claims/a.html#ref-1"),
    (FILES, "explainers/e.md", "explainers/index.md", "", "index.html"),
    (FROM_SOURCE, "claims/a.md", "claims/b.md", "", "b/"),
    (FROM_SOURCE, "claims/a.md", "index.md", "", "../"),
    (FROM_SOURCE, "claims/a.md", "people/p.md", "x", "../people/p/#x"),
    (FROM_SOURCE, "explainers/e.md", "explainers/index.md", "", "./"),
])
def test_relative_link_between_pages(urls, here, there, anchor, href):
    assert urls.href(here, there, anchor) == href


@pytest.mark.parametrize(("urls", "here", "path", "href"), [
    (DIRECTORY, "claims/a.md", "claims.json", "../../claims.json"),
    (DIRECTORY, "index.md", "feed.xml", "feed.xml"),
    (DIRECTORY, "people/p.md", "people/p/feed.xml", "../../people/p/feed.xml"),
    (DIRECTORY, "index.md", "a b.json", "a%20b.json"),
    (FILES, "claims/a.md", "claims.json", "../claims.json"),
    (FROM_SOURCE, "people/p.md", "people/p/feed.xml", "../people/p/feed.xml"),
])
def test_relative_link_to_a_file(urls, here, path, href):
    assert urls.file_href(here, path) == href


@pytest.mark.parametrize(("site_url", "src_uri", "absolute"), [
    ("https://e.org/site/", "claims/a.md", "https://e.org/site/claims/a/"),
    ("https://e.org/site", "claims/a.md", "https://e.org/site/claims/a/"),
    ("https://e.org/", "index.md", "https://e.org/"),
    ("https://e.org/", "my page.md", "https://e.org/my%20page/"),
    ("", "claims/a.md", ""),  # without the site's URL there is none: sharing tags are left out
])
def test_absolute_url_of_a_page(site_url, src_uri, absolute):
    assert Urls(Settings(site_url=site_url)).absolute(src_uri) == absolute


@pytest.mark.parametrize(("kind", "record_id", "taken"), [
    ("claim", "index", True),  # claims/index/ is the index of claims
    ("person", "index", True),
    ("claim", "putin-said", False),
])
def test_reserved_addresses(kind, record_id, taken):
    urls = DIRECTORY
    assert (urls.url(urls.record(kind, record_id)) in urls.reserved()) == taken


def test_reserved_root_names():
    reserved = Urls(Settings(claims_prefix="", timeline_page="timeline")).reserved()
    assert {"search/", "assets/", "timeline/", "claims.json", "feed.xml"} <= set(reserved)
