"""The ``casefile`` command line.

Every command reads a casefile file, or the reference casefile when none is given, and prints
text for people, or JSON for tools with ``--format json``. Errors are messages, never
tracebacks. Exit status: 0 success; 1 the input has problems (listed), or an id is unknown or
of the wrong kind; 2 the command was used wrongly; 70 an internal error (a bug in casefile,
reported in one line); 130 interrupted.

Each command is declared once, in ``COMMANDS``: its name, help, arguments and handler. The
argument parser is built from that table, and a handler gets a ``Context`` that loads the
casefile and builds its index on first use, knows the width to lay text out for, and writes
everything the command prints.

The module is long (over 500 lines) because the table and its fifteen handlers belong
together: each handler is a few lines of layout for one answer, and split into modules by
command they would each import the same context and layout helpers for little gain. The text
layer is in ``casefile._terminal`` and readable names in ``casefile._names``.

Text goes through one layer, ``casefile._terminal``: tables with headers that fit the width
(``--width``, else ``COLUMNS``, else the terminal's, else 80), names rather than ids except
where the next command needs an id, and every control character in the data escaped. JSON
is the same whatever the width: an array of result objects in the order the text shows, each
the result class (``casefile.query``) converted by the casefile converter, so model objects
inside appear exactly as in a casefile file.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

import attrs

from . import _terminal as term
from ._describe import describe
from ._memory import short_of_memory
from ._names import Names, names, property_words
from .building import build_file
from .converter import converter
from .dates import DateError, PartialDate
from .documents import DocumentFolder
from .errors import (
    BuildError,
    CasefileError,
    FileError,
    InvalidCasefile,
    MappingError,
    Problem,
    UnknownId,
    UnsafeOutput,
    WrongKind,
)
from .migrations import migrate_file
from .model import Attribution, Casefile, Finding
from .plan import plan
from .query import Index, format_value
from .reference import reference
from .schema import load_schema, schema_text
from .sensitive import redact
from .storage import DEFAULT_MAX_BYTES, load
from .summary import summary_data, summary_text

__all__ = ["main"]

#: How long a quote may be in a table before it is shortened (``show`` prints it whole).
QUOTE_LIMIT = 160
#: Seconds of work before a progress bar appears on a terminal.
PROGRESS_DELAY = 1.0


class Context:
    """What a command's handler works with: its arguments, where to write, and the casefile.

    The casefile (the file given, or the reference casefile) is read on first use and its
    index built on first use, here and nowhere else; a command that needs neither pays for
    neither. Everything a command prints goes through ``write`` or ``json``, which clear the
    progress bar first and escape control characters.
    """

    def __init__(
        self, args: argparse.Namespace, out: TextIO, progress: term.Progress | None = None
    ) -> None:
        self.args = args
        self.out = out
        self.progress = progress or term.Progress(None)

    @functools.cached_property
    def casefile(self) -> Casefile:
        """The casefile named on the command line, or the reference casefile."""
        if self.args.file is None:
            self.progress.label = "reading the reference casefile"
            return reference()
        self.progress.label = f"reading {self.args.file}"
        casefile = load(
            self.args.file,
            documents=_documents(self.args.documents, self.args.max_bytes),
            max_bytes=self.args.max_bytes,
        )
        if getattr(self.args, "include_sensitive", False):
            return casefile
        return redact(casefile).casefile

    @functools.cached_property
    def index(self) -> Index:
        """The index of ``casefile``."""
        casefile = self.casefile
        self.progress.label = "indexing"
        index = Index(casefile)
        self.progress.label = "answering"
        return index

    @functools.cached_property
    def names(self) -> Names:
        """Readable names for the ids of ``casefile``."""
        return names(self.index)

    @functools.cached_property
    def width(self) -> int:
        """The width to lay text out for (see the module docstring)."""
        return term.terminal_width(self.out, getattr(self.args, "width", None))

    @property
    def wants_json(self) -> bool:
        """Whether the command was asked for JSON."""
        return getattr(self.args, "format", "text") == "json"

    def write(self, text: str) -> None:
        """Print text, its control characters (but newlines) escaped."""
        self.progress.stop()
        self.out.write(term.escape_lines(text))

    def json(self, data: Any) -> None:
        """Print data as JSON; control characters that JSON allows raw are escaped too."""
        self.write(term.escape_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


@attrs.frozen
class Argument:
    """One argument or option of a command, as ``argparse`` is given it.

    Attributes:
        flags: a positional argument's name, or an option's spellings (``-o``, ``--output``).
        help: what it is for; the command's help and the documentation show it.
        options: the other keywords of ``add_argument`` (``type``, ``choices``, ``metavar``...).
    """

    flags: tuple[str, ...]
    help: str
    options: Mapping[str, Any]


def _arg(*flags: str, help: str, **options: Any) -> Argument:
    return Argument(flags, help, options)


@attrs.frozen
class Command:
    """One command: everything the parser, the help and the documentation know about it.

    Attributes:
        name: what the user types after ``casefile``.
        help: a one-line summary, shown in the list of commands.
        run: the handler; it returns the exit status.
        arguments: the command's own arguments, in the order the help lists them.
        reads_casefile: whether it takes the optional casefile ``FILE`` (the reference casefile
            by default) and ``--documents``, after its own arguments.
        json_output: whether it takes ``--format text|json``, after those.
        lays_out_text: whether it takes ``--width``, last.
    """

    name: str
    help: str
    run: Callable[[Context], int]
    arguments: tuple[Argument, ...] = ()
    reads_casefile: bool = False
    json_output: bool = False
    lays_out_text: bool = False


def _problems_text(name: str, problems: Sequence[Problem]) -> str:
    lines = [f"{name}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"]
    lines.extend(f"  {p}" for p in problems)
    return "\n".join(lines)


def _documents(folder: str | None, max_bytes: int) -> DocumentFolder | None:
    """The documents folder named by ``--documents``, each file read within ``--max-bytes``."""
    return None if folder is None else DocumentFolder(folder, max_bytes)


def _read_problems(path: str, documents: str | None, max_bytes: int) -> list[Problem]:
    file = Path(path)
    try:
        if file.is_dir():
            return [
                Problem(pointer="", code="unreadable", message="this is a folder, not a casefile")
            ]
        load(file, documents=_documents(documents, max_bytes), max_bytes=max_bytes)
    except InvalidCasefile as error:
        return list(error.problems)
    except OSError as error:
        return [
            Problem(
                pointer="", code="unreadable", message=f"cannot read the file: {error.strerror}"
            )
        ]
    return []


def _validate(ctx: Context) -> int:
    """Check each file in both layers. As JSON, one object per file:

    - ``file``: the path as given.
    - ``valid``: whether the file has no problems.
    - ``problems``: each problem found, none when the file is valid.
    """
    args, progress = ctx.args, ctx.progress
    results = {}
    progress.total = len(args.files) if len(args.files) > 1 else None
    for path in args.files:
        progress.label = f"checking {path}"
        results[path] = _read_problems(path, args.documents, args.max_bytes)
        progress.done += 1
    if args.format == "json":
        ctx.json(
            [
                {"file": path, "valid": not problems, "problems": [p.to_json() for p in problems]}
                for path, problems in results.items()
            ]
        )
    else:
        for path, problems in results.items():
            ctx.write((_problems_text(path, problems) if problems else f"{path}: valid") + "\n")
    return 1 if any(results.values()) else 0


def _schema(ctx: Context) -> int:
    ctx.write(schema_text(load_schema()))
    return 0


def _migrate(ctx: Context) -> int:
    # An empty --output means none, as it always has: the file is migrated in place.
    output = ctx.args.output or None
    ctx.progress.label = f"migrating {ctx.args.file}"
    result = migrate_file(
        ctx.args.file,
        output,
        documents=_documents(ctx.args.documents, ctx.args.max_bytes),
        max_bytes=ctx.args.max_bytes,
    )
    if result.written:
        ctx.write(
            f"{result.source}: migrated from schema {result.from_version} to "
            f"{result.to_version}; wrote {result.output}\n"
        )
    else:
        ctx.write(f"{result.source}: already at schema {result.from_version}; left unchanged\n")
    return 0


def _build(ctx: Context) -> int:
    args = ctx.args
    ctx.progress.label = f"building {args.extraction}"
    casefile = build_file(
        args.extraction, args.documents, args.output or None, max_bytes=args.max_bytes
    )
    if args.output:
        ctx.write(f"wrote {args.output}\n")
    else:
        ctx.write(
            f"{args.extraction}: built and valid; wrote nothing (give --output FILE to write "
            "the casefile)\n"
        )
    if not args.quiet:
        ctx.write("\n" + summary_text(casefile, width=ctx.width, brief=args.brief))
    return 0


def _import(ctx: Context) -> int:
    from .mapping import import_file

    args = ctx.args
    ctx.progress.label = f"importing {args.mapping}"
    try:
        casefile = import_file(
            args.mapping,
            args.output or None,
            documents=args.documents,
            max_bytes=args.max_bytes,
            progress=ctx.progress,
        )
    except MappingError as error:
        ctx.progress.stop()
        _error(_problems_text(args.mapping, error.problems))
        return 1
    ctx.progress.stop()
    if args.output:
        ctx.write(f"wrote {args.output}\n")
    else:
        ctx.write(
            f"{args.mapping}: imported and valid; wrote nothing (give --output FILE to write "
            "the casefile)\n"
        )
    if not args.quiet:
        ctx.write("\n" + summary_text(casefile, width=ctx.width, brief=args.brief))
    return 0


def _summary(ctx: Context) -> int:
    if ctx.wants_json:
        ctx.json(summary_data(ctx.casefile, ctx.index))
    else:
        ctx.write(
            summary_text(ctx.casefile, width=ctx.width, brief=ctx.args.brief, index=ctx.index)
        )
    return 0


def _export(ctx: Context) -> int:
    from .export import export_files  # only this command needs sqlite3 and csv

    args = ctx.args
    ctx.progress.total = len(args.files) if len(args.files) > 1 else None

    def reading(path: str) -> None:
        if ctx.progress.label.startswith("reading"):
            ctx.progress.done += 1
        ctx.progress.label = f"reading {path}"

    try:
        result = export_files(
            args.files,
            args.output,
            args.export_format,
            include_sensitive=args.include_sensitive,
            max_bytes=args.max_bytes,
            progress=reading,
        )
    except InvalidCasefile as error:
        name = next((p for p in args.files if str(p) in str(error)), "casefile")
        _error(_problems_text(name, error.problems) + "\nnothing was written")
        return 1
    rows = sum(result.rows.values())
    tables = sum(1 for n in result.rows.values() if n)
    things, groups = {"ftm": ("entities", "schemata"), "jsonld": ("nodes", "types")}.get(
        result.format, ("rows", "tables")
    )
    ctx.write(
        f"wrote {result.target} ({result.format}): {rows:,} {things} in {tables} {groups} from "
        f"{len(result.casefiles)} casefile{'s' if len(result.casefiles) != 1 else ''}\n"
    )
    if result.include_sensitive:
        ctx.write("sensitive values included, as asked\n")
    elif result.left_out:
        listed = "listed in the left_out table; " if things == "rows" else ""
        ctx.write(
            f"left out as sensitive: {result.left_out} ({listed}--include-sensitive keeps them)\n"
        )
    return 0


# ------------------------------------------------------------------ query commands


def _date(text: str) -> PartialDate:
    """Read a date option; a malformed one is a usage error (exit 2), like any bad option."""
    try:
        return PartialDate.parse(text)
    except DateError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _words(text: str) -> str:
    """Read search words; nothing to look for is a usage error, not a match for everything."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give some words to look for (it was empty)")
    return text


