"""The date order of a Pagefind index's pages, carried by the names of their fragments instead of a sort.

Pagefind's metadata (`.pf_meta`), which every search of a part of the index downloads whole, lists each page
by the hash that names its fragment (`en_` and seven random hex digits: 33 KB a part of 6,100 claim pages, as
served) and holds the `date` sort, every dated page's number in date order (14 KB more). Neither compresses.
Here each page's fragment is renamed after its place, a claim `<tag>.<rank>` (its rank in the date sort, in
base 36), any other page `<tag>-<number>`, and the sort is dropped: at 25,000 claims a part's metadata is
21-29 KiB instead of 48-66 (benchmarks/RESULTS.md). The explorer (assets/explorer.js) orders a list by date by
the rank in each result's id, which is its fragment's name, and tells a claim from another page by it. `<tag>`
begins the hash of the part's metadata before the renaming, which names every page's fragment by its content:
a changed page renames all the part's fragments, so no browser mixes a new list with a cached fragment of the
same name. An index of a shape this module does not know keeps Pagefind's names and sort, which the explorer
then asks Pagefind for.
"""

from __future__ import annotations

import json
from pathlib import Path

import cbor2

from . import search_chunks
from .search_chunks import base36

SORT = "date"  # the sort a claim page carries (search_index.claim_marks)
DATED, OTHER = ".", "-"  # between the tag and the rank of a claim, or the number of another page
# The fields of Pagefind 1.5's metadata: [version, pages, chunks, filters, sorts, meta fields].
META_PAGES, META_SORTS = 1, 4


def names(pages: list, dated: list[int], tag: str) -> list[str]:
    """Each page's new name: claims by their rank in `dated` (page numbers, oldest first), others in their
    order."""
    rank = {page: place for place, page in enumerate(dated)}
    others = iter(range(len(pages)))
    return [f"{tag}{DATED}{base36(rank[page])}" if page in rank else f"{tag}{OTHER}{base36(next(others))}"
            for page in range(len(pages))]


def name_by_date(output: Path) -> None:
    """Rename the fragments of the Pagefind index in `output` after the date order, and drop its sort."""
    entry_path = output / search_chunks.ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry.get("languages", {}).values():
        meta_path = output / search_chunks.META.format(language["hash"])
        meta = search_chunks.read(meta_path)
        sorts = _known(meta)
        if sorts is None:  # a shape this module does not know: Pagefind's names and sort stay
            continue
        dated: list[int] = next((pages for name, pages in sorts if name == SORT), [])
        tag = language["hash"].split("_")[-1][:search_chunks.TAG_DIGITS]
        for page, name in zip(meta[META_PAGES], names(meta[META_PAGES], dated, tag), strict=True):
            old = output / "fragment" / f"{page[0]}.pf_fragment"
            old.replace(output / "fragment" / f"{name}.pf_fragment")
            page[0] = name
        meta[META_SORTS] = [[name, pages] for name, pages in sorts if name != SORT]
        meta_path.unlink()
        hash_prefix = language["hash"].split("_")[0] + "_"
        language["hash"] = search_chunks.write(output, search_chunks.META, cbor2.dumps(meta), hash_prefix, 10,
                                               level=9)
    entry_path.unlink()  # written anew, never through a link
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _known(meta: object) -> list | None:
    """The metadata's sorts, if its pages and sorts have the shape of Pagefind 1.5's."""
    if not isinstance(meta, list) or len(meta) <= META_SORTS:
        return None
    pages, sorts = meta[META_PAGES], meta[META_SORTS]
    if not (isinstance(pages, list) and all(isinstance(page, list) and page and isinstance(page[0], str)
                                            for page in pages)):
        return None
    if not (isinstance(sorts, list) and all(isinstance(sort, list) and len(sort) == 2
                                            and isinstance(sort[1], list) for sort in sorts)):
        return None
    return sorts
