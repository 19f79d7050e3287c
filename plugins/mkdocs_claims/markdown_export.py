"""`claims render-md`: every page as plain Markdown with front matter, for any Markdown site engine.

The output folder is a complete docs folder: generated pages, hand-written pages with their
links resolved, and the open data, feeds, schemas and assets beside them. It is also the
baseline the benchmark builds against.
"""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

from . import handwritten
from .files import read_bytes, walk
from .sanitizer import theme_attribute, theme_text
from .site import GeneratedPage, Site

ASSETS = ("assets/claims.css", "assets/claims.js")


def front_matter(page: GeneratedPage) -> str:
    # Themes print these values without escaping, so they are escaped here; JSON is valid YAML.
    meta = {"title": theme_text(page.title), "description": theme_attribute(page.description)}
    if page.tags:
        meta["tags"] = [theme_attribute(tag) for tag in page.tags]
    if page.kind == "claim":
        meta["search"] = {"boost": 2}  # a claim's own page should rank above pages that quote it
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


def yaml_value(value) -> str:
    """`value` (text, number, list or mapping of them) as YAML on one line that reads back as exactly `value`."""
    if isinstance(value, str):
        return '"' + _YAML_ESCAPE.sub(_escape, value) + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_value(str(key))}: {yaml_value(item)}" for key, item in value.items()) + "}"
    return json.dumps(value)  # numbers, true/false, null are the same in JSON and YAML


def page_markdown(page: GeneratedPage) -> str:
    """The whole page as Markdown: its HTML parts stand as raw HTML blocks around the Markdown part."""
    parts = [part for part in (page.head, page.stash.restore(page.markdown), page.tail) if part.strip()]
    return front_matter(page) + "\n\n".join(parts) + "\n"


def export(site: Site, docs_dir: Path, out: Path, root: Path) -> int:
    """Write every page and file of the site into `out`; returns how many files were written."""
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
    return written
