"""What the engine's Markdown made of a generated page's Markdown part, kept from one build to the next.

Converting a claim's explanation is most of what an engine does for a page the plugin kept (`kept_pages`):
MkDocs builds a Markdown converter with every extension for each page. A page whose Markdown part and
converter are the last build's is given the last build's HTML instead. Only a conversion that depended on
nothing else is kept (the engine says which): one that looked a link's target up among the site's files, which
may have changed, or that logged anything (a warning must be said again on every build) is converted every
time.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import markdown as markdown_library

from .kept_pages import package_digest, read_record, record_file, write_record
from .toc import TocEntry


@dataclass
class Render:
    """A page's Markdown part after conversion."""

    content: str
    toc: list[TocEntry]  # as the converter found it
    anchors: list[str]  # every id the HTML holds
    self_links: dict[str, str]  # anchor -> link, for the page's links to its own anchors
    title: str | None  # the title the converter found in the content


def converter(extensions: list, configs: dict, *engine: str) -> str:
    """Everything that turns a page's Markdown into HTML, named: Markdown's and Python's versions, the
    extensions with their settings, the code of every processor they register (a local extension may be edited
    without a new version) and what the `engine` says of itself."""
    markdown = markdown_library.Markdown(extensions=extensions, extension_configs=configs)
    modules = {type(extension).__module__ for extension in markdown.registeredExtensions}
    for registry in (markdown.preprocessors, markdown.parser.blockprocessors, markdown.treeprocessors,
                     markdown.inlinePatterns, markdown.postprocessors):
        modules.update(type(processor).__module__ for processor in registry)
    code = []
    for name in sorted(modules):
        file = getattr(sys.modules.get(name), "__file__", None)
        stat = os.stat(file) if file and os.path.isfile(file) else None
        code.append(f"{name} {file} {stat.st_size} {stat.st_mtime_ns}" if stat else f"{name} {file}")
    return "\n".join([f"markdown {markdown_library.__version__}", sys.version, _stable(extensions),
                      _stable(configs), *engine, *code])


def _stable(value: object) -> str:
    """`value` written the same in every process: functions by name, as a default repr holds an address."""
    if isinstance(value, dict):
        items = sorted(value.items(), key=repr)
        return "{" + ", ".join(f"{_stable(key)}: {_stable(item)}" for key, item in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_stable(item) for item in value) + "]"
    if callable(value):
        return f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', repr(value))}"
    return repr(value)


class KeptRenders:
    """The conversions of the last build by src_uri, in memory (`mkdocs serve`) and in a folder."""

    def __init__(self, folder: Path | None = None, in_memory: bool = False):
        self.folder, self.in_memory = folder, in_memory
        self.memory: dict[str, tuple[str, Render]] = {}
        self._converter = ""

    def new_build(self, converter: str) -> None:
        """`converter` names everything that turns Markdown into HTML (the engine's and Markdown's versions,
        the extensions, their settings and code): a conversion kept under another is converted again."""
        named = package_digest() + converter.encode("utf-8", "surrogatepass")
        self._converter = hashlib.sha256(named).hexdigest()

    def get(self, src_uri: str, markdown: str) -> Render | None:
        digest = self._digest(src_uri, markdown)
        kept = self.memory.get(src_uri)
        if kept is not None and kept[0] == digest:
            return kept[1]
        record = (None if self.folder is None
                  else read_record(record_file(self.folder, src_uri), src_uri, digest))
        try:
            render = None if record is None else _render(record["render"])
        except (ValueError, TypeError, KeyError):
            return None
        if render is not None and self.in_memory:
            self.memory[src_uri] = (digest, render)
        return render

    def put(self, src_uri: str, markdown: str, render: Render) -> None:
        digest = self._digest(src_uri, markdown)
        if self.in_memory:
            self.memory[src_uri] = (digest, render)
        if self.folder is not None:
            write_record(record_file(self.folder, src_uri), {"src_uri": src_uri, "digest": digest,
                                                             "render": _plain(render)})

    def _digest(self, src_uri: str, markdown: str) -> str:
        named = f"{self._converter}\0{src_uri}\0{markdown}"
        return hashlib.sha256(named.encode("utf-8", "surrogatepass")).hexdigest()


def _plain(render: Render) -> dict:
    return {"content": render.content, "toc": [_plain_link(link) for link in render.toc],
            "anchors": render.anchors, "self_links": render.self_links, "title": render.title}


def _plain_link(link: TocEntry) -> list:
    return [link.title, link.anchor, link.level, [_plain_link(child) for child in link.children]]


def _render(plain: dict) -> Render:
    title = plain["title"]
    if not isinstance(plain["content"], str) or not (title is None or isinstance(title, str)):
        raise ValueError("not a render")
    return Render(plain["content"], [_link(link) for link in plain["toc"]],
                  [str(anchor) for anchor in plain["anchors"]],
                  {str(anchor): str(link) for anchor, link in plain["self_links"].items()}, title)


def _link(plain: list) -> TocEntry:
    title, anchor, level, children = plain
    return TocEntry(str(title), str(anchor), int(level), [_link(child) for child in children])
