"""The files a build adds to the site beside the hand-written ones, and what the last build wrote.

A dirty build (`mkdocs serve --dirty`) keeps the site folder: it rewrites only the generated files whose
fingerprint changed since the last build, and removes the ones of records that are gone. This module never
imports MkDocs; the plugin hands each output to MkDocs as an in-memory file.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import explorer
from .cache_files import KeptFiles
from .csp import Policy
from .generated_page import GeneratedPage
from .markdown_export import front_matter
from .share_image import ShareImages
from .site import Site
from .urls import ASSETS

# Every page carries the explorer's stylesheet and script: its link in the header, and instant navigation into
# it.
ASSET_FILES = (*ASSETS, explorer.STYLESHEET, explorer.SCRIPT)


@dataclass(frozen=True)
class Output:
    """One generated file: a page (Markdown with its front matter) or a file served as it is."""

    path: str  # in the docs tree, as MkDocs' src_uri
    content: str | bytes | Path  # a Path: a file of the plugin's cache folder, linked as it is (share image)
    fingerprint: int | str  # differs whenever what the build writes for it differs
    page: GeneratedPage | None = None


def _file(path: str, content: str | bytes, kept: KeptFiles) -> Output:
    """A file served as it is, put into the site as a link of its kept copy (a text as UTF-8, as MkDocs
    writes it)."""
    return Output(path, kept.keep(path, content.encode("utf-8") if isinstance(content, str) else content),
                  hash(content))


def pages(site: Site) -> Iterator[Output]:
    """The generated pages, each fingerprinted by every field of the page and the settings: whatever differs
    in the page's HTML (the plugin adds the edit URL and the head from the settings) differs in the
    fingerprint."""
    settings = repr(site.settings)
    for page in itertools.chain(site.pages(), [explorer.page(site)]):
        yield Output(page.src_uri, front_matter(page) + page.markdown, hash((repr(page), settings)), page)


def files(site: Site, policy: Policy, share_images: ShareImages, kept: KeptFiles) -> Iterator[Output]:
    """The site's other files: feeds, open data and the like (HTML ones under the content security policy),
    the claims' share images (drawn only where they changed) and the stylesheets and scripts."""
    kept.start()
    for path, text in site.files():
        if isinstance(text, str) and path.endswith(".html"):
            text = policy.apply(text)
        yield _file(path, text, kept)
    cards = list(site.share_cards())
    images = share_images.update(cards)
    for card in cards:
        yield Output(site.share_image_path(card), images[card.key()], card.key())
    assets = resources.files(__package__).joinpath("assets")
    for path in ASSET_FILES:
        yield _file(path, assets.joinpath(posixpath.basename(path)).read_text("utf-8"), kept)
    kept.finish()


class Fingerprints:
    """The fingerprint of each file the last finished build generated, and where it wrote them."""

    def __init__(self) -> None:
        self.built: dict[str, int | str] = {}  # path -> fingerprint, of the last build that finished
        self.current: dict[str, int | str] = {}  # of this build
        self.written: set[str] = set()  # the files in the site folder that the last build generated

    def new_build(self) -> None:
        self.current = {}

    def changed(self, output: Output) -> bool:
        """Whether the last build wrote something else (or nothing) for this output."""
        self.current[output.path] = output.fingerprint
        return self.built.get(output.path) != output.fingerprint

    def remove_vanished(self, generated: set[str], kept: set[str], dirty: bool) -> None:
        """After a dirty build, which keeps the site folder, the pages and files of a deleted record must not
        stay published: remove what the last build generated (absolute paths) that this one keeps nothing
        at."""
        if dirty:
            for path in self.written - kept:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(path)
                with contextlib.suppress(OSError):
                    # the folder of a directory URL, when nothing else is left in it
                    os.rmdir(os.path.dirname(path))
        self.written = generated

    def finished(self) -> None:
        self.built = self.current  # what the next dirty rebuild compares against

    def failed(self) -> None:
        # The site folder may hold some of this failed build's files: the next build rewrites them all.
        self.built = {}
