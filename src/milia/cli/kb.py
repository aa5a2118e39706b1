"""``milia kb``: browse and check the cited knowledge base.

``milia kb list [--kind K]``, ``milia kb show ID`` (with its sources spelled
out) and ``milia kb validate`` (exit 1 with the problem list when invalid).
Each takes ``--format json|text``.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from milia.cli.choices import choice_parser
from milia.errors import ConfigError, KnowledgeBaseError

__all__ = ["register"]

kb_app = typer.Typer(
    help="Browse and check the cited knowledge base (conditions, milia types, claims, "
    "treatments, sources, warning signs and advice items).",
    no_args_is_help=True,
)


class OutputFormat(StrEnum):
    """Output format of a reporting command."""

    json = "json"
    text = "text"


class Kind(StrEnum):
    """Record collections of the knowledge base."""

    conditions = "conditions"
    types = "types"
    claims = "claims"
    treatments = "treatments"
    sources = "sources"
    red_flags = "red_flags"
    advice = "advice"


#: the rule files' kinds (milia.kb.rule_records), beside the typed records'
_RULE_KINDS = ("red_flags", "advice")


FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="json or text",
                 parser=choice_parser(OutputFormat, "--format")),  # QA F12-12
]  # fmt: skip


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _summary(kind: str, record: Any) -> str:
    if kind == "sources":
        return str(record.label())
    if kind == "claims":
        return f"[{record.verdict}] {record.statement}"
    if kind in _RULE_KINDS:
        text = str(record["text"])
        short = text if len(text) <= 90 else text[:87].rsplit(" ", 1)[0] + " ..."
        return f"[{record['level']}] {short}" if "level" in record else short
    return str(record.name)


@kb_app.command("list")
def list_records(
    which: Annotated[
        Kind | None,
        typer.Argument(
            help="only this collection (as --kind)",
            parser=choice_parser(Kind, "--kind"),
            show_default=False,
        ),  # QA F13-08: `milia kb list conditions`, the natural form
    ] = None,
    kind: Annotated[
        Kind | None,
        typer.Option(
            "--kind", "-k", help="only this collection", parser=choice_parser(Kind, "--kind")
        ),  # QA F12-12
    ] = None,
    output: FormatOption = OutputFormat.text,
) -> None:
    """List record ids, optionally of one kind (`milia kb list conditions`, or --kind)."""
    from milia.kb.loader import load_knowledge
    from milia.kb.rule_records import rule_records

    if which is not None and kind is not None and which is not kind:
        raise ConfigError(
            f"two collections given ({which.value!r} and --kind {kind.value!r}); give one",
            field="kind",
        )
    kind = kind or which
    kb = load_knowledge()
    chosen = [kind.value] if kind else [k.value for k in Kind]
    collections: dict[str, Any] = {str(k): v for k, v in kb.kinds().items()}
    for name in _RULE_KINDS:
        if name in chosen:
            collections[name] = rule_records(name)  # type: ignore[arg-type]
    rows = [
        {"id": record_id, "kind": name, "summary": _summary(name, record)}
        for name in chosen
        for record_id, record in collections[name].items()
    ]
    if output is OutputFormat.json:
        _echo_json({"knowledge_version": kb.version, "count": len(rows), "records": rows})
        return
    current = None
    for row in rows:
        if row["kind"] != current:
            current = row["kind"]
            count = sum(1 for r in rows if r["kind"] == current)
            typer.echo(f"{current} ({count})")
        typer.echo(f"  {row['id']:<40} {row['summary']}")
    typer.echo(f"knowledge version {kb.version}")


def _render(value: Any, indent: str) -> list[str]:
    """Render a record's field value as indented text lines."""
    if isinstance(value, dict) and "text" in value and "sources" in value:
        cites = ", ".join(value["sources"])
        return [f"{indent}{value['text']}  [{cites}; {value.get('evidence', '')}]"]
    if isinstance(value, dict) and "name" in value and "sources" in value:
        # a trigger or syndrome: one line with its case-format link and citations
        extras = [value[k] for k in ("features", "case_finding", "note") if value.get(k)]
        detail = f" ({'; '.join(extras)})" if extras else ""
        cites = ", ".join(value["sources"])
        return [f"{indent}{value['name']}{detail}  [{cites}; {value.get('evidence', '')}]"]
    if isinstance(value, dict):
        lines: list[str] = []
        for key, sub in value.items():
            if sub in (None, "", [], {}):
                continue
            if isinstance(sub, dict | list):
                lines.append(f"{indent}{key}:")
                lines.extend(_render(sub, indent + "  "))
            else:
                lines.append(f"{indent}{key}: {_word(sub)}")
        return lines
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return [f"{indent}{', '.join(_word(v) for v in value)}"]
        lines = []
        for item in value:
            rendered = _render(item, indent + "  ")
            if rendered:
                rendered[0] = f"{indent}- {rendered[0].lstrip()}"
            lines.extend(rendered)
        return lines
    return [f"{indent}{_word(value)}"]


