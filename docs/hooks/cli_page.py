"""Generate the command-line reference from the ``casefile`` argument parser at build time.

The page is read off the parser the command itself uses (:func:`casefile.cli._parser`), so a
new command, option or help text appears here as soon as it exists. The exit statuses come
from the module's own docstring, the one place the command line documents them.
"""

from __future__ import annotations

import argparse
import html
import inspect
import re
from collections.abc import Iterator

from casefile import cli

# Usage lines are wrapped at this width, whatever terminal builds the site.
USAGE_WIDTH = 88
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]|#!])")


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


def render(parser: argparse.ArgumentParser, exit_codes: list[tuple[str, str]] | None = None) -> str:
    """The whole command-line page, as Markdown.

    Args:
        parser: the command's parser.
        exit_codes: the exit statuses and their meanings; by default, those the
            ``casefile.cli`` docstring documents.
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
        "built."
        + (f" Every command also prints its help with {code('-h')}." if parser.add_help else ""),
        "",
        "```text",
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
    for name, (sub, summary) in subcommands.items():
        lines.extend(_command(name, sub, summary))
    return "\n".join(lines).rstrip() + "\n"


def _command(name: str, parser: argparse.ArgumentParser, summary: str) -> list[str]:
    lines = [f"## {parser.prog} {{ #{name} }}", ""]
    for paragraph in (summary, parser.description):
        if paragraph:
            lines += [text(paragraph), ""]
    lines += ["```text", usage(parser), "```", ""]
    rows = list(argument_rows(parser))
    if rows:
        lines += ["| Argument | Required | Default | Description |", "|---|---|---|---|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        lines.append("")
    if parser.epilog:
        lines += [text(parser.epilog), ""]
    return lines
