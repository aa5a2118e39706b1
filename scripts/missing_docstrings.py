"""List public functions and classes of ``src/milia`` that have no docstring.

Run from the repository root::

    .venv/bin/python scripts/missing_docstrings.py [PATH ...] [--count]

A definition is public when its own name and every enclosing class name do
not start with an underscore, it is not nested inside a function, and its
module's name does not start with an underscore (``__init__.py`` counts as
public). Dunder methods (``__init__``, ``__call__``, ...) are left out: the
class docstring documents them. Alembic revision files under
``migrations/versions`` are left out (their ``upgrade``/``downgrade`` are
generated). Prints ``path:line: kind name`` for each missing docstring, then
``missing N of M public definitions``.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path


def _public_module(path: Path) -> bool:
    if "versions" in path.parts and "migrations" in path.parts:
        return False
    name = path.stem
    return name == "__init__" or not name.startswith("_")


def public_definitions(
    tree: ast.Module,
) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, str]]:
    """Yield each public definition of a module with its dotted name.

    Parameters
    ----------
    tree : ast.Module
        The parsed module.

    Yields
    ------
    tuple of (ast node, str)
        A module-level function or class, or a method of a public class, with
        its dotted name (``Class.method``).
    """

    def walk(
        body: list[ast.stmt], prefix: str
    ) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, str]]:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if node.name.startswith("_"):
                    continue
                yield node, prefix + node.name
                if isinstance(node, ast.ClassDef):
                    yield from walk(node.body, f"{prefix}{node.name}.")

    yield from walk(tree.body, "")


def missing(paths: list[Path]) -> tuple[list[str], int]:
    """Return the public definitions without a docstring.

    Parameters
    ----------
    paths : list of Path
        Files or folders to scan (folders recursively, ``*.py`` only).

    Returns
    -------
    lines : list of str
        ``path:line: kind name`` for each definition without a docstring.
    total : int
        The number of public definitions scanned.
    """
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    lines: list[str] = []
    total = 0
    for file in files:
        if not _public_module(file):
            continue
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        for node, name in public_definitions(tree):
            total += 1
            if ast.get_docstring(node) is None:
                kind = "class" if isinstance(node, ast.ClassDef) else "def"
                lines.append(f"{file}:{node.lineno}: {kind} {name}")
    return lines, total


def main(argv: list[str] | None = None) -> int:
    """Print the missing docstrings; exit status 1 when any is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("src/milia")])
    parser.add_argument("--count", action="store_true", help="print only the count line")
    args = parser.parse_args(argv)
    lines, total = missing(args.paths)
    if not args.count:
        print("\n".join(lines))
    print(f"missing {len(lines)} of {total} public definitions")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
