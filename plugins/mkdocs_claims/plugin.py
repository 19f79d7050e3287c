"""The MkDocs (and ProperDocs) adapter: hands the core's pages to MkDocs as in-memory files.

Everything about claims lives in the core; this module only translates between it and MkDocs'
events, so the content pipeline can move to another engine.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import posixpath
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast
from urllib.parse import quote

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents

if TYPE_CHECKING:  # MkDocs' own types, for the hooks' signatures (as MkDocs' search plugin writes them)
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

from . import explorer, handwritten, review_dates, search_index
from .bylines import config_problems
from .config import ClaimsConfig
from .csp import Policy, policy_problems
from .generated_page import GeneratedPage
from .head import with_head
from .layout import Layouts, missing_graphs
from .loader import load_content, shown_path
from .markdown_export import front_matter
from .problems import Problems
from .sanitizer import Stash, ids_in, sanitize, theme_title
from .settings import settings_from
from .share_image import ShareImages, cache_folder
from .site import Site
from .toc import TocEntry, generated_page_toc, safe_entries
from .urls import ASSETS, SCRIPT, STYLESHEET

# Every page carries the explorer's stylesheet and script: its link in the header, and instant navigation into it.
STYLESHEETS = (STYLESHEET, explorer.STYLESHEET)
SCRIPTS = (SCRIPT, explorer.SCRIPT)
# The generated pages Pagefind indexes, by kind, with the kind a reader filters by; listings are left out.
INDEXED_KINDS = {"claim": "Claim", "person": "Person", "topic": "Topic", "source": "Source"}

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

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class ClaimsPlugin(BasePlugin[ClaimsConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.dirty = False
        self.stashes: dict[str, Stash] = {}  # src_uri -> the plugin's HTML held out of a hand-written page
        self.built: dict[str, int | str] = {}  # src_uri -> fingerprint of the page the last build wrote
        self.outputs: set[str] = set()  # the files in the site folder that the last build generated
        self.page_cache: dict = {}  # what Site reuses from the last build
        self.share_images = ShareImages(cache_folder())  # images of earlier builds: only changed claims are drawn
        self.layouts = Layouts()  # the graphs' layouts of the last build, so a rebuild lays out only changed ones

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Having on_startup keeps this instance across `mkdocs serve` rebuilds, so a rebuild can
        # reuse the pages whose inputs did not change, and a dirty one skip writing them.
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.root = root
        self.settings = settings_from(self.config, config, root)
        option_problems = config_problems(self.config.team, self.config.organization)
        if option_problems:  # before the claims, which name the team
            raise _option_error(config, root, option_problems)
        content_dir = root / self.config.content_dir
        self.content, problems = load_content(content_dir, root, self.settings.scale, self.settings)
        if problems:
            raise PluginError(problems.report())
        review_dates.complete(self.content, content_dir, root)
        if content_dir.is_dir() and str(content_dir) not in config.watch:
            config.watch.append(str(content_dir))  # `mkdocs serve` rebuilds when a claim changes
        for stylesheet in STYLESHEETS:
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        for script in SCRIPTS:
            if script not in [str(listed) for listed in config.extra_javascript]:
                config.extra_javascript.append(script)
        self.page_problems = Problems()
        policy_errors = policy_problems(self.config.csp)
        if policy_errors:
            raise _option_error(config, root, [f"csp: {problem}" for problem in policy_errors])
        self.policy = Policy(self.config.csp)
        self.tooltips = "content.tooltips" in (config.theme.get("features") or [])
        _no_third_party_requests(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._check_handwritten(files, config)
        pages = [(file.src_uri, file.content_string) for file in files.documentation_pages()]
        folder = self.settings.explainers_dir
        explainers = handwritten.explainers(pages, self.content, folder, self.page_problems,
                                            lambda src_uri: shown_path(Path(config.docs_dir) / src_uri, self.root))
        self.explainer_pages = {explainer.src_uri for explainer in explainers}
        self.indexed: dict[str, int] = {}  # src_uri -> the weight of the page's words, for the pages Pagefind indexes
        own_index = files.get_file_from_path(f"{folder}/index.md") is not None
        self.site = Site(self.content, self.settings,
                         handwritten.explained_in(pages, self.content, self.settings.claims_prefix), self.page_cache,
                         explainers, explainers_index=not own_index,
                         home=files.get_file_from_path("index.md") is None, layouts=self.layouts)
        if config.nav:  # an explicit nav: its `explainers/` entry becomes the index and every explainer
            # The generated index under a title of its own: the section is already called "Explainers".
            index = [f"{folder}/index.md"] if own_index else [{"All explainers": f"{folder}/index.md"}] \
                if self.site.explainers_index else []
            config.nav = handwritten.fill_nav(config.nav, folder, index + [e.src_uri for e in explainers])
            listed = handwritten.nav_pages(config.nav)
            for explainer in explainers:
                if explainer.src_uri not in listed:  # a warning, so a strict build fails: readers would not find it
                    log.warning(f"{shown_path(Path(config.docs_dir) / explainer.src_uri, self.root)}: this explainer "
                                f"is not in the nav of mkdocs.yml (hint: list its folder there as "
                                f"`- Explainers: {folder}/`, which the claims plugin fills with every explainer)")
        self.generated: dict[str, GeneratedPage] = {}
        self.fingerprints: dict[str, int | str] = {}
        settings = repr(self.settings)  # what the plugin adds to a page beside the GeneratedPage (edit URL, head)
        pages_changed = False
        for page in itertools.chain(self.site.pages(), [explorer.page(self.site)]):
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            # Every field of the page, and the settings: whatever differs in the page's HTML differs in the fingerprint.
            file = self._add(files, config, page.src_uri, front_matter(page) + page.markdown, inclusion,
                             fingerprint=hash((repr(page), settings)))
            pages_changed = pages_changed or file.changed
            self.generated[page.src_uri] = page
        if self.layouts.unavailable:  # a warning, so a strict build (publishing) does not go out without its graphs
            log.warning(missing_graphs(self.layouts.unavailable))
        if self.dirty and pages_changed:
            # Hand-written pages that embed or list claims may show what changed: rebuild them too.
            for doc in files.documentation_pages():
                if doc.src_uri not in self.generated and handwritten.may_show_claims(doc.content_string):
                    doc.is_modified = lambda: True  # type: ignore[method-assign]
        for path, text in self.site.files():
            self._add(files, config, path, self.policy.apply(text) if isinstance(text, str) and path.endswith(".html")
                      else text)
        cards = list(self.site.share_cards())
        images = self.share_images.update(cards)
        for card in cards:
            self._add(files, config, self.site.share_image_path(card), images[card.key()], fingerprint=card.key())
        assets = resources.files(__package__).joinpath("assets")
        for path in ASSETS + (explorer.STYLESHEET, explorer.SCRIPT):
            self._add(files, config, path, assets.joinpath(posixpath.basename(path)).read_text("utf-8"))
        self._remove_vanished(files)
        return files

    def _remove_vanished(self, files: Files) -> None:
        """A dirty build keeps the site folder: the pages and files of a deleted record must not stay published."""
        outputs = {file.abs_dest_path for file in files if isinstance(file, _GeneratedFile)}
        if self.dirty:
            for path in self.outputs - {file.abs_dest_path for file in files}:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(path)
                with contextlib.suppress(OSError):
                    os.rmdir(os.path.dirname(path))  # the folder of a directory URL, when nothing else is left in it
        self.outputs = outputs

    def _check_handwritten(self, files: Files, config: MkDocsConfig) -> None:
        """Before MkDocs reads or copies anything from docs/: every file a regular file inside the repository
        (not a link out of it, a device or a FIFO), every page within the size and Markdown bounds."""
        problems = Problems()
        docs = os.path.abspath(config.docs_dir) + os.sep
        for file in files:
            if (file.abs_src_path is None or not os.path.abspath(file.abs_src_path).startswith(docs)
                    or file.inclusion.is_excluded()):
                continue  # the theme's own files, files other plugins generate, excluded files
            handwritten.check_file(Path(file.abs_src_path), self.root, file.is_documentation_page(), self.content,
                                   problems, self.config.trusted_docs)
        if problems:
            raise PluginError(problems.report())

    def _add(self, files: Files, config: MkDocsConfig, path: str, content: str | bytes,
             inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
             fingerprint: int | str | None = None) -> _GeneratedFile:
        """Add a generated file, fingerprinted (by its content unless given) so a dirty build skips it if unchanged."""
        if files.get_file_from_path(path) is not None:
            where = shown_path(Path(config.docs_dir) / path, self.root)
            raise PluginError(f"{where}: this file has the address of a file the claims plugin generates "
                              "(hint: rename it, or change the prefixes under the `claims` plugin)")
        # File.generated builds an instance of the class it is called on.
        file = cast(_GeneratedFile, _GeneratedFile.generated(config, path, content=content, inclusion=inclusion))
        self.fingerprints[path] = hash(content) if fingerprint is None else fingerprint
        file.changed = self.built.get(path) != self.fingerprints[path]
        files.append(file)
        return file

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            if generated.edit_path and self.settings.edit_url:
                page.edit_url = self.settings.edit_link(generated.edit_path)
            self._theme_meta(page)
            return markdown
        # A hand-written page: check and resolve its [[…]], ![[…]] and placeholders.
        path = shown_path(Path(page.file.abs_src_path or page.file.src_uri), self.root)
        handwritten.check_page(page.file.content_string, markdown, self.content, self.page_problems, path,
                               self.config.trusted_docs)
        self._theme_meta(page)
        stash = self.stashes[page.file.src_uri] = Stash(page.file.src_uri)
        return handwritten.resolve(self.site, page.file.src_uri, markdown, stash)

    def _theme_meta(self, page: Page) -> None:
        """The front matter the theme prints raw, made safe: escaped, and for docs/ limited to known keys."""
        if page.file.src_uri in self.generated:
            page.meta["title"] = theme_title(page.meta["title"], self.tooltips)
        elif not self.config.trusted_docs:
            page.meta = handwritten.theme_meta(page.meta)[0]
            if "title" in page.meta:
                page.meta["title"] = theme_title(page.meta["title"], self.tooltips)

    def on_page_content(self, body: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            body = sanitize(body)
            body_ids = ids_in(generated.stash.plain(body))
            toc = generated_page_toc(generated, page.toc, body_ids, self.tooltips)
            page.toc = TableOfContents(_anchor_links([toc]))
            return self._searchable(generated.head + generated.stash.restore(body) + generated.tail, page)
        stash = self.stashes.pop(page.file.src_uri, Stash())
        if page.edit_url:  # a file name in docs/ is contributor text; the theme prints the address raw
            page.edit_url = quote(page.edit_url, safe=URL_SAFE)
        if self.config.trusted_docs:
            page.toc = TableOfContents(_anchor_links(safe_entries(page.toc, False, stash, self.tooltips)))
            return self._searchable(stash.restore(body), page)
        body = sanitize(body, page=True)
        body_ids = ids_in(stash.plain(body))
        page.toc = TableOfContents(_anchor_links(safe_entries(page.toc, True, stash, self.tooltips, body_ids)))
        # The theme prints the title raw (nav, header, <title>); one taken from the file name is not escaped yet.
        title = theme_title(page.title or "", self.tooltips)
        if page.title and title != page.title:
            page.meta["title"] = title
        return self._searchable(stash.restore(body), page)

    def _searchable(self, html: str, page: Page) -> str:
        """The page's content with its values for Pagefind, unless it is a listing, the home page or excluded in its
        front matter (`search: {exclude: true}`, as mkdocs-material's search reads it); `on_post_page` marks it."""
        src_uri = page.file.src_uri
        generated = self.generated.get(src_uri)
        if generated is not None:
            if not generated.searchable or generated.kind not in INDEXED_KINDS:
                return html
            if generated.kind == "claim":
                self.indexed[src_uri] = search_index.CLAIM_WEIGHT
                return html + search_index.claim_marks(self.content.claims[generated.record_id], self.content)
            self.indexed[src_uri] = 1
            return html + search_index.page_marks(INDEXED_KINDS[generated.kind])
        excluded = page.meta.get("search")
        if src_uri == "index.md" or (isinstance(excluded, dict) and excluded.get("exclude") is True):
            return html
        self.indexed[src_uri] = 1
        return html + search_index.page_marks("Explainer" if src_uri in self.explainer_pages else "Page")

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        generated = self.generated.get(page.file.src_uri)
        head = (generated.meta_html if generated else "") + self.site.page_head(page.file.src_uri)
        weight = self.indexed.get(page.file.src_uri)
        if weight is not None:
            output = search_index.indexed(output, weight)
        return self.policy.apply(with_head(output, head), page.content or "")

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
        env.globals["claims_search_page"] = self.site.urls.url(self.site.urls.explorer())  # the header's search link
        if self.dirty:
            # A dirty build reads only the changed pages, and the others' titles would show as "None" in the
            # navigation of the pages it writes (MkDocs' own limitation): read the sources of the pages in the nav.
            for page in self.nav.pages:
                if page.markdown is None:
                    page.read_source(config)
                    self._theme_meta(page)  # the theme prints its title raw, as on a full build
                    if ("title" not in page.meta and page.file.src_uri not in self.generated
                            and not self.config.trusted_docs):
                        page.meta["title"] = theme_title(page.title or "", self.tooltips)  # read from raw Markdown
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        try:
            search_index.build(Path(config.site_dir))
        except search_index.SearchIndexError as error:
            raise PluginError(str(error)) from error
        self.built = self.fingerprints  # what the next dirty rebuild compares against

    def on_build_error(self, error: Exception) -> None:
        # The site folder may hold some of this failed build's files: the next build rewrites them all.
        self.built = {}


def _no_third_party_requests(config: MkDocsConfig) -> None:
    """mkdocs-material loads Google Fonts and asks GitHub's API for the repository's stars: turn both off.

    The system font stack replaces Roboto; the repository link stays, without the counts."""
    config.theme["font"] = False
    if THEME_OVERRIDES.as_posix() not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, THEME_OVERRIDES.as_posix())


def _escape_section_titles(items: list, tooltips: bool) -> None:
    """Nav sections without a title in mkdocs.yml are named after their folder in docs/, which the theme prints raw."""
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
