"""``milia assess FILE`` and ``milia interview`` (registered by :mod:`milia.cli.main`).

``milia assess`` reads one JSON case (``.json``) or a JSON-lines file of cases
(``{"id": ..., "case": {...}}`` or bare cases, one a line; ``-`` reads standard
input) and prints the assessment. A single bad case exits with status 2 and a
message naming the field; in a JSON-lines file a bad line becomes an error
object for that line and the command exits with status 2 at the end.

``milia interview`` (:mod:`milia.cli.interview`) is registered here too.
"""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from milia.cli.choices import choice_parser
from milia.engine.json_input import unwrap_case
from milia.engine.presentation import (
    outside_listed,
    percent_shown,
    ranking_note,
    triage_reasons,
    warning_signs,
)
from milia.engine.type_fit import type_sentence
from milia.errors import CaseError

__all__ = ["register", "render_text"]


class OutputFormat(StrEnum):
    """Output format of a reporting command."""

    json = "json"
    text = "text"


FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="json or text",
                 parser=choice_parser(OutputFormat, "--format")),  # QA F12-12
]  # fmt: skip

_LEVEL_WORDS = {
    "self_care": "SELF-CARE: watch, wait and be gentle with the skin",
    "routine": "ROUTINE: see a doctor or dermatologist when convenient",
    "soon": "SOON: see a doctor within days to a couple of weeks",
    "urgent": "URGENT: see a doctor today",
}


def render_text(result: dict[str, Any]) -> str:
    """The assessment in plain words: red flags first (most urgent first), then triage, then the rest.

    Flags and triage reasons are ordered and worded as the web result page shows
    them (:mod:`milia.engine.presentation`). Sources are cited by a short citation
    ("Berk & Bayliss 2008", :mod:`milia.api.citations`), listed at the end with where
    to read them; the bibliography ids stay in the JSON output only.
    """
    from milia.api.citations import citations

    cited: dict[str, dict[str, str]] = {}

    def _cite(sources: list[str]) -> str:
        if not sources:
            return ""
        shown = citations(sources)
        for c in shown:
            cited.setdefault(c["id"], c)
        return f" [{'; '.join(c['short'] for c in shown)}]"

    lines: list[str] = []
    if result["red_flags"]:
        lines.append("RED FLAGS")
        for flag in warning_signs(result):
            strength = f" ({flag['evidence']})" if flag.get("evidence") else ""  # QA F6-19
            lines.append(f"  ! {flag['message']}{_cite(flag['sources'])}{strength}")
        lines.append("")
    triage = result["triage"]
    lines.append(f"What to do: {_LEVEL_WORDS[triage['level']]}")
    for reason in triage_reasons(result):
        lines.append(f"  - {reason.get('text', '')}{_cite(reason.get('sources') or [])}")
    lines.append("")
    note = ranking_note(result)
    if note is not None:  # QA F14B-04: a warning sign comes before the ranking
        lines.append(note)
    outside = outside_listed(result)
    if outside is not None:  # QA F9-C11: say what the small shares below leave out
        lines.append(
            "None of the conditions this tool knows fits the description well: about "
            f"{outside:.0%} of its estimate lies outside them. The closest are:"
        )
    else:
        lines.append("Most consistent with:")
    if not result["differential"]:
        lines.append("  (cannot be told: the bumps were not described)")
    for item in result["differential"][:5]:
        if item["probability"] < 0.01 and item is not result["differential"][0]:
            break
        lines.append(f"  {percent_shown(item['probability']):>6}  {item['name']}")
        for why in item["why"][:3]:
            lines.append(f"           {why['text']}")
    # a fit only when strong, the closest kind when weak, nothing when milia is
    # unlikely (QA F10-03: "fits milia en plaque" for a picture with milia at 0 %)
    kind_line = type_sentence(result)
    if kind_line is not None:
        lines.append("")
        lines.append(kind_line)
    if result["advice"]:
        lines.append("")
        lines.append("Advice:")
        for item in result["advice"]:
            lines.append(f"  - {item['text']}{_cite(item['sources'])} ({item['evidence']})")
    if result["next_questions"]:
        lines.append("")
        lines.append("Questions that would sharpen this:")
        for q in result["next_questions"][:3]:
            lines.append(f"  ? {q['question']}")
    if cited:
        lines.append("")
        lines.append("Sources:")
        for c in cited.values():
            where = f" {c['href']}" if c["href"] else ""
            lines.append(f"  {c['short']}: {c['label']}.{where}")
    lines.append("")
    lines.append(result["disclaimer"])
    lines.append(f"knowledge version {result['knowledge_version']}")
    return "\n".join(lines)


