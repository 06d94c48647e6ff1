"""Generate the command-line reference from the ``casefile`` argument parser at build time.

The page is read off the parser the command itself uses (:func:`casefile.cli._parser`), so a
new command, option or help text appears here as soon as it exists. The exit statuses come
from the module's own docstring, the one place the command line documents them.

Each command also has an example (``EXAMPLES``): a command line run in-process on the
reference casefile or on a file in the repository while the site builds, shown with what it
printed, so the page cannot go stale. Long outputs are cut after ``OUTPUT_LINES`` lines, and
the page says so. Usage lines and example commands are wrapped to what a code block shows
without scrolling (``CODE_WIDTH``, less at the copy button); a block that still has a wider
line (a program's message) is marked ``{ .wrap }`` and wraps at the box's edge. A command
with ``--format json`` runs its example a second time with it, and the page describes the JSON
it printed: its top-level members, their JSON types, and what each is: where the value is one
of the library's answer or model types, from that class's ``Attributes:`` docstring;
otherwise (a plain object a handler builds) from the list of members in the docstring of the
code that builds it, one ``- ``name``: what it is`` line each (``JSON_MEMBERS_IN``; by
default the command's handler in ``casefile.cli``).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import inspect
import io
import json
import os
import re
import shlex
import tempfile
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from casefile import answers, cli, errors, model
from casefile import summary as summary_module

# The characters a line of a code block shows at 1280 px without scrolling: the content
# column is 688 px wide, less 2 x 16 px of padding, at 8.18 px a character.
CODE_WIDTH = 80
# The copy button covers the end of a block's first line, about 3 characters of it.
FIRST_LINE_WIDTH = CODE_WIDTH - 3
# Usage lines are wrapped at this width, whatever terminal builds the site: argparse wraps
# all of them at one width, and the first must clear the copy button.
USAGE_WIDTH = FIRST_LINE_WIDTH
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]|#!])")
ROOT = Path(__file__).resolve().parents[2]
# How many lines of an example's output the page shows before cutting it.
OUTPUT_LINES = 24
# One example per command, as typed in the repository's root; FILE left out means the
# reference casefile. Examples run in this order in one scratch folder, so a later one may
# read what an earlier one wrote (``identifier`` reads the file ``import`` writes).
EXAMPLES: dict[str, str] = {
    "validate": "casefile validate examples/broken.casefile.json",
    "schema": "casefile schema",
    "migrate": "casefile migrate tests/data/reference-1.0.casefile.json -o reference.casefile.json",
    "build": "casefile build seeds/extraction.yaml --documents seeds --brief",
    "export": "casefile export csv reference.casefile.json -o reference-csv",
    "import": "casefile import examples/small-board/complaints.yaml -o small-board.casefile.json"
    " --quiet",
    "summary": "casefile summary --brief",
    "show": "casefile show op-amazon",
    "timeline": "casefile timeline --kind outcome",
    "findings": "casefile findings --of op-amazon",
    "outcomes": "casefile outcomes",
    "decisions": "casefile decisions cr-101.officer-1234 small-board.casefile.json",
    "said": "casefile said --speaker syp",
    "evidence": "casefile evidence amazon.systemic-failure",
    "conflicts": "casefile conflicts",
    "disputes": "casefile disputes",
    "identifier": "casefile identifier 1234 small-board.casefile.json",
    "search": "casefile search Rotherham",
    "render": "casefile render -o reference-site",
}
# The width text output is laid out for, whatever terminal builds the site.
EXAMPLE_COLUMNS = "80"
# Where the members of a command's JSON are listed, when not in its handler's docstring.
JSON_MEMBERS_IN: dict[str, object] = {"summary": summary_module}
# A line of such a list: "- ``name``, ``other``: what they are", continued on indented lines.
_MEMBER_LINE = re.compile(r"^- ((?:``\w+``(?:, | and )?)+): (.*)$")


class Run(NamedTuple):
    """What an example printed (standard output, then standard error) and its exit status."""

    output: str
    status: int


def pages() -> dict[str, str | bytes]:
    """The command-line reference page."""
    return {"cli.md": render(cli._parser())}


def text(value: str) -> str:
    """Make plain help text safe as Markdown: no stray HTML, emphasis, links, lists or cells."""
    escaped = html.escape(" ".join(value.split()), quote=False)
    escaped = _MARKDOWN_SYNTAX.sub(r"\\\1", escaped)
    # A paragraph that starts like a list item would become one.
    escaped = re.sub(r"^([-+])", r"\\\1", escaped)
    return re.sub(r"^(\d+)\.", r"\1\\.", escaped)


def code(value: str) -> str:
    """Inline code that a table cell and Markdown leave alone (``|`` included)."""
    entities = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "`": "&#96;"}
    escaped = "".join(entities.get(ch, ch) for ch in value)
    escaped = re.sub(r"([\\*_\[\]])", lambda m: f"&#{ord(m.group(1))};", escaped)
    return f"<code>{escaped}</code>"


def commands(parser: argparse.ArgumentParser) -> dict[str, tuple[argparse.ArgumentParser, str]]:
    """Each subcommand's parser and its one-line help, in the order the parser lists them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            return {name: (sub, helps.get(name, "")) for name, sub in action.choices.items()}
    return {}


