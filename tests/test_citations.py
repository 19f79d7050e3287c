"""Numbered citations, in-process and table-driven: the numbers, marker ids and reference order a claim
gets."""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_claims.citations import Citations
from mkdocs_claims.model import Claim, Content, Source


def _claim(sources: list[str], inline: tuple[str, ...] = ()) -> tuple[Claim, Content]:
    shared = {s: Source(s, f"Title {s}", "Publisher", f"https://e.org/{s}", f"claims/sources/{s}.yml")
              for s in sources if s not in inline}
    claim = Claim("c", "Title", "Claim.", ["p"], dt.date(2025, 3, 6), "", sources, "claims/c.yml",
                  inline_sources={s: Source(s, f"Inline {s}", "P", "https://e.org/i",
                                            "claims/c.yml", shared=False)
                                  for s in inline})
    return claim, Content(claims={"c": claim}, sources=shared)


# Each citation group is one `[@…]` of the body, in order; `markers` are the ids each group gets.
@pytest.mark.parametrize(("sources", "groups", "markers", "order"), [
    # Numbered in the order the body first cites them, not the order of `sources`.
    (["a", "b", "c"], [("b",), ("a",)], [["cite-1-1"], ["cite-2-1"]], ["b", "a", "c"]),
    # A source cited again keeps its number; each use gets its own marker id, for the back-links.
    (["a", "b"], [("a",), ("b", "a"), ("a",)],
     [["cite-1-1"], ["cite-2-1", "cite-1-2"], ["cite-1-3"]], ["a", "b"]),
    # Listed but never cited: after the cited ones, in the order of `sources`.
    (["a", "b", "c"], [("c",)], [["cite-1-1"]], ["c", "a", "b"]),
    (["a", "b"], [], [], ["a", "b"]),
    # No source listed and nothing cited: no references.
    ([], [], [], []),
])
def test_citation_numbers_and_reference_order(sources, groups, markers, order):
    claim, content = _claim(sources)
    citations = Citations(claim, content)
    for group, expected in zip(groups, markers, strict=True):
        html = citations.markers(group)
        assert [part.split('"')[0] for part in html.split('id="')[1:]] == expected
    assert [source.id for source in citations.ordered_sources()] == order


@pytest.mark.parametrize(("groups", "uses"), [
    ([("a",)], {1: 1}),
    ([("a",), ("a",), ("b",)], {1: 2, 2: 1}),
    ([("b", "a"), ("a",)], {1: 1, 2: 2}),
])
def test_how_often_each_reference_is_cited(groups, uses):
    claim, content = _claim(["a", "b"])
    citations = Citations(claim, content)
    for group in groups:
        citations.markers(group)
    assert dict(citations.uses) == uses


def test_a_marker_links_its_reference_and_shows_its_number():
    claim, content = _claim(["a", "b"])
    citations = Citations(claim, content)
    citations.markers(("b",))
    assert (citations.markers(("a",)) == '<sup class="claims-cite" id="cite-2-1"><a '
                                         'href="#ref-2">[2]</a></sup>')


def test_inline_sources_are_numbered_with_the_shared_ones():
    claim, content = _claim(["shared", "own"], inline=("own",))
    citations = Citations(claim, content)
    citations.markers(("own",))
    assert [(s.id, s.shared) for s in citations.ordered_sources()] == [("own", False), ("shared", True)]