def _render(result: dict[str, Any], fmt: OutputFormat, *, compact: bool) -> str:
    """One result as printed (no final newline)."""
    if fmt is OutputFormat.text:
        header = _header(result)
        if "differential" in result:
            return header + render_text(result) + ("\n" if header else "")
        return (
            header
            + f"error: {result['detail']}"
            + (f" (field: {result['field']})" if result.get("field") else "")
            + _offer(result["detail"], result.get("suggestion"))
            + ("\n" if header else "")  # a blank line before the next block, as above
        )
    return json.dumps(result, ensure_ascii=False, indent=None if compact else 2)


def _header(result: dict[str, Any]) -> str:
    """The header of one result in the text output: every line of a JSON-lines file gets
    one, a bare case's too (QA F11-03: it read as part of the block above); an id that is
    not a string or a number is shown as JSON, not as Python writes it."""
    case_id, line = result.get("id"), result.get("line")
    if case_id is None:
        return f"== line {line} ==\n" if line is not None else ""
    if not isinstance(case_id, (str, int, float)) or isinstance(case_id, bool):
        case_id = json.dumps(case_id, ensure_ascii=False)
    return f"== case {case_id} (line {line if line is not None else '-'}) ==\n"


def _offer(detail: str, suggestion: str | None) -> str:
    """A refused line's suggestion as the text output shows it: "Did you mean '6'?" for
    what the line says ("six"); nothing more where the message already gives the closest
    valid value (an out-of-range number: 130 is not "meant" as 120, QA F10-15)."""
    if not suggestion or "closest valid value" in detail or "did you mean" in detail.lower():
        return ""
    return f" Did you mean {suggestion!r}?"


def _emit(result: dict[str, Any], fmt: OutputFormat, *, compact: bool) -> None:
    typer.echo(_render(result, fmt, compact=compact))


def _write_lines(texts: list[str]) -> None:
    """``texts`` as UTF-8 lines (:func:`_write_utf8`); a lone surrogate as its escape."""
    _write_utf8([text.encode("utf-8", "backslashreplace") for text in texts])


def _write_utf8(lines: list[bytes]) -> None:
    """Write UTF-8 ``lines`` to standard output, a newline after each; flush once.

    The bytes ``typer.echo`` writes line by line to a UTF-8 stdout (JSON is
    UTF-8 whatever the locale), without its per-line stream lookup, ANSI scan
    and flush (~20 us a line of 21 kB).
    """
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # a text-only stream (embedding, some test runners)
        for data in lines:
            out.write(data.decode("utf-8") + "\n")
        out.flush()
        return
    out.flush()  # anything already written through the text layer comes first
    write = buffer.write
    for data in lines:
        write(data)
        write(b"\n")
    buffer.flush()


