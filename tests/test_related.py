"""Related claims found automatically, and relations in both directions: in-process and table-driven."""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_claims.model import Claim, Content, Relation
from mkdocs_claims.relations import RelationGraph, automatic_related


def claim(claim_id: str, day: int, topics=(), speakers=("p",), related=()) -> Claim:
    return Claim(claim_id, claim_id, "Claim.", list(speakers), dt.date(2025, 3, day), "", [],
                 f"claims/{claim_id}.yml", topics=list(topics), related=[Relation(claim_id, target, kind)
                                                                         for target, kind in related])


def found(claims: list[Claim], limit: int, window: int = 8) -> dict[str, list[str]]:
    content = Content(claims={c.id: c for c in claims})
    return automatic_related(content, RelationGraph(content), limit, window)


@pytest.mark.parametrize(("claims", "limit", "expected"), [
    # Nothing wanted: nothing found.
    ([claim("a", 1, ["t"]), claim("b", 2, ["t"])], 0, {}),
    # A shared topic, and the same speaker: each finds the other.
    ([claim("a", 1, ["t"]), claim("b", 2, ["t"])], 4, {"a": ["b"], "b": ["a"]}),
    # Nothing shared (another speaker, another topic): nothing found.
    ([claim("a", 1, ["t"], ["p"]), claim("b", 2, ["u"], ["q"])], 4, {}),
    # A shared speaker weighs more (1.5) than a shared topic (1.0).
    ([claim("a", 10, ["t"], ["p"]), claim("b", 10, ["t"], ["q"]), claim("c", 10, ["u"], ["p"])], 4,
     {"a": ["c", "b"], "b": ["a"], "c": ["a"]}),
    # Between equal matches, the nearer date comes first.
    ([claim("a", 10, ["t"], ["x"]), claim("far", 1, ["t"], ["y"]), claim("near", 9, ["t"], ["z"])], 1,
     {"a": ["near"], "far": ["near"], "near": ["a"]}),
    # Equal scores: by id, so every build lists the same claims.
    ([claim("a", 10, ["t"], ["x"]), claim("c", 9, ["t"], ["y"]), claim("b", 11, ["t"], ["z"])], 1,
     {"a": ["b"], "b": ["a"], "c": ["a"]}),
    # `limit` caps the list.
    ([claim(i, n, ["t"]) for n, i in enumerate("abcde", 1)], 2,
     {"a": ["b", "c"], "b": ["a", "c"], "c": ["b", "d"], "d": ["c", "e"], "e": ["d", "c"]}),
])
def test_automatic_related(claims, limit, expected):
    assert found(claims, limit) == expected


def test_curated_relations_count_toward_the_limit_and_are_not_repeated():
    claims = [claim("a", 1, ["t"], related=[("b", "rejects")]), claim("b", 2, ["t"]), claim("c", 3, ["t"])]
    # a relates to b (and b to a, inversely): one more each to reach 2, never the related claim again.
    assert found(claims, 2) == {"a": ["c"], "b": ["c"], "c": ["b", "a"]}
    # With a limit of 1 the curated relation fills a's and b's lists.
    assert found(claims, 1) == {"c": ["b"]}


def test_only_the_nearest_claims_by_date_are_looked_at():
    """Each claim looks at `window` neighbours on each side of its topic's and speaker's date-ordered
    lists."""
    claims = [claim(f"c{n}", n, ["t"]) for n in range(1, 8)]
    assert found(claims, 6, window=1)["c4"] == ["c3", "c5"]
    assert found(claims, 6, window=2)["c4"] == ["c3", "c5", "c2", "c6"]


@pytest.mark.parametrize(("relation", "on_declaring", "on_other"), [
    ("rejects", ("rejects", False), ("rejected by", True)),
    ("supports", ("supports", False), ("supported by", True)),
    ("contradicts", ("contradicts", False), ("contradicts", True)),
    ("see-also", ("see also", False), ("see also", True)),
])
def test_relations_show_on_both_claims(relation, on_declaring, on_other):
    claims = [claim("a", 1, related=[("b", relation)]), claim("b", 2)]
    graph = RelationGraph(Content(claims={c.id: c for c in claims}))
    assert [(link.label, link.inverse, link.other) for link in graph.of("a")] == [(*on_declaring, "b")]
    assert [(link.label, link.inverse, link.other) for link in graph.of("b")] == [(*on_other, "a")]


@pytest.mark.parametrize("target", ["a", "missing"])
def test_relations_to_itself_or_to_no_claim_are_left_out(target):
    """`claims check` reports both; the page shows neither."""
    claims = [claim("a", 1, related=[(target, "rejects")])]
    assert RelationGraph(Content(claims={c.id: c for c in claims})).of("a") == []
