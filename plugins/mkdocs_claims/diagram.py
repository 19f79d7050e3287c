"""Relation graphs drawn on the server as SVG: no script, no CDN, readable without JavaScript.

A claim's graph puts the claim in the middle, the claims that relate to it on the left and the
claims it relates to on the right; the site's graph groups every claim by its first topic.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict

from markupsafe import escape

from .model import Claim, Content
from .relations import RELATION_TYPES, Link

NODE_WIDTH, NODE_HEIGHT, ROW = 200, 58, 76


def _lines(title: str, width: int = 30, count: int = 3) -> list[str]:
    lines = textwrap.wrap(title[: width * (count + 1)], width) or [""]  # only what can show
    if len(lines) > count:
        lines = lines[:count]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def _node(x: float, y: float, claim: Claim, href: str, *, current: bool = False, width: int = NODE_WIDTH) -> str:
    lines = _lines(claim.title, 30 if width >= NODE_WIDTH else 24)
    first = y + NODE_HEIGHT / 2 - (len(lines) - 1) * 7 + 4
    text = "".join(f'<tspan x="{x + width / 2:.0f}" y="{first + 14 * i:.0f}">{escape(line)}</tspan>'
                   for i, line in enumerate(lines))
    css = "claims-graph__node" + (" claims-graph__node--current" if current else "")
    verdict = f" ({escape(claim.verdict)})" if claim.verdict else ""
    aria = ' aria-current="page"' if current else ""
    # xlink:href, not href: the theme's instant navigation assigns `href` on every element with one,
    # which throws on SVG links, whose `href` is read-only.
    return (f'<a class="{css}" xlink:href="{escape(href)}"{aria}>'
            f"<title>{escape(claim.title)}{verdict}</title>"
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{width}" height="{NODE_HEIGHT}" rx="6"/>'
            f'<text text-anchor="middle">{text}</text></a>')


def _edge(x1: float, y1: float, x2: float, y2: float, label: str = "") -> str:
    line = f'<line class="claims-graph__edge" x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" marker-end="url(#claims-arrow)"/>'
    if not label:
        return line
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2 - 6
    return line + f'<text class="claims-graph__label" x="{mx:.0f}" y="{my:.0f}" text-anchor="middle">{escape(label)}</text>'


_NAMESPACES = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
_DEFS = ('<defs><marker id="claims-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
         'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>')


def claim_graph(claim: Claim, links: list[Link], content: Content, href, columns: int = 3) -> str:
    """The claim and its direct relations in both directions; `href(claim_id)` links a node.

    Claims that relate to this one stand above it, claims it relates to below, so the graph
    reads top to bottom and stays narrow enough for a phone.
    """
    if not links:
        return ""
    incoming = [link for link in links if link.inverse]
    outgoing = [link for link in links if not link.inverse]
    cols = min(columns, max(len(incoming), len(outgoing), 1))
    gap, level_gap, pad = 20, 64, 4
    width = cols * NODE_WIDTH + (cols - 1) * gap + 2 * pad

    def place(group: list[Link], top: float) -> list[tuple[Link, float, float]]:
        placed = []
        for index, link in enumerate(group):
            row, col = divmod(index, cols)
            in_row = min(cols, len(group) - row * cols)
            left = (width - (in_row * NODE_WIDTH + (in_row - 1) * gap)) / 2
            placed.append((link, left + col * (NODE_WIDTH + gap), top + row * ROW))
        return placed

    rows_in = (len(incoming) + cols - 1) // cols
    top = pad
    above = place(incoming, top)
    centre_y = top + (rows_in * ROW - (ROW - NODE_HEIGHT) + level_gap if incoming else 0)
    centre_x = (width - NODE_WIDTH) / 2
    below = place(outgoing, centre_y + NODE_HEIGHT + level_gap)
    rows_out = (len(outgoing) + cols - 1) // cols
    height = centre_y + NODE_HEIGHT + (level_gap + rows_out * ROW - (ROW - NODE_HEIGHT) if outgoing else 0) + pad
    parts, nodes = [_DEFS], [_node(centre_x, centre_y, claim, href(claim.id), current=True)]
    middle = centre_x + NODE_WIDTH / 2
    # Arrows run from the claim that declares a relation to the claim it concerns, so each is
    # labelled as declared ("rejects"); the inverse wording ("rejected by") is in the list above it.
    for link, x, y in above:  # the other claim declared it: the arrow points at this claim
        nodes.append(_node(x, y, content.claims[link.other], href(link.other)))
        parts.append(_edge(x + NODE_WIDTH / 2, y + NODE_HEIGHT, middle, centre_y, RELATION_TYPES[link.type][0]))
    for link, x, y in below:
        nodes.append(_node(x, y, content.claims[link.other], href(link.other)))
        parts.append(_edge(middle, centre_y + NODE_HEIGHT, x + NODE_WIDTH / 2, y, link.label))
    label = f"Relation graph of “{claim.title}”: {len(links)} related claim{'s' if len(links) != 1 else ''}"
    # role=group, not img: an image's content is presentational, which would hide the node links.
    return (f'<figure class="claims-graph"><svg role="group" aria-label="{escape(label)}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" {_NAMESPACES}>' + "".join(parts) + "".join(nodes) + "</svg>"
            "<figcaption>Arrows point from the claim that makes the relation to the claim it concerns.</figcaption></figure>")


def site_graph(claims: list[Claim], content: Content, edges: list[tuple[str, str, str]], href, columns: int = 3) -> str:
    """Every claim, grouped in bands by its first topic, with its relations as lines."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[claim.topics[0] if claim.topics else ""].append(claim)
    order = sorted(groups, key=lambda t: (t == "", content.topics[t].title.casefold() if t in content.topics else t))
    node_width, gap_x, band_title = NODE_WIDTH, 24, 34
    width = columns * node_width + (columns + 1) * gap_x
    positions: dict[str, tuple[float, float]] = {}
    backgrounds, bands, y = [], [], 10.0
    for topic_id in order:
        members = groups[topic_id]
        rows = (len(members) + columns - 1) // columns
        title = content.topics[topic_id].title if topic_id in content.topics else "Without a topic"
        band_height = band_title + rows * ROW
        nodes = []
        for index, claim in enumerate(members):
            x = gap_x + (index % columns) * (node_width + gap_x)
            node_y = y + band_title + (index // columns) * ROW
            positions[claim.id] = (x + node_width / 2, node_y + NODE_HEIGHT / 2)
            nodes.append(_node(x, node_y, claim, href(claim.id), width=node_width))
        backgrounds.append(f'<rect class="claims-graph__band" x="4" y="{y:.0f}" width="{width - 8}" '
                           f'height="{band_height:.0f}" rx="8"/>')
        bands.append(f'<g class="claims-graph__topic" data-topic="{escape(topic_id)}">'
                     f'<text class="claims-graph__topic-title" x="{gap_x}" y="{y + 22:.0f}">{escape(title)}</text>'
                     + "".join(nodes) + "</g>")
        y += band_height + 16
    lines = []
    half = (node_width / 2, NODE_HEIGHT / 2)
    for source, target, label in edges:
        if source in positions and target in positions:
            lines.append(_site_edge(positions[source], positions[target], half, RELATION_TYPES[label][0]))
    label = f"Graph of all {len(claims)} claims, grouped by topic, with their relations"
    # Edges go over the boxes, ending at their borders, so every arrowhead and label can be seen.
    return (f'<figure class="claims-graph claims-graph--site"><svg role="group" aria-label="{escape(label)}" '
            f'viewBox="0 0 {width} {y:.0f}" width="{width}" {_NAMESPACES}>'
            + _DEFS + "".join(backgrounds) + "".join(bands) + '<g class="claims-graph__edges">' + "".join(lines)
            + "</g></svg></figure>")


def _border(centre: tuple[float, float], towards: tuple[float, float], half: tuple[float, float]) -> tuple[float, float]:
    """Where the line from a box's centre towards a point leaves the box."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    scale = min(half[0] / abs(dx) if dx else float("inf"), half[1] / abs(dy) if dy else float("inf"), 1.0)
    return centre[0] + dx * scale, centre[1] + dy * scale


def _site_edge(start: tuple[float, float], end: tuple[float, float], half: tuple[float, float], label: str) -> str:
    """A curved arrow between two boxes, bowed to one side so it does not run through the boxes between them."""
    (x1, y1), (x2, y2) = start, end
    length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1.0)
    bow = min(0.25 * length, 90.0)
    control = ((x1 + x2) / 2 - (y2 - y1) / length * bow, (y1 + y2) / 2 + (x2 - x1) / length * bow)
    (sx, sy), (ex, ey) = _border(start, control, half), _border(end, control, half)
    mx, my = 0.25 * sx + 0.5 * control[0] + 0.25 * ex, 0.25 * sy + 0.5 * control[1] + 0.25 * ey
    return (f'<path class="claims-graph__edge claims-graph__edge--site" d="M{sx:.0f},{sy:.0f} '
            f'Q{control[0]:.0f},{control[1]:.0f} {ex:.0f},{ey:.0f}" marker-end="url(#claims-arrow)"/>'
            f'<text class="claims-graph__label claims-graph__label--site" x="{mx:.0f}" y="{my:.0f}" '
            f'text-anchor="middle">{escape(label)}</text>')