def _width(text: str) -> int:
    """Read --width: a whole number of columns, at least the narrowest laid out."""
    try:
        width = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of columns") from None
    if width < term.MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"the width must be at least {term.MIN_WIDTH} columns")
    return width


def _emit(
    ctx: Context,
    results: Sequence[Any],
    table: Callable[[], tuple[Sequence[term.Column], list[list[term.Cell]]]],
    empty: str,
) -> int:
    """Print results as JSON, or as the table ``table`` lays out (made only for text)."""
    if ctx.wants_json:
        ctx.json(converter.unstructure(list(results)))
        return 0
    columns, rows = table()
    ctx.write(term.table(columns, rows, ctx.width) if rows else empty + "\n")
    return 0


def _expect(index: Index, id: str, kinds: Sequence[str]) -> str:
    """Return the kind of ``id`` if it is one of ``kinds``; else raise ``WrongKind``."""
    kind = index.kind(id)
    if kind not in kinds:
        raise WrongKind(id, kind, kinds)
    return kind


def _quote(attribution: Attribution) -> str:
    return "\u201c" + term.shorten(attribution.quote.exact, QUOTE_LIMIT) + "\u201d"


def _sources(ctx: Context, ids: Sequence[str]) -> tuple[str, ...]:
    return tuple(ctx.names.source(s) for s in ids)


