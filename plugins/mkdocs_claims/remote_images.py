"""Images from another site in Markdown: the site's Content-Security-Policy (`csp.py`) loads images only from
its own origin (and the sources a site adds to `img-src`), so a reader would see a broken image. `claims
check`, the build and `render-md` report each at its place, with where a local image goes.

Found in time linear in the text: inline images, reference images (`![alt][label]` with `[label]: url`),
and `<img src>`/`srcset` in raw HTML, outside code.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from .links import code_spans
from .sanitizer import url_scheme

_ALT = r"!\[(?P<alt>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
_INLINE = re.compile(_ALT + r"\(\s*<?(?P<url>[^\s)>]+)")
_REFERENCE = re.compile(_ALT + r"(?:[ ]?\[(?P<label>[^\[\]]*)\])?(?![(\[])")
_DEFINITION = re.compile(r"^[ ]{0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*<?(?P<url>[^\s>]+)", re.MULTILINE)
_IMG = re.compile(r"<img\b[^>]*", re.IGNORECASE)
_IMG_SOURCE = re.compile(r"\s(?:src|srcset)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_CANDIDATE = re.compile(r"(?:^|,)\s*([^\s,]+)")  # an address in a srcset
# A CSP host source: [scheme://]host[:port][/path], the host possibly `*.` a domain.
_HOST_SOURCE = re.compile(r"(?:(?P<scheme>[a-z][a-z0-9+.\-]*)://)?(?P<host>\*|(?:\*\.)?[^/:*]+)"
                          r"(?::(?P<port>\d+|\*))?(?P<path>/.*)?", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,59}\.(?:png|jpe?g|gif|webp|avif)", re.IGNORECASE)


@dataclass(frozen=True)
class ImagePolicy:
    """Where pages may load images from: the site's own address (`site_url`) and the sources the site adds
    to the policy's `img-src` (the plugin's `csp` option)."""

    sources: tuple[str, ...] = ()
    site_url: str = ""

    def allows(self, url: str) -> bool:
        """Whether an absolute or protocol-relative image address loads under the policy."""
        parts = urlsplit(html.unescape(url) if not url.startswith("//") else "https:" + url)
        scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
        try:
            port = parts.port or _DEFAULT_PORTS.get(scheme)
        except ValueError:
            return False  # no browser loads it either
        own = urlsplit(self.site_url) if self.site_url else None
        if own is not None and (own.scheme, (own.hostname or "").lower(),
                                own.port or _DEFAULT_PORTS.get(own.scheme)) == (scheme, host, port):
            return True
        return any(_matches(source, scheme, host, port, parts.path or "/") for source in self.sources)


OWN_ORIGIN = ImagePolicy()  # images from the site's own files alone, with no `site_url`


def _matches(source: str, scheme: str, host: str, port: int | None, path: str) -> bool:
    """Whether a CSP source expression lets an image at this address load (CSP level 3's matching, for
    http and https)."""
    source = source.strip()
    if source == "*":
        return True
    if source.endswith(":") and "/" not in source:  # a scheme source; http: also lets https load
        wanted = source[:-1].lower()
        return scheme == wanted or (wanted == "http" and scheme == "https")
    match = _HOST_SOURCE.fullmatch(source)
    if match is None or source.startswith("'"):
        return False
    wanted = (match.group("scheme") or "").lower()
    if wanted and not (scheme == wanted or (wanted == "http" and scheme == "https")):
        return False
    allowed = match.group("host").lower()
    if allowed.startswith("*."):
        if not host.endswith(allowed[1:]):
            return False
    elif allowed not in ("*", host):
        return False
    allowed_port = match.group("port")
    if allowed_port != "*" and port != (int(allowed_port) if allowed_port
                                        else _DEFAULT_PORTS.get(wanted or scheme)):
        return False
    allowed_path = match.group("path") or ""
    return not allowed_path or (path.startswith(allowed_path) if allowed_path.endswith("/")
                                else path == allowed_path)


def images(markdown: str) -> Iterator[tuple[int, str]]:
    """(offset, address) of every image the Markdown shows, outside code: inline and reference images
    (at the image, with its definition's address) and raw HTML's `<img src>` and `srcset`."""
    if "![" not in markdown and "<" not in markdown:
        return
    code = code_spans(markdown)
    found: list[tuple[int, str]] = []
    definitions = {_label(m.group("label")): m.group("url") for m in _DEFINITION.finditer(markdown)}
    for match in _INLINE.finditer(markdown):
        found.append((match.start("url"), match.group("url")))
    for match in _REFERENCE.finditer(markdown):
        label = match.group("label") or match.group("alt")
        url = definitions.get(_label(label))
        if url is not None:
            found.append((match.start(), url))
    for tag in _IMG.finditer(markdown):
        for attribute in _IMG_SOURCE.finditer(markdown, tag.start(), tag.end()):
            value = attribute.group(1).strip("\"'")
            offset = attribute.start(1) + (attribute.group(1)[0] in "\"'")  # at the address, after a quote
            if "srcset" in attribute.group(0)[:8].lower():  # addresses, each with its width or density
                found.extend((offset + candidate.start(1), candidate.group(1))
                             for candidate in _CANDIDATE.finditer(value))
            else:
                found.append((offset, value))
    for offset, url in sorted(found):
        if not any(start <= offset < end for start, end in code):
            yield offset, url


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def blocked(markdown: str, policy: ImagePolicy) -> Iterator[tuple[int, str, str]]:
    """(offset, message, hint) of every image from another site that the policy blocks."""
    for offset, url in images(markdown):
        scheme = url_scheme(url)
        if not (url.startswith("//") or scheme in ("http", "https")) or policy.allows(url):
            continue  # a relative image, or one the policy lets load (other schemes are `unsafe-link`)
        shown = url if len(url) <= 60 else url[:57] + "..."
        yield offset, (f"image from another site `{shown}`: the site's security policy blocks it, so readers "
                       "would see a broken image"), _hint(url)


def _hint(url: str) -> str:
    name = posixpath.basename(urlsplit(url).path)
    name = name if _FILE_NAME.fullmatch(name) else "image.png"
    return (f"save it in the docs folder's assets (docs/assets/{name}), credit its source in the text, and "
            f"link it by its path from the page (`../assets/{name}` from a claim)")
