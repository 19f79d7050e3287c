"""The MkDocs (and ProperDocs) adapter: hands the core's pages to MkDocs as in-memory files.

Everything about claims lives in the core; this module only translates between it and MkDocs'
events, so the content pipeline can move to another engine.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .config import ClaimsConfig
from .links import find_references
from .loader import check_text_references, load_content, shown_path
from .model import DEFAULT_SCALE
from .problems import ContentError, Problems
from .sanitizer import sanitize
from .settings import Settings, scale_from_config
from .site import GeneratedPage, Heading, PageRef, Site

log = logging.getLogger("mkdocs.plugins.claims")

STYLESHEET = "assets/claims.css"
SCRIPT = "assets/claims.js"
_LATEST = re.compile(r"^<!--\s*claims:latest(?:\s+(\d+))?\s*-->[ \t]*$", re.MULTILINE)
_SCALE = re.compile(r"^<!--\s*claims:scale\s*-->[ \t]*$", re.MULTILINE)
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^()\s<>]+?\.md)(?:#[^()\s]*)?>?\s*\)")
_FIRST_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


class ClaimsPlugin(BasePlugin[ClaimsConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        self.root = root
        self.settings = Settings(
            content_dir=self.config.content_dir,
            claims_prefix=self.config.claims_prefix.strip("/"),
            people_prefix=self.config.people_prefix.strip("/"),
            topics_prefix=self.config.topics_prefix.strip("/"),
            sources_prefix=self.config.sources_prefix.strip("/"),
            timeline_page=self.config.timeline_page.strip("/"),
            graph_page=self.config.graph_page.strip("/"),
            scale=scale_from_config(self.config.scale) if self.config.scale else DEFAULT_SCALE,
            related_count=self.config.related_count,
            edit_url=self._edit_url(config, root),
            site_name=config.site_name,
            site_url=config.site_url or "",
            directory_urls=config.use_directory_urls,
        )
        content_dir = root / self.config.content_dir
        self.content, problems = load_content(content_dir, root, self.settings.scale)
        if problems:
            raise PluginError(str(ContentError(problems)))
        if content_dir.is_dir() and str(content_dir) not in config.watch:
            config.watch.append(str(content_dir))  # `mkdocs serve` rebuilds when a claim changes
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(SCRIPT)
        self.page_problems = Problems()
        return config

    def _edit_url(self, config, root: Path) -> str:
        """The prefix that, followed by a record's path in the repository, edits it on the forge."""
        if not config.repo_url:
            return ""
        edit_uri = self.config.edit_uri
        if edit_uri is None:
            edit_uri = config.edit_uri or ""
            docs = shown_path(Path(config.docs_dir), root).strip("/")
            if not edit_uri or "?" in edit_uri or "#" in edit_uri:
                return ""
            trimmed = edit_uri.rstrip("/")
            if trimmed.endswith("/" + docs) or trimmed == docs:
                edit_uri = trimmed[: len(trimmed) - len(docs)]
        return config.repo_url.rstrip("/") + "/" + edit_uri.strip("/") + "/"

    def on_files(self, files: Files, config) -> Files:
        self.site = Site(self.content, self.settings, self._explainers(files))
        self.generated: dict[str, GeneratedPage] = {}
        for page in self.site.pages():
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            self._add(files, config, page.src_uri, _front_matter(page) + page.markdown, inclusion)
            self.generated[page.src_uri] = page
        for path, text in self.site.files():
            self._add(files, config, path, text)
        assets = resources.files(__package__).joinpath("assets")
        for path in (STYLESHEET, SCRIPT):
            self._add(files, config, path, assets.joinpath(posixpath.basename(path)).read_text("utf-8"))
        return files

    def _add(self, files: Files, config, path: str, content: str | bytes, inclusion=InclusionLevel.UNDEFINED) -> None:
        if files.get_file_from_path(path) is not None:
            where = shown_path(Path(config.docs_dir) / path, self.root)
            raise PluginError(f"{where}: this file has the address of a file the claims plugin generates "
                              "(hint: rename it, or change the prefixes under the `claims` plugin)")
        files.append(File.generated(config, path, content=content, inclusion=inclusion))

    def _explainers(self, files: Files) -> dict[str, list[PageRef]]:
        """Which hand-written pages link or embed each claim, for the claim's "Explained in"."""
        found: dict[str, list[PageRef]] = defaultdict(list)
        prefix = self.settings.claims_prefix + "/"
        for file in files.documentation_pages():
            text = file.content_string
            claims = {ref.target for ref in find_references(text)
                      if ref.form in ("link", "embed") and ref.kind == "claim" and not ref.error}
            for match in _MARKDOWN_LINK.finditer(text):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(file.src_uri), match.group(1)))
                if target.startswith(prefix) and target.count("/") == prefix.count("/"):
                    claims.add(target[len(prefix):-3])
            if not claims:
                continue
            heading = _FIRST_HEADING.search(text)
            title = heading.group(1) if heading else posixpath.splitext(posixpath.basename(file.src_uri))[0]
            for claim_id in sorted(claims):
                if claim_id in self.content.claims:
                    found[claim_id].append(PageRef(file.src_uri, title))
        return found

    def on_page_markdown(self, markdown: str, page, config, files):
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            if generated.edit_path and self.settings.edit_url:
                page.edit_url = self.settings.edit_url + generated.edit_path
            return markdown
        # A hand-written page: check and resolve its [[…]], ![[…]] and placeholders.
        path = shown_path(Path(page.file.abs_src_path or page.file.src_uri), self.root)
        raw = page.file.content_string
        offset = raw[: len(raw) - len(markdown)].count("\n") if raw.endswith(markdown) else 0

        def position(index: int) -> tuple[int, int]:
            line = markdown.count("\n", 0, index)
            return offset + line + 1, index - (markdown.rfind("\n", 0, index) + 1) + 1

        check_text_references(markdown, self.content, self.page_problems, path, position)
        here = page.file.src_uri
        markdown = self.site.rewrite(markdown, here)
        markdown = _LATEST.sub(lambda m: self.site.latest(here, int(m.group(1) or 5)), markdown)
        return _SCALE.sub(lambda m: self.site.scale(), markdown)

    def on_page_content(self, html: str, page, config, files):
        generated = self.generated.get(page.file.src_uri)
        if generated is None:
            return html
        page.toc = _toc(generated, page.toc)
        return generated.head + sanitize(html) + generated.tail

    def on_post_page(self, output: str, page, config):
        generated = self.generated.get(page.file.src_uri)
        head = (generated.meta_html if generated else "") + self.site.page_head(page.file.src_uri)
        index = output.find("</head>")
        return output[:index] + head + output[index:] if index >= 0 else output

    def on_env(self, env, config, files):
        if self.page_problems:
            raise PluginError(str(ContentError(self.page_problems)))
        return env


def _front_matter(page: GeneratedPage) -> str:
    # Themes print these values without escaping, so they are escaped here; JSON is valid YAML.
    meta = {"title": str(escape(page.title)), "description": str(escape(page.description))}
    if page.tags:
        meta["tags"] = [str(escape(tag)) for tag in page.tags]
    return "---\n" + "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()) + "\n---\n\n"


def _toc(page: GeneratedPage, body_toc) -> TableOfContents:
    def anchors(headings: list[Heading]) -> list[AnchorLink]:
        return [AnchorLink(str(escape(h.title)), h.anchor, h.level) for h in headings]

    top = AnchorLink(str(escape(page.title)), page.record_id or page.kind, 1)
    body = [item for item in body_toc if item.level > 1]
    for item in body_toc:
        if item.level == 1:
            body.extend(item.children)
    top.children = anchors(page.head_headings) + body + anchors(page.tail_headings)
    return TableOfContents([top])