def _word(value: Any) -> str:
    """A field value as text: booleans in words ("at home: no", QA F15B-01), the rest
    as they are."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _rule_record(record_id: str) -> dict[str, Any] | None:
    """A warning sign or advice item by id, else None (ids are unique across both files)."""
    from milia.kb.rule_records import rule_records

    for name in _RULE_KINDS:
        found = rule_records(name).get(record_id)  # type: ignore[arg-type]
        if found is not None:
            return found
    return None


def _with_rule_ids(err: KnowledgeBaseError, record_id: str, kb: Any) -> KnowledgeBaseError:
    """The unknown-id error, its suggestion the closest id of the records and of the rules."""
    from milia.kb.knowledge import closest_id
    from milia.kb.rule_records import rule_records

    if not isinstance(record_id, str) or len(record_id) > 100:
        return err
    ids = [i for name in _RULE_KINDS for i in rule_records(name)]  # type: ignore[arg-type]
    ids += [i for records in kb.kinds().values() for i in records]
    return KnowledgeBaseError(err.message, field="id", suggestion=closest_id(record_id, ids))


def _show_rule(rule: dict[str, Any], kb: Any, *, output: OutputFormat = OutputFormat.text) -> None:
    rule = {**rule, "citations": kb.cite(rule["sources"]), "knowledge_version": kb.version}
    if output is OutputFormat.json:
        _echo_json(rule)
        return
    level = f"  level: {rule['level']}" if "level" in rule else ""
    typer.echo(f"{rule['id']}  ({rule['kind']}){level}")
    typer.echo(f"  says: {rule['text']}")
    if rule.get("only_when_likely"):
        typer.echo(f"  shown only when likely: {', '.join(rule['only_when_likely'])}")
    typer.echo("  applies when:")
    for line in rule["when_words"]:
        typer.echo(f"    {line}")
    if rule.get("evidence"):
        typer.echo(f"  evidence: {rule['evidence']}")
    typer.echo("sources:")
    for cite in rule["citations"]:
        link = cite.get("url") or ""
        typer.echo(f"  [{cite['id']}] {cite['label']} ({cite['evidence']}) {link}".rstrip())
    typer.echo(f"knowledge version {kb.version}")


@kb_app.command("show")
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="any record id, e.g. milia")],
    output: FormatOption = OutputFormat.text,
) -> None:
    """Show one record with its sources spelled out."""
    from milia.kb.loader import load_knowledge

    kb = load_knowledge()
    rule = _rule_record(record_id)
    if rule is not None:
        _show_rule(rule, kb, output=output)
        return
    try:
        data = kb.record_dict(record_id)  # unknown id: KnowledgeBaseError -> exit 2 with a hint
    except KnowledgeBaseError as err:
        raise _with_rule_ids(err, record_id, kb) from None
    data["knowledge_version"] = kb.version
    if output is OutputFormat.json:
        _echo_json(data)
        return
    citations = data.pop("citations", [])
    kind = data.pop("kind")
    data.pop("knowledge_version")
    title = data.get("name") or data.get("title") or data.get("statement") or ""
    typer.echo(f"{data.pop('id')}  ({kind})  {title}")
    evidence = data.pop("evidence", None)
    data.pop("sources", None)  # spelled out below
    for key, value in data.items():
        if value in (None, "", [], {}) or key in ("name", "title"):
            continue
        if isinstance(value, dict | list):
            typer.echo(f"  {key.replace('_', ' ')}:")
            for line in _render(value, "    "):
                typer.echo(line)
        else:
            typer.echo(f"  {key.replace('_', ' ')}: {_word(value)}")
    if evidence:
        typer.echo(f"  evidence: {evidence}")
    if citations:
        typer.echo("sources:")
        for cite in citations:
            link = cite.get("url") or ""
            typer.echo(f"  [{cite['id']}] {cite['label']} ({cite['evidence']}) {link}".rstrip())
    typer.echo(f"knowledge version {kb.version}")


@kb_app.command("validate")
def validate(
    output: FormatOption = OutputFormat.text,
    root: Annotated[
        Path | None,
        typer.Option("--root", help="validate this directory instead of the packaged kb/data"),
    ] = None,
) -> None:
    """Check every data file; exit 1 with the problems if any error is found."""
    from milia.kb.loader import knowledge_version
    from milia.kb.validate import validate_knowledge

    problems = validate_knowledge(root=root)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if output is OutputFormat.json:
        _echo_json(
            {
                "valid": not errors,
                "errors": len(errors),
                "warnings": len(warnings),
                "problems": [p.to_dict() for p in problems],
                "knowledge_version": knowledge_version() if root is None else None,
            }
        )
    else:
        for problem in problems:
            typer.echo(str(problem))
        verdict = "valid" if not errors else "INVALID"
        typer.echo(f"knowledge base {verdict}: {len(errors)} error(s), {len(warnings)} warning(s)")
    if errors:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``milia kb`` to the root app."""
    app.add_typer(kb_app, name="kb")
