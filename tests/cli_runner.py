"""Run the ``milia`` CLI in-process for tests: exit status, stdout and stderr."""

from __future__ import annotations

import pytest

from milia.cli.main import main


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Call ``milia.cli.main.main(argv)``; return ``(exit status, stdout, stderr)``."""
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def run_interview(
    answers: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, object], str]:
    """``milia interview --format json --max-questions 3`` fed ``answers`` on stdin.

    Returns ``(exit status, the JSON result, stderr)``.
    """
    import io
    import json

    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    code, out, err = run_cli(["interview", "--format", "json", "--max-questions", "3"], capsys)
    return code, json.loads(out), err
