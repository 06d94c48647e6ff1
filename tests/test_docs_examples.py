"""The documentation's examples run, and print what the pages show.

The fenced code blocks of the hand-written pages (``docs/*.md``; generated pages are made at
build time and are not there) are tests, one for each block that runs or is checked, named by
page and line (``getting-started.md:42``). What a block does depends on its language:

- ``pycon``: a doctest session, ``>>>`` lines with the output they print, compared with
  ELLIPSIS (``...`` stands for any text) and NORMALIZE_WHITESPACE.
- ``python``: runs without error; its printed output is checked when an ``Output`` block
  follows (below).
- ``console``: each ``$ `` line is a command; the lines after it, up to the next ``$ ``, are
  what it prints, standard output and error together, compared line by line with ``...`` as a
  wildcard. The commands of one block run in one ``bash`` session, so ``$ echo $?`` shows the
  exit status of the command before it.
- ``js``: runs with ``node`` as an ES module that can import ajv from ``tests/js``; skipped
  where node or ``tests/js/node_modules`` is missing. Its output is checked when an
  ``Output`` block follows.
- ``sh``: installation commands, shown but not run (running them would install packages);
  each must be a ``venv`` or ``pip install`` line naming only extras that pyproject.toml
  defines.
- ``text``, ``json``, ``yaml``: shown, not run. Any other language fails a test, so that a
  misspelt ``pyhton`` cannot go unrun.

Two fence attributes change that. A block with ``title="Output"`` right after a ``python`` or
``js`` block is that block's expected output. A block with any other ``title`` is a file: its
text is written to that path (relative, inside the page's folder) before the blocks after it
run, and it is not run itself.

The blocks of one page run in order, in one temporary folder that starts with a copy of
``examples/``, and share one Python namespace; commands find the ``casefile`` and ``python``
of the running interpreter first on ``PATH``, and lay text out for 80 columns (``COLUMNS``). Running one block alone runs the blocks before
it first; a block that fails does not stop those after it. Each script in ``examples/`` also
runs as a program, its output checked against what the data says it must contain.
"""

from __future__ import annotations

import contextlib
import doctest
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import uuid
from pathlib import Path
from typing import Any

import attrs
import pytest

import casefile

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
NODE_MODULES = ROOT / "tests" / "js" / "node_modules"
NODE = shutil.which("node")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
TIMEOUT = 120  # seconds for one block's commands; a hung command fails rather than stalls CI

RUN = {"pycon", "python", "console", "js"}
SHOWN = {"sh", "text", "json", "yaml", "ts"}

