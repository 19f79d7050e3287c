"""An allowlist HTML sanitizer for what contributors' Markdown becomes (bodies, descriptions).

Harmless formatting survives; scripts, event handlers, `style`, iframes, objects and forms do not,
and links keep only http, https, mailto and relative addresses.
"""

from __future__ import annotations

import html
import re

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


# Where a URL can hide in Markdown: inline links and images, reference definitions, autolinks, raw HTML.
_URL_PLACES = re.compile(
    r"\]\(\s*<?(?P<inline>(?:[^()\s>]|\([^()\s]*\))*)"
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<reference>[^\s>]+)"
    r"|<(?P<auto>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>"
    r"|(?:href|src|action|formaction|xlink:href|data|poster|srcset|background)\s*=\s*(?P<attribute>\"[^\"]*\"|'[^']*'|[^\s>]+)",
    re.MULTILINE | re.IGNORECASE,
)
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")


def url_scheme(url: str) -> str:
    """The scheme a browser would see in `url` after entities and invisible characters, or "" if relative."""
    plain = _INVISIBLE.sub("", html.unescape(html.unescape(url))).lower()
    match = _SCHEME.match(plain)
    return match.group(1) if match else ""


def forbidden_urls(markdown: str):
    """(offset, url) of every link in Markdown whose scheme is not http, https or mailto."""
    if ":" not in markdown and "&" not in markdown:
        return  # no scheme can be written without a colon, plain or as an entity
    if "](" not in markdown and "]:" not in markdown and "<" not in markdown and "=" not in markdown:
        return  # no link, reference definition, autolink or HTML attribute
    for match in _URL_PLACES.finditer(markdown):
        name = match.lastgroup
        url = match.group(name).strip("\"'")
        scheme = url_scheme(url)
        if scheme and scheme not in URL_SCHEMES:
            yield match.start(name), url


# Characters that inline Markdown would read as formatting, as entities, so text shows as typed.
# (`#` only starts a heading at the beginning of a line, and html.escape writes it inside `&#x27;`.)
_MARKDOWN_INLINE = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[](){}+-.!|~^=:<>"})


def inline_text(text: str) -> str:
    """Plain text for a spot inside Markdown: HTML-escaped, and inert to inline Markdown."""
    return html.escape(text, quote=True).replace("&", "\x00").translate(_MARKDOWN_INLINE).replace("\x00", "&")
