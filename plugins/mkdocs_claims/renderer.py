"""Jinja templates rendered to HTML with autoescaping, and the links between pages they print."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from functools import cache

import jinja2
from markupsafe import Markup

from .model import Claim, Content
from .share_image import cache_folder
from .urls import Urls

# One environment for the process, so templates compile once and not at every `mkdocs serve` rebuild.
_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("mkdocs_claims", "templates"),
    autoescape=True,
    trim_blocks=False,
    undefined=jinja2.StrictUndefined,
)


@cache
def date(value: dt.date | None) -> Markup:
    """A date as readers see it, with its machine-readable form: "6 March 2025". Printed tens of thousands of
    times in a build (every listing row), so a Python function and not a template macro; parts.html exports it
    as `date`."""
    if not value:
        return Markup("")
    return Markup('<time datetime="{}">{} {}</time>').format(value.isoformat(), value.day,
                                                            value.strftime("%B %Y"))


_environment.globals["claims_date"] = date


class _KeptTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in the user's cache folder for the next build: compiling the theme's and the
    plugin's templates takes about a quarter of a second a build. Jinja checks a kept one against its
    template's source (its hash) and compiles an edited template again; a folder that cannot be written only
    costs time."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)


def keep_compiled(environment: jinja2.Environment | None = None) -> None:
    """Keep `environment`'s compiled templates (the plugin's own without one) in the cache folder."""
    target = environment or _environment
    if target.bytecode_cache is None:
        target.bytecode_cache = _KeptTemplates(str(cache_folder("templates")))


class Renderer:
    def __init__(self, content: Content, urls: Urls):
        self.content = content
        self.urls = urls
        keep_compiled()
        # A verdict's label, once per rating of the scale (the first of an id, as Content.rating finds it).
        self._verdicts: dict[str, Markup] = {}
        for rating in content.scale:
            label = Markup('<span class="claims-verdict claims-verdict--{}">{}</span>')
            self._verdicts.setdefault(rating.id, label.format(rating.id, rating.label))

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

    def verdict(self, claim: Claim) -> Markup:
        """A claim's verdict label, "" when it has none (parts.html exports it as `verdict`)."""
        return self._verdicts.get(claim.verdict, Markup("")) if claim.verdict else Markup("")

    def speakers(self, claim: Claim, here: str, roles: bool = False) -> Markup:
        """A claim's speakers, each linked to their page (parts.html exports it as `speakers`); with `roles`,
        each followed by their role ("Lindsey Graham, US Senator (Republican)"), one speaker from the next
        by a semicolon."""
        people, link = self.content.people, Markup('<a class="claims-speaker" href="{}">{}</a>')
        role = Markup('<span class="claims-box__role">, {}</span>')
        return Markup("; " if roles else ", ").join(
            link.format(self.link(here, "person", person_id),
                        people[person_id].name if person_id in people else person_id)
            + (role.format(people[person_id].role) if roles and person_id in people and people[person_id].role
               else "")
            for person_id in claim.speakers)

    def render(self, template: str, **values: object) -> str:
        return _environment.get_template(template).render(content=self.content, link=self.link,
                                                          page_link=self.page_link,
                                                          claims_verdict=self.verdict,
                                                          claims_speakers=self.speakers, **values)
