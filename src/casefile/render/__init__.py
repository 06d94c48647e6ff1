"""Render a casefile for people: a static, offline HTML site, and the timeline figure.

``render_site`` makes the pages of a casefile's site (the case in brief with the timeline
figure, investigations with their decisions in order, who said what with every quote marked
in its document, where the sources disagree, sources and their chains, and a page per
document); ``write_site`` writes them to a folder atomically. ``casefile render FILE -o DIR``
does both. The documentation's page of the reference casefile is made from the same names,
order and figure (``docs/hooks/reference_page.py``).

Sensitive values (see ``casefile.sensitive``) are left out unless asked for. Leaving them out
also leaves out the text of every document that one of them was quoted from: a table's row,
or a report's paragraph, would show them beside the quotes that remain, so those quotes are
shown alone.

Measured with ``casefile render`` (figures and command in ``docs/render.md``): the reference
casefile renders in about 0.3 s; a generated casefile of 10,000 records
(``benchmarks.synthetic.generate(10_000)``) into 778 pages, 26 MB, in about 23 s of CPU, three
quarters of it ordering the generator's long chains of decisions (``Index.decisions``).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .. import model
from ..documents import DocumentFolder
from ..errors import UnsafeOutput
from ..sensitive import redact
from ._figure import timeline_svg
from ._html import PER_PAGE, site

__all__ = ["MARKER", "PER_PAGE", "render_site", "timeline_svg", "write_site"]

#: The file that marks a folder as a rendered site, so that rendering again may replace it.
MARKER = ".casefile-render"


def render_site(
    casefile: model.Casefile,
    *,
    documents: DocumentFolder | None = None,
    include_sensitive: bool = False,
) -> dict[str, str]:
    """Return the pages of a casefile's HTML site, by path (``index.html``, ``said-2.html``,
    ``documents/doc-000.html``).

    Args:
        casefile: the casefile.
        documents: its documents, to show each quote in its document's text and a page per
            document; without them each quote is shown with the context it records.
        include_sensitive: keep sensitive values (left out by default; see the module
            docstring).
    """
    shown, withheld, hidden = casefile, 0, set[str]()
    if not include_sensitive:
        redacted = redact(casefile)
        shown, withheld = redacted.casefile, len(redacted.withheld)
        kept = {a.id for a in shown.attributions}
        hidden = {a.quote.document for a in casefile.attributions if a.id not in kept}
    return site(
        shown,
        documents=documents,
        hidden=hidden,
        withheld=withheld,
        include_sensitive=include_sensitive,
    )


def write_site(
    pages: Mapping[str, str], folder: str | os.PathLike[str], *, inputs: Iterable[Path] = ()
) -> None:
    """Write pages into ``folder`` all at once: into a new folder beside it, renamed into place.

    A folder that exists is replaced only if an earlier render made it (it holds ``MARKER``)
    or it is empty; any other folder, or a file, is refused, as is a folder that holds any of
    ``inputs`` (the casefile and its documents folder), which replacing it would delete.

    Raises:
        UnsafeOutput: ``output-is-input``, ``not-a-folder`` or ``not-a-render``; nothing was
            written.
        OSError: the folder cannot be written; it is left as it was.
    """
    target = Path(folder)
    resolved = target.resolve()
    for path in inputs:
        inside = path.resolve()
        if inside == resolved or resolved in inside.parents:
            raise UnsafeOutput(
                target,
                f"it holds {path}, which the command reads: replacing it would delete it; "
                "choose another output",
                "output-is-input",
            )
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    if info is not None:
        if not stat.S_ISDIR(info.st_mode):
            raise UnsafeOutput(
                target, "not a folder: the site is a folder of pages", "not-a-folder"
            )
        if any(target.iterdir()) and not (target / MARKER).is_file():
            raise UnsafeOutput(
                target,
                "a folder that an earlier render did not make: rendering would replace what "
                "is in it; choose a new or empty folder",
                "not-a-render",
            )
    parent = resolved.parent
    parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{resolved.name}.", suffix=".tmp", dir=parent))
    try:
        for name, text in pages.items():
            file = fresh / name
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8", newline="\n")
        (fresh / MARKER).write_text(
            "Made by `casefile render`; rendering again replaces this folder.\n", encoding="utf-8"
        )
        os.chmod(fresh, 0o755 & ~_umask())
        old = None
        if info is not None:
            old = Path(tempfile.mkdtemp(prefix=f".{resolved.name}.", suffix=".old", dir=parent))
            os.replace(resolved, old / "site")
        try:
            os.replace(fresh, resolved)
        except OSError:
            if old is not None:
                os.replace(old / "site", resolved)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