def _named(ctx: Context, id: str, limit: int = 80) -> str:
    """A record's name with its id: ``Operation Amazon [op-amazon]``."""
    name = ctx.names.of(id)
    return id if name == id else f"{term.shorten(name, limit)} [{id}]"


def _show(ctx: Context) -> int:
    """Print one record. As JSON, an object:

    - ``kind``: what the id names (``investigation``, ``actor``, ``attribution``, ...;
      ``claim`` for claims and milestones).
    - ``item``: the record itself, as the casefile holds it.
    """
    args, index = ctx.args, ctx.index
    if ctx.wants_json:
        ctx.json({"kind": index.kind(args.id), "item": converter.unstructure(index.get(args.id))})
    else:
        ctx.write(describe(index, args.id, ctx.width))
    return 0


def _timeline(ctx: Context) -> int:
    args, index = ctx.args, ctx.index
    entries = index.timeline(start=args.start, end=args.end, kinds=args.kind or None)

    def table() -> tuple[list[term.Column], list[list[term.Cell]]]:
        columns = [term.Column("when", wrap=False), term.Column("what"), term.Column("sources")]
        rows: list[list[term.Cell]] = [
            [
                str(e.when),
                f"{e.label} [{e.subject}]",
                _sources(ctx, index.sources_of(e.attributions)),
            ]
            for e in entries
        ]
        return columns, rows

    return _emit(ctx, entries, table, "no dated items")


