"""Hostile and broken input: each bad casefile gets its exact problem, through API and CLI alike.

The catalogue below is data: each case is a way a file can be wrong, the bytes that show it, and
the (pointer, code) pairs both the Python API and ``casefile validate --format json`` must
report. Fuzzing then mutates generated casefiles and checks that nothing ever raises.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from benchmarks import adversarial
from hypothesis import given
from hypothesis import strategies as st

import casefile
from casefile.cli import main
from casefile.strategies import Generated, _get, _paths, casefiles, mutated

SMALL = Path(__file__).parent / "data" / "small"
FIXTURES = Path(__file__).parent / "data"


def _small_data() -> dict[str, Any]:
    return json.loads(casefile.dumps(casefile.build_file(SMALL / "extraction.yaml", SMALL)))


def _text(edit: Callable[[dict[str, Any]], Any]) -> bytes:
    data = _small_data()
    edit(data)
    return json.dumps(data, ensure_ascii=True).encode()


def _replace(old: str, new: str) -> bytes:
    text = json.dumps(_small_data())
    assert old in text
    return text.replace(old, new, 1).encode()


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.strip("/").split("/")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return edit


def _nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth - 1):
        value = [value]
    return value


def _deep() -> bytes:
    data = _small_data()
    data["extensions"] = {"org.example:deep": _nested(300)}
    return json.dumps(data).encode()


def _decomposed_id(data: dict[str, Any]) -> None:
    data["actors"].append({"id": "cafe\u0301", "kind": "person", "name": "X"})


# (name, bytes, expected problems as (pointer, code), check documents)
CATALOGUE: list[tuple[str, Callable[[], bytes], list[tuple[str, str]], bool]] = [
    (
        "invalid-utf8",
        lambda: _replace('"Small test casefile"', '"Small \xff"').replace(b"\xc3\xbf", b"\xff"),
        [("", "invalid-utf8")],
        False,
    ),
    (
        "nan",
        lambda: _replace('"value": 7', '"value": NaN'),
        [("/figures/0/value/value", "invalid-number")],
        False,
    ),
    (
        "infinity",
        lambda: _replace('"value": 7', '"value": -Infinity'),
        [("/figures/0/value/value", "invalid-number")],
        False,
    ),
    (
        "beyond-double",
        lambda: _replace('"value": 7', '"value": 1e400'),
        [("/figures/0/value/value", "invalid-number")],
        False,
    ),
    (
        "lone-surrogate",
        lambda: _text(_set("/title", "a\ud800b")),
        [("/title", "lone-surrogate")],
        False,
    ),
    (
        "duplicate-key",
        lambda: _replace('"name": "Watchdog"', '"name": "Watchdog", "name": "Other"'),
        [("/actors/0/name", "duplicate-key")],
        False,
    ),
    ("deep-nesting", _deep, [("/extensions/org.example:deep" + "/0" * 254, "too-deep")], False),
    (
        "parser-exhausting-nesting",
        lambda: b"[" * 200_000 + b"]" * 200_000,
        [("", "too-deep")],
        False,
    ),
    (
        "id-case-collision",
        lambda: _text(
            lambda d: d["actors"].append({"id": "WATCHDOG", "kind": "person", "name": "X"})
        ),
        [("/actors/2/id", "id-collision")],
        False,
    ),
    ("id-unicode-form", lambda: _text(_decomposed_id), [("/actors/2/id", "bad-format")], False),
    (
        "wrong-kind-reference",
        lambda: _text(_set("/findings/0/investigation", "watchdog")),
        [("/findings/0/investigation", "wrong-kind-reference")],
        False,
    ),
    (
        "offsets-outside",
        lambda: _text(lambda d: d["attributions"][0]["quote"].update(start=1000, end=1016)),
        [("/attributions/0/quote/end", "offset-out-of-range")],
        True,
    ),
    (
        "offsets-reversed",
        lambda: _text(lambda d: d["attributions"][0]["quote"].update(start=20, end=4)),
        [("/attributions/0/quote/end", "reversed-offsets")],
        True,
    ),
    (
        "digest-mismatch",
        lambda: _text(_set("/documents/0/sha256", "0" * 64)),
        [("/documents/0/sha256", "digest-mismatch")],
        True,
    ),
    (
        "quote-whitespace",
        lambda: _text(
            lambda d: d["attributions"][0]["quote"].update(
                exact="the  force failed", end=d["attributions"][0]["quote"]["start"] + 17
            )
        ),
        [("/attributions/0/quote/exact", "quote-mismatch")],
        True,
    ),
    (
        "path-parent",
        lambda: _text(_set("/documents/0/path", "../small/a.txt")),
        [("/documents/0/path", "unsafe-path")],
        True,
    ),
    (
        "path-absolute",
        lambda: _text(_set("/documents/0/path", str(SMALL / "a.txt"))),
        [("/documents/0/path", "unsafe-path")],
        True,
    ),
    (
        "newer-version",
        lambda: _text(_set("/schema_version", "9.0")),
        [("/schema_version", "unsupported-version")],
        False,
    ),
    (
        "older-version-no-migration",
        lambda: _text(_set("/schema_version", "0.5")),
        [("/schema_version", "unsupported-version")],
        False,
    ),
]


@pytest.mark.parametrize(
    ("name", "make", "expected", "with_documents"), CATALOGUE, ids=[c[0] for c in CATALOGUE]
)
def test_bad_input_catalogue_through_the_api(
    name: str, make: Callable[[], bytes], expected: list[tuple[str, str]], with_documents: bool
) -> None:
    """The Python API reports exactly the expected problems for each bad input."""
    problems = casefile.validate(make(), documents=SMALL if with_documents else None)
    assert expected == [(p.pointer, p.code) for p in problems]


@pytest.mark.parametrize(
    ("name", "make", "expected", "with_documents"), CATALOGUE, ids=[c[0] for c in CATALOGUE]
)
def test_bad_input_catalogue_through_the_command_line(
    name: str,
    make: Callable[[], bytes],
    expected: list[tuple[str, str]],
    with_documents: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`casefile validate --format json` reports the same problems and exits 1."""
    path = tmp_path / "input.json"
    path.write_bytes(make())
    args = ["validate", "--format", "json", str(path)] + (
        ["--documents", str(SMALL)] if with_documents else []
    )
    assert 1 == main(args)
    (report,) = json.loads(capsys.readouterr().out)
    assert expected == [(p["pointer"], p["code"]) for p in report["problems"]]


