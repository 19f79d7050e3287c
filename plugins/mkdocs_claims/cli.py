"""The `claims` command: `claims check` validates a content folder.

Exit codes scripts can trust: 0 all valid, 1 problems found, 2 the command itself was misused.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from .loader import load_content
from .model import DEFAULT_SCALE, Rating
from .problems import Problems
from .settings import scale_from_config

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name: …), which `check` does not need."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        for name in ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml"):
            if (folder / name).is_file():
                return folder / name
    return None


def plugin_options(config_file: Path) -> dict | None:
    """The `claims` plugin's options in a config file ({} when listed bare), None when absent or unreadable."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    plugins = data.get("plugins") if isinstance(data, dict) else None
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins or []:
        if entry == "claims":
            return {}
        if isinstance(entry, dict) and "claims" in entry:
            return entry["claims"] or {}
    return None


def _settings(path: str | None) -> tuple[Path, Path, tuple[Rating, ...]]:
    """The content folder to check, the folder paths are shown relative to, and the rating scale."""
    config_file = find_config(Path.cwd())
    options = plugin_options(config_file) if config_file else None
    scale = DEFAULT_SCALE
    if options and options.get("scale"):
        try:
            scale = scale_from_config(options["scale"])
        except (KeyError, TypeError):
            pass  # mkdocs build reports a malformed scale with MkDocs' own message
    root = config_file.parent if config_file else Path.cwd()
    if path:
        content_dir = Path(path)
        if not (Path.cwd() / content_dir).resolve().is_relative_to(root.resolve()):
            root = Path.cwd()
    else:
        content_dir = root / ((options or {}).get("content_dir") or "claims")
    return content_dir, root, scale


def check(args) -> int:
    content_dir, root, scale = _settings(args.path)
    content, problems = load_content(content_dir, root, scale)
    counts = {
        "claims": len(content.claims),
        "people": len(content.people),
        "sources": len(content.sources),
        "topics": len(content.topics),
        "relations": content.relation_count,
    }
    if args.format == "json":
        print(json.dumps({"valid": not problems, "counts": counts, "problems": problems.as_json()},
                         ensure_ascii=False, indent=2))
    elif args.format == "github":
        for problem in problems:
            print(problem.as_github())
        print(_summary(counts, problems))
    else:
        for problem in problems:
            print(problem)
        print(_summary(counts, problems))
    return EXIT_PROBLEMS if problems else EXIT_OK


def _summary(counts: dict, problems: Problems) -> str:
    def plural(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    found = (plural(counts["claims"], "claim", "claims"), plural(counts["people"], "person", "people"),
             plural(counts["sources"], "shared source", "shared sources"), plural(counts["topics"], "topic", "topics"),
             plural(counts["relations"], "relation", "relations"))
    verdict = f"{plural(len(problems), 'problem', 'problems')} found" if problems else "all valid"
    return f"{', '.join(found)}: {verdict}."


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="claims", description="Work with the claim files of an explainer site.")
    commands = main_parser.add_subparsers(dest="command", metavar="COMMAND")
    check_parser = commands.add_parser("check", help="validate the content folder and report every problem")
    check_parser.add_argument("path", nargs="?", help="the content folder (default: from mkdocs.yml, else ./claims)")
    check_parser.add_argument("--format", choices=("text", "github", "json"), default="text",
                              help="text (default), GitHub Actions annotations, or one JSON document")
    check_parser.set_defaults(run=check)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)  # exits 2 on misuse, as argparse does
    if not getattr(arguments, "run", None):
        parser().print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return arguments.run(arguments)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
