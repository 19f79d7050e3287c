"""Wikipedia-style numbered citations of a claim's sources."""

from __future__ import annotations

from collections import defaultdict

from .model import Claim, Content, Source


class Citations:
    """Numbers a claim's sources in the order the body first cites them, then the rest as listed."""

    def __init__(self, claim: Claim, content: Content):
        self.claim = claim
        self.content = content
        self.order: list[str] = []
        self.uses: dict[int, int] = defaultdict(int)  # number -> how many places cite it

    def number(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def markers(self, cited: tuple[str, ...]) -> str:
        pieces = []
        for source_id in cited:
            number = self.number(source_id)
            self.uses[number] += 1
            use = self.uses[number]
            # No `title`: claims.js previews the reference on hover and focus, and mkdocs-material's
            # `content.tooltips` would render a title holding the source's name as HTML.
            pieces.append(f'<sup class="claims-cite" id="cite-{number}-{use}">'
                          f'<a href="#ref-{number}">[{number}]</a></sup>')
        return "".join(pieces)

    def ordered_sources(self) -> list[Source]:
        for source_id in self.claim.sources:
            self.number(source_id)
        return [source for source in (self.content.source_of(self.claim, s) for s in self.order) if source]
