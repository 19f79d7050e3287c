"""An allowlist HTML sanitizer for what contributors' Markdown becomes (bodies, descriptions, hand-written
pages).

Harmless formatting survives; scripts, event handlers, `style`, iframes, objects and forms do not,
and links keep only http, https, mailto and relative addresses. Every `id` and `name` a contributor
writes (or a heading's text becomes) is prefixed with `user-content-`, as GitHub does, so that it can
never take the id of an element the theme or the plugin looks up (`__config`, `ref-1`, `cite-1-1`);
in-page `#fragment` links are prefixed alike and keep working. A `title` that holds markup characters is
dropped, because mkdocs-material's `content.tooltips` feature renders titles as HTML.
"""

from __future__ import annotations

import hashlib
import html
import re
import secrets
from collections.abc import Iterator

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto"})
USER_PREFIX = "user-content-"
TAGS = frozenset(nh3.ALLOWED_TAGS) - {"area", "map"}
ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES["*"] = {"class", "id", "title", "lang", "dir"}
ATTRIBUTES["a"] = {"href", "hreflang", "name"}
ATTRIBUTES["img"] = {"src", "alt", "width", "height", "loading"}
ATTRIBUTES["ol"] = {"start", "type"}
# Hand-written pages also get the alignment of table cells that Python-Markdown's tables write as `style`.
PAGE_ATTRIBUTES = {**ATTRIBUTES, "th": ATTRIBUTES["th"] | {"style"}, "td": ATTRIBUTES["td"] | {"style"}}


def user_id(value: str) -> str:
    """A contributor's id or name, in the namespace no id of the theme or the plugin is in."""
    return value if value.startswith(USER_PREFIX) else USER_PREFIX + value


def namespaced_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "title" and any(c in value for c in "<>&"):
        return None  # mkdocs-material's `content.tooltips` renders a title as HTML (innerHTML): text only
    if attribute == "name":
        return user_id(value)
    if attribute == "href" and value.startswith("#") and len(value) > 1:
        return "#" + user_id(value[1:])  # an in-page link follows its target's id into the namespace
    return value


def sanitize(html: str, page: bool = False) -> str:
    """The same HTML with everything outside the allowlist removed and contributors' ids namespaced.

    `page` is for a whole hand-written page: table cells keep their `text-align`, nothing else of `style`."""
    return nh3.clean(html, tags=TAGS, attributes=PAGE_ATTRIBUTES if page else ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="noopener", strip_comments=True,
                     id_prefix=USER_PREFIX, attribute_filter=namespaced_attribute,
                     filter_style_properties={"text-align"} if page else None)


_ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')


def ids_in(sanitized: str) -> set[str]:
    """The ids in the sanitizer's output, which always writes attributes double-quoted."""
    return {html.unescape(value) for value in _ID_ATTRIBUTE.findall(sanitized)}


def theme_text(value: str) -> str:
    """A value a theme prints raw as text (a page title): tags become text; quotes need no escaping there."""
    return html.escape(value, quote=False)


def theme_attribute(value: str) -> str:
    """A value a theme prints raw, possibly inside an attribute (a description, a tag)."""
    return html.escape(value, quote=True)


_LOOK_ALIKES = str.maketrans({"<": "\u2039", ">": "\u203a"})


def theme_title(value: str, tooltips: bool) -> str:
    """A title as the theme prints it raw (nav, table of contents, header, <title>), from escaped text.

    With `content.tooltips`, mkdocs-material copies a truncated title's text into its `title` and renders that
    as HTML: the text's angle brackets become look-alikes (‹ ›) so that no text can turn into a tag there."""
    text = html.unescape(value)
    return theme_text(text.translate(_LOOK_ALIKES) if tooltips else text)


_STASH_SECRET = secrets.token_bytes(16)
# Any page's token; compiled once, not per page (a pattern per page overflowed `re`'s cache and cost a build
# of 1,000 claims half a second recompiling). `Stash` replaces only tokens with its own key and leaves others
# as text.
_TOKEN = r"claimsstash[0-9a-f]{16}n(\d+)x"
_TOKENS = re.compile(rf"<p>({_TOKEN})</p>|({_TOKEN})|(<[^<>]*?{_TOKEN}[^<>]*>)")
_BARE_TOKENS = re.compile(_TOKEN)
_KEY = re.compile(r"claimsstash[0-9a-f]{16}")


class Stash:
    """HTML the plugin makes (citation markers, claim cards…), set aside while the contributor's Markdown
    around it is converted and sanitized, then put back: the sanitizer namespaces contributors' ids, not the
    plugin's.

    A token is letters and digits only, so Markdown leaves it alone, and carries a key derived from the page
    and a secret drawn once per process, so a contributor cannot write one, and the same page renders the same
    within a build (a cached page equals a fresh one)."""

    def __init__(self, seed: str = ""):
        digest = hashlib.sha256(_STASH_SECRET + seed.encode("utf-8")).hexdigest()[:16]
        self.key = "claimsstash" + digest  # what every token starts with
        self._pieces: list[str] = []

    @classmethod
    def kept(cls, key: str, pieces: list[str]) -> Stash:
        """The stash of a page kept from an earlier build (kept_pages), whose Markdown holds its tokens."""
        if not isinstance(key, str) or not _KEY.fullmatch(key) or not all(isinstance(p, str) for p in pieces):
            raise ValueError("not a stash")
        stash = cls()
        stash.key, stash._pieces = key, list(pieces)
        return stash

    @property
    def pieces(self) -> list[str]:
        return list(self._pieces)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Stash) and (self.key, self._pieces) == (other.key, other._pieces)

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def hold(self, html: str, block: bool = False) -> str:
        """A token for `html`; a `block` stands alone between blank lines, so its paragraph is dropped on
        restore."""
        self._pieces.append(html)
        token = f"{self.key}n{len(self._pieces) - 1}x"
        return f"\n\n{token}\n\n" if block else token

    def restore(self, html: str) -> str:
        if not self._pieces:
            return html
        return _TOKENS.sub(self._restored, html)

    def _restored(self, match: re.Match[str]) -> str:
        token = match.group(1) or match.group(3)
        if token:  # a paragraph or a bare token: this page's piece, or a look-alike left as it is
            number = match.group(2) or match.group(4)
            return self._pieces[int(number)] if token.startswith(self.key) else match.group(0)
        # A token inside a tag (a heading's slug, in its id and its permalink) is dropped from it, not
        # replaced.
        return self.plain(match.group(5))

    def plain(self, text: str) -> str:
        """Text (a heading's title or id) with its tokens removed."""
        if not self._pieces:
            return text
        return _BARE_TOKENS.sub(lambda m: "" if m.group(0).startswith(self.key) else m.group(0), text)


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


def forbidden_urls(markdown: str) -> Iterator[tuple[int, str]]:
    """(offset, url) of every link in Markdown whose scheme is not http, https or mailto."""
    if ":" not in markdown and "&" not in markdown:
        return  # no scheme can be written without a colon, plain or as an entity
    if "](" not in markdown and "]:" not in markdown and "<" not in markdown and "=" not in markdown:
        return  # no link, reference definition, autolink or HTML attribute
    for match in _URL_PLACES.finditer(markdown):
        name = match.lastgroup
        assert name is not None  # every alternative of the pattern is a named group
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
