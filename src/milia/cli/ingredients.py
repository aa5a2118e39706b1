"""``milia ingredients check``: milia risks, helpers and claims in ingredient lists.

One list::

    milia ingredients check "Aqua, Petrolatum, Cetearyl Alcohol" --type eye_cream
    pbpaste | milia ingredients check - --name "Oil-Free Gel" --format json

A whole product file, one JSON object a row (with its row number and name),
with a progress bar on standard error::

    milia ingredients check --csv products.csv --column Ingredients \\
        --name-column Name --type-column Label --out results.jsonl --format jsonl
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from milia.cli.choices import choice_parser
from milia.errors import IngredientParseError

__all__ = ["register"]

ingredients_app = typer.Typer(
    help="Check product ingredient lists for milia risks, helpers and claims.",
    no_args_is_help=True,
)


class CheckFormat(StrEnum):
    """Output format of ``milia ingredients check``."""

    json = "json"
    text = "text"
    jsonl = "jsonl"


_EFFECT_STYLE = {"risk": "bold red", "anomaly": "bold magenta", "benefit": "bold green"}


@ingredients_app.command("check")
def check_command(
    text: Annotated[
        str | None,
        typer.Argument(help="The ingredient list, or '-' to read it from standard input."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Product name: searched for claims; guesses the type."),
    ] = None,
    product_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            help="moisturizer, eye_cream, cleanser, sunscreen, serum, mask, treatment or other "
            "(shop labels such as 'Eye cream' work too).",
        ),
    ] = None,
    leave_on: Annotated[
        bool | None,
        typer.Option(
            "--leave-on/--rinse-off", help="Override the leave-on/rinse-off default of the type."
        ),
    ] = None,
    csv_file: Annotated[
        Path | None, typer.Option("--csv", help="Check every row of this CSV file.")
    ] = None,
    column: Annotated[
        str | None, typer.Option("--column", help="CSV column holding the ingredient list.")
    ] = None,
    name_column: Annotated[
        str | None, typer.Option("--name-column", help="CSV column holding the product name.")
    ] = None,
    type_column: Annotated[
        str | None, typer.Option("--type-column", help="CSV column holding the product type.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write JSONL here instead of standard output.")
    ] = None,
    output_format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json or text (one list; default text); jsonl (--csv; its default).",
            parser=choice_parser(CheckFormat, "--format"),  # QA F12-12
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check one ingredient list (TEXT or '-') or every row of a CSV file (--csv)."""
    if csv_file is not None:
        if text is not None:
            raise IngredientParseError(
                "give either TEXT or --csv, not both", field="text", suggestion="--csv FILE"
            )
        # QA F14-08: an explicit --format text is refused, not silently written as JSONL
        if output_format is not None and output_format is not CheckFormat.jsonl:
            raise IngredientParseError(
                "--csv writes one JSON object a row; use --format jsonl",
                field="format",
                suggestion="jsonl",
            )
        if column is None:
            raise IngredientParseError(
                "--csv needs --column naming the ingredient column", field="column"
            )
        _check_csv(csv_file, column, name_column, type_column, leave_on, out)
        return
    if text is None:
        raise IngredientParseError(
            "give the ingredient list as TEXT, '-' for standard input, or --csv FILE",
            field="text",
        )
    if output_format is CheckFormat.jsonl:
        raise IngredientParseError(
            "jsonl is for --csv batches; use --format json or text",
            field="format",
            suggestion="json",
        )
    if text != "-" and "," not in text and _is_file(text):
        csv_hint = text.lower().endswith((".csv", ".tsv"))
        raise IngredientParseError(
            f"{text!r} is a file name, not an ingredient list",
            field="text",
            suggestion=f"--csv {text} --column COLUMN"
            if csv_hint
            else f"milia ingredients check - < {text}",
        )
    from milia.ingredients.check import check_ingredients
    from milia.ingredients.text import EMPTY_LIST, has_words

    raw: str | bytes = sys.stdin.buffer.read() if text == "-" else text
    words = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    if not has_words(words):  # QA F8-29: as the API refuses it
        raise IngredientParseError(
            EMPTY_LIST,
            field="text",
            suggestion='milia ingredients check "Aqua, Glycerin, Petrolatum"',
        )
    result = check_ingredients(raw, name=name, product_type=product_type, leave_on=leave_on)
    if output_format is CheckFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_text(dict(result), name)


