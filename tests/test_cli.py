"""Tests for the command line: exit codes, listed problems, never a traceback; text that fits
the terminal with every control character in the data escaped; JSON the same at any width."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import casefile
from casefile import _terminal as term
from casefile import cli
from casefile._terminal import width_of
from casefile.cli import COMMANDS, QUOTE_LIMIT, Context, _parser, main
from casefile.schema import load_schema, schema_text
from casefile.version import DISTRIBUTION


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
    # A missing comma: Python 3.11 and 3.13 place it alike (a trailing comma they do not).
    bad.write_text('{"a": 1 "b": 2}')
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
    """`casefile conflicts` reads the reference casefile: a table with a header, names and ids."""
    assert 0 == main(["conflicts", "--width", "120"])
    lines = capsys.readouterr().out.splitlines()
    assert ["SUBJECT", "PROPERTY", "ONE", "VERSION", "THE", "OTHER"] == lines[0].split()
    assert lines[2].startswith("Operation Amazon [op-amazon]  ")
    linden = lines[lines.index(next(line for line in lines if "[op-linden]" in line)) :]
    assert "93 strands" in linden[0] and "91 investigations" in linden[0]
    assert "GB News news report" in linden[1] and "Daily Sceptic news" in linden[1]
    columns = {line.index("1999/2011") for line in lines if "1999/2011" in line}
    columns |= {line.index("93 strands") for line in linden[:1]}
    assert 1 == len(columns)  # the third column starts at the same place on every row


def test_query_json_output_is_the_result_objects(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints an array of result objects in the documented shape."""
    assert 0 == main(["conflicts", "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert {"subject", "property", "left", "right", "exclusive"} == set(payload[0])
    assert {"item", "value", "attributions", "sources"} == set(payload[0]["left"])


def test_evidence_json_includes_the_independent_count(capsys: pytest.CaptureFixture[str]) -> None:
    """The evidence object carries lines and the independent count."""
    assert 0 == main(["evidence", "fig.linden.strands-93", "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert (1, ["src-gbnews"]) == (payload["independent"], payload["sources"])


def test_timeline_filters_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """--from, --to and --kind filter the timeline."""
    assert 0 == main(["timeline", "--from", "2025", "--kind", "source", "--format", "json"])
    entries = json.loads(capsys.readouterr().out)
    assert entries and all(e["when"].startswith("2025") and "source" == e["kind"] for e in entries)
    assert 0 == main(["timeline", "--from", "2025", "--kind", "source", "--width", "200"])
    lines = capsys.readouterr().out.splitlines()
    assert ["WHEN", "WHAT", "SOURCES"] == lines[0].split()
    assert len(entries) == sum(1 for line in lines if line.startswith("2025"))


@pytest.mark.parametrize("command", ["evidence", "show"])
def test_unknown_id_suggests_and_exits_one(command: str) -> None:
    """A misspelt id: exit 1, a message with close matches, no traceback."""
    result = run(command, "op-lindn")
    assert 1 == result.returncode
    assert "did you mean 'op-linden'" in result.stderr and "Traceback" not in result.stderr


def test_said_search_findings_outcomes_disputes_run(capsys: pytest.CaptureFixture[str]) -> None:
    """Each query command answers on the reference casefile."""
    assert 0 == main(["said", "--speaker", "sarah-champion"])
    assert "Sarah Champion" in capsys.readouterr().out
    assert 0 == main(["search", "systemic organisational"])
    assert "amazon.systemic-failure" in capsys.readouterr().out
    assert 0 == main(["findings", "--of", "op-linden"])
    assert "amazon.systemic-failure" in capsys.readouterr().out
    assert 0 == main(["findings", "--of", "complaint-2017"])
    assert "out.complaint-upheld" in capsys.readouterr().out
    assert 0 == main(["outcomes", "--of", "op-linden"])
    assert "out.linden.no-dismissal" in capsys.readouterr().out
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

    A command takes its own arguments, then FILE, --documents, --max-bytes and
    --include-sensitive if it reads a casefile, then --format if it prints JSON, then --width
    if it lays out text.
    """
    subparsers = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert [c.name for c in COMMANDS] == list(subparsers.choices)
    for command in COMMANDS:
        sub = subparsers.choices[command.name]
        expected = [argument.flags for argument in command.arguments]
        expected += (
            [("file",), ("--documents",), ("--max-bytes",), ("--include-sensitive",)]
            if command.reads_casefile
            else []
        )
        expected += [("--format",)] if command.json_output else []
        expected += [("--width",)] if command.lays_out_text else []
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


# ---------------------------------------------------------------- text for terminals

#: Text commands and arguments that print something from the reference casefile.
TEXT_COMMANDS = [
    ["timeline"],
    ["findings"],
    ["findings", "--of", "op-linden"],
    ["outcomes"],
    ["said"],
    ["said", "--speaker", "sarah-champion"],
    ["summary"],
    ["summary", "--brief"],
    ["show", "op-amazon"],
    ["show", "angie-heal"],
    ["show", "src-expose"],
    ["show", "amazon.systemic-failure"],
    ["show", "out.complaint-upheld"],
    ["show", "fig.linden.strands-93"],
    ["show", "at-gb-spokes-93"],
    ["show", "op-amazon.period.1999-2011"],
    ["conflicts"],
    ["disputes"],
    ["evidence", "op-amazon"],
    ["search", "systemic"],
]


def _too_wide(text: str, width: int) -> list[str]:
    """The lines wider than ``width`` that are more than one unbreakable word."""
    return [line for line in text.splitlines() if width_of(line) > width and len(line.split()) > 1]


@pytest.mark.parametrize("command", TEXT_COMMANDS, ids=" ".join)
def test_no_line_is_wider_than_an_80_column_terminal(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With COLUMNS=80 every line fits, but for a single word too long for any line."""
    monkeypatch.setenv("COLUMNS", "80")
    out = io.StringIO()
    assert 0 == main(command, out=out)
    assert out.getvalue()
    assert [] == _too_wide(out.getvalue(), 80)


def test_tables_have_headers_and_names_rather_than_source_ids(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The timeline has a header row and names its sources; ids stand where the next question
    needs them (the subject of each row)."""
    monkeypatch.setenv("COLUMNS", "200")
    out = io.StringIO()
    assert 0 == main(["timeline"], out=out)
    lines = out.getvalue().splitlines()
    assert ["WHEN", "WHAT", "SOURCES"] == lines[0].split()
    assert "news report, publisher unknown" in out.getvalue()
    assert "[op-amazon]" in out.getvalue() and "[src-003]" in out.getvalue()
    assert "src-" not in re.sub(r"\[[^\]]*\]", "", out.getvalue())  # ids only in brackets
    assert max(map(width_of, lines)) <= 200


@pytest.mark.skipif(shutil.which("script") is None, reason="needs script (util-linux)")
@pytest.mark.parametrize("columns", [80, 100])
def test_a_real_terminal_is_laid_out_for_its_width(columns: int) -> None:
    """In a terminal (a pseudo-terminal made by ``script``) with no COLUMNS, text fits the
    terminal's width: 80 columns, and 100, which a pipe's default of 80 could not explain."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    commands = ["timeline", "findings", "said", "summary", "show op-amazon", "conflicts"]
    commands += ["disputes"]
    python = shlex.quote(sys.executable)
    script = f"stty cols {columns} rows 40; " + "; ".join(
        f"{python} -m casefile {command}" for command in commands
    )
    done = subprocess.run(
        ["script", "-qec", script, "/dev/null"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )
    assert 0 == done.returncode, done.stdout[-2000:] + done.stderr
    text = done.stdout.replace("\r\n", "\n")
    assert "WHEN" in text and "Operation Amazon" in text
    assert [] == _too_wide(text, columns)
    if columns > 80:
        assert any(width_of(line) > 80 for line in text.splitlines())


@pytest.mark.parametrize(
    "command",
    [
        ["timeline"],
        ["findings"],
        ["outcomes"],
        ["said"],
        ["summary"],
        ["show", "op-amazon"],
        ["evidence", "op-amazon"],
        ["conflicts"],
        ["disputes"],
        ["search", "police"],
    ],
    ids=" ".join,
)
def test_json_is_the_same_whatever_the_width(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--format json prints the same bytes at any --width and any COLUMNS."""
    printed = []
    for width, columns in ((None, "300"), ("20", "80"), (None, "25")):
        monkeypatch.setenv("COLUMNS", columns)
        out = io.StringIO()
        args = [*command, "--format", "json"] + (["--width", width] if width else [])
        assert 0 == main(args, out=out)
        printed.append(out.getvalue())
    assert printed[0] == printed[1] == printed[2]
    json.loads(printed[0])


HOSTILE = "\x1b[31mred\x1b[0m \x9b2J \u202eevil\u202c [bold]bold[/bold] \x07"
_PROSE = {"name", "title", "summary", "note", "phrase", "description"}


def _poison(value: Any) -> Any:
    """Every prose value prefixed with terminal control sequences and markup; quotes too."""
    if isinstance(value, dict):
        poisoned = {}
        for key, item in value.items():
            if key in _PROSE and isinstance(item, str):
                poisoned[key] = HOSTILE + item
            elif key == "exact":
                poisoned[key] = (HOSTILE * 4)[: len(item)]  # the same length: offsets still hold
            elif key == "aliases":
                poisoned[key] = [HOSTILE + alias for alias in item]
            else:
                poisoned[key] = _poison(item)
        return poisoned
    if isinstance(value, list):
        return [_poison(item) for item in value]
    return value


@pytest.fixture
def hostile(small: casefile.Casefile, tmp_path: Path) -> Path:
    """The small casefile, with control sequences and markup in every name, summary and quote."""
    data = _poison(casefile.to_data(small))
    data["outcomes"] = [
        {
            "id": "out-1",
            "kind": "upheld",
            "summary": HOSTILE,
            "of": ["f1"],
            "attributions": ["at-1"],
        }
    ]
    path = tmp_path / "hostile.casefile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    casefile.load(path)  # still a valid casefile
    return path


HOSTILE_COMMANDS = [
    ["summary"],
    ["summary", "--brief"],
    ["timeline"],
    ["findings"],
    ["outcomes"],
    ["said"],
    ["evidence", "inv"],
    ["conflicts"],
    ["disputes"],
    ["search", "red"],
    *(["show", id] for id in ("watchdog", "src-a", "inv", "f1", "fig-1", "out-1", "at-2")),
    ["show", "inv.p1"],
]


@pytest.mark.parametrize("command", HOSTILE_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("width", ["200", "40"])
def test_control_sequences_and_markup_in_data_are_printed_escaped(
    command: list[str], width: str, hostile: Path
) -> None:
    """Names, summaries and quotes holding escape sequences, C1 controls, a bidirectional
    override and ``[bold]`` markup come out as visible escapes and plain text, in every text
    command, wide or narrow."""
    out = io.StringIO()
    assert 0 == main([*command, str(hostile), "--width", width], out=out)
    text = out.getvalue()
    assert text == term.escape_lines(text)  # no raw control character but the newline
    flat = " ".join(text.split())
    assert "\\x1b[31mred\\x1b[0m \\x9b2J \\u202eevil\\u202c" in flat
    if command != ["conflicts"]:  # conflicts shortens names, before the markup
        assert "[bold]bold[/bold] \\x07" in flat


@pytest.mark.parametrize("command", HOSTILE_COMMANDS, ids=" ".join)
def test_json_of_hostile_data_has_no_raw_control_character(
    command: list[str], hostile: Path
) -> None:
    """JSON escapes them too: C1 controls and bidirectional overrides as \\u escapes."""
    out = io.StringIO()
    assert 0 == main([*command, str(hostile), "--format", "json"], out=out)
    assert out.getvalue() == term.escape_lines(out.getvalue())
    payload = json.loads(out.getvalue())
    if command[0] == "summary":
        assert HOSTILE + "Small test casefile" == payload["title"]


def test_errors_escape_what_the_user_typed() -> None:
    """An unknown id or command holding control characters is shown escaped on stderr."""
    result = run("show", "op-\x1b[2Jamazon")
    assert 1 == result.returncode and "\x1b" not in result.stderr
    result = run("timel\x1b[2Jine")
    assert 2 == result.returncode and "\x1b" not in result.stderr


# ---------------------------------------------------------------- commands as a user expects


def test_show_prints_readable_text_with_claims_sources_and_quotes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`show` prints the entity's name, its fields, each claim with who states it and the
    words they used; no JSON."""
    assert 0 == main(["show", "op-amazon", "--width", "100"])
    out = capsys.readouterr().out
    assert out.startswith("Operation Amazon\ninvestigation op-amazon\n\n")
    assert "Period examined:\n  - 1999/2011 [op-amazon.period.1999-2011]\n" in out
    assert (
        "    Independent Office for Police Conduct, in The National Pulse news report "
        "[at-np-examined-1999]:\n      “It examined misconduct between 1999 and 2011.”\n"
    ) in out
    assert "Links:\n  - part_of Operation Linden [op-linden]" in out
    assert "{" not in out


def test_show_of_a_claim_names_what_it_is_a_value_of(capsys: pytest.CaptureFixture[str]) -> None:
    """A claim's page says whose property it is, then its value and attributions."""
    assert 0 == main(["show", "op-amazon.period.1999-2011"])
    out = capsys.readouterr().out
    assert out.startswith("Period examined of Operation Amazon [op-amazon]\nclaim ")
    assert "Value: 1999/2011\n" in out


def test_show_json_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    """`show --format json` prints the kind and the record as a casefile holds it."""
    assert 0 == main(["show", "at-gb-spokes-93", "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert "attribution" == payload["kind"] and "at-gb-spokes-93" == payload["item"]["id"]


#: The fields `summary --format json` printed when it was added; it may only gain more.
SUMMARY_FIELDS = {"id", "title", "schema_version", "counts", "sources", "conflicts", "disputes"}
SOURCE_FIELDS = {"id", "name", "kind", "publisher", "published", "derived_from"}
SOURCE_FIELDS |= {"attributions", "chain_roots"}
DISPUTE_FIELDS = {"attribution", "speaker", "source", "stance", "target", "said"}


def test_summary_json_holds_at_least_the_fields_it_always_has(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`summary --format json` is JSON (not the usage), with every field it has ever had."""
    assert 0 == main(["summary", "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert SUMMARY_FIELDS <= set(payload)
    assert all(SOURCE_FIELDS <= set(source) for source in payload["sources"])
    assert all(DISPUTE_FIELDS <= set(dispute) for dispute in payload["disputes"])
    assert {"actors", "sources", "attributions", "claims"} <= set(payload["counts"])
    assert 28 == len(payload["conflicts"])
    assert 10 == sum(not c["exclusive"] for c in payload["conflicts"])
    gbnews = next(s for s in payload["sources"] if "src-gbnews" == s["id"])
    assert ("GB News news report", 36) == (gbnews["name"], gbnews["attributions"])


def test_summary_brief_is_the_counts_alone(capsys: pytest.CaptureFixture[str]) -> None:
    """--brief prints what the casefile holds and how much disagreement, not every source."""
    assert 0 == main(["summary", "--brief"])
    brief = capsys.readouterr().out
    assert 0 == main(["summary"])
    whole = capsys.readouterr().out
    assert len(brief.splitlines()) < 15 < len(whole.splitlines())
    assert "28 conflicts, 10 of them between accounts that may both hold; 6 disputes" in " ".join(
        brief.split()
    )
    assert "src-gbnews" in whole and "src-gbnews" not in brief


def test_a_long_summary_points_to_brief_which_stays_short(tmp_path: Path) -> None:
    """A casefile with many sources: the whole summary is long and ends by pointing to --brief;
    the brief one is a few lines whatever the size."""
    from benchmarks.synthetic import generate

    path = generate(1000, seed=1).write(tmp_path)
    whole, brief = io.StringIO(), io.StringIO()
    assert 0 == main(["summary", str(path)], out=whole)
    assert 0 == main(["summary", str(path), "--brief"], out=brief)
    assert whole.getvalue().endswith("\ncasefile summary --brief prints the counts alone.\n")
    assert len(brief.getvalue().splitlines()) < 15 < 100 < len(whole.getvalue().splitlines())


def test_version_names_the_library_its_distribution_and_schema() -> None:
    """`casefile --version` prints the version, the distribution name and the schema version."""
    result = run("--version")
    expected = (
        f"casefile {casefile.__version__} ({DISTRIBUTION}), schema {casefile.SCHEMA_VERSION}\n"
    )
    assert (0, expected) == (result.returncode, result.stdout)


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["timelin"], "did you mean 'timeline'?"),
        (["sumary"], "did you mean 'summary'?"),
        (["timeline", "--kind", "investigaton"], "did you mean 'investigation'?"),
    ],
)
def test_a_misspelt_command_or_choice_gets_a_suggestion(args: list[str], suggestion: str) -> None:
    """A command or choice spelt wrong: exit 2 with usage, the closest spelling, no traceback."""
    result = run(*args)
    assert 2 == result.returncode
    assert suggestion in result.stderr and "usage:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["outcomes", "--of", "at-gb-spokes-93"],
            "'at-gb-spokes-93' is an attribution; expected the id of an allegation, complaint, "
            "investigation, finding, outcome or actor",
        ),
        (
            ["findings", "--of", "at-gb-spokes-93"],
            "'at-gb-spokes-93' is an attribution; expected the id of an investigation, actor,",
        ),
        (
            ["said", "--speaker", "src-gbnews"],
            "'src-gbnews' is a source; expected the id of an actor",
        ),
        (["conflicts", "--subject", "op-amazon.period.1999-2011"], "is a claim; expected"),
    ],
)
def test_an_id_of_the_wrong_kind_is_refused_with_the_kinds_accepted(
    args: list[str], message: str
) -> None:
    """Never "no outcomes" for an actor: exit 1 and a message naming the kinds accepted."""
    result = run(*args)
    assert (1, "") == (result.returncode, result.stdout)
    assert message in result.stderr


def test_build_says_where_it_wrote_or_that_it_wrote_nothing(
    tmp_path: Path, small_documents: Path
) -> None:
    """With -o it names the file; without, it says it wrote nothing, even with --quiet."""
    extraction = str(small_documents / "extraction.yaml")
    documents = str(small_documents)
    output = tmp_path / "out.json"
    written = run("build", extraction, "--documents", documents, "-o", str(output), "--quiet")
    assert (0, f"wrote {output}\n") == (written.returncode, written.stdout)
    assert output.exists()
    unwritten = run("build", extraction, "--documents", documents, "--quiet")
    assert 0 == unwritten.returncode
    assert "wrote nothing (give --output FILE to write the casefile)" in unwritten.stdout
    summarised = run("build", extraction, "--documents", documents, "--brief")
    assert "wrote nothing" in summarised.stdout and "Holds: 2 actors" in summarised.stdout


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_search_is_refused(text: str) -> None:
    """Searching for nothing is a usage error, not a list of every field."""
    result = run("search", text)
    assert (2, "") == (result.returncode, result.stdout)
    assert "give some words to look for" in result.stderr


def test_shortened_quotes_and_excerpts_end_with_an_ellipsis(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A quote too long for a table is cut at a word and ends with …; JSON keeps it whole."""
    assert 0 == main(["said", "--source", "src-gbnews", "--width", "300"])
    out = capsys.readouterr().out
    assert "had failed in their…”" in out
    assert 0 == main(["said", "--source", "src-gbnews", "--format", "json"])
    whole = [a["quote"]["exact"] for a in json.loads(capsys.readouterr().out)]
    assert any(len(quote) > QUOTE_LIMIT and "…" not in quote for quote in whole)


class _Terminal(io.StringIO):
    """Standard error as a terminal would be."""

    def isatty(self) -> bool:
        return True


def test_slow_work_shows_a_progress_bar_that_is_cleared_before_the_output(
    monkeypatch: pytest.MonkeyPatch, small: casefile.Casefile, tmp_path: Path
) -> None:
    """Reading a casefile that takes longer than the delay draws a bar on a terminal's standard
    error, and clears it before anything is printed."""
    monkeypatch.chdir(tmp_path)
    path = Path("case.json")
    casefile.dump(small, path)
    slow_load = cli.load

    def load(*args: Any, **kwargs: Any) -> casefile.Casefile:
        time.sleep(0.4)
        return slow_load(*args, **kwargs)

    stderr = _Terminal()
    monkeypatch.setattr(cli, "load", load)
    monkeypatch.setattr(cli, "PROGRESS_DELAY", 0.05)
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setenv("TERM", "xterm")
    out = io.StringIO()
    assert 0 == main(["summary", str(path)], out=out)
    assert "\rreading case.json [" in stderr.getvalue()
    assert stderr.getvalue().endswith("\r")
    assert out.getvalue().startswith("Small test casefile")


def test_decisions_lists_who_decided_and_what_stands(capsys: pytest.CaptureFixture[str]) -> None:
    """`decisions` answers for a complaint in one command, in text and in JSON."""
    assert 0 == main(["decisions", "complaint-2017", "--width", "100"])
    out = capsys.readouterr().out
    assert "out.complaint-upheld" in out and "Independent Office" in out
    assert 0 == main(["decisions", "complaint-2017", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert ["out.complaint-upheld"] == [d["id"] for d in data["decisions"]]
    assert [] == data["reversals"]


def test_said_answers_readers_questions_in_one_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What the force said (with its spokesperson), who relayed what, and unnamed speakers."""
    assert 0 == main(["said", "--speaker", "syp", "--format", "json"])
    speakers = {a["speaker"] for a in json.loads(capsys.readouterr().out)}
    assert {"syp", "syp-spokesperson"} == speakers
    assert 0 == main(["said", "--speaker", "syp", "--own-words", "--format", "json"])
    assert {"syp"} == {a["speaker"] for a in json.loads(capsys.readouterr().out)}
    assert 0 == main(["said", "--relayed-by", "the-times", "--format", "json"])
    assert all("the-times" in a["relayed_by"] for a in json.loads(capsys.readouterr().out))
    assert 0 == main(["said", "--unnamed", "--format", "json"])
    assert json.loads(capsys.readouterr().out)
