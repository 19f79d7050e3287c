"""The `claims` command: `claims check` validates a content folder; `claims new` writes a skeleton file.

Exit codes scripts can trust: 0 all valid, 1 problems found, 2 the command itself was misused.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

from .bylines import config_problems
from .loader import load_content, shown_path
from .model import DEFAULT_SCALE, Content, Rating
from .problems import Problems
from .settings import Settings, scale_from_config, settings_from
from .urls import Urls

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its other tags (!!python/name: …), which the commands do not need;
    `!ENV` reads the environment as MkDocs does (the publish workflow sets `site_url` that way)."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        for name in ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml"):
            if (folder / name).is_file():
                return folder / name
    return None


@dataclass
class ConfigFile:
    """The site's configuration file, read once per command: its text, its settings and the plugin's
    options."""

    path: Path | None = None  # None where there is none
    text: str = ""
    site: dict = field(default_factory=dict)  # {} where absent, unreadable or not a mapping
    options: dict | None = None  # the `claims` plugin's options ({} when listed bare), None when not listed

    @classmethod
    def read(cls, path: Path | None) -> ConfigFile:
        if path is None:
            return cls()
        try:
            text = path.read_text(encoding="utf-8")
            data = yaml.load(text, Loader=_ConfigLoader)
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            return cls(path)
        site = data if isinstance(data, dict) else {}
        return cls(path, text, site, _options(site))

    @property
    def root(self) -> Path:
        """The folder paths are relative to: the file's, else the working directory."""
        return self.path.parent if self.path else Path.cwd()


def _options(site: dict) -> dict | None:
    plugins = site.get("plugins")
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        if entry == "claims":
            return {}
        if isinstance(entry, dict) and "claims" in entry:
            return entry["claims"] or {}
    return None


def plugin_options(config_file: Path) -> dict | None:
    """The `claims` plugin's options in a config file ({} when listed bare), None when absent or
    unreadable."""
    return ConfigFile.read(config_file).options


def _settings(path: str | None) -> tuple[Path, Path, tuple[Rating, ...], ConfigFile]:
    """The content folder, the folder paths are shown relative to, the rating scale and the config file."""
    config = ConfigFile.read(find_config(Path.cwd()))
    options = config.options
    scale: tuple[Rating, ...] = DEFAULT_SCALE
    if options and options.get("scale"):
        # mkdocs build reports a malformed scale with its message
        with contextlib.suppress(KeyError, TypeError):
            scale = scale_from_config(options["scale"])
    root = config.root
    if path:
        content_dir = Path(path)
        if not (Path.cwd() / content_dir).resolve().is_relative_to(root.resolve()):
            root = Path.cwd()
    else:
        content_dir = root / ((options or {}).get("content_dir") or Settings.content_dir)
    return content_dir, root, scale, config


def _site_settings(config: ConfigFile, root: Path, scale: tuple[Rating, ...]) -> Settings:
    """Where the site puts its pages, as far as `check` needs it; defaults where the config is malformed
    (mkdocs build reports that with MkDocs' own message)."""
    options = dict(config.options or {})
    options.pop("scale", None)
    try:
        settings = settings_from(options, config.site, root)
    except (AttributeError, KeyError, TypeError, ValueError):
        settings = Settings()
    settings.scale = scale
    return settings


def check(args: argparse.Namespace) -> int:
    content_dir, root, scale, config = _settings(args.path)
    settings = _site_settings(config, root, scale)
    content, problems = load_content(content_dir, root, scale, settings)
    if config.path:
        _check_team(config, root, problems)
    docs_dir, pages = None, None
    if config.path and not args.path:  # the site's hand-written pages link claims too
        docs_dir = config.path.parent / (config.site.get("docs_dir") or "docs")
        pages = _check_pages(docs_dir, config, root, content, settings, problems)
    changed = None
    if getattr(args, "changed_since", None) is not None:
        from . import changes  # imported per command, so a plain `claims check` starts fast

        try:
            # Page addresses relative to the site, as the pull request's summary lists them: no `site_url`.
            changed = changes.changed_pages(content, content_dir, args.changed_since,
                                            settings_from(config.options or {}, {}, config.root), docs_dir,
                                            pages)
        except changes.ChangesError as error:
            print(f"claims check: {error}", file=sys.stderr)
            return EXIT_USAGE
    counts = {
        "claims": len(content.claims),
        "people": len(content.people),
        "sources": len(content.sources),
        "topics": len(content.topics),
        "relations": content.relation_count,
    }
    if args.format == "json":
        print(json.dumps({"valid": not problems, "counts": counts, "problems": problems.as_json(),
                          **({"changed_pages": [page.as_json() for page in changed]}
                             if changed is not None else {})},
                         ensure_ascii=False, indent=2))
        return EXIT_PROBLEMS if problems else EXIT_OK
    lines = [problem.as_github() if args.format == "github" else str(problem) for problem in problems]
    if changed is not None:
        lines.append(changes.as_text(changed))
    lines.append(_summary(counts, problems))
    if args.format == "markdown":  # for GitHub's step summary: every line of contributor text stays code
        from .problems import code_block

        lines = [code_block("\n".join(lines), "text")]
    print("\n".join(lines))
    return EXIT_PROBLEMS if problems else EXIT_OK


