"""The `claims` plugin's options in mkdocs.yml. Part of the MkDocs adapter: the core never imports it."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .settings import Settings


class _PositiveInt(c.Type[int]):
    """A whole number of at least 1."""

    def __init__(self, default: int):
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        value = super().run_validation(value)
        if isinstance(value, bool) or value < 1:
            raise base.ValidationError(f"Expected a whole number of at least 1, got {value!r}")
        return value


class RatingOption(base.Config):
    id = c.Type(str)
    """The verdict id used in claim files, e.g. `misleading`."""
    label = c.Type(str)
    """How readers see it, e.g. "Misleading"."""
    description = c.Type(str, default="")
    """What the rating means, shown on the method page."""
    value = c.Optional(c.Type(int))
    """Its place on a numeric scale (higher is more accurate), for schema.org ClaimReview; empty for none."""


class TeamMemberOption(base.Config):
    name = c.Type(str)
    """The person's name as bylines show it, e.g. "Jane Doe"."""
    url = c.Optional(c.Type(str))
    """A profile page (https://…), linked from the byline and given to search engines."""
    role = c.Optional(c.Type(str))
    """Their job, e.g. "Fact-checker" or "Editor": in the open data and the structured data."""


class OrganizationOption(base.Config):
    name = c.Optional(c.Type(str))
    """Who publishes the site; the site's name by default."""
    url = c.Optional(c.Type(str))
    """Its home page (https://…); the site's URL by default."""


class ClaimsConfig(base.Config):
    content_dir = c.Type(str, default=Settings.content_dir)
    """The folder with the claim files, relative to mkdocs.yml."""
    claims_prefix = c.Type(str, default=Settings.claims_prefix)
    """URL prefix of claim pages and of the index of all claims."""
    people_prefix = c.Type(str, default=Settings.people_prefix)
    """URL prefix of person pages."""
    topics_prefix = c.Type(str, default=Settings.topics_prefix)
    """URL prefix of topic pages."""
    sources_prefix = c.Type(str, default=Settings.sources_prefix)
    """URL prefix of shared source pages."""
    timeline_page = c.Type(str, default=Settings.timeline_page)
    """Where the timeline lives."""
    graph_page = c.Type(str, default=Settings.graph_page)
    """Where the graph of all claims and their relations lives."""
    explainers_dir = c.Type(str, default=Settings.explainers_dir)
    """The docs folder of hand-written explainers: listed on its index page and filled into the nav's
    `explainers/` entry."""
    scale = c.Optional(c.ListOfItems(c.SubConfig(RatingOption)))
    """The rating scale, best first; empty for the default (accurate, mostly-accurate, mixed, misleading,
    inaccurate, unsupported)."""
    related_count = c.Type(int, default=Settings.related_count)
    """How many related claims a claim page lists; found automatically (shared topics, speaker) when curated
    ones are fewer."""
    page_size = _PositiveInt(default=Settings.page_size)
    """How many claims one page of a list shows: the index of claims, a month of the timeline, and the claims
    of a person, topic or source. Longer lists go on over further pages (`claims/page/2/`,
    `people/ID/page/2/`), linked by a pager and `rel="next"`/`"prev"`, so that no page grows with the
    archive."""
    search_part_size = _PositiveInt(default=Settings.search_part_size)
    """How many claim pages one run of Pagefind indexes at most. Pagefind needs about 140 KB of memory a page,
    so a larger archive's search index is built in parts of whole years (the newest in `pagefind/`, older ones
    in `pagefind/part-N/`), which the explorer merges: the build's memory stays bounded however large the
    archive."""
    edit_uri = c.Optional(c.Type(str))
    """Path from `repo_url` to the repository root for "Edit this claim" links, e.g. `edit/main/`; derived
    from `edit_uri` by default."""
    trusted_docs = c.Type(bool, default=False)
    """Publish hand-written pages in docs/ as written (raw HTML, any front matter), for sites whose docs/ only
    maintainers edit. By default they are contributor text like claims: their HTML is sanitized with the same
    allowlist, their ids are namespaced and their front matter is limited to title, description, tags, hide
    and search. The Content-Security-Policy still applies: an inline script or event handler in a page never
    runs."""
    csp = c.DictOfItems(c.ListOfItems(c.Type(str), default=[]), default={})
    """Sources added to the Content-Security-Policy every page carries, by directive, e.g.
    `{script-src: [https://plausible.io], connect-src: [https://plausible.io]}` for analytics, or
    `{frame-src: [https://www.youtube-nocookie.com]}` for embeds. Inline scripts stay blocked."""
    organization = c.SubConfig(OrganizationOption)
    """Who publishes the fact checks, `{name, url}`: the author of every explainer that names no author, and
    the publisher of all (schema.org ClaimReview). The site's name and URL by default."""
    team = c.DictOfItems(c.SubConfig(TeamMemberOption), default={})
    """The people who write and review explainers, by id: `{jane-doe: {name: Jane Doe, url: https://…, role:
    Editor}}`. A claim's `authors` and `reviewers` list these ids; `claims check` reports an id the team does
    not have."""
