"""The README's examples run: its Python blocks execute, and its commands exist."""

from __future__ import annotations

import contextlib
import importlib.metadata
import io
import re
import tomllib
from pathlib import Path

import casefile
from casefile.cli import _parser
from casefile.version import DISTRIBUTION

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_python_example_runs_and_prints_the_conflicts() -> None:
    """The Python block runs as written and prints each conflict of the reference casefile."""
    (block,) = _blocks("python")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {})
    assert (
        "op-linden figure:investigations 93 strands vs 91 investigations"
        in out.getvalue().splitlines()
    )


def test_every_command_in_the_table_exists() -> None:
    """Each `casefile X` the README's command table lists is a real subcommand, and vice versa."""
    listed = set(re.findall(r"^\| `casefile (\w+)", README, flags=re.M))
    choices = next(a for a in _parser()._actions if a.dest == "command").choices
    assert set(choices) == listed


def test_first_block_holds_the_two_commands() -> None:
    """The README opens with the main job's command and the test command."""
    first = _blocks("sh")[0]
    assert "casefile build seeds/extraction.yaml --documents seeds" in first
    assert "pip install -q -e '.[test]' && .venv/bin/python -m pytest" in first
    assert README.index("```sh") < README.index("## ")


def _install_lines() -> list[tuple[str, str]]:
    """Every ``pip install`` in the README and the hand-written docs, with where it is."""
    pages = [Path(__file__).parent.parent / "README.md"]
    pages += sorted((Path(__file__).parent.parent / "docs").glob("*.md"))
    found = []
    for page in pages:
        for line in page.read_text(encoding="utf-8").splitlines():
            for match in re.finditer(r"pip install ((?:-\S+ )*)([^\s`]+)", line):
                found.append((page.name, match.group(2)))
    return found


def test_install_lines_install_this_library_never_the_unrelated_casefile() -> None:
    """Each install line names the checkout, or the distribution this library is published as.

    The distribution named ``casefile`` on the package index is another tool's: no page may
    tell anyone to install it.
    """
    lines = _install_lines()
    assert lines
    allowed = re.compile(rf"^'?\.(\[[\w,]+\])?'?$|^'?{re.escape(DISTRIBUTION)}(\[[\w,]+\])?'?$")
    assert [] == [(page, target) for page, target in lines if not allowed.match(target)]


def test_the_distribution_name_is_the_one_in_pyproject() -> None:
    """pyproject's name is casefile.version.DISTRIBUTION, the name the version is read from."""
    data = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert DISTRIBUTION == data["project"]["name"]
    assert "casefile" != DISTRIBUTION
    assert "casefile" == data["project"]["scripts"]["casefile"].split(".")[0]
    assert importlib.metadata.version(DISTRIBUTION) == casefile.__version__


def test_readme_names_the_clash_with_the_unrelated_distribution() -> None:
    """The README says, in words, that the distribution called casefile is not this library."""
    assert f"**{DISTRIBUTION}**" in README
    assert "called `casefile` on the package index is an unrelated tool" in README


def test_the_pre_commit_hook_runs_a_real_command_on_casefiles() -> None:
    """.pre-commit-hooks.yaml names `casefile validate`, a command of the table, for files
    named *.casefile.json."""
    import re

    import yaml

    from casefile.cli import COMMANDS

    (hook,) = yaml.safe_load(
        (Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    program, command = hook["entry"].split()
    assert ("casefile", "validate") == (program, command)
    assert command in {c.name for c in COMMANDS}
    assert re.search(hook["files"], "case/reference.casefile.json")
    assert not re.search(hook["files"], "extraction.yaml")
