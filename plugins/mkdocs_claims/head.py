"""What pages put in their <head> beyond the theme's: feed links and the tags networks read when a page is
shared."""

from __future__ import annotations

import re

from markupsafe import escape

from .feeds import SITE_FEED
from .settings import Settings
from .share_image import HEIGHT, WIDTH, ShareCard
from .sharing import share_image_path
from .urls import Urls

# The theme's links from a page of the nav to its neighbours there (mkdocs-material's base.html).
_THEME_SERIES = re.compile(r'<link rel="(?:prev|next)" href="[^"]*">')


class Head:
    def __init__(self, settings: Settings, urls: Urls):
        self.settings = settings
        self.urls = urls

    def feed_link(self, here: str, feed_path: str, title: str) -> str:
        # mkdocs-material takes every rel="alternate" for a translation of the site and fetches the
        # sitemap.xml beside it, on every page: the site's whole sitemap (about 100 KiB compressed at 25,000
        # claims) for the site's feed. The token list "alternate feed" still advertises a feed to readers, and
        # the theme skips it.
        return (f'<link rel="alternate feed" type="application/atom+xml" title="{escape(title)}" '
                f'href="{escape(self.urls.file_href(here, feed_path))}">')

    def site_feed_link(self, here: str) -> str:
        """What every page's <head> gets: the site-wide feed."""
        return self.feed_link(here, SITE_FEED, f"{self.settings.site_name or 'Claims'}: latest claims")

    def sharing(self, title: str, description: str, here: str, card: ShareCard | None = None) -> str:
        """Open Graph and Twitter tags: what a network shows for a link to the page."""
        tags = [("og:type", "article"), ("og:title", title), ("og:description", description),
                ("og:site_name", self.settings.site_name)]
        url = self.urls.absolute(here)
        if url:
            tags.append(("og:url", url))
        twitter = [("twitter:card", "summary_large_image" if card else "summary"), ("twitter:title", title),
                   ("twitter:description", description)]
        if card:
            path = share_image_path(self.settings, card)
            # Absolute where the site's URL is known, as networks require; the key makes a changed image a new
            # URL, which networks that cache images by address fetch again.
            image = (self.urls.absolute_file(path)
                     or self.urls.file_href(here, path)) + "?v=" + card.key()[:12]
            alt = f"{card.title}. {card.verdict or 'Not rated'}. {card.speaker}, {card.date}."
            tags += [("og:image", image), ("og:image:type", "image/png"), ("og:image:width", str(WIDTH)),
                     ("og:image:height", str(HEIGHT)), ("og:image:alt", alt)]
            twitter += [("twitter:image", image), ("twitter:image:alt", alt)]
        html = "".join(f'<meta property="{name}" content="{escape(value)}">' for name, value in tags if value)
        html += "".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in twitter if value)
        return html


def with_head(output: str, head: str) -> str:
    """A finished page with `head` added to its <head>, and the theme's search dialog named for screen
    readers.

    The theme links each page of the nav to its neighbours in the nav with `rel="prev"`/`"next"`; a page of a
    paged list brings its own (its series, `pagination.Pager`), which replace the theme's."""
    index = output.find("</head>")
    if index >= 0 and ('rel="next"' in head or 'rel="prev"' in head):
        before = _THEME_SERIES.sub("", output[:index])
        output, index = before + output[index:], len(before)
    output = output[:index] + head + output[index:] if index >= 0 else output
    # mkdocs-material's search dialog has no accessible name (axe-core: aria-dialog-name).
    return output.replace('data-md-component="search" role="dialog">',
                          'data-md-component="search" role="dialog" aria-label="Search">', 1)
