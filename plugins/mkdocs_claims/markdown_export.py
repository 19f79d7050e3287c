"""`claims render-md`: every page as plain Markdown with front matter, for any Markdown site engine.

The output folder is a complete docs folder: generated pages, hand-written pages with their
links resolved, and the open data, feeds, schemas and assets beside them. It is also the
baseline the benchmark builds against. With `--engine zensical` it is a Zensical project as it
stands: its `mkdocs.yml` (`ZENSICAL_CONFIG`) is written for Zensical, which reads that format but
runs no MkDocs plugin, and links start from each page's file, as Zensical reads them.
"""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

from . import handwritten
from .files import read_bytes, walk
from .generated_page import GeneratedPage
from .sanitizer import theme_attribute, theme_text
from .site import Site
from .urls import ASSETS, SCRIPT, STYLESHEET

ZENSICAL_CONFIG = "mkdocs.yml"
# What the pages need of Python-Markdown, whatever the site's own configuration lists.
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "md_in_html", {"toc": {"permalink": True}})
# Site settings that mean the same to Zensical; the rest (plugins, nav, hooks, custom_dir) do not carry over,
# nor does `repo_url`: with it, Zensical's theme asks GitHub's API for the repository's stars on every visit.
CARRIED = ("site_name", "site_url", "site_description", "site_author", "copyright", "extra")
_JSON_LD = '<script type="application/ld+json">'


def front_matter(page: GeneratedPage) -> str:
    # Themes print these values without escaping, so they are escaped here; JSON is valid YAML.
    meta: dict[str, object] = {"title": theme_text(page.title),
                               "description": theme_attribute(page.description)}
    if page.tags:
        meta["tags"] = [theme_attribute(tag) for tag in page.tags]
    if page.kind == "claim":
        meta["search"] = {"boost": 2}  # a claim's own page should rank above pages that quote it
    if not page.searchable:
        meta["search"] = {"exclude": True}
    return "---\n" + "\n".join(f"{key}: {yaml_value(value)}" for key, value in meta.items()) + "\n---\n\n"


# In a YAML double-quoted text these must be escapes: the quote and backslash, every control character, and
# what YAML reads as a line break (which would end the front matter at a `---` in a value) or refuses.
_YAML_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]')


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in '"\\':
        return "\\" + char
    code = ord(char)
    return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"


def yaml_value(value: object) -> str:
    """`value` (text, number, list or mapping of them) as YAML on one line that reads back as exactly
    `value`."""
    if isinstance(value, str):
        return '"' + _YAML_ESCAPE.sub(_escape, value) + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return ("{" + ", ".join(f"{yaml_value(str(key))}: {yaml_value(item)}" for key, item in value.items())
                + "}")
    return json.dumps(value)  # numbers, true/false, null are the same in JSON and YAML


def structured_data(page: GeneratedPage) -> str:
    """The page's JSON-LD <script>, which leads its <head> extras; it is valid in the body too, unlike the
    rest."""
    if not page.meta_html.startswith(_JSON_LD):
        return ""
    # `structured_data.script` escapes every "<" of its text, so the first "</script>" is the element's end.
    return page.meta_html[: page.meta_html.index("</script>") + len("</script>")]


def page_markdown(page: GeneratedPage) -> str:
    """The whole page as Markdown: its HTML parts stand as raw HTML blocks around the Markdown part."""
    parts = [part for part in (structured_data(page), page.head, page.stash.restore(page.markdown), page.tail)
             if part.strip()]
    return front_matter(page) + "\n\n".join(parts) + "\n"


def zensical_config(site_config: dict) -> str:
    """`mkdocs.yml` for Zensical in the output folder: the site's settings, its theme, the assets and
    extensions."""
    config = {key: site_config[key] for key in CARRIED if site_config.get(key) is not None}
    config.setdefault("site_name", "Claims")
    given = site_config.get("theme")
    # The overrides (custom_dir) are not exported.
    theme = {key: value for key, value in given.items()
             if key != "custom_dir"} if isinstance(given, dict) else {}
    # Zensical's default font comes from another origin; its edit action would point generated pages at
    # Markdown files the repository does not have (claim pages link their YAML file themselves).
    features = [f for f in theme.get("features") or [] if isinstance(f, str) and f != "content.action.edit"]
    config["theme"] = {**theme, "name": "material", "font": False, "features": features}
    config.update(docs_dir=".", site_dir="site", exclude_docs=f"/{ZENSICAL_CONFIG}\n")
    extensions = [e for e in site_config.get("markdown_extensions") or [] if isinstance(e, (str, dict))]
    names = {e if isinstance(e, str) else next(iter(e), "") for e in extensions}
    extensions += [e for e in MARKDOWN_EXTENSIONS
                   if (e if isinstance(e, str) else next(iter(e))) not in names]
    config["markdown_extensions"] = extensions
    for key, own in (("extra_css", STYLESHEET), ("extra_javascript", SCRIPT)):
        listed = [item for item in site_config.get(key) or [] if isinstance(item, str)]
        config[key] = listed + [own] * (own not in listed)
    return ("# Zensical's configuration of this folder, written by `claims render-md`: run `zensical build` "
            "here.\n"
            + "".join(f"{key}: {yaml_value(value)}\n" for key, value in config.items()))


def export(site: Site, docs_dir: Path, out: Path, root: Path, zensical_from: dict | None = None) -> int:
    """Write every page and file of the site into `out`; returns how many files were written. With
    `zensical_from` (the site's `mkdocs.yml` as read), also Zensical's configuration of `out`."""
    written = 0

    def write(relative: str, content: str | bytes) -> None:
        nonlocal written
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        written += 1

    for page in site.pages():
        write(page.src_uri, page_markdown(page))
    for path, content in site.files():
        write(path, content)
    assets = resources.files(__package__).joinpath("assets")
    for path in ASSETS:
        write(path, assets.joinpath(Path(path).name).read_text(encoding="utf-8"))
    if docs_dir.is_dir():
        # Only regular files inside the repository are copied (the command refuses to run with others).
        for file, why in walk(docs_dir, root):
            if why or file.is_dir():
                continue
            src_uri = file.relative_to(docs_dir).as_posix()
            if file.suffix == ".md":
                text = read_bytes(file, handwritten.MAX_PAGE_BYTES).decode("utf-8-sig")
                write(src_uri, handwritten.resolve(site, src_uri, text))
            else:
                target = out / src_uri
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, target)
                written += 1
    if zensical_from is not None:
        write(ZENSICAL_CONFIG, zensical_config(zensical_from))  # last: a docs/mkdocs.yml cannot replace it
    return written
