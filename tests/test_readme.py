"""The README's examples run: its Python blocks execute, and its commands exist."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from casefile.cli import _parser

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
