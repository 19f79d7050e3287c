#!/usr/bin/env python3
"""The package's classes and functions by length, longest first: `scripts/code_sizes.py [--all]`.

A class over CLASS_LINES or a function over FUNCTION_LINES is hard to change safely; the few that are longer
on purpose are listed in ALLOWED with why. tests/test_code_sizes.py fails on any other, so the limits hold.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "mkdocs_claims"
CLASS_LINES = 150
FUNCTION_LINES = 50
# Longer than the limits on purpose: name -> why (the function says so in a comment too).
ALLOWED = {
    "syntax.explain": "one flat table of libyaml's messages, tried in an order that matters: split, the "
                      "order would be spread over several functions",
}


@dataclass(frozen=True)
class Item:
    kind: str  # "class" or "function"
    name: str  # module.Class.method
    lines: int  # from its `def` or `class` line (decorators left out) to its last line

    def over(self) -> bool:
        return self.lines > (CLASS_LINES if self.kind == "class" else FUNCTION_LINES)


def sizes(package: Path = PACKAGE) -> list[Item]:
    """Every class and function of the package's modules, nested ones included, longest first."""
    items = []
    for path in sorted(package.glob("*.py")):
        pending: list[tuple[ast.AST, str]] = [(ast.parse(path.read_text(encoding="utf-8")), path.stem)]
        while pending:
            node, prefix = pending.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                    name = f"{prefix}.{child.name}"
                    kind = "class" if isinstance(child, ast.ClassDef) else "function"
                    items.append(Item(kind, name, (child.end_lineno or child.lineno) - child.lineno + 1))
                    pending.append((child, name))
    return sorted(items, key=lambda item: (-item.lines, item.name))


def main() -> None:
    shown = sizes() if "--all" in sys.argv else [item for item in sizes() if item.lines > 40 or item.over()]
    for item in shown:
        mark = (" (allowed: " + ALLOWED[item.name] + ")" if item.name in ALLOWED else " OVER"
                if item.over() else "")
        print(f"{item.lines:5}  {item.kind:8}  {item.name}{mark}")


if __name__ == "__main__":
    main()
