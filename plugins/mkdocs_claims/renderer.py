"""Jinja templates rendered to HTML with autoescaping, and the links between pages they print."""

from __future__ import annotations

import jinja2

from .model import Content
from .urls import Urls

# One environment for the process, so templates compile once and not at every `mkdocs serve` rebuild.
_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("mkdocs_claims", "templates"),
    autoescape=True,
    trim_blocks=False,
    undefined=jinja2.StrictUndefined,
)


class Renderer:
    def __init__(self, content: Content, urls: Urls):
        self.content = content
        self.urls = urls

    def link(self, here: str, kind: str, record_id: str, anchor: str = "") -> str:
        return self.page_link(here, self.urls.record(kind, record_id), anchor)

    def page_link(self, here: str, src_uri: str, anchor: str = "") -> str:
        if src_uri == here and anchor:
            return f"#{anchor}"
        # The page itself without an anchor: "./" from its URL, its own name from its source file.
        return self.urls.href(here, src_uri, anchor)

    def record_title(self, kind: str, record_id: str) -> str:
        record = self.content.records(kind).get(record_id)
        return record.title if record else record_id

    def render(self, template: str, **values: object) -> str:
        return _environment.get_template(template).render(content=self.content, link=self.link,
                                                          page_link=self.page_link, **values)
