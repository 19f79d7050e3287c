"""An allowlist HTML sanitizer for what contributors' Markdown becomes (bodies, descriptions).

Harmless formatting survives; scripts, event handlers, `style`, iframes, objects and forms do not,
and links keep only http, https, mailto and relative addresses.
"""

from __future__ import annotations

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto"})
_TAGS = frozenset(nh3.ALLOWED_TAGS) - {"area", "map"}
_ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES["*"] = {"class", "id", "title", "lang", "dir"}
_ATTRIBUTES["a"] = {"href", "hreflang"}
_ATTRIBUTES["img"] = {"src", "alt", "width", "height", "loading"}
_ATTRIBUTES["ol"] = {"start", "type"}


def sanitize(html: str) -> str:
    """The same HTML with everything outside the allowlist removed."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener", strip_comments=True)
