"""What every page builder draws on, built once per build by `Site`."""

from __future__ import annotations

from dataclasses import dataclass

from .content_index import ContentIndex
from .diagram import Diagrams
from .head import Head
from .renderer import Renderer
from .settings import Settings
from .structured_data import StructuredData


@dataclass(frozen=True)
class PageParts:
    settings: Settings
    renderer: Renderer  # with the content and the URLs
    index: ContentIndex
    head: Head
    structured: StructuredData
    diagrams: Diagrams  # the relation graphs, laid out together
    scale_page: str  # the page that explains the rating scale, where claim pages link their verdict's meaning


class PageBuilder:
    """A builder of one kind of page, with the parts as its attributes."""

    def __init__(self, parts: PageParts):
        self.settings = parts.settings
        self.renderer = parts.renderer
        self.urls = parts.renderer.urls
        self.index = parts.index
        self.head = parts.head
        self.structured = parts.structured
        self.diagrams = parts.diagrams
        self.scale_page = parts.scale_page