def usage(parser: argparse.ArgumentParser) -> str:
    """The parser's usage line, wrapped at a fixed width so builds do not differ."""
    formatter = argparse.HelpFormatter(parser.prog, width=USAGE_WIDTH)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)
    return formatter.format_help().strip()


def _fence(language: str, body: str) -> str:
    """A code block's opening fence: marked ``{ .wrap }`` when a line of ``body`` is wider
    than the box shows (``CODE_WIDTH``, ``FIRST_LINE_WIDTH`` for the first): an option's list
    of choices, a program's message. Such a block wraps at the box's edge instead of hiding
    the end of the line."""
    first, *rest = body.split("\n")
    wide = len(first) > FIRST_LINE_WIDTH or any(len(line) > CODE_WIDTH for line in rest)
    return f"```{language} {{ .wrap }}" if wide else f"```{language}"


def command_line(line: str) -> str:
    """An example's command line after a ``$`` prompt, continued on further lines (each but
    the last ending in a backslash, as a shell reads it) where it is wider than the box shows
    (``FIRST_LINE_WIDTH`` for the first line, ``CODE_WIDTH`` after). An option stays on one
    line with its value."""
    units: list[str] = []
    for word in line.split(" "):
        if units and units[-1].startswith("-") and " " not in units[-1] and word[:1] != "-":
            units[-1] += f" {word}"
        else:
            units.append(word)
    lines = [f"$ {units[0]}"]
    for unit in units[1:]:
        # Room is left for the " \\" that continues a line.
        width = FIRST_LINE_WIDTH if len(lines) == 1 else CODE_WIDTH
        if len(lines[-1]) + 1 + len(unit) > width - 2:
            lines.append(f"    {unit}")
        else:
            lines[-1] += f" {unit}"
    return " \\\n".join(lines)


def exit_statuses(doc: str | None) -> list[tuple[str, str]]:
    """Read ``Exit status: 0 meaning; 1 meaning; ...`` from a module docstring.

    Raises:
        ValueError: the docstring has no such sentence, so the page would silently lose them.
    """
    flat = " ".join((doc or "").split())
    match = re.search(r"Exit status: (.+?)\.(?: |$)", flat)
    if match is None:
        raise ValueError("casefile.cli's docstring no longer says 'Exit status: ...'")
    statuses = []
    for item in match.group(1).split(";"):
        number, _, meaning = item.strip().partition(" ")
        if not number.isdigit():
            raise ValueError(f"cannot read the exit status {item.strip()!r}")
        statuses.append((number, meaning))
    return statuses


def argument_rows(parser: argparse.ArgumentParser) -> Iterator[list[str]]:
    """One table row per argument or option: how to write it, required, default, help."""
    formatter = argparse.HelpFormatter(parser.prog, width=USAGE_WIDTH)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        written = formatter._format_action_invocation(action)
        help_text = formatter._expand_help(action) if action.help else ""
        yield [
            code(written),
            "yes" if _required(action) else "no",
            _default(action),
            text(help_text) or "—",
        ]


