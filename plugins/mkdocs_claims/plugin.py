"""The MkDocs (and ProperDocs) adapter: hands the core's pages to MkDocs as in-memory files.

Everything about claims lives in the core; this module only translates between it and MkDocs'
events, so the content pipeline can move to another engine.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast
from urllib.parse import quote

from mkdocs import __version__ as mkdocs_version
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents

if TYPE_CHECKING:  # MkDocs' own types, for the hooks' signatures (as MkDocs' search plugin writes them)
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

from . import cache_files, explorer, handwritten, nav, outputs, review_dates, search_index
from .build_pages import BuildPages, site_for
from .bylines import config_problems
from .cache_files import KeptFiles
from .config import ClaimsConfig
from .csp import Policy, policy_problems
from .generated_page import GeneratedPage
from .held_content import PLACEHOLDER, HeldContent
from .kept_pages import KeptPages
from .kept_renders import KeptRenders, Render, converter
from .layout import Layouts, missing_graphs
from .loader import load_content, shown_path
from .model import Content
from .problems import Problems
from .renderer import keep_compiled
from .sanitizer import theme_title
from .settings import Settings, settings_from
from .share_image import ShareImages, cache_folder
from .toc import TocEntry
from .urls import SCRIPT, STYLESHEET, Urls

# Every page carries the explorer's stylesheet and script: its link in the header, and instant navigation into
# it.
STYLESHEETS = (STYLESHEET, explorer.STYLESHEET)
SCRIPTS = (SCRIPT, explorer.SCRIPT)

log = get_plugin_logger(__name__)
# Partials that replace mkdocs-material's own so that no page makes a request to another origin.
THEME_OVERRIDES = Path(__file__).with_name("theme")
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"  # everything a URL may hold as is; quotes, spaces and brackets get encoded


def _option_error(config: MkDocsConfig, root: Path, problems: list[str]) -> PluginError:
    """The problems of the plugin's options in mkdocs.yml, one a line."""
    path = shown_path(Path(config.config_file_path or "mkdocs.yml"), root)
    return PluginError("\n".join(f"{path}: plugins > claims > {problem}" for problem in problems))


class _GeneratedFile(File):
    """A page or file the plugin generates, which a dirty build (`mkdocs serve --dirty`) rewrites only when it
    changed."""

    changed = True
    kept = False  # a file of the cache folder (a share image), put into the site as a link of it

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        # Never written into in place: the last build may have put a link of a kept file there.
        if self.kept and self.abs_src_path is not None:
            os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
            cache_files.place(Path(self.abs_src_path), Path(self.abs_dest_path))  # removes what was there
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.abs_dest_path)
            super().copy_file(dirty)