def _findings(ctx: Context) -> int:
    args, index = ctx.args, ctx.index
    if args.of:
        about = plan(Finding).field("about").kinds
        kind = _expect(index, args.of, ("investigation", *about))
        findings = (
            index.findings(args.of, within=not args.direct)
            if kind == "investigation"
            else tuple(f for f in index.casefile.findings if args.of in f.about)
        )
    else:
        findings = index.casefile.findings

    def table() -> tuple[list[term.Column], list[list[term.Cell]]]:
        became = {f.id: tuple(o.kind for o in index.outcomes(f.id)) for f in findings}
        several = len({f.investigation for f in findings}) > 1
        columns = [term.Column("finding", wrap=False), term.Column("summary")]
        if several:
            columns.append(term.Column("investigation"))
        columns.append(term.Column("sources"))
        if any(became.values()):
            columns.append(term.Column("outcomes"))
        rows: list[list[term.Cell]] = []
        for finding in findings:
            row: list[term.Cell] = [finding.id, finding.summary]
            if several:
                row.append(ctx.names.of(finding.investigation) if finding.investigation else "-")
            row.append(_sources(ctx, index.evidence(finding.id).sources))
            if any(became.values()):
                row.append(", ".join(k.replace("_", " ") for k in became[finding.id]) or "none")
            rows.append(row)
        return columns, rows

    return _emit(ctx, findings, table, "no findings")


def _outcomes(ctx: Context) -> int:
    args, index = ctx.args, ctx.index
    outcomes = (
        index.outcomes(args.of, within=not args.direct) if args.of else index.casefile.outcomes
    )

    def table() -> tuple[list[term.Column], list[list[term.Cell]]]:
        counts = {
            o.id: " / ".join(dict.fromkeys(format_value(c.value) for c in o.count))
            for o in outcomes
        }
        columns = [term.Column("outcome", wrap=False), term.Column("kind")]
        if any(counts.values()):
            columns.append(term.Column("count"))
        columns.append(term.Column("summary"))
        rows: list[list[term.Cell]] = []
        for outcome in outcomes:
            row: list[term.Cell] = [outcome.id, outcome.kind.replace("_", " ")]
            if any(counts.values()):
                row.append(counts[outcome.id])
            row.append(outcome.summary)
            rows.append(row)
        return columns, rows

    return _emit(ctx, outcomes, table, "no outcomes")


def _decisions(ctx: Context) -> int:
    args, index = ctx.args, ctx.index
    decisions = index.decisions(args.subject)
    reversals = index.reversals(args.subject)
    if ctx.wants_json:
        ctx.json(
            {
                "decisions": converter.unstructure(decisions),
                "reversals": converter.unstructure(reversals),
            }
        )
        return 0

    def table() -> tuple[list[term.Column], list[list[term.Cell]]]:
        columns = [
            term.Column("decision", wrap=False),
            term.Column("kind"),
            term.Column("by"),
            term.Column("stage", wrap=False),
            term.Column("stands", wrap=False),
            term.Column("summary"),
        ]
        rows: list[list[term.Cell]] = [
            [
                d.id,
                f"{d.sort}: {d.kind.replace('_', ' ')}",
                ", ".join(ctx.names.of(a) for a in d.decided_by) or "-",
                (d.stage or "-").replace("_", " "),
                "yes" if d.stands else "no",
                d.summary,
            ]
            for d in decisions
        ]
        return columns, rows

    status = _emit(ctx, decisions, table, "no decisions")
    for reversal in reversals:
        verb = "reverses" if reversal.reason == "reversed" else "differs from"
        ctx.write(
            term.paragraph(
                f"{reversal.later} ({', '.join(map(ctx.names.of, reversal.later_by)) or '-'}) "
                f"{verb} {reversal.earlier} "
                f"({', '.join(map(ctx.names.of, reversal.earlier_by)) or '-'})",
                ctx.width,
            )
        )
    return status


def _said(ctx: Context) -> int:
    args = ctx.args
    found = ctx.index.said(
        speaker=args.speaker,
        source=args.source,
        about=args.about,
        relayed_by=args.relayed_by,
        speaking_for=not args.own_words,
        unnamed_only=args.unnamed,
    )

    def table() -> tuple[list[term.Column], list[list[term.Cell]]]:
        columns = [
            term.Column("statement", wrap=False),
            term.Column("at", wrap=False),
            term.Column("speaker"),
            term.Column("stance", wrap=False),
            term.Column("quote"),
        ]
        rows: list[list[term.Cell]] = [
            [
                a.id,
                f"{a.quote.document}@{a.quote.start}",
                ctx.names.speaker(a),
                a.stance.value,
                _quote(a),
            ]
            for a in found
        ]
        return columns, rows

    return _emit(ctx, found, table, "no attributions")


