"""Markdown's `[[…]]` links, `![[…]]` cards and `[@…]` citations turned into HTML."""

from __future__ import annotations

from markupsafe import escape

from .citations import Citations
from .links import Reference, glue_markers, replace_references
from .renderer import Renderer
from .sanitizer import Stash, inline_text


def rewrite(renderer: Renderer, text: str, here: str, citations: Citations | None = None,
            stash: Stash | None = None) -> str:
    """Markdown with `[[…]]`, `![[…]]` and `[@…]` turned into HTML (already validated by the loader).

    With a `stash`, the HTML whose ids the plugin owns (citation markers, cards) is held there as tokens."""
    content = renderer.content

    def hold(html: str, block: bool = False) -> str:
        return stash.hold(html, block) if stash is not None else (f"\n\n{html}\n\n" if block else html)

    def replace(reference: Reference) -> str:
        if reference.error:
            return str(escape(text[reference.start:reference.end]))
        if reference.form == "cite":
            return hold(citations.markers(reference.cited)) if citations else ""
        if reference.form == "embed":
            claim = content.claims.get(reference.target)
            return hold(renderer.render("card.html", claim=claim, here=here), block=True) if claim else ""
        if reference.target not in content.records(reference.kind):
            return str(escape(reference.text or reference.target))
        label = reference.text or renderer.record_title(reference.kind, reference.target)
        href = renderer.link(here, reference.kind, reference.target)
        return (f'<a class="claims-link claims-link--{reference.kind}" '
                f'href="{escape(href)}">{inline_text(label)}</a>')

    text = replace_references(text, replace)
    if not citations:
        return text
    return glue_markers(text, stash.key if stash is not None else '<sup class="claims-cite"')
