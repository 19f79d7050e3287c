"""An explicit nav (`nav:` in mkdocs.yml) with the explainers filled in: plain YAML data (strings, lists and
one-key mappings), as MkDocs reads it. This module never imports MkDocs."""

from __future__ import annotations

from .handwritten import Explainer


def with_explainers(nav: object, folder: str, explainers: list[Explainer], own_index: bool,
                    generated_index: bool) -> tuple[object, list[Explainer]]:
    """The nav with its `explainers/` entry replaced by the explainers' index and every explainer, and the
    explainers it still does not list (readers would not find them)."""
    # The generated index under a title of its own: the section is already called "Explainers".
    index: list = [f"{folder}/index.md"] if own_index else [{"All explainers": f"{folder}/index.md"}] \
        if generated_index else []
    filled = fill_nav(nav, folder, index + [explainer.src_uri for explainer in explainers])
    listed = nav_pages(filled)
    return filled, [explainer for explainer in explainers if explainer.src_uri not in listed]


def unlisted(folder: str) -> str:
    """What to say of an explainer that an explicit nav does not list."""
    return (f"this explainer is not in the nav of mkdocs.yml (hint: list its folder there as "
            f"`- Explainers: {folder}/`, which the claims plugin fills with every explainer)")


def fill_nav(nav: object, explainers_dir: str, entries: list) -> object:
    """An explicit nav with its `explainers/` placeholder (`- Explainers: explainers/`) replaced by `entries`.

    A placeholder with nothing to show is dropped, so the nav never points at a missing page."""
    placeholder = explainers_dir.strip("/") + "/"
    if isinstance(nav, list):
        filled: list = []
        for item in nav:
            if isinstance(item, dict) and len(item) == 1:
                (title, value), = item.items()
                if value == placeholder:
                    if entries:
                        filled.append({title: list(entries)})
                    continue
                filled.append({title: fill_nav(value, explainers_dir, entries)})
            elif item != placeholder:
                filled.append(item)
            else:
                filled.extend(entries)
        return filled
    return nav


def nav_pages(nav: object) -> set[str]:
    """Every page path an explicit nav lists."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_pages(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_pages(item) for item in nav))
    return set()