def _evidence(ctx: Context) -> int:
    args, index = ctx.args, ctx.index
    evidence = index.evidence(args.id)
    if ctx.wants_json:
        data = converter.unstructure(evidence)
        data["independent"] = evidence.independent
        ctx.json(data)
        return 0
    stating = index.sources_of(tuple(a.id for a in evidence.supporting))
    supporting = len(evidence.supporting)
    out = term.paragraph(
        f"{_named(ctx, args.id)}: {supporting} supporting "
        f"statement{'s' if supporting != 1 else ''} in {len(stating)} "
        f"source{'s' if len(stating) != 1 else ''}; {evidence.independent} independent "
        f"line{'s' if evidence.independent != 1 else ''} of evidence by chain root"
        + (":" if evidence.lines else "."),
        ctx.width,
    )
    for line in evidence.lines:
        out += term.paragraph(
            f"{ctx.names.source(line.root)} [{line.root}]: {', '.join(line.attributions)}",
            ctx.width,
            "  ",
            "    ",
        )
    rows: list[list[term.Cell]] = [
        [a.id, a.stance.value, ctx.names.speaker(a), ctx.names.source(a.source), _quote(a)]
        for a in (*evidence.supporting, *evidence.disputing)
    ]
    columns = [
        term.Column("statement", wrap=False),
        term.Column("stance", wrap=False),
        term.Column("speaker"),
        term.Column("source"),
        term.Column("quote"),
    ]
    if rows:
        out += "\n" + term.table(columns, rows, ctx.width)
    ctx.write(out)
    return 0


def _conflicts(ctx: Context) -> int:
    conflicts = ctx.index.conflicts(ctx.args.subject)

    def table() -> tuple[list[term.Column], list[list[term.Cell]]]:
        columns = [
            term.Column("subject"),
            term.Column("property"),
            term.Column("one version"),
            term.Column("the other"),
        ]
        rows: list[list[term.Cell]] = [
            [
                _named(ctx, c.subject, 60),
                property_words(c.property)
                + ("" if c.exclusive else " (accounts that differ; both may hold)"),
                (c.left.value, *_sources(ctx, c.left.sources)),
                (c.right.value, *_sources(ctx, c.right.sources)),
            ]
            for c in conflicts
        ]
        return columns, rows

    return _emit(ctx, conflicts, table, "no conflicts")


def _disputes(ctx: Context) -> int:
    disputes = ctx.index.disputes(ctx.args.target)

    def table() -> tuple[list[term.Column], list[list[term.Cell]]]:
        columns = [
            term.Column("statement", wrap=False),
            term.Column("speaker"),
            term.Column("stance", wrap=False),
            term.Column("target"),
            term.Column("quote"),
        ]
        rows: list[list[term.Cell]] = []
        for d in disputes:
            said = f" ({d.attribution.said})" if d.attribution.said else ""
            rows.append(
                [
                    d.attribution.id,
                    ctx.names.speaker(d.attribution) + said,
                    d.attribution.stance.value,
                    _named(ctx, d.target, 60),
                    _quote(d.attribution),
                ]
            )
        return columns, rows

    return _emit(ctx, disputes, table, "no disputes")


def _identified(ctx: Context) -> int:
    """List what holds an identifier. As JSON, one object per record:

    - ``id``: the record's id.
    - ``kind``: what the record is (``actor``, ``complaint``, ...).
    - ``name``: its name, as the text names it.
    - ``allegations``: for an actor, the allegations against it; empty otherwise.
    """
    args, index = ctx.args, ctx.index
    found = index.by_identifier(args.value, scheme=args.scheme)
    entries = [
        {
            "id": record.id,
            "kind": index.kind(record.id),
            "name": ctx.names.of(record.id),
            "allegations": [a.id for a in index.allegations(against=record.id)]
            if index.kind(record.id) == "actor"
            else [],
        }
        for record in found
    ]

    def table() -> tuple[list[term.Column], list[list[term.Cell]]]:
        columns = [
            term.Column("id", wrap=False),
            term.Column("kind", wrap=False),
            term.Column("name"),
            term.Column("allegations against"),
        ]
        rows: list[list[term.Cell]] = [
            [e["id"], e["kind"], e["name"], ", ".join(e["allegations"])] for e in entries
        ]
        return columns, rows

    return _emit(ctx, entries, table, f"nothing is identified as {args.value!r}")


def _render(ctx: Context) -> int:
    # Imported here: only this command pays for the renderer.
    import time

    from .reference import reference_documents
    from .render import render_site, write_site

    args, progress = ctx.args, ctx.progress
    documents = _documents(args.documents, args.max_bytes)
    inputs = [Path(args.documents)] if args.documents else []
    if args.file is None:
        progress.label = "reading the reference casefile"
        casefile = reference()
        documents = documents or DocumentFolder(reference_documents())
    else:
        progress.label = f"reading {args.file}"
        casefile = load(args.file, documents=documents, max_bytes=args.max_bytes)
        inputs.append(Path(args.file))
    progress.label = "rendering"
    started = time.perf_counter()
    pages = render_site(casefile, documents=documents, include_sensitive=args.include_sensitive)
    progress.label = f"writing {args.output}"
    write_site(pages, args.output, inputs=inputs)
    elapsed = time.perf_counter() - started
    ctx.write(f"wrote {len(pages)} pages to {args.output} in {elapsed:.1f} s\n")
    return 0


