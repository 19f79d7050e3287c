"""Generated pages' HTML held while the engine waits to write it: as UTF-8 up to a bound, compressed beyond.

MkDocs converts every page's Markdown before it writes the first one, and the plugin makes every page
before MkDocs converts the first: each page's HTML parts, then its content (its HTML without the theme),
would stay in memory until the end, about 38 KB a claim page, close to a gigabyte at 25,000 claims. The first
`HELD_AS_TEXT` bytes are held as UTF-8, which costs next to nothing; what is held beyond them is compressed
with zlib's fastest level, to about 5 KB a claim page, at about a tenth of a millisecond a page to hold and
give back (a quarter of a second a 1,000 claims, which fit within the bound). So memory stays bounded by the
bound plus a seventh of the rest, and a site of a few thousand claims pays nothing for it.
"""

from __future__ import annotations

import zlib
from collections.abc import Hashable

# What the engine's page holds meanwhile, in case another plugin reads it before the page is written.
PLACEHOLDER = "<!-- mkdocs-claims: this page's content is held compressed until the page is written -->"
HELD_AS_TEXT = 48 * 2**20  # bytes of UTF-8 held uncompressed at most, at once


class HeldContent:
    def __init__(self, as_text: int = HELD_AS_TEXT) -> None:
        self._held: dict[Hashable, tuple[bool, bytes]] = {}  # key -> (compressed?, the text's UTF-8)
        self._as_text = as_text  # bytes that may still be held uncompressed

    def hold(self, key: Hashable, text: str) -> None:
        self._release(key)
        data = text.encode("utf-8", "surrogatepass")
        if len(data) <= self._as_text:
            self._as_text -= len(data)
            self._held[key] = (False, data)
        else:
            self._held[key] = (True, zlib.compress(data, 1))

    def take(self, key: Hashable, default: str) -> str:
        """The text held under `key`, given back once; `default` if none is held."""
        data = self._release(key)
        return default if data is None else data.decode("utf-8", "surrogatepass")

    def _release(self, key: Hashable) -> bytes | None:
        held = self._held.pop(key, None)
        if held is None:
            return None
        compressed, data = held
        if compressed:
            return zlib.decompress(data)
        self._as_text += len(data)
        return data
