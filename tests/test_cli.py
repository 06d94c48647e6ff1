"""Tests for the command line: exit codes, listed problems, never a traceback."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import casefile
from casefile.cli import COMMANDS, Context, _parser, main
from casefile.schema import load_schema, schema_text


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "casefile.cli", *args], capture_output=True, text=True, check=False
    )


def test_validate_valid_file_exits_zero(small: casefile.Casefile, tmp_path: Path) -> None:
    """A valid casefile: exit 0 and 'valid'."""
    path = tmp_path / "case.json"
    casefile.dump(small, path)
    result = run("validate", str(path))
    assert (0, f"{path}: valid\n") == (result.returncode, result.stdout)


def test_validate_lists_every_problem_and_exits_one(
    small: casefile.Casefile, tmp_path: Path
) -> None:
    """An invalid casefile: exit 1, each problem on its own line with pointer and code."""
    data = json.loads(casefile.dumps(small))
    data["findings"][0]["investigation"] = "nowhere"
    data["attributions"][0]["speaker"] = "nobody"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data))
    result = run("validate", str(path))
    assert 1 == result.returncode
    assert "2 problems" in result.stdout
    assert "/findings/0/investigation: no investigation has id 'nowhere'" in result.stdout
    assert "[dangling-reference]" in result.stdout


def test_validate_json_format_for_tools(small: casefile.Casefile, tmp_path: Path) -> None:
    """--format json prints one object per file with its problems."""
    good = tmp_path / "good.json"
    casefile.dump(small, good)
    bad = tmp_path / "bad.json"
    bad.write_text('{"a": 1,}')
    result = run("validate", "--format", "json", str(good), str(bad))
    assert 1 == result.returncode
    payload = json.loads(result.stdout)
    assert [True, False] == [entry["valid"] for entry in payload]
    assert {"pointer": "", "code": "invalid-json", "line": 1, "column": 9} == {
        k: v for k, v in payload[1]["problems"][0].items() if k != "message"
    }


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (None, "unreadable"),
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff", "invalid-utf8"),
        (b'{"id": "x", "id": "y"}', "duplicate-key"),
        (b'{"schema_version": "1.0", "id": 5, "title": "t"}', "wrong-type"),
        (b'{"schema_version": "9.0", "id": "x", "title": "t"}', "unsupported-version"),
        (b"[1, 2", "invalid-json"),
    ],
)
def test_bad_input_gets_a_message_not_a_traceback(
    tmp_path: Path, content: bytes | None, code: str
) -> None:
    """Missing, empty, binary, duplicate-key, mistyped, too-new and malformed files: exit 1."""
    path = tmp_path / "input.json"
    if content is not None:
        path.write_bytes(content)
    result = run("validate", str(path))
    assert 1 == result.returncode
    assert f"[{code}]" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_a_folder(tmp_path: Path) -> None:
    """A folder given as a file is reported, not a crash."""
    result = run("validate", str(tmp_path))
    assert (1, True) == (result.returncode, "[unreadable]" in result.stdout)


def test_schema_prints_the_shipped_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """`casefile schema` prints the committed schema exactly."""
    assert 0 == main(["schema"])
    assert schema_text(load_schema()) == capsys.readouterr().out


def test_unknown_command_is_a_usage_error() -> None:
    """A wrong command exits 2 with usage, no traceback."""
    result = run("frobnicate")
    assert 2 == result.returncode
    assert "usage:" in result.stderr and "Traceback" not in result.stderr


def test_build_reports_a_missing_quote_with_the_closest_text(
    tmp_path: Path, small_documents: Path
) -> None:
    """A quote not in its document stops the build, naming it and the closest text."""
    extraction = (
        (small_documents / "extraction.yaml")
        .read_text()
        .replace('"the force failed"', '"the force  failed"')
    )
    path = tmp_path / "extraction.yaml"
    path.write_text(extraction)
    result = run("build", str(path), "--documents", str(small_documents))
    assert 1 == result.returncode
    assert "/attributions/0/quote/exact" in result.stderr
    assert "'the force  failed'" in result.stderr
    assert "differs only by white space" in result.stderr
    assert "closest text found: 'the force failed" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- query commands


def test_conflicts_on_the_reference_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    """`casefile conflicts` reads the reference casefile and aligns its columns."""
    assert 0 == main(["conflicts"])
    lines = capsys.readouterr().out.splitlines()
    assert 4 == len(lines)
    assert lines[3].startswith("op-linden ") and "93 strands (src-gbnews)" in lines[3]
    starts = {
        line.index(prop)
        for line, prop in zip(
            lines, ["period_examined", "milestones:", "date", "figure:"], strict=True
        )
    }
    assert 1 == len(starts)  # the second column starts at the same place on every line


def test_query_json_output_is_the_result_objects(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints an array of result objects in the documented shape."""
    assert 0 == main(["conflicts", "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert {"subject", "property", "left", "right"} == set(payload[0])
    assert {"item", "value", "attributions", "sources"} == set(payload[0]["left"])


def test_evidence_json_includes_the_independent_count(capsys: pytest.CaptureFixture[str]) -> None:
    """The evidence object carries lines and the independent count."""
    assert 0 == main(["evidence", "fig.linden.strands-93", "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert (1, ["src-gbnews"]) == (payload["independent"], payload["sources"])


def test_timeline_filters_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """--from, --to and --kind filter the timeline."""
    assert 0 == main(["timeline", "--from", "2025", "--kind", "source"])
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("2025") and " source " in line for line in lines)


@pytest.mark.parametrize("command", ["evidence", "show"])
def test_unknown_id_suggests_and_exits_one(command: str) -> None:
    """A misspelt id: exit 1, a message with close matches, no traceback."""
    result = run(command, "op-lindn")
    assert 1 == result.returncode
    assert "did you mean 'op-linden'" in result.stderr and "Traceback" not in result.stderr


def test_said_search_findings_outcomes_disputes_run(capsys: pytest.CaptureFixture[str]) -> None:
    """Each query command answers on the reference casefile."""
    assert 0 == main(["said", "--speaker", "sarah-champion"])
    assert "sarah-champion" in capsys.readouterr().out
    assert 0 == main(["search", "systemic organisational"])
    assert "amazon.systemic-failure" in capsys.readouterr().out
    assert 0 == main(["findings", "--of", "op-linden"])
    assert "amazon.systemic-failure" in capsys.readouterr().out
    assert 0 == main(["outcomes", "--of", "complaint-2017"])
    assert "out.complaint-upheld" in capsys.readouterr().out
    assert 0 == main(["disputes"])
    assert "at-gb-syp-disagreed-2021" in capsys.readouterr().out


def test_bad_date_option_is_a_usage_error() -> None:
    """A malformed --from date exits 2 with usage and the reason, not a traceback."""
    result = run("timeline", "--from", "last week")
    assert 2 == result.returncode and "is not a date" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- the command table


def test_parser_is_built_from_the_command_table() -> None:
    """The parser is the table: each command in order, with its handler and its arguments.

    A command takes its own arguments, then FILE, --documents and --max-bytes if it reads a
    casefile, then --format if it prints JSON.
    """
    subparsers = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert [c.name for c in COMMANDS] == list(subparsers.choices)
    for command in COMMANDS:
        sub = subparsers.choices[command.name]
        expected = [argument.flags for argument in command.arguments]
        expected += (
            [("file",), ("--documents",), ("--max-bytes",)] if command.reads_casefile else []
        )
        expected += [("--format",)] if command.json_output else []
        actual = [
            tuple(action.option_strings) or (action.dest,)
            for action in sub._actions
            if not isinstance(action, argparse._HelpAction)
        ]
        assert (command.name, expected) == (command.name, actual)
        assert command.run is sub.get_default("run")


def test_context_reads_the_casefile_and_builds_the_index_once(
    small: casefile.Casefile, tmp_path: Path
) -> None:
    """A handler's casefile is the file named (else the reference), read once; its index once."""
    path = tmp_path / "case.json"
    casefile.dump(small, path)
    ctx = Context(_parser().parse_args(["summary", str(path)]), io.StringIO())
    assert small == ctx.casefile
    assert ctx.casefile is ctx.index.casefile
    assert ctx.index is ctx.index
    reference = Context(_parser().parse_args(["summary"]), io.StringIO())
    assert casefile.reference() == reference.casefile