def _search(ctx: Context) -> int:
    """Find text in every field of prose. As JSON, one object per match:

    - ``id``: the record the text is in (for a quote, the record holding it).
    - ``kind``: what that record is (``actor``, ``source``, ``claim``, ...).
    - ``field``: the field's path within the record (``name``, ``quote.exact``, ...).
    - ``text``: the field's whole text.
    """
    text = ctx.args.text
    matches = ctx.index.search(text)

    def table() -> tuple[list[term.Column], list[list[term.Cell]]]:
        columns = [
            term.Column("id", wrap=False),
            term.Column("kind", wrap=False),
            term.Column("field", wrap=False),
            term.Column("text"),
        ]
        rows: list[list[term.Cell]] = [
            [m.id, m.kind, m.field, term.excerpt(m.text, text, QUOTE_LIMIT)] for m in matches
        ]
        return columns, rows

    return _emit(ctx, matches, table, "no matches")


# ------------------------------------------------------------------ the table

# Added after a command's own arguments: `reads_casefile` the first two, `json_output` the
# third, `lays_out_text` the last.
_FILE = _arg(
    "file", nargs="?", metavar="FILE", help="the casefile to read (default: the reference casefile)"
)
_DOCUMENTS = _arg("--documents", help="the documents folder, to verify quotes as well")
_FORMAT = _arg(
    "--format",
    choices=("text", "json"),
    default="text",
    help="text for people, or json for tools (the same whatever the width)",
)
_WIDTH = _arg(
    "--width",
    type=_width,
    metavar="COLUMNS",
    help="lay text out for this many columns (default: COLUMNS, else the terminal's, else 80)",
)

_MAX_BYTES = _arg(
    "--max-bytes",
    type=int,
    default=DEFAULT_MAX_BYTES,
    metavar="N",
    help="refuse larger files (the casefile, an extraction, each document) before reading them",
)

#: The one flag every command that prints or writes a casefile's values takes.
_INCLUDE_SENSITIVE = _arg(
    "--include-sensitive",
    action="store_true",
    help="include sensitive values (recorded characteristics such as gender, race or age, "
    "civilians' characteristics, incident places), which are left out by default",
)

_KINDS = (
    *("investigation", "incident", "complaint", "finding", "outcome", "source", "actor"),
    "attribution",
)
_DIRECT = _arg("--direct", action="store_true", help="leave out investigations within it")
_BRIEF = _arg(
    "--brief",
    action="store_true",
    help="print the counts alone, not every source and conflict (for large casefiles)",
)