def _check_pages(docs_dir: Path, config: ConfigFile, root: Path, content: Content, settings: Settings,
                 problems: Problems) -> list[tuple[str, str]]:
    """Report the problems of the hand-written pages, on which the build would fail too; their (src_uri,
    text)."""
    from . import handwritten

    trusted = bool((config.options or {}).get("trusted_docs"))
    pages = list(handwritten.pages_in(docs_dir, root, problems, trusted, Urls(settings).roots()))
    for src_uri, text in pages:
        handwritten.check(text, content, problems, shown_path(docs_dir / src_uri, root), trusted=trusted,
                          images=settings.images)
        if not trusted:
            handwritten.check_front_matter(text, shown_path(docs_dir / src_uri, root), problems)
    handwritten.explainers(pages, content, settings.explainers_dir,
                           problems, lambda src_uri: shown_path(docs_dir / src_uri, root))
    return pages


def _check_team(config: ConfigFile, root: Path, problems: Problems) -> None:
    """The team and organization in mkdocs.yml, which claims name as authors and reviewers."""
    options = config.options or {}
    found = config_problems(options.get("team"), options.get("organization"))
    lines = config.text.splitlines() if found else []
    for message in found:
        # At the line of the most specific key found (`team`, then the member's id, then its field).
        line = 0
        for key in message.split(":", 1)[0].split(" > "):
            line = next((number for number in range(line, len(lines))
                         if lines[number].strip().startswith(key + ":")),
                        line)
        column = len(lines[line]) - len(lines[line].lstrip()) + 1 if lines else 1
        problems.add(shown_path(config.path or Path("mkdocs.yml"), root), (line + 1, column),
                     f"plugins > claims > {message}", code="invalid-option")


def new(args: argparse.Namespace) -> int:
    """`claims new [claim] ID` or `claims new person|source|topic ID`: write a skeleton, never overwrite."""
    from . import skeleton

    kind, record_id = (args.what, args.id) if args.id is not None else ("claim", args.what)
    if args.id is None and args.what in skeleton.KINDS:
        print(f"claims new: give the new {args.what}'s id, e.g. `claims new {args.what} my-id`",
              file=sys.stderr)
        return EXIT_USAGE
    content_dir, root, scale, config = _settings(None)
    site_url = str(config.site.get("site_url") or "")
    try:
        team = tuple(member for member in (config.options or {}).get("team") or {}
                     if isinstance(member, str) and skeleton.valid_id(member))
        file = skeleton.create(kind, record_id, content_dir, root, site_url, args.speaker, args.date,
                               args.topic, scale=scale, team=team)
    except skeleton.SkeletonError as error:
        print(f"claims new: {error}", file=sys.stderr)
        return error.code
    shown = shown_path(file, Path.cwd())
    print(f"Wrote {shown}: replace every TODO value, then run `claims check`.")
    if kind == "claim":
        content, _ = load_content(content_dir, root)
        for missing_kind, ids in (("person", args.speaker or []), ("topic", args.topic or [])):
            for missing in ids:
                if missing not in content.records(missing_kind):
                    print(f"No {missing_kind} `{missing}` yet: add it with `claims new {missing_kind} "
                          f"{missing}`.")
    return EXIT_OK


