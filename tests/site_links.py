"""A built site's internal links: where each relative href leads, and which lead nowhere."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def resolve(page_url: str, href: str) -> str:
    """The site-relative path an href on the page at `page_url` ('claims/x/') points to, without fragment."""
    path = unquote(urlsplit(href).path)
    if not path:
        return page_url
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(posixpath.join(base or ".", path))
    if joined == ".":
        return ""
    directory = path.endswith("/") or path.endswith("..") or path == "."
    return joined + "/" if directory and not joined.endswith(".html") else joined


def file_of(site: Path, url: str) -> Path | None:
    """The built file a site-relative URL path serves, or None."""
    candidate = site / url
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def url_of(site: Path, file: Path) -> str:
    relative = file.relative_to(site).as_posix()
    if relative == "index.html":
        return ""
    return relative[: -len("index.html")] if relative.endswith("/index.html") else relative


def internal_links(soup: BeautifulSoup):
    """Every relative href of an <a> on the page."""
    for anchor in soup.find_all("a", href=True):
        href = anchor["href"]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("//"):
            continue
        yield href


def pages(site: Path):
    for file in sorted(site.rglob("*.html")):
        yield file, url_of(site, file), BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def link_problems(site: Path, fragments: bool) -> tuple[int, list[str]]:
    """How many relative <a href> the site has, and which do not resolve (to a file, or to an id in it)."""
    broken = []
    ids_of: dict[Path, set[str]] = {}
    checked = 0
    for file, url, soup in pages(site):
        if file.name == "404.html":
            continue  # served from any path; MkDocs makes its links absolute
        for href in internal_links(soup):
            target = file_of(site, resolve(url, href))
            checked += 1
            if target is None:
                broken.append(f"{url or '/'} -> {href}")
                continue
            fragment = urlsplit(href).fragment
            if fragments and fragment and target.suffix == ".html":
                if target not in ids_of:
                    ids_of[target] = {element["id"] for element in BeautifulSoup(
                        target.read_text(encoding="utf-8"), "html.parser").find_all(id=True)}
                if unquote(fragment) not in ids_of[target]:
                    broken.append(f"{url or '/'} -> {href} (no id {fragment!r})")
    return checked, broken