# ---------------------------------------------------------------- inputs on disk
#
# The second catalogue: inputs a file system can present and shapes that once grew without
# bound (benchmarks.adversarial, at small sizes; tests/test_bounded.py counts their work).
# Each is a call through the API, the same command through the command line, the problems
# both must report as (pointer, code), and the command's exit status.


@attrs.frozen
class Scenario:
    """A hostile input on disk and how the API and the command line must meet it."""

    api: Callable[[], Any]
    cli: list[str]
    expected: list[tuple[str, str]]
    status: int


def _api_problems(call: Callable[[], Any]) -> list[tuple[str, str]]:
    """The (pointer, code) pairs a call returns or raises; FileErrors at the empty pointer."""
    try:
        result = call()
    except (casefile.InvalidCasefile, casefile.BuildError) as error:
        return [(p.pointer, p.code) for p in error.problems]
    except casefile.errors.FileError as error:
        return [("", error.code)]
    if isinstance(result, list):
        return [(p.pointer, p.code) for p in result]
    return []


_PROBLEM_LINE = re.compile(r"^  (\S+?)(?: line \d+ column \d+)?: .*\[([a-z0-9-]+)\]$")
_ERROR_LINE = re.compile(r"^casefile: .*\[([a-z0-9-]+)\]$")


def _cli_problems(output: str) -> list[tuple[str, str]]:
    """The (pointer, code) pairs a command printed, as JSON (validate) or as text."""
    if output.startswith("["):
        return [(p["pointer"], p["code"]) for r in json.loads(output) for p in r["problems"]]
    found = []
    for line in output.splitlines():
        if match := _PROBLEM_LINE.match(line):
            where = match.group(1)
            found.append(("" if where == "(document)" else where, match.group(2)))
        elif match := _ERROR_LINE.match(line):
            found.append(("", match.group(1)))
    return found