def _required(action: argparse.Action) -> bool:
    if action.option_strings:
        return bool(action.required)
    return action.nargs not in ("?", "*", argparse.REMAINDER)


def _default(action: argparse.Action) -> str:
    default = action.default
    if default is None or default is argparse.SUPPRESS or isinstance(default, bool):
        return "—"
    return code(str(default))


def render(
    parser: argparse.ArgumentParser,
    exit_codes: list[tuple[str, str]] | None = None,
    examples: dict[str, str] | None = None,
) -> str:
    """The whole command-line page, as Markdown.

    Args:
        parser: the command's parser.
        exit_codes: the exit statuses and their meanings; by default, those the
            ``casefile.cli`` docstring documents.
        examples: a command line for each command, run to show its output; by default
            ``EXAMPLES``. A command without one has no example.
    """
    subcommands = commands(parser)
    if exit_codes is None:
        exit_codes = exit_statuses(inspect.getdoc(cli))
    lines = [
        "# Command line",
        "",
        text(parser.description or ""),
        "",
        "This page is generated from the command's own argument parser each time the site is "
        "built, and each example is run then, on the reference casefile or a file in the "
        "repository, with the output it printed (text laid out for "
        f"{EXAMPLE_COLUMNS} columns)."
        + (f" Every command also prints its help with {code('-h')}." if parser.add_help else ""),
        "",
        _fence("text", usage(parser)),
        usage(parser),
        "```",
        "",
        "| Command | What it does |",
        "|---|---|",
        *(
            f"| [{code(name)}](#{name}) | {text(summary)} |"
            for name, (_, summary) in subcommands.items()
        ),
        "",
        "## Exit status { #exit-status }",
        "",
        "| Status | Meaning |",
        "|---|---|",
        *(f"| {code(number)} | {text(meaning)} |" for number, meaning in exit_codes),
        "",
    ]
    ran = run_examples(parser, examples)
    for name, (sub, summary) in subcommands.items():
        lines.extend(_command(name, sub, summary))
        if name in ran:
            plain, as_json = ran[name]
            lines.extend(_example(name, (examples or EXAMPLES)[name], plain))
            if as_json is not None:
                lines.extend(_json_section(name, as_json, member_docs(_json_doc(name, sub))))
    return "\n".join(lines).rstrip() + "\n"


def _command(name: str, parser: argparse.ArgumentParser, summary: str) -> list[str]:
    lines = [f"## {parser.prog} {{ #{name} }}", ""]
    for paragraph in (summary, parser.description):
        if paragraph:
            lines += [text(paragraph), ""]
    lines += [_fence("text", usage(parser)), usage(parser), "```", ""]
    rows = list(argument_rows(parser))
    if rows:
        lines += ["| Argument | Required | Default | Description |", "|---|---|---|---|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        lines.append("")
    if parser.epilog:
        lines += [text(parser.epilog), ""]
    return lines


# ------------------------------------------------------------------ examples


def run_examples(
    parser: argparse.ArgumentParser, examples: dict[str, str] | None = None
) -> dict[str, tuple[Run, Run | None]]:
    """Run each example in-process, in order, in one scratch folder: as written, then, for a
    command that takes ``--format json``, again with it."""
    examples = EXAMPLES if examples is None else examples
    subcommands = commands(parser)
    json_too = tuple(
        name for name in examples if name in subcommands and _takes_json(subcommands[name][0])
    )
    return dict(_run_all(tuple(examples.items()), json_too))


@functools.cache
def _run_all(
    examples: tuple[tuple[str, str], ...], json_too: tuple[str, ...]
) -> tuple[tuple[str, tuple[Run, Run | None]], ...]:
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch).resolve()
        for name, line in examples:
            plain = run(line, folder)
            as_json = run(line, folder, ("--format", "json")) if name in json_too else None
            results.append((name, (plain, as_json)))
    return tuple(results)