#: Every command, in the order the help and the documentation list them.
COMMANDS: tuple[Command, ...] = (
    Command(
        "validate",
        "check casefiles in both layers",
        _validate,
        (
            _arg("files", nargs="+", metavar="FILE", help="the casefiles to check"),
            _arg("--documents", help="the documents folder, to check digests and quotes"),
            # Its own --format: the JSON is a report per file, not query results.
            _arg(
                "--format",
                choices=("text", "json"),
                default="text",
                help="text for people (default), or JSON: one object per file with its problems",
            ),
            _MAX_BYTES,
        ),
    ),
    Command("schema", "print the casefile JSON Schema", _schema),
    Command(
        "migrate",
        "upgrade a casefile to the current schema version, atomically",
        _migrate,
        (
            _arg("file", help="the casefile, rewritten in place unless --output is given"),
            _arg("-o", "--output", help="write the upgraded casefile here instead"),
            _DOCUMENTS,
            _MAX_BYTES,
        ),
    ),
    Command(
        "build",
        "build a casefile from an extraction and its documents",
        _build,
        (
            _arg("extraction", help="the extraction, in YAML or JSON"),
            _arg("--documents", required=True, help="the folder the documents are in"),
            _arg(
                "-o",
                "--output",
                help="where to write the casefile (without it, the casefile is checked and "
                "summarised but not written)",
            ),
            _arg("--quiet", action="store_true", help="do not print a summary"),
            _BRIEF,
            _MAX_BYTES,
        ),
        lays_out_text=True,
    ),
    Command(
        "export",
        "write casefiles as tables (SQLite for Datasette, CSV with a data package, JSON Lines), "
        "FollowTheMoney entities or Web Annotations",
        _export,
        (
            _arg(
                "export_format",
                metavar="FORMAT",
                choices=("sqlite", "csv", "jsonl", "ftm", "jsonld"),
                help="sqlite (a database file, with FILE.metadata.json for Datasette), csv (a "
                "folder with datapackage.json), jsonl (a folder, one file per table), ftm "
                "(FollowTheMoney entities, one per line, for Aleph) or jsonld (W3C Web "
                "Annotations with PROV, one JSON-LD file)",
            ),
            _arg("files", nargs="+", metavar="FILE", help="the casefiles to export together"),
            _arg(
                "-o",
                "--output",
                required=True,
                metavar="OUT",
                help="the database file, or the folder for csv and jsonl (replaced whole)",
            ),
            _INCLUDE_SENSITIVE,
            _MAX_BYTES,
        ),
    ),
    Command(
        "import",
        "import published tables into a casefile through a mapping file",
        _import,
        (
            _arg("mapping", help="the mapping file (YAML; see docs/mapping.md)"),
            _arg(
                "--documents",
                help="the folder the data files are in (default: the mapping's folder setting)",
            ),
            _arg(
                "-o",
                "--output",
                help="where to write the casefile (without it, the import is checked and "
                "summarised but not written)",
            ),
            _arg("--quiet", action="store_true", help="do not print a summary"),
            _BRIEF,
            _MAX_BYTES,
        ),
        lays_out_text=True,
    ),
    Command(
        "summary",
        "summarise a casefile",
        _summary,
        (_BRIEF,),
        reads_casefile=True,
        json_output=True,
        lays_out_text=True,
    ),
    Command(
        "show",
        "show any entity, claim or attribution by id",
        _show,
        (_arg("id", help="the id of an entity, claim, role, milestone or attribution"),),
        reads_casefile=True,
        json_output=True,
        lays_out_text=True,
    ),
    Command(
        "timeline",
        "every dated item, in date order",
        _timeline,
        (
            _arg(
                "--from",
                dest="start",
                type=_date,
                metavar="DATE",
                help="keep items reaching this date or later",
            ),
            _arg(
                "--to",
                dest="end",
                type=_date,
                metavar="DATE",
                help="keep items beginning by this date",
            ),
            _arg(
                "--kind",
                action="append",
                choices=_KINDS,
                help="keep items of this entity kind (repeatable)",
            ),
        ),
        reads_casefile=True,
        json_output=True,
        lays_out_text=True,
    ),
    Command(
        "findings",
        "findings, of an investigation or about an entity",
        _findings,
        (
            _arg("--of", metavar="ID", help="an investigation (with those within it) or an entity"),
            _DIRECT,
        ),
        reads_casefile=True,
        json_output=True,
        lays_out_text=True,
    ),
    Command(
        "outcomes",
        "outcomes, of a complaint, finding or investigation",
        _outcomes,
        (_arg("--of", metavar="ID", help="a complaint, finding or investigation"), _DIRECT),
        reads_casefile=True,
        json_output=True,
        lays_out_text=True,
    ),
    Command(
        "decisions",
        "decisions in order: who decided, at which stage, what stands, what was reversed",
        _decisions,
        (_arg("subject", help="an allegation, complaint, investigation, actor or decision"),),
        reads_casefile=True,
        json_output=True,
        lays_out_text=True,
    ),
    Command(
        "said",
        "who said what: attributions by speaker, source or subject",
        _said,
        (
            _arg("--speaker", metavar="ID", help="keep what this actor said"),
            _arg("--source", metavar="ID", help="keep what this source reports"),
            _arg("--about", metavar="ID", help="keep what is said about this entity"),
            _arg("--relayed-by", metavar="ID", help="keep what this actor passed on"),
            _arg(
                "--own-words",
                action="store_true",
                help="with --speaker, leave out those who speak for it (a spokesperson) and "
                "its own statements' words",
            ),
            _arg(
                "--unnamed",
                action="store_true",
                help="keep statements by people the sources do not name",
            ),
        ),
        reads_casefile=True,
        json_output=True,
        lays_out_text=True,
    ),
    Command(
        "evidence",
        "what supports and disputes an entity or value",
        _evidence,
        (_arg("id", help="the id of an entity or a claim"),),
        reads_casefile=True,
        json_output=True,
        lays_out_text=True,
    ),
    Command(
        "conflicts",
        "competing values that cannot both be true, and answers to a question that differ",
        _conflicts,
        (_arg("--subject", metavar="ID", help="keep conflicts over this entity's values"),),
        reads_casefile=True,
        json_output=True,
        lays_out_text=True,
    ),
    Command(
        "disputes",
        "statements that dispute or question others",
        _disputes,
        (_arg("--target", metavar="ID", help="keep disputes of this entity or statement"),),
        reads_casefile=True,
        json_output=True,
        lays_out_text=True,
    ),
    Command(
        "identifier",
        "what a source identifies by a number (a complaint or star number), and for a person "
        "the allegations against them",
        _identified,
        (
            _arg("value", help="the identifier exactly as the source writes it"),
            _arg("--scheme", metavar="SCHEME", help="keep identifiers of this scheme only"),
        ),
        reads_casefile=True,
        json_output=True,
        lays_out_text=True,
    ),
    Command(
        "search",
        "case-insensitive search of quotes, names and summaries",
        _search,
        (
            _arg(
                "text",
                type=_words,
                help="the words to look for, matched without regard to case; not empty",
            ),
        ),
        reads_casefile=True,
        json_output=True,
        lays_out_text=True,
    ),
    Command(
        "render",
        "write a static, offline HTML view of a casefile to a folder",
        _render,
        (
            _arg(
                "-o",
                "--output",
                required=True,
                metavar="DIR",
                help="the folder to write the site to: new, empty, or an earlier render, which "
                "is replaced whole",
            ),
        ),
        reads_casefile=True,
    ),
)