def _check_csv(
    path: Path,
    column: str,
    name_column: str | None,
    type_column: str | None,
    leave_on: bool | None,
    out: Path | None,
) -> None:
    from milia.batch.catalogue import read_product_rows
    from milia.batch.jobs import check_catalogue
    from milia.cli.progress import progress_bar

    def rows() -> Iterator[dict[str, Any]]:
        return read_product_rows(
            path,
            column=column,
            name_column=name_column,
            type_column=type_column,
            leave_on=leave_on,
        )

    try:
        total = sum(1 for _ in rows())
    except (csv.Error, UnicodeDecodeError) as exc:
        raise IngredientParseError(
            f"{path} is not a readable CSV file: {exc}", field="csv"
        ) from exc
    from milia.cli.out_file import open_output

    sink: IO[str] = open_output(out, inputs=[path]) if out is not None else sys.stdout
    failed = 0
    try:
        with progress_bar(total, f"checking {path.name}") as advance:
            for record in check_catalogue(rows(), on_progress=advance):
                failed += "error" in record
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not None:
            sink.close()
    if failed:  # every record is written; the status tells a script, as milia batch does
        typer.echo(f"error: {failed} row(s) could not be checked", err=True)
        raise typer.Exit(2)


def _is_file(text: str) -> bool:
    try:
        return len(text) < 4096 and Path(text).is_file()
    except (OSError, ValueError):  # a name too long or with a NUL byte
        return False


def _print_text(result: dict[str, Any], name: str | None) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console()
    # Flags belong to the entry at their ``position`` (two entries may share a name;
    # a flag raised by prose around the list has none and is shown after the list).
    by_position: dict[int | None, list[dict[str, Any]]] = {}
    for flag in result["flags"]:
        by_position.setdefault(flag.get("position"), []).append(flag)
    summary = result["summary"]
    level, style = _shown_risk(summary, entries=len(result["ingredients"]))
    title = f"{name}: " if name else ""
    console.print(Text(f"{title}milia risk from this list: {level}", style=style))
    for line in summary["why"]:
        console.print(f"  - {line}")
    # the label's claims in the summary, before the list (QA F10-13)
    for claim in result["claims"]:
        ok = "consistent" if claim["consistent"] else "inconsistent"
        cites = claim.get("sources") or []
        console.print(
            Text(f"claim {claim['claim'].replace('_', '-')}: {ok} with the list. ", style="bold")
            + Text(claim["why"])
            + (Text(f" [{_short_cites(cites)}]", style="dim") if cites else Text(""))
        )
    console.print()
    for entry in result["ingredients"]:
        flags = by_position.get(entry["position"], [])
        # A weight-0 flag (fatty alcohols) corrects a false alarm: a note, never a colour.
        shown = [f for f in flags if f["weight"] > 0 or f["effect"] == "anomaly"]
        line = Text(f"{entry['position']:3d}. ")
        colour = (
            _EFFECT_STYLE[shown[0]["effect"]] if shown else ("" if entry["recognized"] else "dim")
        )
        line.append(entry["text"], style=colour)
        if entry["inci"] and entry["inci"].lower() != entry["text"].lower():
            line.append(f"  -> {entry['inci']}", style="cyan")
        match = entry.get("match") or {}
        if match.get("method") == "fuzzy":
            verdict = "accepted" if entry["recognized"] else "not accepted"
            if match.get("partial"):
                verdict = "partial guess at a cut-off name, raises no flag"
            line.append(
                f"  (fuzzy {match['score']}, {verdict}: {match.get('candidate')})", style="yellow"
            )
        elif match.get("method") == "completion":
            line.append("  (completed from a shortened name)", style="yellow")
        elif match.get("method") == "ambiguous":
            line.append(_ambiguous_note(match), style="yellow")
        elif not entry["recognized"]:
            line.append("  (not recognised)", style="dim")
        if entry["percent"] is not None:
            line.append(f"  {entry['percent']}%")
        elif entry.get("percent_below") is not None:  # an upper bound: "<1%", never "1%"
            line.append(f"  <{entry['percent_below']}%")
        if entry["may_contain"]:
            line.append("  [may contain]", style="dim")
        console.print(line)
        for flag in flags:
            console.print(_flag_line(flag))
    loose = by_position.get(None, [])
    if loose:
        console.print(Text("  Named in text around the list (not an item of it):", style="bold"))
        for flag in loose:
            console.print(Text(f"       {flag['inci']}: ") + _flag_line(flag))
    for issue in result["issues"]:
        console.print(Text(f"note: {issue['message']}", style="yellow"))
    cited = [s for flag in result["flags"] for s in flag["sources"]]
    cited += [s for c in result["claims"] for s in c.get("sources") or []]
    _print_sources(console, cited + list(result["summary"].get("sources") or []))
    console.print(Text(f"knowledge {result['knowledge_version']}", style="dim"))


