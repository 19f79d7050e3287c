"""What a site configures, independent of the engine that builds it."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .bylines import Organization, TeamMember, organization_from_config, team_from_config
from .model import DEFAULT_SCALE, Rating
from .remote_images import ImagePolicy


@dataclass
class Settings:
    content_dir: str = "claims"
    """The content folder, relative to the configuration file."""
    claims_prefix: str = "claims"
    people_prefix: str = "people"
    topics_prefix: str = "topics"
    sources_prefix: str = "sources"
    timeline_page: str = "timeline"
    graph_page: str = "graph"
    explainers_dir: str = "explainers"
    """The folder of hand-written explainers under the docs folder: listed, dated, in the nav by
    themselves."""
    scale: tuple[Rating, ...] = DEFAULT_SCALE
    related_count: int = 4
    """How many related claims a page shows; automatic ones fill up when curated relations are fewer."""
    page_size: int = 50
    """How many claims one page of a list shows (the index, a timeline month, a person's, topic's or source's
    claims); longer lists go on over further pages, so no page grows with the archive."""
    search_part_size: int = 8_000
    """How many claim pages one run of Pagefind indexes at most: a larger archive's search index is built in
    parts of whole years, which the explorer merges, so that the build's memory does not grow with the
    archive."""
    edit_url: str = ""
    """Where a record's file can be edited: prefix for its path in the repository ("" for no link)."""
    site_name: str = ""
    site_description: str = ""
    """The introduction of a generated front page (when docs/ has no index.md)."""
    site_url: str = ""
    """The site's public address, for canonical URLs, feeds and structured data ("" when unknown)."""
    directory_urls: bool = True
    links_from_source: bool = False
    """Relative links start from the page's source file, not its URL: Zensical rewrites every relative link in
    a page, raw HTML included, as MkDocs rewrites only Markdown links (`claims render-md --engine
    zensical`)."""
    team: dict[str, TeamMember] = field(default_factory=dict)
    """The people who write and review explainers, by id (`authors` and `reviewers` of a claim name them)."""
    organization: Organization = field(default_factory=lambda: Organization("mkdocs-claims"))
    """Who publishes the site: the author of every explainer that names no author."""
    image_sources: tuple[str, ...] = ()
    """The sources the site adds to its policy's `img-src` (the `csp` option): images from elsewhere are
    blocked, and `claims check` reports them."""

    @property
    def images(self) -> ImagePolicy:
        """Where pages may load images from."""
        return ImagePolicy(self.image_sources, self.site_url)

    def edit_link(self, path: str) -> str:
        """Where the file at `path` (relative to the repository) is edited; percent-encoded, since a theme
        prints it raw into an attribute ("" for no link)."""
        return self.edit_url + quote(path, safe="/") if self.edit_url else ""

    def prefix(self, kind: str) -> str:
        return {"claim": self.claims_prefix, "person": self.people_prefix,
                "topic": self.topics_prefix, "source": self.sources_prefix}[kind]


def scale_from_config(entries: Iterable[Mapping]) -> tuple[Rating, ...]:
    """A rating scale from configuration entries (mappings with id, label, description, value)."""
    return tuple(Rating(str(entry["id"]), str(entry.get("label") or entry["id"]),
                        str(entry.get("description", "")), entry.get("value")) for entry in entries)


def _option(options: Mapping | None, name: str, default: Any) -> Any:
    value = options.get(name) if options else None
    return default if value is None else value


def settings_from(options: Mapping | None, site: Mapping, root: Path) -> Settings:
    """Settings from the plugin's options and the site's configuration (mkdocs.yml, as mappings)."""
    scale_entries = _option(options, "scale", None)
    return Settings(
        content_dir=_option(options, "content_dir", Settings.content_dir),
        claims_prefix=_option(options, "claims_prefix", Settings.claims_prefix).strip("/"),
        people_prefix=_option(options, "people_prefix", Settings.people_prefix).strip("/"),
        topics_prefix=_option(options, "topics_prefix", Settings.topics_prefix).strip("/"),
        sources_prefix=_option(options, "sources_prefix", Settings.sources_prefix).strip("/"),
        timeline_page=_option(options, "timeline_page", Settings.timeline_page).strip("/"),
        graph_page=_option(options, "graph_page", Settings.graph_page).strip("/"),
        explainers_dir=_option(options, "explainers_dir", Settings.explainers_dir).strip("/"),
        scale=scale_from_config(scale_entries) if scale_entries else DEFAULT_SCALE,
        related_count=int(_option(options, "related_count", Settings.related_count)),
        page_size=max(1, int(_option(options, "page_size", Settings.page_size))),
        search_part_size=max(1, int(_option(options, "search_part_size", Settings.search_part_size))),
        edit_url=edit_url(site, _option(options, "edit_uri", None), root),
        site_name=site.get("site_name") or "",
        site_description=site.get("site_description") or "",
        site_url=site.get("site_url") or "",
        directory_urls=bool(_option(site, "use_directory_urls", True)),
        team=team_from_config(_option(options, "team", {})),
        organization=organization_from_config(_option(options, "organization", {}),
                                              site.get("site_name") or "", site.get("site_url") or ""),
        image_sources=tuple(map(str, (_option(options, "csp", {}) or {}).get("img-src") or ())),
    )


def edit_url(site: Mapping, edit_uri: str | None, root: Path) -> str:
    """The prefix that, followed by a record's path in the repository, edits it on the forge."""
    repo_url = site.get("repo_url")
    if not repo_url:
        return ""
    if edit_uri is None:
        edit_uri = site.get("edit_uri")
        if edit_uri is None and "github.com" in repo_url:
            edit_uri = "edit/master/docs/"  # MkDocs' own default for GitHub
        if not edit_uri or "?" in edit_uri or "#" in edit_uri:
            return ""
        docs_dir = Path(site.get("docs_dir") or "docs")
        docs = Path(os.path.relpath(root / docs_dir, root)).as_posix().strip("/")
        trimmed = edit_uri.rstrip("/")
        if trimmed.endswith("/" + docs) or trimmed == docs:
            edit_uri = trimmed[: len(trimmed) - len(docs)]
    return repo_url.rstrip("/") + "/" + edit_uri.strip("/") + "/"
