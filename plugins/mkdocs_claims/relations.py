"""Typed relations between claims, in both directions, and related claims found automatically."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .model import Claim, Content

# type -> (label on the declaring claim, label on the other claim)
RELATION_TYPES: dict[str, tuple[str, str]] = {
    "see-also": ("see also", "see also"),
    "supports": ("supports", "supported by"),
    "contradicts": ("contradicts", "contradicts"),
    "rejects": ("rejects", "rejected by"),
    "responds-to": ("responds to", "responded to by"),
    "repeats": ("repeats", "repeated by"),
}
SYMMETRIC = {name for name, (forward, inverse) in RELATION_TYPES.items() if forward == inverse}


@dataclass(frozen=True)
class Link:
    """A relation as one claim's page shows it."""

    label: str
    type: str
    other: str  # the other claim's id
    note: str
    inverse: bool  # True when the other claim declared it


class RelationGraph:
    """Every relation, indexed by claim in both directions. Built in one pass over the claims."""

    def __init__(self, content: Content):
        self.links: dict[str, list[Link]] = defaultdict(list)
        for claim in content.claims.values():
            for relation in claim.related:
                if relation.target not in content.claims or relation.target == claim.id:
                    continue  # reported by validation
                forward, inverse = RELATION_TYPES[relation.type]
                self.links[claim.id].append(Link(forward, relation.type,
                                                 relation.target, relation.note, False))
                self.links[relation.target].append(Link(inverse, relation.type,
                                                        claim.id, relation.note, True))

    def of(self, claim_id: str) -> list[Link]:
        return self.links.get(claim_id, [])

    def clusters(self, content: Content) -> list[list[Claim]]:
        """The claims that have relations, in connected clusters, largest first, each newest first."""
        parent: dict[str, str] = {}

        def root(claim_id: str) -> str:
            while parent.setdefault(claim_id, claim_id) != claim_id:
                parent[claim_id] = parent[parent[claim_id]]
                claim_id = parent[claim_id]
            return claim_id

        for claim_id, links in self.links.items():
            for link in links:
                parent[root(link.other)] = root(claim_id)
        members: dict[str, list[Claim]] = defaultdict(list)
        for claim_id in parent:
            members[root(claim_id)].append(content.claims[claim_id])
        ordered = [sorted(group, key=lambda c: (c.date, c.id), reverse=True) for group in members.values()]
        return sorted(ordered, key=lambda group: (-len(group), -group[0].date.toordinal(), group[0].id))


def automatic_related(content: Content, graph: RelationGraph,
                      limit: int, window: int = 8) -> dict[str, list[str]]:
    """Claims that share topics or speakers with each claim, for when curated relations are few.

    Each topic's and speaker's claims are kept sorted by date; a claim looks only at its
    `window` nearest neighbours in each list, so the work stays linear in the number of claims.
    """
    if limit <= 0:
        return {}
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in content.claims.values():
        for topic in claim.topics:
            groups[("topic", topic)].append(claim)
        for speaker in claim.speakers:
            groups[("speaker", speaker)].append(claim)
    ordered = {key: sorted(members, key=lambda c: (c.date, c.id)) for key, members in groups.items()}
    positions = {key: {c.id: index for index, c in enumerate(members)} for key, members in ordered.items()}
    result: dict[str, list[str]] = {}
    for claim in content.claims.values():
        wanted = limit - len(graph.of(claim.id))
        if wanted <= 0:
            continue
        taken = {claim.id} | {link.other for link in graph.of(claim.id)}
        scores: dict[str, float] = defaultdict(float)
        keys = [("topic", t) for t in claim.topics] + [("speaker", s) for s in claim.speakers]
        for key in keys:
            members = ordered.get(key, [])
            index = positions[key][claim.id]
            for other in members[max(0, index - window): index + window + 1]:
                if other.id in taken:
                    continue
                weight = 1.0 if key[0] == "topic" else 1.5
                distance = abs((other.date - claim.date).days)
                scores[other.id] += weight + 1.0 / (1 + distance)
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:wanted]
        if best:
            result[claim.id] = [other for other, _ in best]
    return result


def grouped(links: list[Link]) -> list[tuple[str, list[Link]]]:
    """A page's relations by what they say ("rejects", "rejected by"), in the order of RELATION_TYPES, each
    type's outgoing label before its incoming one."""
    order: dict[str, int] = {}
    for pair in RELATION_TYPES.values():
        for label in pair:
            order.setdefault(label, len(order))
    groups: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        groups[link.label].append(link)
    return sorted(groups.items(), key=lambda item: order[item[0]])