def run(line: str, folder: Path, extra: tuple[str, ...] = ()) -> Run:
    """Run one ``casefile ...`` line in ``folder``; names of repository files are read from
    the repository. Paths of the repository and the folder are left out of the output."""
    words = shlex.split(line)[1:] + list(extra)
    # The first word is the command, which may share its name with a folder (``schema``).
    argv = words[:1] + [str(ROOT / w) if (ROOT / w).exists() else w for w in words[1:]]
    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = EXAMPLE_COLUMNS
    try:
        with contextlib.chdir(folder), contextlib.redirect_stderr(err):
            try:
                status = cli.main(argv, out)
            except SystemExit as stop:
                status = stop.code if isinstance(stop.code, int) else 1
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    text = out.getvalue() + err.getvalue()
    for path in (folder, ROOT):
        text = text.replace(f"{path}{os.sep}", "").replace(str(path), ".")
    return Run(text, status)


def shown(output: str, limit: int = OUTPUT_LINES) -> tuple[str, int]:
    """The first ``limit`` lines of an output, and how many lines were left out."""
    lines = output.rstrip("\n").split("\n")
    if len(lines) <= limit:
        return "\n".join(lines), 0
    return "\n".join(lines[:limit]), len(lines) - limit


def _example(name: str, line: str, result: Run) -> list[str]:
    body, cut = shown(result.output)
    typed = command_line(line)
    lines = [f"### Example {{ #{name}-example }}", "", _fence("console", f"{typed}\n{body}"), typed]
    lines += [body, "```"] if body else ["```"]
    notes = []
    if cut:
        notes.append(f"The output goes on for {cut} more line{'s' if cut != 1 else ''}, cut here.")
    if result.status:
        notes.append(f"The exit status is {code(str(result.status))}.")
    return [*lines, "", *([" ".join(notes), ""] if notes else [])]


# ------------------------------------------------------------------ the JSON output


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        kinds = sorted({_json_type(item) for item in value})
        return "array" + (f" of {' or '.join(kinds)}" if kinds else "")
    named = answer_type(value)
    return f"object ({named.__name__})" if named else "object"


@functools.cache
def _classes() -> tuple[type, ...]:
    """The classes a command's JSON is made from: the answers, the model records, problems."""
    found = [errors.Problem]
    for module in (answers, model):
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and attrs.has(value) and value.__module__ == module.__name__
        ]
    return tuple(found)


def _members(cls: type) -> set[str]:
    """The names a converted object of the class may hold: its fields and properties."""
    properties = {name for name, value in vars(cls).items() if isinstance(value, property)}
    return {field.name for field in attrs.fields(cls)} | properties


def answer_type(value: Any) -> type | None:
    """The answer or model class a JSON object was converted from: the one with fewest fields
    whose fields (and properties) include all the object's members (a converted record leaves
    out empty ones), or None."""
    if not isinstance(value, dict) or not value:
        return None
    fitting = [
        cls
        for cls in _classes()
        if set(value) <= _members(cls) and len(value) * 2 > len(attrs.fields(cls))
    ]
    return min(fitting, key=lambda cls: len(attrs.fields(cls)), default=None)


def member_class(cls: type, name: str) -> type | None:
    """The library class a field holds, or holds a tuple of, read from its annotation."""
    try:
        hint = typing.get_type_hints(cls).get(name)
    except NameError:
        return None
    for candidate in (hint, *typing.get_args(hint)):
        origin = typing.get_origin(candidate) or candidate
        if isinstance(origin, type) and attrs.has(origin):
            return origin
    return None


def attribute_docs(cls: type) -> dict[str, str]:
    """Each member's description: the ``Attributes:`` section of the class's docstring, and
    the first line of each property's."""
    doc = inspect.getdoc(cls) or ""
    _, _, section = doc.partition("Attributes:")
    found: dict[str, str] = {}
    current = None
    for raw in section.split("\n"):
        match = re.match(r"^    (\w+)(?: \([^)]*\))?: (.*)$", raw)
        if match:
            current = match[1]
            found[current] = match[2]
        elif current and raw.startswith("        "):
            found[current] += " " + raw.strip()
        elif raw.strip() and not raw.startswith(" "):
            break
    for name, value in vars(cls).items():
        if isinstance(value, property) and value.__doc__:
            found.setdefault(name, value.__doc__.strip().split("\n")[0])
    return found