def _validate(inputs: adversarial.Inputs, documents: bool = True) -> Scenario:
    assert inputs.casefile is not None
    path, folder = inputs.casefile, inputs.documents if documents else None
    cli = ["validate", "--format", "json", str(path)]
    cli += ["--documents", str(folder)] if folder is not None else []
    return Scenario(lambda: casefile.validate(path.read_bytes(), documents=folder), cli, [], 0)


def _build(inputs: adversarial.Inputs, output: Path | None = None) -> Scenario:
    assert inputs.extraction is not None and inputs.documents is not None
    extraction, folder = inputs.extraction, inputs.documents
    cli = ["build", str(extraction), "--documents", str(folder), "--quiet"]
    cli += ["--output", str(output)] if output is not None else []
    return Scenario(lambda: casefile.build_file(extraction, folder, output), cli, [], 0)


def _expect(scenario: Scenario, expected: list[tuple[str, str]], status: int = 1) -> Scenario:
    return attrs.evolve(scenario, expected=expected, status=status)


def _misspelt(tmp: Path) -> Scenario:
    inputs = adversarial.misspelt_references(tmp, ids=200, references=40)
    expected = [(f"/findings/0/about/{k}", "dangling-reference") for k in range(40)]
    return _expect(_validate(inputs, documents=False), expected)


def _near_miss_validated(tmp: Path) -> Scenario:
    inputs = adversarial.near_miss_quotes(tmp, document_chars=50_000)
    return _expect(_validate(inputs), [("/attributions/1/quote/exact", "quote-mismatch")])


def _near_miss_built(tmp: Path) -> Scenario:
    inputs = adversarial.near_miss_quotes(tmp, document_chars=50_000, quotes=3)
    expected = [(f"/attributions/{k}/quote/exact", "quote-not-found") for k in (1, 2, 3)]
    return _expect(_build(inputs), expected)


def _alias_bomb(tmp: Path) -> Scenario:
    return _expect(_build(adversarial.alias_bomb(tmp)), [("", "too-many-values")])


def _repeated_document(tmp: Path) -> Scenario:
    return _validate(adversarial.repeated_document(tmp, document_bytes=50_000, times=20))


def _brackets(deep: bool) -> Callable[[Path], Scenario]:
    def make(tmp: Path) -> Scenario:
        size = 2_000_000 if deep else 21_000_000  # the wide one just passes MAX_CONTAINERS
        inputs = adversarial.nested_brackets(tmp, size=size, deep=deep)
        code = "too-deep" if deep else "too-many-values"
        return _expect(_validate(inputs, documents=False), [("", code)])

    return make


def _big_extraction(tmp: Path) -> Scenario:
    return _build(adversarial.big_extraction(tmp, size=300_000))


def _chain(tmp: Path) -> Scenario:
    inputs = adversarial.republication_chain(tmp, sources=1_000)
    path = inputs.casefile
    assert path is not None
    return Scenario(
        lambda: casefile.Index(casefile.load(path)).evidence("f") and [],
        ["evidence", "f", str(path)],
        [],
        0,
    )


def _deep_yaml(tmp: Path) -> Scenario:
    return _expect(_build(adversarial.deep_yaml(tmp, depth=300)), [("", "too-deep")])


def _loop(folder: Path, name: str) -> Path:
    (folder / f"{name}.loop").symlink_to(folder / name)
    (folder / name).symlink_to(folder / f"{name}.loop")
    return folder / name


def _symlink_loop_document(tmp: Path) -> Scenario:
    inputs = adversarial.repeated_document(tmp, document_bytes=100, times=1)
    (tmp / "a.txt").unlink()
    _loop(tmp, "a.txt")
    return _expect(_validate(inputs), [("/documents/0/path", "symlink-loop")])


def _symlink_loop_output(tmp: Path) -> Scenario:
    inputs = adversarial.near_miss_quotes(tmp, document_chars=1_000, quotes=0)
    return _expect(_build(inputs, _loop(tmp, "out.json")), [("", "symlink-loop")], 2)


