"""CPU time of each statement of chosen functions of the batch path, per case.

``bench/assess_stages.py`` times whole steps; this script looks inside them. Each
function named (``module:function`` or ``module:Class.method``) is recompiled from
its source with a timer between its statements (the top-level ones, and with
``--deep`` those inside ``if``/``else`` blocks too; a ``return`` is timed with its
value), put back where it was found (its module, and every loaded module that
imported it by name), and :func:`milia.engine.jsontext.assess_lines` (``--utf8``:
``assess_lines_utf8``) runs over generated cases in chunks. Printed: each
statement's CPU microseconds per case (``time.thread_time``: this thread's CPU, so
other processes on a busy machine do not count, unlike wall-clock timers), largest
first, with its line in the function and its first words.

The timers cost ~0.1 us each, so statements run per case or per item (inside a
``for`` body, never instrumented) are timed as a whole by their enclosing
statement. Decorators are dropped (``functools.cache`` on a method, for instance)
and the copy has no closure: name only plain functions and methods (no ``super()``).

Run: ``.venv/bin/python bench/assess_statements.py milia.engine.fast:compute_chunk
[milia.engine.jsonbytes:stream_utf8 ...] [--deep] [--utf8] [--n 20000] [--chunk 2000]``
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: before numpy is imported

import argparse  # noqa: E402
import ast  # noqa: E402
import importlib  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from typing import Any  # noqa: E402

_CLOCK = "__statement_clock"
_SPENT = "__statement_spent"
_START = "__statement_start"
_VALUE = "__statement_value"


def _timer(key: str) -> list[ast.stmt]:
    """``spent[key] += clock() - start; start = clock()``."""
    return ast.parse(f"{_SPENT}[{key!r}] += {_CLOCK}() - {_START}\n{_START} = {_CLOCK}()").body


def _restart() -> ast.stmt:
    return ast.parse(f"{_START} = {_CLOCK}()").body[0]


def _timed_body(body: list[ast.stmt], name: str, deep: bool) -> list[ast.stmt]:
    """``body`` with a timer after each statement (``if`` blocks opened when ``deep``)."""
    out: list[ast.stmt] = []
    for statement in body:
        key = f"{name}:{statement.lineno}"
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            out.append(statement)  # a docstring: nothing to time
        elif isinstance(statement, ast.Return) and statement.value is not None:
            out.append(ast.Assign([ast.Name(_VALUE, ast.Store())], statement.value, lineno=0))
            out += _timer(key)
            out.append(ast.Return(ast.Name(_VALUE, ast.Load())))
        elif deep and isinstance(statement, ast.If):
            statement.body = [_restart(), *_timed_body(statement.body, name, deep)]
            if statement.orelse:
                statement.orelse = [_restart(), *_timed_body(statement.orelse, name, deep)]
            out += [statement, _restart()]
        else:
            out += [statement, *_timer(key)]
    return out


def instrument(target: str, spent: dict[str, float], *, deep: bool = False) -> list[str]:
    """Put a statement-timed copy of ``target`` (``module:function`` or
    ``module:Class.method``) in its place; the CPU seconds of each statement add up in
    ``spent`` under ``"function:line"`` (the line within the function's source).

    Returns
    -------
    list of str
        The function's source lines (``spent``'s line numbers index them from 1).
    """
    module_name, qualified = target.split(":")
    owner: Any = importlib.import_module(module_name)
    *outer, name = qualified.split(".")
    for part in outer:
        owner = getattr(owner, part)
    original = inspect.unwrap(getattr(owner, name))
    source = textwrap.dedent(inspect.getsource(original))
    tree = ast.parse(source)
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef), target
    function.decorator_list = []
    function.body = [_restart(), *_timed_body(function.body, name, deep)]
    ast.fix_missing_locations(tree)
    namespace = dict(original.__globals__)
    namespace |= {_CLOCK: time.thread_time, _SPENT: spent}
    exec(compile(tree, f"<timed {target}>", "exec"), namespace)
    timed = namespace[function.name]
    setattr(owner, name, timed)
    if not outer:  # the modules that imported the function by name call it there
        for module in list(sys.modules.values()):
            if getattr(module, name, None) is original:
                setattr(module, name, timed)
    return source.splitlines()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="+", help="module:function or module:Class.method")
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--chunk", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--deep", action="store_true", help="time inside if/else blocks too")
    parser.add_argument("--utf8", action="store_true", help="time assess_lines_utf8")
    parser.add_argument("--top", type=int, default=30, help="statements printed per function")
    args = parser.parse_args()
    spent: dict[str, float] = defaultdict(float)
    sources = {
        t.split(":")[1].split(".")[-1]: instrument(t, spent, deep=args.deep) for t in args.targets
    }
    import milia.engine.jsontext as jsontext
    from milia.engine.sample import random_cases

    entry = jsontext.assess_lines_utf8 if args.utf8 else jsontext.assess_lines
    lines = [json.dumps(case) for case in random_cases(args.n, seed=args.seed)]
    entry(list(enumerate(lines[: args.chunk], start=1)))  # warm
    spent.clear()
    start = time.thread_time()
    for at in range(0, args.n, args.chunk):
        entry(list(enumerate(lines[at : at + args.chunk], start=1)))
    total = time.thread_time() - start
    per_case = 1e6 / args.n
    print(f"{entry.__name__}: {total * per_case:.2f} us/case CPU over {args.n} generated cases")
    for name, source in sources.items():
        mine = {k: v for k, v in spent.items() if k.split(":")[0] == name}
        print(f"{name}: {sum(mine.values()) * per_case:.2f} us/case in its timed statements")
        for key, seconds in sorted(mine.items(), key=lambda kv: -kv[1])[: args.top]:
            line = int(key.split(":")[1])
            words = source[line - 1].strip()[:80]
            print(f"  {seconds * per_case:7.2f}  line {line:3d}  {words}")


if __name__ == "__main__":
    main()