def _summary(counts: dict, problems: Problems) -> str:
    def plural(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    found = (plural(counts["claims"], "claim", "claims"), plural(counts["people"], "person", "people"),
             plural(counts["sources"], "shared source", "shared sources"),
             plural(counts["topics"], "topic", "topics"),
             plural(counts["relations"], "relation", "relations"))
    verdict = f"{plural(len(problems), 'problem', 'problems')} found" if problems else "all valid"
    return f"{', '.join(found)}: {verdict}."


def render_md(args: argparse.Namespace) -> int:
    """Write every page as Markdown with front matter into a new folder."""
    from . import (  # imported per command, so `claims check` starts fast
        handwritten,
        markdown_export,
        review_dates,
    )
    from .layout import missing_graphs
    from .site import Site

    out = Path(args.out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(f"claims render-md: {args.out} exists and is not empty; nothing was written "
              "(hint: name a new or empty folder)", file=sys.stderr)
        return EXIT_USAGE
    config = ConfigFile.read(find_config(Path.cwd()))
    root, site_config = config.root, config.site
    settings = settings_from(config.options or {}, site_config, root)
    zensical = args.engine == "zensical"
    settings = dataclasses.replace(settings, links_from_source=zensical)
    content, problems = load_content(root / settings.content_dir, root, settings.scale, settings)
    docs_dir = root / (site_config.get("docs_dir") or "docs")
    trusted = bool((config.options or {}).get("trusted_docs"))
    pages = list(handwritten.pages_in(docs_dir, root, problems, trusted, Urls(settings).roots()))
    for src_uri, text in pages:
        handwritten.check(text, content, problems, shown_path(docs_dir / src_uri, root), trusted=trusted,
                          images=settings.images)
    explainers = handwritten.explainers(pages, content, settings.explainers_dir, problems,
                                        lambda src_uri: shown_path(docs_dir / src_uri, root))
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was written.")
        return EXIT_PROBLEMS
    review_dates.complete(content, root / settings.content_dir, root)
    own_index = (docs_dir / settings.explainers_dir / "index.md").is_file()
    site = Site(content, settings, handwritten.explained_in(pages, content, settings.claims_prefix),
                explainers=explainers, explainers_index=not own_index,
                home=not (docs_dir / "index.md").is_file(), scale_page=handwritten.scale_page(pages))
    count = markdown_export.export(site, docs_dir, out, root, site_config if zensical else None)
    if site.layouts.unavailable:
        print(missing_graphs(site.layouts.unavailable), file=sys.stderr)
    print(f"Wrote {count} files to {args.out}.")
    return EXIT_OK


def _read_config(config_file: Path) -> dict:
    return ConfigFile.read(config_file).site


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="claims",
                                          description="Work with the claim files of an explainer site.")
    commands = main_parser.add_subparsers(dest="command", metavar="COMMAND")
    check_parser = commands.add_parser("check", help="validate the content folder and report every problem")
    check_parser.add_argument("path", nargs="?",
                              help="the content folder (default: from mkdocs.yml, else ./claims)")
    check_parser.add_argument("--format", choices=("text", "github", "json", "markdown"), default="text",
                              help="text (default), GitHub Actions annotations, one JSON document, or the "
                                   "text as a Markdown code block (for a pull request's step summary)")
    check_parser.add_argument("--changed-since", metavar="REF",
                              help="also list the pages that the changes since the git revision REF add or "
                                   "change")
    check_parser.set_defaults(run=check, command_parser=check_parser)
    new_parser = commands.add_parser(
        "new", help="write a skeleton file: `claims new ID` (a claim) or `claims new person|source|topic ID`",
        description="Write a new claim, person, source or topic file with every field, a comment on each and "
                    "TODO placeholders that `claims check` reports until they are filled. Never overwrites.")
    new_parser.add_argument("what", metavar="KIND|ID",
                            help="person, source, topic or claim, followed by the ID; "
                            "or only the ID, for a claim")
    new_parser.add_argument("id", nargs="?", metavar="ID",
                            help="the new record's id, which becomes its file name")
    new_parser.add_argument("--speaker", action="append", metavar="ID",
                            help="the claim's speaker (repeatable)")
    new_parser.add_argument("--date", metavar="YYYY-MM-DD", help="when the claim was made (default: today)")
    new_parser.add_argument("--topic", action="append", metavar="ID",
                            help="a topic of the claim (repeatable)")
    new_parser.set_defaults(run=new, command_parser=new_parser)
    render_parser = commands.add_parser(
        "render-md",
        help="write every page as plain Markdown with front matter, for any Markdown site engine")
    render_parser.add_argument("--out", required=True, metavar="DIR",
                               help="a new or empty folder to write into")
    render_parser.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs",
                               help="mkdocs (default): links from each page's URL, for engines that leave "
                                    "raw HTML alone; zensical: links from each page's file, and a mkdocs.yml "
                                    "for Zensical, so that `zensical build` in DIR builds the site")
    render_parser.set_defaults(run=render_md, command_parser=render_parser)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    main_parser = parser()
    arguments, unknown = main_parser.parse_known_args(argv)  # exits 2 on misuse, as argparse does
    if unknown:  # told by the command's own parser, so the usage shown is that command's flags
        (getattr(arguments, "command_parser", None) or main_parser).error(
            "unrecognized arguments: " + " ".join(unknown))
    if not getattr(arguments, "run", None):
        main_parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return arguments.run(arguments)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