_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+)(?P<info>[^`\n]*)$")
_TITLE = re.compile(r'title="(?P<title>[^"]*)"')


# ------------------------------------------------------------------ reading the pages


@attrs.frozen
class Block:
    """One fenced code block: where it is, its language, its title and its text."""

    page: str
    line: int  # of the opening fence, 1-based
    language: str
    title: str | None
    text: str
    output: str | None = None  # the text of an Output block that follows it

    @property
    def id(self) -> str:
        """The test id: page and line."""
        return f"{self.page}:{self.line}"


def read_blocks(path: Path) -> list[Block]:
    """Return the fenced code blocks of a Markdown page, Output blocks joined to the one before.

    Fences may be indented (inside admonitions or lists); the indentation is taken off the text.
    """
    blocks: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        indent, fence, info = opening["indent"], opening["fence"], opening["info"].strip()
        body: list[str] = []
        j = i + 1
        while j < len(lines) and lines[j].strip() != fence:
            body.append(lines[j][len(indent) :] if lines[j].startswith(indent) else lines[j])
            j += 1
        title = _TITLE.search(info)
        language = info.split()[0] if info.split() else ""
        text = "\n".join(body) + "\n"
        block = Block(path.name, i + 1, language, title["title"] if title else None, text)
        previous = blocks[-1] if blocks else None
        if block.title == "Output" and previous is not None and previous.title is None:
            blocks[-1] = attrs.evolve(previous, output=text)
        else:
            blocks.append(block)
        i = j + 1
    return blocks


def pages() -> list[Path]:
    """The hand-written pages."""
    return sorted(DOCS.glob("*.md"))


def all_blocks() -> list[Block]:
    """Every block of every hand-written page, in page order."""
    return [block for page in pages() for block in read_blocks(page)]


# ------------------------------------------------------------------ running blocks


def _environment() -> dict[str, str]:
    """The environment commands run in: this interpreter's scripts first on PATH, UTF-8 I/O,
    and text laid out for an 80-column terminal, whatever terminal runs the tests."""
    env = dict(os.environ)
    env["COLUMNS"] = "80"
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONUTF8"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _same(expected: str, actual: str) -> bool:
    """Whether output matches, ``...`` matching any text, trailing spaces and blank ends aside."""

    def tidy(text: str) -> str:
        return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()) + "\n"

    checker = doctest.OutputChecker()
    return checker.check_output(tidy(expected), tidy(actual), doctest.ELLIPSIS)


def _difference(what: str, expected: str, actual: str) -> str:
    return f"{what}\n--- the page shows:\n{expected}--- it printed:\n{actual}"


@attrs.define
class Command:
    """A ``$ `` line of a console block (continuation lines joined) and what the page shows."""

    command: str
    expected: str


def commands(text: str) -> list[Command]:
    """Split a console block into its commands and their shown output."""
    found: list[Command] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            if not found:
                raise ValueError(f"a console block must start with a '$ ' line, not {line!r}")
            found[-1].expected += line + "\n"
            i += 1
            continue
        command = line[2:]
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command + "\n" + lines[i]
        found.append(Command(command, ""))
        i += 1
    return found


class Page:
    """One page's blocks, run in order in one folder with one namespace."""

    def __init__(self, path: Path, folder: Path) -> None:
        self.blocks = read_blocks(path)
        self.folder = folder
        self.namespace: dict[str, Any] = {"__name__": "__docs__"}
        self.results: dict[str, BaseException | None] = {}  # by block id, once run
        shutil.copytree(EXAMPLES, folder / "examples", ignore=shutil.ignore_patterns("__pycache__"))
        if NODE_MODULES.is_dir():
            (folder / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)

    def run_through(self, block: Block) -> None:
        """Run every block up to ``block`` that has not run yet, then report ``block``'s result.

        A block that fails does not stop the ones after it (a wrong output leaves the
        namespace as it was); each block's own test reports its own failure.
        """
        position = self.blocks.index(block)
        for current in self.blocks[: position + 1]:
            if current.id not in self.results:
                try:
                    self._run(current)
                except (Exception, pytest.skip.Exception) as error:
                    self.results[current.id] = error
                else:
                    self.results[current.id] = None
        outcome = self.results[block.id]
        if outcome is not None:
            raise outcome

    def _run(self, block: Block) -> None:
        if block.title is not None:
            self._write(block)
        elif block.language == "pycon":
            self._doctest(block)
        elif block.language == "python":
            self._python(block)
        elif block.language == "console":
            self._console(block)
        elif block.language == "js":
            self._js(block)
        elif block.language == "sh":
            _check_install(block)

    def _write(self, block: Block) -> None:
        target = (self.folder / block.title).resolve() if block.title else self.folder
        assert target.is_relative_to(self.folder.resolve()), f"{block.title} leaves the folder"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(block.text, encoding="utf-8")

    def _doctest(self, block: Block) -> None:
        parser = doctest.DocTestParser()
        # lineno is 0-based: the line after the opening fence, so reports name page lines.
        test = parser.get_doctest(block.text, self.namespace, block.id, block.page, block.line)
        report = io.StringIO()
        runner = doctest.DocTestRunner(optionflags=FLAGS)
        with contextlib.chdir(self.folder):
            result = runner.run(test, out=report.write, clear_globs=False)
        self.namespace.update(test.globs)  # the DocTest ran in a copy of the namespace
        assert result.attempted > 0, f"{block.id}: a pycon block with no >>> lines"
        assert result.failed == 0, report.getvalue()

    def _python(self, block: Block) -> None:
        printed = io.StringIO()
        code = compile(block.text, block.id, "exec")
        with contextlib.chdir(self.folder), contextlib.redirect_stdout(printed):
            exec(code, self.namespace)
        if block.output is not None:
            assert _same(block.output, printed.getvalue()), _difference(
                block.id, block.output, printed.getvalue()
            )

    def _console(self, block: Block) -> None:
        steps = commands(block.text)
        if any(step.command.split()[0] == "node" for step in steps):
            _need_node()
        marker = f"@@docs-{uuid.uuid4().hex}@@"
        # Between commands: print a marker, keeping the exit status for `echo $?`.
        between = f"__status=$?; printf '%s\\n' '{marker}'; (exit $__status)\n"
        script = "exec 2>&1\n" + "".join(f"{between}{step.command}\n" for step in steps)
        done = subprocess.run(
            ["bash", "-c", script],
            cwd=self.folder,
            env=_environment(),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        outputs = done.stdout.split(marker + "\n")[1:]
        assert len(steps) == len(outputs), f"{block.id}: the shell stopped early:\n{done.stdout}"
        for step, output in zip(steps, outputs, strict=True):
            assert _same(step.expected, output), _difference(
                f"{block.id}: $ {step.command}", step.expected, output
            )

    def _js(self, block: Block) -> None:
        _need_node()
        assert NODE is not None
        script = self.folder / f"block-{block.line}.mjs"
        script.write_text(block.text, encoding="utf-8")
        done = subprocess.run(
            [NODE, script.name],
            cwd=self.folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        assert done.returncode == 0, f"{block.id}: node failed:\n{done.stdout}{done.stderr}"
        if block.output is not None:
            assert _same(block.output, done.stdout), _difference(
                block.id, block.output, done.stdout
            )


def _need_node() -> None:
    """Skip unless node and ajv (``cd tests/js && npm ci``) are installed."""
    if NODE is None or not NODE_MODULES.is_dir():
        pytest.skip(
            "node, or ajv in tests/js/node_modules, is not installed (cd tests/js && npm ci)"
        )


def _extras() -> set[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(data["project"]["optional-dependencies"])


def _check_install(block: Block) -> None:
    """An ``sh`` block holds only venv and pip lines, naming extras pyproject.toml defines."""
    for line in block.text.splitlines():
        command = line.split("#")[0].strip()
        if not command:
            continue
        assert re.match(r"^(python3? -m venv|(\S*/)?pip install) ", command), (
            f"{block.id}: sh blocks are not run, so they may hold only installation lines: "
            f"{command!r}"
        )
        for extras in re.findall(r"\.\[([^\]]*)\]", command):
            unknown = {e.strip() for e in extras.split(",")} - _extras()
            assert not unknown, f"{block.id}: pyproject.toml defines no extra {unknown}"


@pytest.fixture(scope="module")
def page_runs() -> dict[str, Page]:
    """The pages run so far in this module, by name; each runs its blocks once, in order."""
    return {}


def _page(runs: dict[str, Page], name: str, factory: pytest.TempPathFactory) -> Page:
    if name not in runs:
        runs[name] = Page(DOCS / name, factory.mktemp(name.removesuffix(".md")))
    return runs[name]


BLOCKS = all_blocks()
# The blocks with something to check: files and shown-only blocks run as part of the others.
CHECKED = [b for b in BLOCKS if b.title is None and b.language in RUN | {"sh"}]


@pytest.mark.parametrize("block", CHECKED, ids=[b.id for b in CHECKED])
def test_docs_block_runs_and_prints_what_the_page_shows(
    block: Block, page_runs: dict[str, Page], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each code block of the hand-written pages runs as its language says, as shown."""
    _page(page_runs, block.page, tmp_path_factory).run_through(block)


def test_every_block_has_a_language_the_tests_know() -> None:
    """A block in another language (a typo such as ``pyhton``) would silently go unrun."""
    unknown = [b.id for b in BLOCKS if b.title is None and b.language not in RUN | SHOWN]
    assert [] == unknown


def test_every_runnable_language_appears_in_the_docs() -> None:
    """The pages hold blocks of each runnable language, so none of the runners goes untested."""
    used = {block.language for block in BLOCKS if block.title is None}
    assert RUN <= used


def test_console_blocks_split_into_commands_and_what_each_prints() -> None:
    """A ``$ `` line starts a command (a trailing backslash continues it); lines after are output."""
    text = "$ casefile validate \\\n  a.json\na.json: valid\n$ echo $?\n0\n"
    expected = [
        Command("casefile validate \\\n  a.json", "a.json: valid\n"),
        Command("echo $?", "0\n"),
    ]
    assert expected == commands(text)


def test_an_output_block_belongs_to_the_block_before_it(tmp_path: Path) -> None:
    """A block titled Output is the expected output of the one before, not a block of its own."""
    page = tmp_path / "page.md"
    page.write_text(
        '```python\nprint(1)\n```\n\n```text title="Output"\n1\n```\n\n'
        '```yaml title="x.yaml"\na: 1\n```\n',
        encoding="utf-8",
    )
    expected = [
        Block("page.md", 1, "python", None, "print(1)\n", output="1\n"),
        Block("page.md", 9, "yaml", "x.yaml", "a: 1\n"),
    ]
    assert expected == read_blocks(page)


def test_output_matches_with_ellipsis_but_not_otherwise() -> None:
    """``...`` stands for any text; anything else must be as shown, trailing spaces aside."""
    assert _same("a: ...\nb\n", "a: 12 problems  \nb\n")
    assert not _same("a: 1 problem\n", "a: 2 problems\n")


def test_install_blocks_may_name_only_extras_that_exist() -> None:
    """An ``sh`` block is not run, so a misspelt extra would go unnoticed but for this check."""
    block = Block("page.md", 1, "sh", None, "pip install '.[fats]'\n")
    with pytest.raises(AssertionError, match="no extra"):
        _check_install(block)


# ------------------------------------------------------------------ the example scripts


def run_example(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run a script of ``examples/`` with this interpreter, as a reader would."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=_environment(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
    )


def test_query_reference_prints_each_amazon_finding_with_its_quotes() -> None:
    """query_reference.py lists every Operation Amazon finding with the words of each source."""
    case = casefile.reference()
    done = run_example("examples/query_reference.py")
    assert 0 == done.returncode, done.stderr
    findings = [f for f in case.findings if f.investigation == "op-amazon"]
    assert findings, "the reference casefile has Operation Amazon findings"
    quotes = {a.id: " ".join(a.quote.exact.split()) for a in case.attributions}
    for finding in findings:
        assert f"{finding.id}: {finding.summary}" in done.stdout
        for attribution in finding.attributions:
            assert quotes[attribution] in done.stdout


def test_query_reference_prints_outcomes_disputes_and_conflicts() -> None:
    """It shows the disputes of the upheld complaint in their words, and the disagreeing counts."""
    done = run_example("examples/query_reference.py")
    assert 0 == done.returncode, done.stderr
    case = casefile.reference()
    disputing = [
        a
        for a in case.attributions
        if a.stance is casefile.Stance.DISPUTES and "out.complaint-upheld" in a.responds_to
    ]
    assert disputing, "the reference casefile records disputes of the upheld complaint"
    for attribution in disputing:
        assert " ".join(attribution.quote.exact.split()) in done.stdout
    conflict = "op-linden figure:investigations: 93 strands (src-gbnews) vs 91 investigations"
    assert conflict in done.stdout
    accounts = "q.champion-asked-nca answers: Potential concealment by police. "
    assert accounts + "(src-national-pulse) and Concealment by police." in done.stdout


def test_build_in_code_writes_a_casefile_that_loads_with_its_document(tmp_path: Path) -> None:
    """build_in_code.py writes a valid casefile whose quotes stand at their offsets."""
    done = run_example("examples/build_in_code.py", str(tmp_path))
    assert 0 == done.returncode, done.stderr
    case = casefile.load(tmp_path / "example.casefile.json", documents=tmp_path)
    text = (tmp_path / "statement.txt").read_text(encoding="utf-8")
    assert 3 == len(case.attributions)
    for attribution in case.attributions:
        quote = attribution.quote
        assert quote.exact == text[quote.start : quote.end]
    assert "equal to what was built: True" in done.stdout
    assert "Example Police did not record complaints." in done.stdout


def test_build_in_code_uses_a_temporary_folder_when_given_none() -> None:
    """Without an argument the script writes into a new temporary folder, never the checkout."""
    done = run_example("examples/build_in_code.py")
    assert 0 == done.returncode, done.stderr
    folder = Path(done.stdout.splitlines()[0].removeprefix("folder: "))
    try:
        assert not folder.is_relative_to(ROOT)
        assert [] == casefile.validate(
            (folder / "example.casefile.json").read_bytes(), documents=folder
        )
    finally:
        shutil.rmtree(folder)


# The deliberate mistakes in examples/broken.casefile.json: (pointer, code).
BROKEN = [
    ("/findings/0/concerns/0/id", "duplicate-id"),
    ("/findings/0/investigation", "dangling-reference"),
    ("/outcomes/0/of/0", "wrong-kind-reference"),
    ("/attributions/1/quote/end", "quote-length-mismatch"),
]


def test_validate_report_lists_every_mistake_in_the_broken_file_as_json() -> None:
    """validate_report.py reports each deliberate mistake at its pointer, and exits 1."""
    done = run_example(
        "examples/validate_report.py", "examples/broken.casefile.json", "--format", "json"
    )
    assert 1 == done.returncode, done.stderr
    report = json.loads(done.stdout)
    assert False is report["valid"]
    assert BROKEN == [(p["pointer"], p["code"]) for p in report["problems"]]


def test_validate_report_text_names_pointer_and_code() -> None:
    """The text report shows each problem's pointer and code, for people."""
    done = run_example("examples/validate_report.py", "examples/broken.casefile.json")
    assert 1 == done.returncode
    assert "examples/broken.casefile.json: 4 problems" == done.stdout.splitlines()[0]
    for pointer, code in BROKEN:
        assert f"  {pointer}\n    {code}: " in done.stdout


def test_validate_report_accepts_a_valid_file_with_its_documents(tmp_path: Path) -> None:
    """A valid casefile, checked with its documents, is reported valid with status 0."""
    assert 0 == run_example("examples/build_in_code.py", str(tmp_path)).returncode
    target = tmp_path / "example.casefile.json"
    done = run_example("examples/validate_report.py", str(target), "--documents", str(tmp_path))
    assert 0 == done.returncode, done.stdout
    assert f"{target}: valid\n" == done.stdout


def test_validate_report_exits_2_for_a_missing_file(tmp_path: Path) -> None:
    """A file that cannot be read is a usage failure (2), not a list of problems (1)."""
    done = run_example("examples/validate_report.py", str(tmp_path / "missing.json"))
    assert 2 == done.returncode
    assert "cannot read the file" in done.stderr


@pytest.fixture
def js_folder(tmp_path: Path) -> Path:
    """A folder where validate.mjs finds ajv, holding the schema and the reference casefile."""
    _need_node()
    (tmp_path / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    shutil.copy(EXAMPLES / "validate.mjs", tmp_path)
    (tmp_path / "casefile.schema.json").write_text(
        json.dumps(casefile.load_schema()), encoding="utf-8"
    )
    casefile.dump(casefile.reference(), tmp_path / "reference.casefile.json")
    documents = casefile.reference_documents()
    (tmp_path / "documents").mkdir()
    for document in casefile.reference().documents:
        data = documents.joinpath(document.path).read_bytes()
        (tmp_path / "documents" / document.path).write_bytes(data)
    return tmp_path


def _node(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert NODE is not None
    return subprocess.run(
        [NODE, "validate.mjs", "casefile.schema.json", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
    )


def test_validate_mjs_accepts_the_reference_casefile_with_its_documents(js_folder: Path) -> None:
    """validate.mjs finds every reference quote at its code-point offsets, with digests."""
    done = _node(js_folder, "reference.casefile.json", "documents")
    assert 0 == done.returncode, done.stdout + done.stderr
    assert "reference.casefile.json: valid\n" == done.stdout


def test_validate_mjs_finds_the_quote_whose_offsets_are_short(js_folder: Path) -> None:
    """Of the broken file's mistakes, JavaScript sees the one in the quote's offsets.

    The schema passes it: ids and references are the integrity layer's, left to casefile.
    """
    done = _node(js_folder, str(EXAMPLES / "broken.casefile.json"))
    assert 1 == done.returncode
    assert "/attributions/1/quote/end:" in done.stdout
    assert "[quote-length-mismatch]" in done.stdout


def test_validate_mjs_reports_a_document_that_changed(js_folder: Path) -> None:
    """A document whose bytes no longer match its digest is reported, not trusted."""
    first = casefile.reference().documents[0].path
    with (js_folder / "documents" / first).open("a", encoding="utf-8") as handle:
        handle.write("\n")
    done = _node(js_folder, "reference.casefile.json", "documents")
    assert 1 == done.returncode
    assert "/documents/0/sha256:" in done.stdout


def _one_quote_casefile(folder: Path, data: bytes, start: int, exact: str) -> casefile.Casefile:
    """A casefile of one attribution quoting ``exact`` at ``start`` in a file holding ``data``."""
    (folder / "a.txt").write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    quote = casefile.Quote(document="doc", exact=exact, start=start, end=start + len(exact))
    return casefile.Casefile(
        id="bom",
        title="A document with a byte-order mark",
        sources=(casefile.Source(id="src", kind="report"),),
        documents=(casefile.Document(id="doc", path="a.txt", sha256=digest, sources=("src",)),),
        attributions=(casefile.Attribution(id="at", source="src", quote=quote),),
    )


def test_a_byte_order_mark_counts_as_one_code_point_as_the_offsets_section_says(
    tmp_path: Path,
) -> None:
    """Interoperability tells other tools to keep a leading BOM and count it; casefile does."""
    data = b"\xef\xbb\xbfExample text."
    counted = _one_quote_casefile(tmp_path, data, 1, "Example")
    assert [] == casefile.validate(counted, documents=tmp_path)
    stripped = _one_quote_casefile(tmp_path, data, 0, "Example")
    codes = [p.code for p in casefile.validate(stripped, documents=tmp_path)]
    assert ["quote-mismatch"] == codes


def test_validate_mjs_counts_a_byte_order_mark_as_casefile_does(
    js_folder: Path, tmp_path: Path
) -> None:
    """The JavaScript example keeps the BOM when decoding, so it agrees with casefile."""
    folder = tmp_path / "bom"
    folder.mkdir()
    case = _one_quote_casefile(folder, b"\xef\xbb\xbfExample text.", 1, "Example")
    casefile.dump(case, js_folder / "bom.casefile.json")
    done = _node(js_folder, "bom.casefile.json", str(folder))
    assert 0 == done.returncode, done.stdout + done.stderr


def test_every_example_script_has_tests_here() -> None:
    """The scripts in examples/ are the four this module runs and the oversight converters with
    their helpers, which tests/test_oversight.py runs: a new one needs tests."""
    scripts = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".py", ".mjs"))
    assert [
        "build_in_code.py",
        "convert_ccrb.py",
        "convert_chicago.py",
        "query_reference.py",
        "tables.py",
        "validate.mjs",
        "validate_report.py",
    ] == scripts