def prose(value: str) -> str:
    """Docstring text as Markdown: ``code`` kept as code, everything else plain text."""
    parts = re.split(r"``(.+?)``", value)
    return "".join(code(part) if i % 2 else _spaced(part) for i, part in enumerate(parts))


def _spaced(value: str) -> str:
    """:func:`text`, keeping a space at either end (the gap before or after a code span)."""
    before = " " if value[:1].isspace() else ""
    after = " " if value[-1:].isspace() and value.strip() else ""
    return before + text(value) + after


def member_docs(doc: str | None) -> dict[str, str]:
    """The JSON members a docstring lists, ``- ``name``: what it is`` (several names may share
    a line), each with its description."""
    found: dict[str, str] = {}
    names: list[str] = []
    for raw in (doc or "").split("\n"):
        match = _MEMBER_LINE.match(raw)
        if match:
            names = re.findall(r"``(\w+)``", match[1])
            found.update(dict.fromkeys(names, match[2]))
        elif names and raw.startswith("  ") and raw.strip():
            found.update({name: found[name] + " " + raw.strip() for name in names})
        else:
            names = []
    return found


def _json_doc(name: str, parser: argparse.ArgumentParser) -> str | None:
    """The docstring that lists the members of a command's JSON."""
    return inspect.getdoc(JSON_MEMBERS_IN.get(name) or parser.get_default("run"))


def json_shape(data: Any, described: dict[str, str] | None = None) -> list[str]:
    """Describe a command's JSON output: the top level, then one row per member.

    A member is described by the class its value was converted from, else by ``described``
    (what the code that builds a plain object says of it).
    """
    items = data if isinstance(data, list) else [data]
    members: dict[str, Any] = {}
    for item in items:
        if isinstance(item, dict):
            for key, value in item.items():
                members.setdefault(key, value)
    sample = next((item for item in items if isinstance(item, dict)), None)
    named = answer_type(sample) if sample is not None else None
    what = f"one {code(named.__name__)}" if named else "an object"
    if isinstance(data, list):
        top = f"An array, one item per result in the order the text shows; each item is {what}"
    else:
        top = f"One {code(named.__name__)}" if named else "One object"
    if not members:
        return [top + ".", ""]
    docs = {**(described or {}), **(attribute_docs(named) if named else {})}
    lines = [top + ", with these members:", "", "| Member | JSON type | What it is |"]
    lines.append("|---|---|---|")
    for key, value in members.items():
        inner = value[0] if isinstance(value, list) and value else value
        kind = (member_class(named, key) if named else None) or answer_type(inner)
        kind_text = _json_type(value)
        if kind is not None and isinstance(inner, dict):
            kind_text = re.sub(r"object( \(\w+\))?$", f"object ({kind.__name__})", kind_text)
        about = docs.get(key) or (_first_sentence(kind) if kind else "")
        lines.append(f"| {code(key)} | {text(kind_text)} | {prose(about) or '—'} |")
    return [*lines, ""]


def _first_sentence(cls: type) -> str:
    doc = (inspect.getdoc(cls) or "").split("\n\n")[0]
    return " ".join(doc.split())


def _json_section(name: str, result: Run, described: dict[str, str]) -> list[str]:
    lines = [f"### JSON output {{ #{name}-json }}", ""]
    try:
        data = json.loads(result.output)
    except ValueError:
        return [*lines, f"The example printed no JSON with {code('--format json')}.", ""]
    return [
        *lines,
        f"With {code('--format json')}, the example above prints JSON of this shape. "
        "Nothing in it depends on the width.",
        "",
        *json_shape(data, described),
    ]


def _takes_json(parser: argparse.ArgumentParser) -> bool:
    return any(
        "--format" in action.option_strings and "json" in (action.choices or ())
        for action in parser._actions
    )