def _fifo_casefile(tmp: Path) -> Scenario:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    path = tmp / "casefile.json"
    os.mkfifo(path)
    scenario = _validate(adversarial.Inputs(casefile=path), documents=False)
    return _expect(attrs.evolve(scenario, api=lambda: casefile.load(path)), [("", "not-a-file")])


def _output_onto_extraction(tmp: Path) -> Scenario:
    inputs = adversarial.near_miss_quotes(tmp, document_chars=1_000, quotes=0)
    return _expect(_build(inputs, inputs.extraction), [("", "output-is-input")], 2)


def _output_onto_document(tmp: Path) -> Scenario:
    inputs = adversarial.near_miss_quotes(tmp, document_chars=1_000, quotes=0)
    return _expect(_build(inputs, tmp / "a.txt"), [("", "output-is-input")], 2)


def _migrate_onto_a_link_to_itself(tmp: Path) -> Scenario:
    path = tmp / "case.json"
    path.write_text(json.dumps(_small_data()))
    (tmp / "link.json").symlink_to(path)
    return Scenario(
        lambda: casefile.migrate_file(path, tmp / "link.json"),
        ["migrate", str(path), "--output", str(tmp / "link.json")],
        [("", "output-is-input")],
        2,
    )


def _migrate_onto_a_document(tmp: Path) -> Scenario:
    path = tmp / "case.json"
    path.write_text(json.dumps(_small_data()))
    return Scenario(
        lambda: casefile.migrate_file(path, SMALL / "a.txt", documents=SMALL),
        ["migrate", str(path), "--output", str(SMALL / "a.txt"), "--documents", str(SMALL)],
        [("", "output-is-input")],
        2,
    )


def _casefile_over_max_bytes(tmp: Path) -> Scenario:
    path = tmp / "case.json"
    path.write_text(json.dumps(_small_data()))
    return Scenario(
        lambda: casefile.load(path, max_bytes=100),
        ["summary", str(path), "--max-bytes", "100"],
        [("", "too-large")],
        1,
    )


def _document_over_max_bytes(tmp: Path) -> Scenario:
    inputs = adversarial.repeated_document(tmp, document_bytes=5_000, times=1)
    folder = casefile.documents.DocumentFolder(tmp, max_bytes=1_000)
    scenario = _validate(inputs)
    return Scenario(
        lambda: casefile.validate(tmp.joinpath("casefile.json").read_bytes(), documents=folder),
        [*scenario.cli, "--max-bytes", "1000"],
        [("/documents/0/path", "too-large")],
        1,
    )


def _extraction_over_max_bytes(tmp: Path) -> Scenario:
    inputs = adversarial.near_miss_quotes(tmp, document_chars=1_000, quotes=0)
    assert inputs.extraction is not None
    extraction = inputs.extraction
    return Scenario(
        lambda: casefile.build_file(extraction, tmp, max_bytes=100),
        ["build", str(extraction), "--documents", str(tmp), "--max-bytes", "100"],
        [("", "too-large")],
        1,
    )


