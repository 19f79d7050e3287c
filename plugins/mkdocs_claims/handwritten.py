"""Hand-written pages (explainers, home, method): which claims they use, and their links resolved."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import remote_images
from .checks import check_text_references, report_future_date, report_name_characters
from .document import BIDI_CONTROLS, Document, parse_text
from .files import HINT, Refused, TooLarge, read_bytes, refusal, walk
from .generated_page import PageRef
from .links import find_references
from .loader import shown_path
from .markdown_limits import markdown_problems
from .model import KIND_OF_PLURAL, Content
from .problems import Problems
from .raw_html import removed_html
from .remote_images import OWN_ORIGIN, ImagePolicy
from .sanitizer import Stash, theme_attribute, theme_text

if TYPE_CHECKING:  # the site module brings Jinja; `claims check` uses this module without it
    from .site import Site

MAX_PAGE_BYTES = 256 * 1024
# What docs/ publishes besides its `.md` pages, unless `trusted_docs`: images, which a browser shows and never
# runs. Any other file would be served from the site's origin as written, and MkDocs lets a docs/ file take
# the place of the theme's: HTML or SVG whose script runs under no policy, a script in place of the theme's
# bundle on every page, a static host's configuration (`_redirects`, `_headers`, `CNAME`).
IMAGES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico"})
# MkDocs' other Markdown suffixes: pages to it, which the check and the explainers know only as `.md`.
OTHER_MARKDOWN = frozenset({".markdown", ".mdown", ".mkdn", ".mkd"})
_LATEST = re.compile(r"^<!--\s*claims:latest(?:\s+(\d+))?\s*-->[ \t]*$", re.MULTILINE)
_SCALE = re.compile(r"^<!--\s*claims:scale\s*-->[ \t]*$", re.MULTILINE)
_TEAM = re.compile(r"^<!--\s*claims:team\s*-->[ \t]*$", re.MULTILINE)
_EXPLAINERS = re.compile(r"^<!--\s*claims:explainers(?:\s+(\d+))?\s*-->[ \t]*$", re.MULTILINE)
_RECORDS = re.compile(r"^<!--\s*claims:(people|topics)\s*-->[ \t]*$", re.MULTILINE)
_FRONT = re.compile(r"^<!--\s*claims:front(?:\s+(\d+))?\s*-->[ \t]*$", re.MULTILINE)
FRONT_PAGE_CLAIMS = 6  # the latest claims a front page shows as cards, unless its placeholder says how many
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_BIDI_CONTROL = re.compile(f"[{BIDI_CONTROLS}]")
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^()\s<>#]+\.md)(?:#[^()\s<>]*)?>?\s*\)")


@dataclass(frozen=True)
class Explainer:
    """A hand-written page in the explainers folder, as its front matter and links describe it."""

    src_uri: str
    title: str
    description: str = ""
    date: dt.date | None = None
    embeds: tuple[str, ...] = ()  # the claims it embeds as cards, in order
    links: tuple[tuple[str, str], ...] = ()  # (kind, id) of every record it links or embeds
    featured: bool = False  # `featured: true` in its front matter: the front page shows it first


def front_matter(text: str, path: str = "", problems: Problems | None = None) -> dict:
    """A page's YAML front matter, read as strictly as a claim file, its fields checked; {} when absent or
    broken."""
    match = _FRONT_MATTER.match(text)
    if not match or not (match.group(1) or "").strip():
        return {}
    problems = problems if problems is not None else Problems()
    found = Problems()  # positions are within the front matter, which starts on the page's second line
    document = parse_text(match.group(1), Document(path), found)
    for problem in found.items:
        problems.add(path, (problem.line + 1, problem.column), problem.message,
                     problem.hint, code=problem.code)
    if document is None:
        return {}
    data = dict(document.data)
    for key in ("title", "description", "date"):
        if key in data and not isinstance(data[key], str):
            line, column = document.at((key,))
            problems.add(path, (line + 1, column), f"the front matter's `{key}` must be text",
                         "put the value in quotes", code="wrong-type")
            del data[key]
    if "featured" in data and not isinstance(data["featured"], bool):
        line, column = document.at(("featured",))
        problems.add(path, (line + 1, column), "the front matter's `featured` must be true or false",
                     "write featured: true to show the explainer on the front page, or leave it out",
                     code="wrong-type")
        del data["featured"]
    if "date" in data:
        try:
            if not _ISO_DATE.fullmatch(data["date"]):
                raise ValueError
            data["date"] = dt.date.fromisoformat(data["date"])
            line, column = document.at(("date",))
            report_future_date(problems, path, (line + 1, column), "the front matter's `date`", data["date"],
                               dt.date.today())
        except ValueError:
            line, column = document.at(("date",))
            problems.add(path, (line + 1, column),
                         "the front matter's `date` is not a real date in the form YYYY-MM-DD: "
                         f"`{data['date']}`",
                         "write the day the page was published, e.g. date: 2025-03-06", code="invalid-date")
            del data["date"]
    return data


def is_explainer(src_uri: str, explainers_dir: str) -> bool:
    folder = explainers_dir.strip("/") + "/"
    return src_uri.startswith(folder) and src_uri.endswith(".md") and posixpath.basename(src_uri) not in (
        "index.md", "README.md")


def explainers(pages: Iterable[tuple[str, str]], content: Content, explainers_dir: str,
               problems: Problems | None = None,
               shown: Callable[[str], str] = lambda src_uri: src_uri) -> list[Explainer]:
    """The explainers among hand-written pages given as (src_uri, text), newest first, undated last."""
    found = []
    for src_uri, text in pages:
        if not is_explainer(src_uri, explainers_dir):
            continue
        data = front_matter(text, shown(src_uri), problems)
        title = data.get("title", "").strip()
        references = [ref for ref in find_references(text) if ref.form != "cite" and not ref.error
                      and ref.target in content.records(ref.kind)]
        embeds = tuple(dict.fromkeys(ref.target for ref in references if ref.form == "embed"))
        links = tuple(dict.fromkeys((ref.kind, ref.target) for ref in references))
        found.append(Explainer(src_uri, title or page_title(src_uri, text),
                               data.get("description", "").strip(), data.get("date"), embeds, links,
                               data.get("featured", False)))
    found.sort(key=lambda e: e.title.casefold())
    return sorted(found, key=lambda e: e.date or dt.date.min, reverse=True)  # stable: same day, by title


def page_title(src_uri: str, text: str) -> str:
    """The `title` of the page's front matter (read as YAML, as the page's own title is: a line-by-line read
    showed a title's escapes, `\"`, as written), else its first `# heading`, else its file name.

    The heading is read line by line: patterns for it (lazy groups around optional spaces) took time cubic in
    a crafted heading."""
    title = front_matter(text).get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    for line in text.split("\n"):
        if line.startswith("#") and line[1:2] in (" ", "\t"):
            title = line[1:].strip().rstrip("#").rstrip()
            if title:
                return title
    return posixpath.splitext(posixpath.basename(src_uri))[0]


def explained_in(pages: Iterable[tuple[str, str]], content: Content,
                 claims_prefix: str) -> dict[str, list[PageRef]]:
    """Which hand-written pages, given as (src_uri, text), link or embed each claim."""
    found: dict[str, list[PageRef]] = defaultdict(list)
    prefix = claims_prefix.strip("/") + "/"
    for src_uri, text in pages:
        claims = {ref.target for ref in find_references(text)
                  if ref.form in ("link", "embed") and ref.kind == "claim" and not ref.error}
        for match in _MARKDOWN_LINK.finditer(text):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), match.group(1)))
            if target.startswith(prefix) and target.count("/") == prefix.count("/"):
                claims.add(target[len(prefix):-3])
        for claim_id in sorted(claims):
            if claim_id in content.claims:
                found[claim_id].append(PageRef(src_uri, page_title(src_uri, text)))
    return found


def read_page(file: Path, shown: str, problems: Problems) -> str | None:
    """The text of one hand-written page, or None (with the problem recorded) when it may not be read."""
    try:
        raw = read_bytes(file, MAX_PAGE_BYTES)
    except Refused as refused:
        if isinstance(refused, TooLarge):
            problems.add(shown, (1, 1), str(refused), "split the page in two", code="size-limit")
        else:
            problems.add(shown, (1, 1), f"not published: {refused}", HINT, code="refused-file")
        return None
    except OSError as error:
        problems.add(shown, (1, 1),
                     f"the file cannot be read: {error.strerror or error}", code="unreadable-file")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.add(shown, (line, error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1),
                     "the file is not valid UTF-8 text", "save the file with UTF-8 encoding", code="not-utf8")
        return None


def unpublished(src_uri: str, trusted: bool, roots: Collection[str] = ()) -> tuple[str, str] | None:
    """Why the file of docs/ at `src_uri` is not published, with a hint, or None: its `.md` pages and images
    are, and with `trusted` docs any file but a page under another Markdown suffix; none in a folder (or at a
    name) of `roots` (`Urls.roots`), where the plugin writes its own."""
    name = posixpath.basename(src_uri)
    suffix = posixpath.splitext(name)[1]
    root = src_uri.removesuffix(".md").split("/")[0]
    if root in roots:
        return (f"`{root}` is where the site publishes its own pages and files",
                "move it to another folder of docs/")
    if suffix == ".md" or (trusted and suffix not in OTHER_MARKDOWN) or suffix.lower() in IMAGES:
        return None
    if suffix in OTHER_MARKDOWN:
        return (f"a page is published from a `.md` file, not `{suffix}`",
                f"rename it to `{posixpath.splitext(name)[0]}.md`")
    return (f"a `{suffix or name}` file would be served as written from the site's address",
            "docs/ publishes Markdown pages and images (PNG, JPEG, GIF, WebP, AVIF, ICO); a maintainer puts "
            "style sheets, scripts and fonts in the theme's `custom_dir` (see Safety in the README)")


def pages_in(docs_dir: Path, root: Path | None = None, problems: Problems | None = None,
             trusted: bool = False, roots: Collection[str] = ()) -> Iterator[tuple[str, str]]:
    """(src_uri, text) of every Markdown page in a docs folder (in the repository `root`, by default the
    folder above it); every file there that may not be published (a link out of the repository, a device, a
    FIFO, an unreadable page, a file of a kind docs/ does not publish unless `trusted`, one in the plugin's
    `roots`) is left out, and reported to `problems`."""
    if not docs_dir.is_dir():
        return
    root = root or docs_dir.resolve().parent
    problems = problems if problems is not None else Problems()
    for file, why in walk(docs_dir, root):
        shown = shown_path(file, root)
        kind = None if why or file.is_dir() else unpublished(file.relative_to(docs_dir).as_posix(), trusted,
                                                             roots)
        if why:
            problems.add(shown, (1, 1), f"not published: {why}", HINT, code="refused-file")
        elif kind:
            problems.add(shown, (1, 1), f"not published: {kind[0]}", kind[1], code="unpublished-file")
        elif file.name == "README.md" and (file.parent / "index.md").is_file():
            # MkDocs leaves it out, with a warning that fails a strict build
            problems.add(shown, (1, 1), "not published: `index.md` beside it is the folder's page",
                         "merge the two, or rename this one", code="unpublished-file")
        elif file.suffix == ".md" and not file.is_dir():
            text = read_page(file, shown, problems)
            if text is not None:
                yield file.relative_to(docs_dir).as_posix(), text


def check_file(source: Path, src_uri: str, root: Path, is_page: bool, content: Content,
               problems: Problems, trusted: bool, roots: Collection[str] = (),
               images: ImagePolicy = OWN_ORIGIN) -> None:
    """Report a file of docs/ that may not be published (a link out of the repository, a device, a FIFO, see
    `unpublished`), and the problems of a page: its size and Markdown bounds, its references, the raw HTML
    the sanitizer would remove."""
    shown = shown_path(source, root)
    why = refusal(source, root)
    kind = unpublished(src_uri, trusted, roots)
    if why:
        problems.add(shown, (1, 1), f"not published: {why}", HINT, code="refused-file")
    elif kind:
        problems.add(shown, (1, 1), f"not published: {kind[0]}", kind[1], code="unpublished-file")
    elif is_page:
        text = read_page(source, shown, problems)
        if text is not None:
            check(text, content, problems, shown, trusted=trusted, images=images)


def check(markdown: str, content: Content, problems: Problems, path: str, first_line: int = 1,
          trusted: bool = False, images: ImagePolicy = OWN_ORIGIN) -> None:
    """Report every broken reference of a page whose Markdown starts on `first_line` of its file, every image
    that the site's policy (`images`) blocks, and, unless the site's docs/ are `trusted` (not sanitized), the
    raw HTML the sanitizer would remove from it."""

    def position(index: int) -> tuple[int, int]:
        line = markdown.count("\n", 0, index)
        return first_line + line, index - (markdown.rfind("\n", 0, index) + 1) + 1

    for offset, message, hint in markdown_problems(markdown):
        problems.add(path, position(offset), message, hint, code="markdown-limit")
    check_text_references(markdown, content, problems, path, position)
    for offset, message, hint in remote_images.blocked(markdown, images):  # trusted pages are under it too
        problems.add(path, position(offset), message, hint, code="remote-image")
    if not trusted:
        front = _FRONT_MATTER.match(markdown)  # its values are text, escaped where the theme prints them
        skip = front.end() if front else 0
        for control in _BIDI_CONTROL.finditer(markdown, skip):  # as in claim files and front matter
            character = f"U+{ord(control.group()):04X}"
            problems.add(path, position(control.start()), "the text contains an invisible bidirectional "
                         f"control character ({character}), which reverses the text after it",
                         "delete it; right-to-left text needs none", code="control-character")
        for offset, message, hint in removed_html(markdown[skip:], page=True):
            problems.add(path, position(skip + offset), message, hint, code="removed-html")


def check_files(files: Iterable[tuple[str, bool]], docs_dir: str, root: Path, content: Content, trusted: bool,
                problems: Problems, roots: Collection[str] = (),
                images: ImagePolicy = OWN_ORIGIN) -> None:
    """Before an engine reads or copies anything from docs/: every file there (absolute path, whether it is a
    page) a regular file inside the repository (not a link out of it, a device or a FIFO) that docs/ may
    publish, every page within the size and Markdown bounds. Files outside docs/ (the theme's, other
    plugins') are not contributors'."""
    docs = os.path.abspath(docs_dir) + os.sep
    for path, is_page in files:
        if os.path.abspath(path).startswith(docs):
            src_uri = Path(os.path.relpath(path, docs_dir)).as_posix()
            check_file(Path(path), src_uri, root, is_page, content, problems, trusted, roots, images)


def check_page(raw: str, markdown: str, content: Content, problems: Problems,
               path: str, trusted: bool, images: ImagePolicy = OWN_ORIGIN) -> None:
    """Report the problems of a page whose file holds `raw` and whose Markdown (without front matter) is
    `markdown`, at their lines in the file."""
    first_line = raw[: len(raw) - len(markdown)].count("\n") + 1 if raw.endswith(markdown) else 1
    check(markdown, content, problems, path, first_line, trusted, images)
    if not trusted:
        check_front_matter(raw, path, problems)


def scale_page(pages: Iterable[tuple[str, str]]) -> str:
    """The first hand-written page (src_uri, text) that shows the rating scale (`<!-- claims:scale -->`),
    where claim pages send readers to learn what their verdict means; "" when none does (the site makes
    one)."""
    return min((src_uri for src_uri, text in pages if _SCALE.search(text)), default="")


def may_show_claims(text: str) -> bool:
    """Whether a page may link, embed or list claims, so that a change to the claims may change it."""
    return "[[" in text or "<!--" in text


def resolve(site: Site, src_uri: str, markdown: str, stash: Stash | None = None) -> str:
    """The page's Markdown with references, embeds and `<!-- claims:… -->` placeholders turned into HTML.

    With a `stash`, the plugin's blocks (cards, lists, the scale) are held there, out of the sanitizer's
    way."""

    def block(html: str) -> str:
        return stash.hold(html, block=True) if stash is not None else html

    markdown = site.rewrite(markdown, src_uri, stash=stash)
    markdown = _FRONT.sub(lambda m: block(site.front_page(src_uri,
                                                          int(m.group(1) or FRONT_PAGE_CLAIMS))), markdown)
    markdown = _LATEST.sub(lambda m: block(site.latest(src_uri, int(m.group(1) or 5))), markdown)
    markdown = _EXPLAINERS.sub(lambda m: block(site.explainer_list(src_uri, int(m.group(1) or 0))), markdown)
    markdown = _RECORDS.sub(lambda m: block(site.record_list(src_uri,
                                                             KIND_OF_PLURAL[m.group(1)])),
                            markdown)
    markdown = _TEAM.sub(lambda m: block(site.team()), markdown)
    return _SCALE.sub(lambda m: block(site.scale()), markdown)


def placeholders(markdown: str) -> dict[str, int]:
    """The lists a page shows through `<!-- claims:… -->` placeholders (latest, explainers, people, topics),
    with how many entries each shows (0 for all)."""
    found: dict[str, int] = {}
    for name, pattern, default in (("latest", _LATEST, 5), ("explainers", _EXPLAINERS, 0)):
        for match in pattern.finditer(markdown):
            count = int(match.group(1) or default)
            found[name] = 0 if count == 0 or found.get(name) == 0 else max(count, found.get(name, 0))
    for match in _FRONT.finditer(markdown):  # the front page: latest claims, explainers, people and topics
        latest = int(match.group(1) or FRONT_PAGE_CLAIMS)
        found["latest"] = (0 if latest == 0
                           or found.get("latest") == 0 else max(latest, found.get("latest", 0)))
        found.update(explainers=0, people=0, topics=0)
    return found | {match.group(1): 0 for match in _RECORDS.finditer(markdown)}


# Front matter the theme understands that is safe to take from a contributor, once escaped.
_HIDE = frozenset({"navigation", "toc", "footer", "path", "tags", "feedback"})
THEME_KEYS = ("title", "description", "date", "tags", "hide", "search")
PLUGIN_KEYS = ("featured",)  # read by the plugin (explainers()), never printed by the theme


def theme_meta(meta: Mapping) -> tuple[dict, list[tuple[str, str]]]:
    """A contributor's front matter as the theme may print it (escaped), and what it holds that it may not.

    mkdocs-material prints front matter raw (`<title>`, `<meta name="description">`), and some keys choose
    templates or icons (`template`, `icon`, `status`), so only a few known keys with plain values pass."""
    safe: dict = {}
    problems = []
    for key, value in meta.items():
        if key == "title" and isinstance(value, str):
            safe[key] = theme_text(value)
        elif key == "description" and isinstance(value, str):
            safe[key] = theme_attribute(value)
        elif key == "date" and isinstance(value, (str, dt.date)):
            safe[key] = value  # an explainer's date, checked by front_matter(); the theme does not print it
        elif key == "tags" and isinstance(value, list) and all(isinstance(tag, str) for tag in value):
            safe[key] = [theme_attribute(tag) for tag in value]
        elif key == "hide" and isinstance(value, list) and all(item in _HIDE for item in value):
            safe[key] = list(value)
        elif (key == "search" and isinstance(value, dict) and set(value) <= {"boost", "exclude"}
              and all(isinstance(v, (int, float)) for v in value.values())):
            safe[key] = dict(value)
        elif key == "featured" and isinstance(value, bool):
            continue  # an explainer's place on the front page, checked by front_matter(); not the theme's
        elif key in THEME_KEYS or key in PLUGIN_KEYS:
            problems.append((key, f"front matter `{key}` has a value of the wrong form"))
        else:
            problems.append((key, f"front matter `{key}` is not allowed in a hand-written page"))
    return safe, problems


def check_front_matter(text: str, path: str, problems: Problems) -> None:
    """Report, at its key, the front matter a contributor's page may not hold (see theme_meta)."""
    match = _FRONT_MATTER.match(text)
    if not match or not (match.group(1) or "").strip():
        return
    found = Problems()
    document = parse_text(match.group(1), Document(path), found)  # front_matter() reports broken YAML
    for problem in found.items:  # but only an explainer's: the characters of every page's
        if problem.code == "control-character":
            problems.add(path, (problem.line + 1, problem.column), problem.message, problem.hint,
                         code=problem.code)
    if document is None or not isinstance(document.data, dict):
        return
    if isinstance(document.data.get("title"), str):  # in the nav, the explainers' lists and search results
        report_name_characters(problems, document, ("title",), document.data["title"],
                               "the front matter's `title`", line_offset=1)
    for key, message in theme_meta(dict(document.data))[1]:
        line, column = document.at((key,))
        problems.add(path, (line + 1, column), message,
                     "only " + ", ".join(THEME_KEYS + PLUGIN_KEYS)
                     + " with plain values are; `trusted_docs: true` lifts this "
                     "for a docs/ only maintainers edit", code="front-matter")