def _read(file: str) -> str:
    if file == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # a text stream (tests, embedding)
            return str(sys.stdin.read()).removeprefix("\ufeff")
        data: bytes = buffer.read()
    else:
        path = Path(file)
        if path.is_dir():
            raise CaseError(
                f"{file!r} is a folder; give a .json or .jsonl file, or - for stdin",
                field="FILE",
            )
        if not path.is_file():
            what = "not a regular file" if path.exists() else "no such file"
            raise CaseError(
                f"{what} {file!r}; give a .json or .jsonl file, or - for stdin",
                field="FILE",
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CaseError(f"cannot read {file!r} ({exc.strerror})", field="FILE") from None
    try:
        # utf-8-sig: a byte-order mark (Windows Notepad) is not part of the JSON
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # JSON lines: only the lines holding the bad bytes fail (QA F9-C09); one case:
        # refused whole by assess_command (_refuse_not_utf8)
        return data.decode("utf-8-sig", errors="surrogateescape")


def _refuse_not_utf8(file: str, text: str) -> None:
    """Refuse one case (not JSON lines) whose file holds bytes that are not UTF-8."""
    bad = _NOT_UTF8.search(text)
    if bad is not None:
        at = len(text[: bad.start()].encode("utf-8", "surrogateescape"))
        raise CaseError(
            f"cannot read {file!r} as UTF-8 text (invalid byte at byte {at}); "
            "save it as UTF-8 JSON",
            field="FILE",
        )


_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (surrogateescape)


def _not_utf8_record(number: int, line: str) -> bytes | None:
    """The error record of a JSON line holding bytes that are not UTF-8, else None."""
    bad = _NOT_UTF8.search(line)
    if bad is None:
        return None
    column = len(line[: bad.start()].encode("utf-8", "surrogateescape")) + 1
    err = CaseError(
        f"line {number} is not UTF-8 text (invalid byte at column {column}); "
        "save the file as UTF-8 JSON"
    )
    record = {"id": None, "line": number, **err.to_dict()}
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def _loads(text: str, where: str, *, field: str | None = "FILE") -> Any:
    from milia.engine.json_input import parse_case_json

    return parse_case_json(text, where=where, field=field)


def _is_jsonl(file: str, text: str) -> bool:
    if file.endswith(".jsonl"):
        return True
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.msg == "Extra data"
    except (ValueError, RecursionError):
        return False  # reported when the case is read
    return False


def assess_command(
    file: Annotated[str, typer.Argument(help="A .json case, a .jsonl file of cases, or - (stdin)")],
    fmt: FormatOption = OutputFormat.json,
) -> None:
    """Assess a case (or a JSON-lines file of cases): differential, triage, advice."""
    from milia.engine.assess import assess

    text = _read(file)
    if not text.strip():  # QA F12-12: was "- is not valid JSON (Expecting value: ...)"
        where = "standard input" if file == "-" else repr(file)
        raise CaseError(
            f"{where} is empty (it holds no case); give a case as JSON, e.g. "
            '{"age_years": 30, "color": "white", "sites": ["eyelids"]}',
            field="FILE",
        )
    if not _is_jsonl(file, text):
        _refuse_not_utf8(file, text)
        single_id, case = unwrap_case(_loads(text, file))
        result = assess(case)
        _emit({"id": single_id, **result} if single_id is not None else result, fmt, compact=False)
        return
    failed = 0
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:  # QA F9-C12: an empty CASES.jsonl printed nothing and exited 0
        raise CaseError(f"{file!r} holds no case (every line is blank)", field="FILE")
    if _NOT_UTF8.search(text):
        failed += _assess_lines_not_all_utf8(lines, fmt)
    else:
        failed += _assess_run(lines, fmt)
    if failed:
        sys.stderr.write(f"error: {failed} line(s) could not be assessed\n")
        raise typer.Exit(2)


# lines assessed together by the vectorised path: each chunk costs ~9 ms fixed (rule
# sets, tables), so 2,048 pays ~4.5 us a case against ~8.8 at 1,024 (engine-speed,
# session 9: 100.5 -> 91.5 us a case); the output is the same
_CHUNK = 2048


def _assess_run(lines: list[tuple[int, str]], fmt: OutputFormat) -> int:
    """Assess and write numbered JSON lines in chunks, in order; how many failed."""
    failed = 0
    for start in range(0, len(lines), _CHUNK):
        if fmt is OutputFormat.json:  # written straight to UTF-8 JSON by the engine
            from milia.engine.jsontext import assess_lines_utf8

            written = assess_lines_utf8(lines[start : start + _CHUNK])
            failed += sum(line_failed for _, line_failed in written)
            _write_utf8([data for data, _ in written])
        else:
            chunk: list[str] = []
            for out in _assess_lines(lines[start : start + _CHUNK]):
                failed += "error" in out
                chunk.append(_render(out, fmt, compact=True))
            _write_lines(chunk)
    return failed


def _assess_lines_not_all_utf8(lines: list[tuple[int, str]], fmt: OutputFormat) -> int:
    """Assess a JSON-lines file some of whose lines are not UTF-8, in order; failures.

    Each such line becomes an error record and the others are assessed as usual
    (QA F9-C09: one Latin-1 byte refused the whole file).
    """
    failed, run = 0, []
    for number, line in lines:
        bad = _not_utf8_record(number, line)
        if bad is None:
            run.append((number, line))
            continue
        failed += _assess_run(run, fmt) + 1
        run = []
        if fmt is OutputFormat.json:
            _write_utf8([bad])
        else:
            _write_lines([_render(json.loads(bad), fmt, compact=True)])
    return failed + _assess_run(run, fmt)


def _assess_lines(lines: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """Output records for numbered JSON lines, in order; valid cases are assessed together."""
    from milia.engine.batch import assess_batch
    from milia.engine.case import validate_case

    records: list[dict[str, Any]] = []
    valid: list[tuple[int, dict[str, Any]]] = []  # (index in records, clean case)
    for number, line in lines:
        case_id: Any = None
        try:
            obj = _loads(line, "the line", field=None)
            if isinstance(obj, dict):
                case_id = obj.get("id")  # carried into the error record too
            case_id, case = unwrap_case(obj)
            valid.append((len(records), validate_case(case)))
            records.append({"id": case_id, "line": number})
        except CaseError as err:
            records.append(
                {
                    "id": case_id,
                    "line": number,
                    **err.to_dict(),
                    "detail": f"line {number}: {err.message}",
                }
            )
    results = assess_batch([case for _, case in valid])
    for (index, _), result in zip(valid, results, strict=True):
        records[index].update(result)
    return records


def register(app: typer.Typer) -> None:
    """Add ``assess`` and ``interview`` to the root milia app."""
    from milia.cli.interview import interview_command

    app.command("assess")(assess_command)
    app.command("interview")(interview_command)