class _Parser(argparse.ArgumentParser):
    """An argument parser that suggests the closest choice for a misspelt command or value."""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if choices is None or value in choices or not isinstance(value, str):
            super()._check_value(action, value)
            return
        names = [str(choice) for choice in choices]
        close = difflib.get_close_matches(value, names, n=3, cutoff=0.6)
        what = "command" if isinstance(action, argparse._SubParsersAction) else "choice"
        hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
        raise argparse.ArgumentError(
            action,
            f"no {what} {value!r}{hint} (choose from {', '.join(names)})",
        )

    def error(self, message: str) -> NoReturn:
        # argparse prints the message as it is: escape what the user typed.
        super().error(term.escape_lines(message))


class _Version(argparse.Action):
    """``--version``: the library's version, read only when asked (it costs start-up time)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> NoReturn:
        from . import version

        sys.stdout.write(
            f"casefile {version.__version__} ({version.DISTRIBUTION}), "
            f"schema {version.SCHEMA_VERSION}\n"
        )
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="casefile",
        description="Read, check and query accountability casefiles.",
    )
    parser.add_argument(
        "--version", action=_Version, help="print the version of casefile and of its schema"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = subparsers.add_parser(command.name, help=command.help)
        arguments = list(command.arguments)
        if command.reads_casefile:
            arguments += [_FILE, _DOCUMENTS, _MAX_BYTES, _INCLUDE_SENSITIVE]
        if command.json_output:
            arguments.append(_FORMAT)
        if command.lays_out_text:
            arguments.append(_WIDTH)
        for argument in arguments:
            sub.add_argument(*argument.flags, help=argument.help, **argument.options)
        sub.set_defaults(run=command.run)
    return parser


def _quiet_stdout() -> None:
    # Python flushes stdout at exit and would report the closed pipe again: point the file
    # descriptor at /dev/null instead.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout has no file descriptor (captured in a test)
        pass


def _error(text: str) -> None:
    sys.stderr.write(term.escape_lines(text) + "\n")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    out = out or sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    run: Callable[[Context], int] = args.run
    progress = term.Progress(sys.stderr, delay=PROGRESS_DELAY)
    try:
        with progress:
            return run(Context(args, out, progress))
    except (InvalidCasefile, BuildError) as error:
        name = getattr(args, "file", None) or getattr(args, "extraction", None) or "casefile"
        _error(_problems_text(name, error.problems))
        return 1
    except UnknownId as error:
        _error(f"casefile: {error}")
        return 1
    except FileError as error:  # an input refused unread (1), or an output refused (2)
        sys.stderr.write(f"casefile: {error} [{error.code}]\n")
        return 2 if isinstance(error, UnsafeOutput) else 1
    except CasefileError as error:
        _error(f"casefile: {error}")
        return 1
    except BrokenPipeError:  # the reader went away (`casefile ... | head`): not an error
        _quiet_stdout()
        return 0
    except OSError as error:
        name = error.filename or ""
        _error(f"casefile: cannot read or write {name}: {error.strerror or error}")
        return 1
    except KeyboardInterrupt:
        return 130
    except (MemoryError, SystemError) as error:  # under ulimit -v: a message, not a traceback
        if not short_of_memory(error):
            return _internal(error)
        name = getattr(args, "file", None) or getattr(args, "extraction", None) or "the input"
        sys.stderr.write(
            f"casefile: {name}: memory ran out; it is too large for the memory this process "
            "may use [out-of-memory]\n"
        )
        return 1
    except RecursionError:  # every walk keeps its own stack: this would be a bug, said so
        name = getattr(args, "file", None) or getattr(args, "extraction", None) or "the input"
        sys.stderr.write(f"casefile: {name}: nested too deeply to read [too-deep]\n")
        return 1
    except Exception as error:  # a bug: say so in one line rather than show a traceback
        return _internal(error)


def _internal(error: Exception) -> int:
    _error(
        f"casefile: internal error ({type(error).__name__}: {error}); please report it "
        "with the command and input that caused it"
    )
    return 70


if __name__ == "__main__":
    sys.exit(main())