def _print_sources(console: Any, ids: list[str]) -> None:
    """The sources the flags cite, once each: short citation, full label and where to read it."""
    from rich.text import Text

    from milia.api.citations import citations

    if not ids:
        return
    console.print(Text("sources:", style="dim"))
    for c in citations(ids):
        where = f" {c['href']}" if c["href"] else ""
        line = Text(f"  {c['short']}: {c['label']}.{where}", style="dim")
        console.print(line, soft_wrap=True)  # a URL is never broken over lines


#: Colour of each risk level in the text output; an unknown risk is never green.
_RISK_STYLE = {"low": "green", "moderate": "yellow", "high": "bold red"}
#: Shown instead of the contract's "low" when nothing could be read (``risk_known`` false).
UNKNOWN_RISK = "unknown (nothing read)"


def _shown_risk(summary: dict[str, Any], *, entries: int | None = None) -> tuple[str, str]:
    """The risk level as shown and its colour: "unknown (nothing read)" when not known.

    The contract's ``milia_risk`` has no "unknown" level, so a list with nothing read
    carries "low" and ``risk_known`` false; showing that "low" in green would read as
    a finding of low risk. A list mostly not read (``incomplete``, QA F12-05) shows its
    level with "(incomplete: X of N not read)", never in green; ``entries`` is N; one
    cut or spilt otherwise, "(incomplete: part of the list not checked)".
    """
    if not summary.get("risk_known", True):
        return UNKNOWN_RISK, "bold"
    level = str(summary["milia_risk"])
    if summary.get("incomplete"):
        unread = int(summary.get("unrecognized") or 0)
        if entries and 2 * unread > entries:
            return f"{level} (incomplete: {unread} of {entries} not read)", "bold"
        return f"{level} (incomplete: part of the list not checked)", "bold"
    return level, _RISK_STYLE[level]


#: Candidates shown for an ambiguous name (the total is always given).
SHOWN_CANDIDATES = 3


def _ambiguous_note(match: dict[str, Any]) -> str:
    """ "(ambiguous: 17 CosIng names fit, e.g. A, B, C, ...; none picked)"."""
    candidates = list(match.get("candidates") or [])
    total = int(match.get("candidates_total") or len(candidates))
    shown = ", ".join(candidates[:SHOWN_CANDIDATES])
    more = ", ..." if total > SHOWN_CANDIDATES else ""
    return f"  (ambiguous: {total} CosIng names fit, e.g. {shown}{more}; none picked)"


def _flag_line(flag: dict[str, Any]) -> Any:
    """One flag as rich text: its label (``shown_as``), category, weight, evidence, sources."""
    from rich.text import Text

    label = flag.get("shown_as") or (
        "note" if flag["weight"] == 0 and flag["effect"] != "anomaly" else flag["effect"]
    )
    return Text(
        f"       {label} / {flag['category']} (weight {flag['weight']}): ",
        style=_EFFECT_STYLE.get(label, "dim"),
    ) + Text(f"{flag['evidence']} [{_short_cites(flag['sources'])}]", style="dim")


def _short_cites(ids: list[str]) -> str:
    """Sources by short citation ("Fulton 1989; Arch Dermatol 1986"), never by bare id."""
    from milia.api.citations import citations

    return "; ".join(c["short"] for c in citations(ids))


def register(app: typer.Typer) -> None:
    """Add ``milia ingredients`` to the root milia app."""
    app.add_typer(ingredients_app, name="ingredients")
