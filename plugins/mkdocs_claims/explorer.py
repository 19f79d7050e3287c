"""The explorer: the page where readers search the archive and filter it by speaker, topic, verdict and year.

The page is a form (query, facets, order) whose fields are the address's query string, so a filtered list is a
link (`search/?speaker=…&verdict=…&year=2025`); `assets/explorer.js` runs it in the browser on Pagefind's
index (`search_index.py`), which it fetches in small chunks from the site itself.
"""

from __future__ import annotations

from .generated_page import GeneratedPage
from .search_index import FILTERS, NOT_RATED
from .site import Site

SCRIPT = "assets/explorer.js"
STYLESHEET = "assets/explorer.css"


def page(site: Site) -> GeneratedPage:
    here = site.urls.explorer()
    head = site.renderer.render("explorer.html", here=here, root=site.urls.file_href(here, ""),
                                filters=FILTERS,
                                verdicts=[[rating.label, rating.id] for rating in site.content.scale]
                                + [[NOT_RATED, ""]],
                                 index=site.urls.index("claim"), timeline=site.urls.timeline())
    return GeneratedPage(here, "Search", "explorer", head=head, anchor="search", searchable=False,
                         description="Search every claim, quote and explanation; filter by speaker, topic, "
                                     "verdict and year.")