class _HeldPages:
    """The events that hold a generated page's content from Markdown until MkDocs writes it (held_content)."""

    pages: BuildPages

    def __init__(self) -> None:
        super().__init__()
        # `mkdocs serve` keeps the generated pages from one build to the next; a single build lets go of each
        # page's parts once its content is made. Builds run without `on_startup` (in process) keep them.
        self.keep_pages = True
        self.held = HeldContent()  # generated pages' content (held_content), from Markdown until written

    @event_priority(-100)  # after every plugin's own on_page_content
    def _hold_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri not in self.pages.generated:
            return html
        self.held.hold(page.file.src_uri, html)
        return PLACEHOLDER

    @event_priority(100)  # before every plugin's own on_page_context, which may read the content
    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        page.content = self.held.take(page.file.src_uri, page.content or "")  # held by _hold_content
        return context

    @event_priority(-100)  # after every plugin's own on_post_page
    def _release_content(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if not self.keep_pages and page.file.src_uri in self.pages.generated:
            page.content = ""  # written: MkDocs would keep every page's HTML to the end of the build
        return output


class _LongLived:
    """What a build holds from its start to its end, out of the garbage collector's sight."""

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # The claims and the configuration, loaded by now, live the whole build: frozen, they are no longer
        # walked by every collection of the oldest generation (about 6 % of a 1,000-claim build's CPU). A
        # later build (`mkdocs serve`) first lets the collector free what the last one no longer needs: frozen
        # again uncollected, each rebuild's garbage would be kept to the end of the process.
        if gc.get_freeze_count():
            gc.unfreeze()
            gc.collect()
        gc.freeze()


class _KeptRenders:
    """The events that give a generated page the last build's conversion of its Markdown (kept_renders)."""

    pages: BuildPages

    def __init__(self) -> None:
        super().__init__()
        self.renders = KeptRenders(cache_folder("renders"))

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.renders.new_build(converter(config["markdown_extensions"], config["mdx_configs"] or {},
                                         f"mkdocs {mkdocs_version}",
                                         f"use_directory_urls {config['use_directory_urls']}"))
        super().on_pre_build(config=config)  # type: ignore[misc]

    @event_priority(-100)  # after every plugin's own on_page_markdown: MkDocs converts what they leave
    def _keep_render(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.pages.generated:
            page.render = partial(_render, self.renders, page, page.render)  # type: ignore[method-assign]
        return markdown


class ClaimsPlugin(_KeptRenders, _LongLived, _HeldPages, BasePlugin[ClaimsConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.dirty = False
        self.fingerprints = outputs.Fingerprints()  # what the last build wrote, for a dirty rebuild
        self.kept_pages = KeptPages(cache_folder("pages"))  # what Site reuses from the last build
        self.share_images = ShareImages(cache_folder())  # earlier builds' images: only changed ones drawn
        self.layouts = Layouts(file=cache_folder("graph-layouts") / "layouts.json")  # across builds

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Having on_startup keeps this instance across `mkdocs serve` rebuilds, so a rebuild can
        # reuse the pages whose inputs did not change, and a dirty one skip writing them.
        self.dirty = dirty
        self.keep_pages = self.kept_pages.in_memory = self.renders.in_memory = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        self.root = root = config_file.parent
        # The files beside the pages, kept per site: a second site's build would otherwise replace them all.
        self.kept_files = KeptFiles(cache_folder("files"), str(config_file))
        self.settings = settings_from(self.config, config, root)
        option_problems = config_problems(self.config.team, self.config.organization) + [
            f"csp: {problem}" for problem in policy_problems(self.config.csp)]
        if option_problems:  # before the claims, which name the team
            raise _option_error(config, root, option_problems)
        content_dir = root / self.config.content_dir
        self.content, problems = load_content(content_dir, root, self.settings.scale, self.settings)
        if problems:
            raise PluginError(problems.report())
        review_dates.complete(self.content, content_dir, root)
        if content_dir.is_dir() and str(content_dir) not in config.watch:
            config.watch.append(str(content_dir))  # `mkdocs serve` rebuilds when a claim changes
        _add_assets(config)
        self.page_problems = Problems()
        self.policy = Policy(self.config.csp)
        self.tooltips = "content.tooltips" in (config.theme.get("features") or [])
        _no_third_party_requests(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        _check_handwritten(files, config, self.root, self.content, self.settings, self.config.trusted_docs)
        folder = self.settings.explainers_dir
        own_index = files.get_file_from_path(f"{folder}/index.md") is not None
        self.site, explainers = site_for([(file.src_uri, file.content_string)
                                          for file in files.documentation_pages()],
                                         self.content, self.settings, self.page_problems,
                                         partial(_docs_path, config, self.root),
                                         own_index, files.get_file_from_path("index.md") is None,
                                         self.kept_pages, self.layouts)
        if config.nav:  # an explicit nav: its `explainers/` entry becomes the index and every explainer
            config.nav, unlisted = nav.with_explainers(config.nav, folder, explainers, own_index,
                                                       bool(self.site.explainers_index))
            for explainer in unlisted:  # a warning, so a strict build fails: readers would not find it
                log.warning(f"{_docs_path(config, self.root, explainer.src_uri)}: {nav.unlisted(folder)}")
        generated: dict[str, GeneratedPage] = {}
        self.pages = BuildPages(self.site, generated, {e.src_uri for e in explainers}, self.policy,
                                self.config.trusted_docs, self.tooltips, self.page_problems, self.keep_pages)
        self.fingerprints.new_build()
        pages_changed = False
        for output in outputs.pages(self.site):
            assert output.page is not None  # every output of `pages` is one
            in_nav = InclusionLevel.INCLUDED if output.page.in_nav else InclusionLevel.NOT_IN_NAV
            pages_changed = self._add(files, config, output, in_nav).changed or pages_changed
            generated[output.path] = output.page
            self.pages.hold(output.page)
        if self.layouts.unavailable:  # a warning: a strict build (publishing) fails without its graphs
            log.warning(missing_graphs(self.layouts.unavailable))
        if self.dirty and pages_changed:
            # Hand-written pages that embed or list claims may show what changed: rebuild them too.
            for doc in files.documentation_pages():
                if doc.src_uri not in generated and handwritten.may_show_claims(doc.content_string):
                    doc.is_modified = lambda: True  # type: ignore[method-assign]
        for output in outputs.files(self.site, self.policy, self.share_images, self.kept_files):
            self._add(files, config, output)
        self.fingerprints.remove_vanished({file.abs_dest_path for file in files
                                           if isinstance(file, _GeneratedFile)},
                                          {file.abs_dest_path for file in files}, self.dirty)
        return files

    def _add(self, files: Files, config: MkDocsConfig, output: outputs.Output,
             inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> _GeneratedFile:
        """Add a generated file, which a dirty build skips if its fingerprint is the last build's."""
        if files.get_file_from_path(output.path) is not None:
            raise PluginError(f"{_docs_path(config, self.root, output.path)}: this file has the address of a "
                              "file the claims plugin generates "
                              "(hint: rename it, or change the prefixes under the `claims` plugin)")
        file = _generated_file(config, output, inclusion)
        file.changed = self.fingerprints.changed(output)
        files.append(file)
        return file

    def _page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        src_uri = page.file.src_uri
        page.edit_url = self.pages.edit_url(src_uri) or page.edit_url
        path = shown_path(Path(page.file.abs_src_path or src_uri), self.root)
        markdown = self.pages.markdown(src_uri, page.file.content_string, markdown, path)
        page.meta = self.pages.theme_meta(src_uri, page.meta)
        return markdown

    on_page_markdown = CombinedEvent(_page_markdown, _KeptRenders._keep_render)

    def _page_content(self, body: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.edit_url and page.file.src_uri not in self.pages.generated:  # a docs/ file name, printed raw
            page.edit_url = quote(page.edit_url, safe=URL_SAFE)
        html, toc = self.pages.html(page.file.src_uri, body, page.toc, page.title, page.meta)
        page.toc = TableOfContents(_anchor_links(toc))
        return html

    on_page_content = CombinedEvent(_page_content, _HeldPages._hold_content)

    def _post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return self.pages.written(page.file.src_uri, output, page.content or "")

    on_post_page = CombinedEvent(_post_page, _HeldPages._release_content)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        return self.policy.apply(output) if template_name.endswith(".html") else output

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if not self.config.trusted_docs:
            _escape_section_titles(nav.items, self.tooltips)
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        if self.page_problems:
            raise PluginError(self.page_problems.report())
        urls = self.site.urls
        _theme_env(env, urls.url(urls.explorer()), urls.url(urls.index("claim")))
        if self.dirty:
            # A dirty build reads only the changed pages: the others' titles would show as "None" in its nav
            # (MkDocs' own limitation), so the sources of the pages in the nav are read.
            for page in self.nav.pages:
                if page.markdown is None:
                    page.read_source(config)
                    page.meta = self.pages.nav_meta(page.file.src_uri, page.meta, page.title)
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        try:
            search_index.build(Path(config.site_dir), self.site.claim_page_years(),
                               self.settings.search_part_size)
        except search_index.SearchIndexError as error:
            raise PluginError(str(error)) from error
        self.fingerprints.finished()

    def on_build_error(self, error: Exception) -> None:
        self.fingerprints.failed()


def _check_handwritten(files: Files, config: MkDocsConfig, root: Path, content: Content, settings: Settings,
                       trusted: bool) -> None:
    """Every problem of the docs folder's files at once, before any page is made of them."""
    problems = Problems()
    handwritten.check_files(((file.abs_src_path, file.is_documentation_page()) for file in files
                             if file.abs_src_path is not None and not file.inclusion.is_excluded()),
                            config.docs_dir, root, content, trusted, problems, Urls(settings).roots(),
                            settings.images)
    if problems:
        raise PluginError(problems.report())


def _render(renders: KeptRenders, page: Page, convert: Callable[[MkDocsConfig, Files], None],
            config: MkDocsConfig, files: Files) -> None:
    """MkDocs' `Page.render` for a generated page: the last build's conversion of the same Markdown by the
    same converter, or a conversion, kept if it looked nothing up and said nothing."""
    src_uri, markdown = page.file.src_uri, page.markdown or ""
    kept = renders.get(src_uri, markdown)
    if kept is None:
        watched = _Watched(files)
        with _said() as said:
            convert(config, watched)  # type: ignore[arg-type]  # all a conversion asks of the files
        # MkDocs records the links to anchors only above debug level (`mkdocs -v` does not): unrecorded, they
        # could not be handed back for the check a later build makes.
        links = page.links_to_anchors
        if not said and not watched.looked_up and links is not None and set(links) <= {page.file}:
            renders.put(src_uri, markdown, Render(page.content or "", _toc_entries(page.toc),
                                                  sorted(page.present_anchor_ids or ()),
                                                  dict(links.get(page.file, {})), page._title_from_render))
        return
    page.content = kept.content
    page.toc = TableOfContents(_anchor_links(kept.toc))
    page.present_anchor_ids = set(kept.anchors)
    page.links_to_anchors = {page.file: dict(kept.self_links)} if kept.self_links else {}
    page._title_from_render = kept.title


class _Watched:
    """The site's files, as a page's conversion sees them, telling whether it looked one up (a relative
    link's target)."""

    def __init__(self, files: Files) -> None:
        self.files, self.looked_up = files, False

    def get_file_from_path(self, path: str) -> File | None:
        self.looked_up = True
        return self.files.get_file_from_path(path)

    def __getattr__(self, name: str) -> object:
        return getattr(self.files, name)


class _Said(logging.Handler):
    """What MkDocs and Markdown log (above debug) while it listens."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _said() -> Iterator[list[logging.LogRecord]]:
    said = _Said()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger("MARKDOWN")]
    for logger in loggers:
        logger.addHandler(said)
    try:
        yield said.records
    finally:
        for logger in loggers:
            logger.removeHandler(said)


def _toc_entries(toc: Iterable[AnchorLink]) -> list[TocEntry]:
    """MkDocs' table of contents as the core's."""
    return [TocEntry(link.title, link.id, link.level, _toc_entries(link.children)) for link in toc]


def _theme_env(env: Environment, search_page: str, index_page: str) -> None:
    env.globals["claims_search_page"] = search_page  # the header's link to the explorer
    env.globals["claims_index_page"] = index_page  # the 404 page's link to every claim
    keep_compiled(env)  # the theme's compiled templates, like the plugin's own


def _docs_path(config: MkDocsConfig, root: Path, src_uri: str) -> str:
    """A file of the docs folder as problems name it."""
    return shown_path(Path(config.docs_dir) / src_uri, root)


def _generated_file(config: MkDocsConfig, output: outputs.Output,
                    inclusion: InclusionLevel) -> _GeneratedFile:
    # File.generated builds an instance of the class it is called on.
    if isinstance(output.content, Path):  # a file of the cache folder (a share image): linked, never held
        file = cast(_GeneratedFile, _GeneratedFile.generated(config, output.path,
                                                             abs_src_path=str(output.content)))
        file.kept = True
        return file
    return cast(_GeneratedFile, _GeneratedFile.generated(config, output.path, content=output.content,
                                                         inclusion=inclusion))


def _add_assets(config: MkDocsConfig) -> None:
    """The plugin's stylesheets and scripts on every page, once however often the config is loaded."""
    for stylesheet in STYLESHEETS:
        if stylesheet not in config.extra_css:
            config.extra_css.append(stylesheet)
    for script in SCRIPTS:
        if script not in [str(listed) for listed in config.extra_javascript]:
            config.extra_javascript.append(script)


def _no_third_party_requests(config: MkDocsConfig) -> None:
    """mkdocs-material loads Google Fonts and asks GitHub's API for the repository's stars: turn both off.

    The system font stack replaces Roboto; the repository link stays, without the counts."""
    config.theme["font"] = False
    if THEME_OVERRIDES.as_posix() not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, THEME_OVERRIDES.as_posix())


def _escape_section_titles(items: list, tooltips: bool) -> None:
    """Nav sections without a title in mkdocs.yml are named after their folder in docs/, which the theme
    prints raw."""
    for item in items:
        if item.is_section:
            item.title = theme_title(item.title, tooltips)
            _escape_section_titles(item.children, tooltips)


def _anchor_links(entries: list[TocEntry]) -> list[AnchorLink]:
    """The core's table of contents as MkDocs' own."""
    links = []
    for entry in entries:
        link = AnchorLink(entry.title, entry.anchor, entry.level)
        link.children = _anchor_links(entry.children)
        links.append(link)
    return links