SCENARIOS: dict[str, Callable[[Path], Scenario]] = {
    "misspelt-references": _misspelt,
    "near-miss-quote-validated": _near_miss_validated,
    "near-miss-quotes-built": _near_miss_built,
    "alias-bomb": _alias_bomb,
    "repeated-document": _repeated_document,
    "nested-brackets-deep": _brackets(deep=True),
    "nested-brackets-wide": _brackets(deep=False),
    "big-extraction": _big_extraction,
    "republication-chain": _chain,
    "yaml-nested-300-deep": _deep_yaml,
    "symlink-loop-document": _symlink_loop_document,
    "symlink-loop-output": _symlink_loop_output,
    "fifo-casefile": _fifo_casefile,
    "output-onto-extraction": _output_onto_extraction,
    "output-onto-document": _output_onto_document,
    "migrate-onto-a-link-to-itself": _migrate_onto_a_link_to_itself,
    "migrate-onto-a-document": _migrate_onto_a_document,
    "casefile-over-max-bytes": _casefile_over_max_bytes,
    "document-over-max-bytes": _document_over_max_bytes,
    "extraction-over-max-bytes": _extraction_over_max_bytes,
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_inputs_on_disk_through_the_api(name: str, tmp_path: Path) -> None:
    """The API reports each on-disk input's problems, as returned problems or their exception."""
    scenario = SCENARIOS[name](tmp_path)
    assert scenario.expected == _api_problems(scenario.api)


@pytest.mark.parametrize("name", SCENARIOS)
def test_inputs_on_disk_through_the_command_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command reports the same problems with exit 0, 1 or 2, never 70, and writes nothing
    over an input."""
    scenario = SCENARIOS[name](tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.is_fifo()}
    status = main(scenario.cli)
    captured = capsys.readouterr()
    assert (scenario.status, scenario.expected) == (
        status,
        _cli_problems(captured.out) or _cli_problems(captured.err),
    )
    for path, data in before.items():
        assert data == path.read_bytes(), path


def _memory_limited(code: str, extra: int) -> subprocess.CompletedProcess[str]:
    """Run Python code in a child whose address space is what an idle one needs plus ``extra``."""
    import resource

    probe = (
        "import casefile.cli, resource; "
        "print(int(open('/proc/self/status').read().split('VmPeak:')[1].split()[0]) * 1024)"
    )
    idle = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    limit = int(idle.stdout) + extra

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limited,
        timeout=600,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced as needed on Linux")
def test_running_out_of_memory_is_a_problem_through_the_api_and_the_command_line(
    tmp_path: Path,
) -> None:
    """Under an address-space limit, a file too large to read is out-of-memory: exit 1, not 70.

    The limit is what an idle process needs plus 64 MB; the file is 160 MB.
    """
    path = tmp_path / "casefile.json"
    with path.open("wb") as handle:
        handle.write(b"{")
        handle.truncate(160 * 1024 * 1024)
        handle.seek(0, 2)
        handle.write(b"}")
    api = _memory_limited(
        "import casefile\n"
        "try:\n"
        f"    casefile.load({str(path)!r})\n"
        "except casefile.InvalidCasefile as error:\n"
        "    print([(p.pointer, p.code) for p in error.problems], str(error))\n",
        64 << 20,
    )
    assert api.stdout.startswith("[('', 'out-of-memory')]"), api.stderr[-500:]
    assert str(path) in api.stdout
    cli = _memory_limited(
        f"import sys, casefile.cli; sys.exit(casefile.cli.main(['summary', {str(path)!r}]))",
        64 << 20,
    )
    assert 1 == cli.returncode, cli.stderr[-500:]
    assert "[out-of-memory]" in cli.stdout + cli.stderr and str(path) in cli.stdout + cli.stderr


@pytest.mark.skipif(
    os.environ.get("HYPOTHESIS_PROFILE") != "thorough" or sys.platform != "linux",
    reason="thorough profile only: where memory runs out among many small allocations varies",
)
def test_running_out_of_memory_while_checking_is_a_problem(tmp_path: Path) -> None:
    """A casefile that needs several times the memory left: out-of-memory while it is checked.

    CPython short of memory among many small allocations sometimes fails in its own C code
    (a SystemError, taken for running out under a limit; rarely a crash no program can catch),
    so this runs under the thorough profile, by hand.
    """
    from benchmarks.synthetic import generate

    path = generate(8_000, seed=1).write(tmp_path)
    api = _memory_limited(
        "import casefile; "
        f"print([(p.pointer, p.code) for p in casefile.validate(open({str(path)!r}, 'rb').read())])",
        40 << 20,
    )
    assert "[('', 'out-of-memory')]" == api.stdout.strip(), api.stderr[-500:]
    cli = _memory_limited(
        f"import sys, casefile.cli; sys.exit(casefile.cli.main(['summary', {str(path)!r}]))",
        40 << 20,
    )
    assert 1 == cli.returncode, cli.stderr[-500:]
    assert "[out-of-memory]" in cli.stdout + cli.stderr


def test_unparsable_bytes_carry_line_and_column() -> None:
    """Where bytes do not parse, the empty pointer comes with a line and column."""
    data = _replace('"Small test casefile"', '"Small \xff"').replace(b"\xc3\xbf", b"\xff")
    (problem,) = casefile.validate(data)
    assert (1, data.index(b"\xff") + 1) == (problem.line, problem.column)


def test_quote_differing_by_white_space_names_the_nearest_match() -> None:
    """A quote off only by white space is reported, never accepted, with the nearest text."""
    data = _text(
        lambda d: d["attributions"][0]["quote"].update(
            exact="the  force failed", end=d["attributions"][0]["quote"]["start"] + 17
        )
    )
    (problem,) = casefile.validate(data, documents=SMALL)
    assert "only by white space or quote marks" in problem.message
    assert "'the force failed'" in problem.message


def test_symbolic_link_out_of_the_documents_folder_is_never_read(tmp_path: Path) -> None:
    """A document that is a symbolic link leaving the folder gives unsafe-path."""
    (tmp_path / "a.txt").symlink_to(SMALL / "a.txt")
    problems = casefile.validate(json.dumps(_small_data()), documents=tmp_path)
    assert [("/documents/0/path", "unsafe-path")] == [(p.pointer, p.code) for p in problems]


def test_byte_order_mark_is_accepted_and_never_written() -> None:
    """A leading UTF-8 BOM is accepted on load; saving writes none."""
    case = casefile.loads(b"\xef\xbb\xbf" + json.dumps(_small_data()).encode())
    assert not casefile.dumps(case).startswith("\ufeff")


def test_string_of_many_megabytes_loads_and_round_trips() -> None:
    """A 16 MB description is valid, loads in reasonable time and comes back whole."""
    big = "é" * (16 * 1024 * 1024)
    started = time.perf_counter()
    case = casefile.loads(_text(_set("/description", big)))
    assert big == case.description
    assert time.perf_counter() - started < 60  # a guard against a hang, not a benchmark


def test_file_over_the_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size is checked from the file system first: the file is never opened."""
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 4096)

    def no_open(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(casefile.InvalidCasefile) as info:
        casefile.load(path, max_bytes=1024)
    assert ["too-large"] == [p.code for p in info.value.problems]


# ---------------------------------------------------------------- fuzzing


@given(mutated())
def test_validation_of_mutated_casefiles_returns_problems_and_never_raises(text: bytes) -> None:
    """Whatever the mutation, validate returns a list of problems and raises nothing."""
    problems = casefile.validate(text)
    assert all(isinstance(p, casefile.Problem) and p.code for p in problems)
    assert all(p.pointer == "" or p.pointer.startswith("/") for p in problems)


@given(mutated())
def test_command_line_on_mutated_casefiles_never_fails_internally(text: bytes) -> None:
    """`casefile validate` on mutated files exits 0 or 1: never an internal error."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant.json"
        path.write_bytes(text)
        out = io.StringIO()
        assert main(["validate", "--format", "json", str(path)], out=out) in (0, 1)
        json.loads(out.getvalue())


def test_command_line_prints_no_traceback_for_garbage(tmp_path: Path) -> None:
    """A real subprocess on random bytes: a message and exit 1, no traceback."""
    path = tmp_path / "garbage.json"
    path.write_bytes(os.urandom(4096))
    result = subprocess.run(
        [sys.executable, "-m", "casefile.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 1 == result.returncode and "Traceback" not in result.stdout + result.stderr


# ---------------------------------------------------------------- nothing lost on write


def test_save_killed_mid_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    """A process killed while saving leaves the previous file whole and loadable."""
    target = tmp_path / "case.json"
    old = casefile.build_file(SMALL / "extraction.yaml", SMALL)
    casefile.dump(old, target)
    before = target.read_bytes()
    script = textwrap.dedent(
        f"""
        import os, sys, time, attrs, casefile
        case = casefile.load({str(target)!r})
        bigger = attrs.evolve(case, description="x" * 5_000_000)
        def stall(fd):
            print("writing", flush=True)
            time.sleep(60)
        os.fsync = stall
        casefile.dump(bigger, {str(target)!r})
        """
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        assert "writing" == process.stdout.readline().strip()
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert before == target.read_bytes()
    assert old == casefile.load(target)


def _kill_while_saving(target: Path) -> None:
    """Start saving a bigger casefile over ``target`` in a child, and kill it mid-write."""
    script = textwrap.dedent(
        f"""
        import os, sys, time, attrs, casefile
        case = casefile.load({str(target)!r})
        bigger = attrs.evolve(case, description="x" * 5_000_000)
        def stall(fd):
            print("writing", flush=True)
            time.sleep(60)
        os.fsync = stall
        casefile.dump(bigger, {str(target)!r})
        """
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        assert "writing" == process.stdout.readline().strip()
        process.send_signal(signal.SIGKILL)
        process.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="the cleaning needs flock")
def test_the_next_save_removes_what_a_killed_save_left(tmp_path: Path) -> None:
    """A killed save leaves its hidden temporary file; the next save of that file removes it."""
    target = tmp_path / "case.json"
    old = casefile.build_file(SMALL / "extraction.yaml", SMALL)
    casefile.dump(old, target)
    _kill_while_saving(target)
    left = [p.name for p in tmp_path.iterdir() if p.name != "case.json"]
    assert 1 == len(left) and left[0].startswith(".case.json.") and left[0].endswith(".tmp")
    casefile.dump(old, target)
    assert ["case.json"] == [p.name for p in tmp_path.iterdir()]


@pytest.mark.skipif(sys.platform == "win32", reason="the cleaning needs flock")
def test_a_save_never_removes_the_temporary_file_of_a_save_in_progress(tmp_path: Path) -> None:
    """A temporary file a living writer holds (locked) is left alone by another save."""
    import fcntl

    target = tmp_path / "case.json"
    old = casefile.build_file(SMALL / "extraction.yaml", SMALL)
    busy = tmp_path / ".case.json.abcd1234.tmp"
    with busy.open("w") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        casefile.dump(old, target)
        assert busy.exists()
    casefile.dump(old, target)
    assert not busy.exists()


def test_save_without_validation_writes_when_asked(
    small: casefile.Casefile, tmp_path: Path
) -> None:
    """validate=False writes even a casefile with problems, as the caller asked."""
    broken = attrs.evolve(
        small, findings=(attrs.evolve(small.findings[0], investigation="nowhere"),)
    )
    target = tmp_path / "case.json"
    casefile.dump(broken, target, validate=False)
    assert ["dangling-reference"] == [p.code for p in casefile.validate(target.read_bytes())]


# ---------------------------------------------------------------- extensions


@given(casefiles())
def test_extensions_survive_load_query_and_save(generated: Generated) -> None:
    """Extension data is the same after loading, indexing, querying and saving."""
    text = casefile.dumps(generated.casefile)
    loaded = casefile.loads(text)
    index = casefile.Index(loaded)
    for attribution in loaded.attributions:
        assert attribution.extensions == index.get(attribution.id).extensions
    index.timeline(), index.conflicts(), index.search("x")
    assert text == casefile.dumps(loaded)


@st.composite
def mutated_extractions(draw: st.DrawFn) -> dict[str, Any]:
    """The small test extraction with one to three drops, retypes or swaps."""
    from casefile.building import read_extraction

    data = read_extraction(SMALL / "extraction.yaml")
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent, last = _get(data, path[:-1]), path[-1]
        action = draw(st.sampled_from(["drop", "retype", "swap"]))
        if action == "drop":
            del parent[last]
        elif action == "retype":
            parent[last] = draw(
                st.sampled_from([None, 0, 2**70, 1.5, "", "x", [], {}, True, [1], {"a": 1}])
            )
        else:
            other = draw(st.sampled_from(paths))
            if other[: len(path)] != path and path[: len(other)] != other:
                other_parent = _get(data, other[:-1])
                parent[last], other_parent[other[-1]] = other_parent[other[-1]], parent[last]
    return data


@given(mutated_extractions())
def test_build_of_mutated_extractions_raises_only_build_errors(extraction: dict[str, Any]) -> None:
    """Whatever the mutation, build returns a casefile or raises BuildError with problems."""
    try:
        casefile.build(extraction, SMALL)
    except casefile.BuildError as error:
        assert error.problems
