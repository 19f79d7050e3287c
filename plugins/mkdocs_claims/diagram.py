"""Relation graphs drawn on the server as SVG: no script, no CDN, readable without JavaScript.

Graphviz's `dot` lays them out (`layout.py`) from box sizes alone; this module decides what a graph shows,
sizes each box for the text it will hold and draws the SVG, escaping every text itself. A claim's graph shows
the claim with the claims that declared a relation to it above and those it declared one to below; the
site's graph shows each cluster of related claims, largest first, over as many pages as it takes.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from pathlib import Path

from markupsafe import escape
from PIL import features

from . import share_image
from .layout import Edge, Graph, Layout, Layouts
from .model import Claim, Content
from .relations import RELATION_TYPES, SYMMETRIC, RelationGraph
from .share_image import font, wrap
from .text_boxes import Box, TextBoxes
from .urls import GRAPH_PAGE_LEAST

TEXT_SIZE, LABEL_SIZE, LINE = 13, 12, 16  # px, as claims.css sets them
BOX_WIDTH, PADDING, MAX_LINES = 160, 8, 4  # a box's text wraps at BOX_WIDTH - 2 * PADDING
COLUMNS = 2  # related claims side by side above or below a claim, so its graph fits a phone's width
MARGIN = 3  # px around a drawing, for the boxes' borders: dot's bounding box is rounded to whole points
# related claims a claim's graph shows at most, so it stays narrow; its list of relations has them all
NEIGHBOURS = 8
# claims each part of a larger cluster of the site's graph is grown to: such a cluster is drawn in parts
PART = 32
SMALL = 10  # a part of fewer claims is a leftover, merged into a part it relates to (or into other leftovers)
MOST = 60  # claims a drawing of the site's graph holds at most, leftovers merged in
RELATIONS_PER_CLAIM = 2  # relations a drawing of the site's graph shows at most, per claim it holds
# claims a page of the site's graph holds at most, so no page grows past 300 KB
PAGE = MOST + GRAPH_PAGE_LEAST

_NAMESPACES = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def _measured(title: str, bold: bool) -> Box:
    """A title's lines, as wide as DejaVu Sans (wider than most sans-serif fonts) makes them, and its box's
    size."""
    face = font(bold, TEXT_SIZE)
    lines = tuple(wrap(title, face, BOX_WIDTH - 2 * PADDING, MAX_LINES))
    width = max(face.getlength(line) for line in lines) + 2 * PADDING
    return lines, float(max(64, round(width + 1))), float(len(lines) * LINE + 2 * PADDING - 2)


def measurer() -> str:
    """What measures the boxes, hashed: the fonts, Pillow with its text libraries, and this code (with
    `wrap`)."""
    digest = hashlib.sha256()
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):  # as share_image.font loads them
        digest.update((resources.files(__package__) / "fonts" / name).read_bytes())
    for module in (__file__, share_image.__file__):
        digest.update(Path(module).read_bytes())
    digest.update(" ".join(str(features.version(name)) for name in ("pil", "freetype2", "raqm")).encode())
    return digest.hexdigest()


@cache
def _label_size(label: str) -> tuple[float, float]:
    return float(round(font(True, LABEL_SIZE).getlength(label)) + 6), float(LINE)


def _direction(relation_type: str) -> str:
    return "" if relation_type in SYMMETRIC else ' marker-end="url(#{marker})"'


@dataclass(frozen=True)
class _Scene:
    """What one drawing shows: claims (the first may be the page's own) and relations between them by
    index."""

    claims: tuple[Claim, ...]
    relations: tuple[tuple[int, int, str], ...]  # (declaring claim, the claim it concerns, relation type)
    current: bool = False  # the first claim is the page's own
    rows: tuple[int, ...] = ()  # per relation: how many rows apart its claims stand at least
    columns: tuple[tuple[int, int], ...] = ()  # claims to stand one above the other, unrelated (not drawn)

    def graph(self, box: Callable[[str, bool], Box]) -> Graph:
        sizes = tuple(box(claim.title, self.current and index == 0)[1:] for index,
                      claim in enumerate(self.claims))
        edges = [Edge(tail, head, _label_size(RELATION_TYPES[kind][0]), rows)
                 for (tail, head, kind),
                 rows in zip(self.relations, self.rows or (1,) * len(self.relations), strict=True)]
        # After the relations, so that the layout's first edges are the relations, in their order.
        return Graph(sizes,
                     tuple(edges + [Edge(upper, lower, visible=False) for upper, lower in self.columns]))


def _parts(cluster: list[Claim], relations: RelationGraph) -> list[list[Claim]]:
    """A cluster in parts of about PART claims, each grown breadth-first from its newest claim, leftovers
    merged."""
    if len(cluster) <= PART:
        return [cluster]
    left = {claim.id: claim for claim in cluster}
    parts = []
    for seed in cluster:
        if seed.id not in left:
            continue
        part, queue = [left.pop(seed.id)], deque([seed.id])
        while queue and len(part) < PART:
            for link in relations.of(queue.popleft()):
                if link.other in left and len(part) < PART:
                    part.append(left.pop(link.other))
                    queue.append(link.other)
        parts.append(part)
    return _merge_leftovers(parts, relations)


class Diagrams:
    """The claim graphs and the site's graph of a build, laid out in as few dot runs as the layouts take."""

    def __init__(self, content: Content, relations: RelationGraph, layouts: Layouts):
        self.content = content
        self.relations = relations
        self.layouts = layouts
        self.boxes = TextBoxes(_measured, measurer, layouts.file and layouts.file.with_name("boxes.json"))
        self._claim_layouts: dict[str, Layout | None] | None = None

    # -- a claim's graph -------------------------------------------------------------------------------------

    def _claim_scene(self, claim: Claim) -> _Scene:
        links = self.relations.of(claim.id)
        others = list(dict.fromkeys(link.other for link in links))[:NEIGHBOURS]
        index = {claim.id: 0, **{other: number for number, other in enumerate(others, 1)}}
        above = {link.other for link in links if link.inverse} - {link.other for link in links
                                                                  if not link.inverse}
        row_of: dict[str, int] = {}
        # in rows of COLUMNS claims: each row's claims stand over (or under) the row nearer the claim
        columns = []
        for side, outwards in (([o for o in others if o in above], False),
                               ([o for o in others if o not in above], True)):
            row_of.update({other: 1 + position // COLUMNS for position, other in enumerate(side)})
            for position in range(COLUMNS, len(side)):
                nearer, further = index[side[position - COLUMNS]], index[side[position]]
                columns.append((nearer, further) if outwards else (further, nearer))
        relations, rows = [], []
        for link in links:
            if link.other in index:
                ends = (index[link.other], 0) if link.inverse else (0, index[link.other])
                relations.append((*ends, link.type))
                rows.append(row_of[link.other])
        return _Scene((claim, *(self.content.claims[o] for o in others)), tuple(relations), True, tuple(rows),
                      tuple(columns))

    def claim_graph(self, claim: Claim, href: Callable[[str], str]) -> str:
        """The claim and its direct relations in both directions; `href(claim_id)` links a node. "" without
        any."""
        if not self.relations.of(claim.id):
            return ""
        if self._claim_layouts is None:  # every claim's graph at once: dot lays them out in a few runs
            claims = [c for c in self.content.claims.values() if self.relations.of(c.id)]
            layouts = self.layouts.lay_out([self._claim_scene(c).graph(self.boxes.box) for c in claims])
            self.boxes.save()
            self._claim_layouts = {c.id: layout for c, layout in zip(claims, layouts, strict=True)}
        layout = self._claim_layouts.get(claim.id)
        if layout is None:  # dot is missing or failed: the list of relations above the graph says it all
            return ""
        scene = self._claim_scene(claim)
        shown = len(scene.claims) - 1
        label = f"Relation graph of “{claim.title}”: {shown} related claim{'s' if shown != 1 else ''}"
        more = len({link.other for link in self.relations.of(claim.id)}) - shown
        caption = ("Arrows point from the claim that makes the relation to the claim it concerns; a line "
                   "without an arrow (\u201csee also\u201d, \u201ccontradicts\u201d) goes both ways."
                   + (" 1 more related claim is in the list above." if more == 1 else
                      f" {more} more related claims are in the list above." if more > 1 else ""))
        svg = _svg(scene, layout, href, label, "claims-arrow", self.boxes.box)
        return f'<figure class="claims-graph">{svg}<figcaption>{escape(caption)}</figcaption></figure>'

    # -- the site's graph ------------------------------------------------------------------------------------

    def _part_scene(self, part: list[Claim]) -> tuple[_Scene, int, int]:
        """A part's drawing, how many of its claims' relations lead out of it, and how many within it are
        not drawn (beyond RELATIONS_PER_CLAIM a claim of the part)."""
        index = {claim.id: number for number, claim in enumerate(part)}
        found, outside = [], 0
        for claim in part:
            for link in self.relations.of(claim.id):
                if link.other not in index:
                    outside += 1
                elif not link.inverse:
                    found.append((index[claim.id], index[link.other], link.type))
        relations = _drawn(found, len(part))
        degree = {claim.id: len(self.relations.of(claim.id)) for claim in part}
        leaves: dict[int, int] = defaultdict(int)
        rows = []
        for tail, head, _ in relations:
            # As Graphviz's `unflatten` does: a claim's claims with no other relation stand in staggered rows.
            hub = head if degree[part[tail].id] == 1 else tail if degree[part[head].id] == 1 else -1
            rows.append(1 + leaves[hub] % 3 if hub >= 0 else 1)
            leaves[hub] += hub >= 0
        return _Scene(tuple(part), tuple(relations), rows=tuple(rows)), outside, len(found) - len(relations)

    def _drawings(self) -> list[tuple[int, _Scene, int, int, int, int, int]]:
        """The site graph's drawings in order: (cluster number, scene, relations that lead out of it,
        relations within it not drawn, part number, parts, cluster size)."""
        drawings = []
        for number, cluster in enumerate(self.relations.clusters(self.content), 1):
            parts = _parts(cluster, self.relations)
            for part_number, part in enumerate(parts, 1):
                scene, outside, hidden = self._part_scene(part)
                drawings.append((number, scene, outside, hidden, part_number, len(parts), len(cluster)))
        return drawings

    def site_page_numbers(self) -> dict[str, int]:
        """Claim id -> the page of the site's graph that draws it, without laying anything out (for
        `claims check --changed-since`)."""
        drawings = self._drawings()
        numbers = _paged([len(scene.claims) for _, scene, *_ in drawings])
        return {claim.id: page for (_, scene, *_), page in zip(drawings, numbers, strict=True)
                for claim in scene.claims}

    def site_pages(self, href: Callable[[int, str], str]) -> list[tuple[list[str], list[Claim]]]:
        """The site's graph in pages: each its HTML figures (a list of links where dot could not lay one out)
        and the claims they show. `href(page_number, claim_id)` links a claim from a page."""
        drawings = self._drawings()
        layouts = self.layouts.lay_out([scene.graph(self.boxes.box) for _, scene, *_ in drawings])
        self.boxes.save()
        pages: list[tuple[list[str], list[Claim]]] = []
        numbers = _paged([len(scene.claims) for _, scene, *_ in drawings])
        for (number, scene, outside, hidden, part_number, part_count, total), layout, page in zip(
                drawings, layouts, numbers, strict=True):
            if page > len(pages):
                pages.append(([], []))
            pages[-1][1].extend(scene.claims)
            name = f"Cluster {number}" + (f", part {part_number} of {part_count}" if part_count > 1 else "")
            caption = f"{name}: {total} related claims" if part_count == 1 else \
                f"{name}: {len(scene.claims)} of {total} related claims"
            if outside:
                caption += f"; {outside} of their relations lead to claims in other parts"
            if hidden:
                caption += f"; {hidden} of their relations are not drawn, and each claim's page lists its own"
            caption += "."
            if layout is None:
                items = "".join(f'<li><a href="{escape(href(page, claim.id))}">{escape(claim.title)}</a></li>'
                                for claim in scene.claims)
                pages[-1][0].append('<figure class="claims-graph claims-graph--site"><ul '
                                    'class="claims-graph__list">'
                                 f"{items}</ul><figcaption>{escape(caption)}</figcaption></figure>")
                continue
            marker = f"claims-arrow-{len(pages[-1][0]) + 1}"  # unique on its page
            svg = _svg(scene, layout, partial(href, page), name, marker, self.boxes.box)
            pages[-1][0].append(f'<figure class="claims-graph claims-graph--site">{svg}'
                             f"<figcaption>{escape(caption)}</figcaption></figure>")
        return pages


def _drawn(relations: list[tuple[int, int, str]], claims: int) -> list[tuple[int, int, str]]:
    """The relations a drawing of `claims` claims shows, in their order: all of them up to RELATIONS_PER_CLAIM
    a claim, else first those that join claims not joined yet (so every claim stays linked to the others),
    then the rest in order up to that bound. dot's time grows much faster than the edges (60 claims: 120
    relations 0.1 s, 240 13 s, 1,770 over ten minutes), and contributors choose how many there are."""
    most = RELATIONS_PER_CLAIM * claims
    if len(relations) <= most:
        return relations
    group = list(range(claims))

    def root(node: int) -> int:
        while group[node] != node:
            group[node] = group[group[node]]
            node = group[node]
        return node

    kept = set()
    for number, (tail, head, _) in enumerate(relations):
        if root(tail) != root(head):
            group[root(tail)] = root(head)
            kept.add(number)
    for number in range(len(relations)):
        if len(kept) >= most:
            break
        kept.add(number)
    return [relation for number, relation in enumerate(relations) if number in kept]


def _paged(sizes: list[int]) -> list[int]:
    """The page number (from 1) of each drawing of the site's graph, of `sizes` claims in order: each page
    holds as many drawings as fit in PAGE claims."""
    numbers, page, size = [], 0, PAGE
    for claims in sizes:
        if size + claims > PAGE:
            page, size = page + 1, 0
        size += claims
        numbers.append(page)
    return numbers


def _merge_leftovers(parts: list[list[Claim]], graph: RelationGraph) -> list[list[Claim]]:
    """The parts with each leftover (fewer than SMALL claims, which breadth-first growth leaves where the
    parts around it took its neighbours) merged into the part it has the most relations with (the emptiest of
    those with as many), up to MOST claims, so that those relations are drawn too; leftovers no such part can
    take are drawn together, and a last one too small for that joins the smallest part with room. No part
    grows past MOST claims."""
    owner = {claim.id: number for number, part in enumerate(parts) for claim in part}
    merged: list[list[Claim] | None] = list(parts)
    stranded: list[int] = []
    for number, part in enumerate(parts):
        if len(part) >= SMALL:
            continue
        relations = Counter(owner[link.other] for claim in part for link in graph.of(claim.id))
        relations.pop(number, None)
        room = [other for other in relations
                if (target := merged[other]) is not None and len(target) + len(part) <= MOST]
        if not room:
            stranded.append(number)
            continue
        # The part with the most relations to it, else the emptiest, so that parts fill evenly.
        into = max(room, key=lambda other: (relations[other], -len(merged[other] or ()), -other))
        merged[into] = [*(merged[into] or ()), *part]
        owner.update((claim.id, into) for claim in part)
        merged[number] = None
    pool: list[Claim] = []
    for number in stranded:  # unrelated to each other, so drawn side by side in one drawing
        part = merged[number] or []
        merged[number] = None
        if len(pool) + len(part) > PART:
            merged.append(pool)
            pool = []
        pool.extend(part)
    if pool:
        takers = [part for part in merged if part is not None and len(part) + len(pool) <= MOST]
        if len(pool) < SMALL and takers:
            min(takers, key=len).extend(pool)
        else:
            merged.append(pool)
    return [part for part in merged if part is not None]


def _svg(scene: _Scene, layout: Layout, href: Callable[[str], str], label: str, marker: str,
         box: Callable[[str, bool], Box]) -> str:
    """The drawing of a laid-out scene, its arrowheads' marker with the id `marker`: our own SVG, with every
    text escaped (dot's SVG is never used)."""
    layout = layout.moved(MARGIN)
    parts = [(f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
              'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>')]
    labels = []
    # The layout's edges are the relations', then the invisible ones that stack columns.
    for (_tail, _head, kind), edge in zip(scene.relations, layout.edges, strict=False):
        path = " ".join(f"M{start[0]:g},{start[1]:g} C" + " ".join(f"{x:g},{y:g}" for x, y in rest)
                        for start, *rest in edge.paths)
        symmetric = " claims-graph__edge--symmetric" if kind in SYMMETRIC else ""
        parts.append(f'<path class="claims-graph__edge claims-graph__edge--{kind}{symmetric}" d="{path}"'
                     f"{_direction(kind).format(marker=marker)}/>")
        if edge.label is not None:
            text = RELATION_TYPES[kind][0]
            width, height = _label_size(text)
            x, y = edge.label
            labels.append(f'<g class="claims-graph__label"><rect x="{x - width / 2:g}" '
                          f'y="{y - height / 2:g}" width="{width:g}" height="{height:g}"/><text x="{x:g}" '
                          f'y="{y + 4:g}" text-anchor="middle">{escape(text)}</text></g>')
    nodes = []
    for index, (claim, (cx, cy)) in enumerate(zip(scene.claims, layout.centres, strict=True)):
        current = scene.current and index == 0
        lines, width, height = box(claim.title, current)
        x, y = cx - width / 2, cy - height / 2
        first = cy - (len(lines) - 1) * LINE / 2 + 4.5
        text = "".join(f'<tspan x="{cx:g}" y="{first + LINE * number:g}">{escape(line)}</tspan>'
                       for number, line in enumerate(lines))
        css = "claims-graph__node" + (" claims-graph__node--current" if current else "")
        verdict = f" ({escape(claim.verdict)})" if claim.verdict else ""
        aria = ' aria-current="page"' if current else ""
        # xlink:href, not href: the theme's instant navigation assigns `href` on every element with one,
        # which throws on SVG links, whose `href` is read-only.
        nodes.append(f'<a class="{css}" xlink:href="{escape(href(claim.id))}"{aria}>'
                     f"<title>{escape(claim.title)}{verdict}</title>"
                     f'<rect x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}" rx="6"/>'
                     f'<text text-anchor="middle">{text}</text></a>')
    width, height = round(layout.width), round(layout.height)
    # role=group, not img: an image's content is presentational, which would hide the node links.
    return (f'<svg role="group" aria-label="{escape(label)}" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" {_NAMESPACES}>' + "".join(parts) + "".join(labels) + "".join(nodes)
            + "</svg>")
