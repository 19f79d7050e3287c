"""Generated pages' HTML held compressed while the engine waits to write it.

MkDocs converts every page's Markdown before it writes the first one, and the plugin makes every page
before MkDocs converts the first: each page's HTML parts, then its content (its HTML without the theme),
would stay in memory until the end, about 38 KB a claim page, close to a gigabyte at 25,000 claims. Held
here with zlib's fastest level they take about 5 KB, and a tenth of a millisecond a page to hold and give
back.
"""

from __future__ import annotations

import zlib
from collections.abc import Hashable

# What the engine's page holds meanwhile, in case another plugin reads it before the page is written.
PLACEHOLDER = "<!-- mkdocs-claims: this page's content is held compressed until the page is written -->"


class HeldContent:
    def __init__(self) -> None:
        self._held: dict[Hashable, bytes] = {}  # key -> the text, UTF-8, compressed

    def hold(self, key: Hashable, text: str) -> None:
        self._held[key] = zlib.compress(text.encode("utf-8", "surrogatepass"), 1)

    def take(self, key: Hashable, default: str) -> str:
        """The text held under `key`, given back once; `default` if none is held."""
        held = self._held.pop(key, None)
        return default if held is None else zlib.decompress(held).decode("utf-8", "surrogatepass")
