"""The timeline figure: every dated item of a casefile as self-contained SVG.

One row per entity, grouped by kind; a dot for a date (with a line across the month or year
it is known to), a bar for a period, hollow dashed marks for approximate or uncertain dates,
fading bars for open ends. Each mark holds a ``<title>``, which a browser shows on hover when
the SVG is part of the page (inline), not when it is an ``<img>``.

Text from the casefile goes through :func:`xml_text`, so it can never become markup.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .. import model
from ..dates import PartialDate, Period, When, span
from ..query import TimelineEntry
from ._view import CaseView
from ._words import date_text, plural
from ._words import label as _label

__all__ = ["WIDTH", "timeline_svg", "xml_text"]

# Sized to read at the width of a documentation page's content column (about 700 to 900
# pixels), where one unit of the viewBox is about one pixel.
WIDTH = 820
LABELS_RIGHT = 268  # the row labels' column ends here; the time axis starts after it
PLOT_LEFT = 278
PLOT_RIGHT = WIDTH - 14
ROW = 21
TEXT = 12  # font size of mark labels, axis and legend
LABEL_TEXT = 12.5  # font size of row labels
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# Kinds of entity in the order their rows appear, with a heading and a colour (Okabe-Ito,
# distinguishable with the common colour-vision deficiencies).
GROUPS: dict[str, tuple[str, str]] = {
    "investigation": ("Investigations", "#0072B2"),
    "complaint": ("Complaints", "#D55E00"),
    "finding": ("Findings", "#009E73"),
    "outcome": ("Outcomes", "#CC79A7"),
    "actor": ("Roles", "#56B4E9"),
    "source": ("Sources", "#B07800"),
    "attribution": ("Statements", "#555555"),
}
_OTHER = ("Other", "#777777")

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Return text safe inside an XML element or attribute: escaped, no invalid characters."""
    text = _XML_INVALID.sub("\ufffd", text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", " ")
        .replace("\r", " ")
        .replace("\t", " ")
    )


def _units(char: str) -> int:
    """A character's width in units of one narrow character: wide characters count double."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def text_width(text: str, size: float) -> float:
    """Estimate how wide text is in a sans-serif font: wide characters count double."""
    units = len(text) if text.isascii() else sum(map(_units, text))
    return units * size * 0.58


def _wider(units: int, size: float, width: float) -> bool:
    """Whether text of so many units is wider than ``width`` (as ``text_width`` measures)."""
    return units * size * 0.58 > width


def fit(text: str, width: float, size: float) -> str:
    """Shorten text with an ellipsis so that it fits ``width``.

    The longest beginning that fits with the ellipsis is kept, found from the characters'
    widths worked out once, in time linear in the text's length (cutting one character at a
    time and measuring the rest again took time that grows with the square of it, for each
    label of a timeline).
    """
    text = " ".join(text.split())
    widths = [1] * len(text) if text.isascii() else [_units(c) for c in text]
    units = sum(widths)
    if units * size * 0.58 <= width:  # as text_width measures, and as NaN compares
        return text
    ellipsis = _units("…")
    end = len(text)
    while end and _wider(units + ellipsis, size, width):
        end -= 1
        units -= widths[end]
    return text[:end].rstrip() + "…"


def fit_middle(text: str, width: float, size: float) -> str:
    """Shorten text with an ellipsis in its middle so that it fits ``width``: labels that
    share their beginning (one publisher's several sources) stay told apart by their ends."""
    text = " ".join(text.split())
    widths = [1] * len(text) if text.isascii() else [_units(c) for c in text]
    units = sum(widths)
    if units * size * 0.58 <= width:
        return text
    ellipsis = _units("…")
    # The head is text[:head], the tail text[tail:]; each step drops a character from the
    # longer of the two (the head when they are as long), as long as the two are too wide.
    head, tail = len(text) // 2, len(text) // 2
    while (head or tail < len(text)) and _wider(units + ellipsis, size, width):
        if head >= len(text) - tail:
            head -= 1
            units -= widths[head]
        else:
            units -= widths[tail]
            tail += 1
    return text[:head].rstrip() + "…" + text[tail:].lstrip()


def _day(date: _dt.date) -> int:
    return date.toordinal()


def _year_start(year: int) -> int:
    """The ordinal of 1 January of a year, also for the year after 9999."""
    if year > 9999:
        return _dt.date(9999, 12, 31).toordinal() + 1
    return _dt.date(year, 1, 1).toordinal()


class _Scale:
    """Days to x positions, from 1 January of the first year to the end of the last."""

    def __init__(self, entries: Sequence[TimelineEntry]) -> None:
        days = [d for e in entries for d in span(e.when) if d is not None]
        self.first_year = min((d.year for d in days), default=2000)
        self.last_year = max((d.year for d in days), default=self.first_year)
        self.start = _year_start(self.first_year)
        self.end = _year_start(self.last_year + 1)

    def x(self, ordinal: float) -> float:
        """The x position of a day (its start; add one for a day's end)."""
        fraction = (ordinal - self.start) / (self.end - self.start)
        return PLOT_LEFT + fraction * (PLOT_RIGHT - PLOT_LEFT)

    def ticks(self) -> list[int]:
        """Years to mark: a step of 1, 2, 5, 10, ... years that keeps labels apart."""
        per_year = (PLOT_RIGHT - PLOT_LEFT) / (self.last_year + 1 - self.first_year)
        step = 1
        for factor in (2, 2.5, 2):  # 1, 2, 5, 10, 20, 50, ...
            if step * per_year >= 44:
                break
            step = int(step * factor)
        while step * per_year < 44:
            step *= 10
        first = -(-self.first_year // step) * step
        return list(range(first, self.last_year + 2, step))


class _Mark(NamedTuple):
    """One dated item placed on the figure: its extent, label and where the label goes."""

    entry: TimelineEntry
    x0: float
    x1: float
    span_x: tuple[float, float]
    label: str
    place: str  # where the label goes: "right" of the mark, "left" of it, or "inside" a bar

    @property
    def left(self) -> float:
        """Where the mark, with the line showing a date's precision, begins."""
        return min(self.x0, self.span_x[0])

    @property
    def right(self) -> float:
        """Where the mark, with the line showing a date's precision, ends."""
        return max(self.x1, self.span_x[1])

    @property
    def extent(self) -> tuple[float, float]:
        """The horizontal room the mark and its label take."""
        width = text_width(self.label, TEXT) + 6
        if self.place == "left":
            return self.left - width, self.right
        if self.place == "inside":
            return self.left, self.right
        return self.left, self.right + width


def _fuzzy(value: When) -> bool:
    """Whether any date in the value is approximate or uncertain."""
    dates = [value] if isinstance(value, PartialDate) else [value.start, value.end]
    return any(d is not None and (d.approximate or d.uncertain) for d in dates)


def _mark_for(entry: TimelineEntry, scale: _Scale) -> _Mark:
    """Place one entry: a dot for a date, a bar for a period, and its short label."""
    first, last = span(entry.when)
    x0 = scale.x(_day(first)) if first is not None else PLOT_LEFT
    x1 = scale.x(_day(last) + 1) if last is not None else PLOT_RIGHT
    span_x = (x0, x1)
    if isinstance(entry.when, PartialDate):
        centre = (x0 + x1) / 2
        x0, x1 = centre - 5, centre + 5
    words = f"{_label(entry.event)} {date_text(entry.when)}"
    label = fit(words, 250, TEXT)
    need = text_width(label, TEXT) + 6
    # The room for a label to the right of the mark (inside the figure) and to its left
    # (after the rows' names).
    right = WIDTH - 4 - max(x1, span_x[1])
    left = min(x0, span_x[0]) - PLOT_LEFT
    if need <= right:
        place = "right"
    elif need <= left:
        place = "left"
    elif max(left, right) >= 60:
        place = "right" if right >= left else "left"
        label = fit(words, max(left, right) - 6, TEXT)
    else:  # a bar across the figure: the label goes on it
        place = "inside"
        label = fit(words, max(x1 - x0 - 8, 40), TEXT)
    return _Mark(entry, x0, x1, span_x, label, place)


def _lanes(marks: Sequence[_Mark]) -> list[list[_Mark]]:
    """Stack a row's marks into as few lanes as keep marks and labels from overlapping."""
    lanes: list[list[_Mark]] = []
    for mark in sorted(marks, key=lambda m: m.extent[0]):
        start = mark.extent[0]
        for lane in lanes:
            if lane[-1].extent[1] + 4 <= start:
                lane.append(mark)
                break
        else:
            lanes.append([mark])
    return lanes


def _subject_label(view: CaseView, entry: TimelineEntry) -> str:
    """A row's label: the entity's name (a source by its publisher and kind, as the timeline
    labels it; a statement by its speaker)."""
    if entry.kind in ("source", "attribution"):
        return view.entry_label(entry).removesuffix(": published").removesuffix(": retrieved")
    return view.name(entry.subject)


def _svg_mark(mark: _Mark, name: str, y: float, colour: str) -> list[str]:
    """The SVG of one mark and its label, with a tooltip naming the item (``name``) and its
    date."""
    entry = mark.entry
    fuzzy = _fuzzy(entry.when)
    tip = xml_text(f"{name} — {_label(entry.event)}: {date_text(entry.when)}")
    parts = [f'<g class="mark" data-item="{xml_text(entry.item)}"><title>{tip}</title>']
    if isinstance(entry.when, PartialDate):
        cx = (mark.x0 + mark.x1) / 2
        left, right = mark.span_x
        if right - left > 8:
            parts.append(
                f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" '
                f'stroke="{colour}" stroke-width="2" stroke-opacity="0.45"/>'
            )
        style = (
            f'fill="#ffffff" stroke="{colour}" stroke-width="1.6" stroke-dasharray="2 1.5"'
            if fuzzy
            else f'fill="{colour}" stroke="#ffffff" stroke-width="1"'
        )
        parts.append(f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="4.5" {style}/>')
    else:
        period = entry.when
        assert isinstance(period, Period)
        fill = colour
        if period.start is None and period.end is None:
            fill = f"url(#fade-both-{colour[1:]})"
        elif period.start is None:
            fill = f"url(#fade-left-{colour[1:]})"
        elif period.end is None:
            fill = f"url(#fade-right-{colour[1:]})"
        style = (
            f'fill-opacity="0.4" stroke="{colour}" stroke-width="1.4" stroke-dasharray="3 2"'
            if fuzzy
            else ""
        )
        width = max(mark.x1 - mark.x0, 3)
        parts.append(
            f'<rect x="{mark.x0:.1f}" y="{y - 5:.1f}" width="{width:.1f}" height="10" rx="2.5" '
            f'fill="{fill}" {style}/>'
        )
    if mark.place == "left":
        parts.append(
            f'<text x="{mark.left - 5:.1f}" y="{y + 4.2:.1f}" text-anchor="end">'
            f"{xml_text(mark.label)}</text>"
        )
    elif mark.place == "inside":
        parts.append(
            f'<text x="{mark.left + 4:.1f}" y="{y + 4.2:.1f}" stroke="#ffffff" '
            f'stroke-width="3" paint-order="stroke">{xml_text(mark.label)}</text>'
        )
    else:
        parts.append(
            f'<text x="{mark.right + 5:.1f}" y="{y + 4.2:.1f}">{xml_text(mark.label)}</text>'
        )
    parts.append("</g>")
    return ["".join(parts)]


def _gradients(colours: Iterable[str]) -> list[str]:
    """Fills that fade towards an open end, one set per colour."""
    defs = []
    for colour in colours:
        key = colour[1:]
        for side, stops in (
            ("left", ((0, 0.0), (0.6, 1.0))),
            ("right", ((0.4, 1.0), (1, 0.0))),
            ("both", ((0, 0.0), (0.5, 1.0), (1, 0.0))),
        ):
            stop_text = "".join(
                f'<stop offset="{offset}" stop-color="{colour}" stop-opacity="{opacity}"/>'
                for offset, opacity in stops
            )
            defs.append(f'<linearGradient id="fade-{side}-{key}">{stop_text}</linearGradient>')
    return defs


def _axis(scale: _Scale, y: float, *, top: bool) -> list[str]:
    """Year labels along the plot, above it (``top``) or below it."""
    parts = [
        f'<line x1="{PLOT_LEFT}" y1="{y:.1f}" x2="{PLOT_RIGHT}" y2="{y:.1f}" stroke="#888888"/>'
    ]
    for year in scale.ticks():
        x = scale.x(_year_start(year))
        if x > PLOT_RIGHT + 0.5:
            continue
        tick_end = y - 4 if top else y + 4
        text_y = y - 7 if top else y + 16
        parts.append(
            f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{tick_end:.1f}" stroke="#888888"/>'
            f'<text x="{x:.1f}" y="{text_y:.1f}" text-anchor="middle" fill="#333333">{year}</text>'
        )
    return parts


def _legend(y: float) -> tuple[list[str], float]:
    """Sample marks explaining the notation, wrapped to the width; and the height they take."""
    colour = "#555555"
    items = [
        ('<circle cx="{x}" cy="{y}" r="4.5" fill="%s"/>', "date"),
        (
            '<line x1="{xm}" y1="{y}" x2="{xp}" y2="{y}" stroke="%s" stroke-width="2" '
            'stroke-opacity="0.45"/><circle cx="{x}" cy="{y}" r="4.5" fill="%s" '
            'stroke="#ffffff"/>',
            "date known to the month or year",
        ),
        ('<rect x="{xm}" y="{top}" width="22" height="10" rx="2.5" fill="%s"/>', "period"),
        (
            '<circle cx="{x}" cy="{y}" r="4.5" fill="#ffffff" stroke="%s" '
            'stroke-width="1.6" stroke-dasharray="2 1.5"/>',
            "approximate or uncertain",
        ),
        (
            '<rect x="{xm}" y="{top}" width="22" height="10" rx="2.5" fill="url(#fade-left-%s)"/>',
            "open or unknown end",
        ),
    ]
    parts = ['<g class="legend">']
    x, line_y = 20.0, y
    for shape, words in items:
        width = 28 + text_width(words, TEXT)
        if x + width > WIDTH - 10:
            x, line_y = 20.0, line_y + ROW
        fill = colour[1:] if "fade" in shape else colour
        parts.append(
            (shape % ((fill,) * shape.count("%s"))).format(
                x=x + 11, xm=x, xp=x + 22, y=line_y, top=line_y - 5
            )
        )
        parts.append(f'<text x="{x + 28:.1f}" y="{line_y + 4.2:.1f}">{words}</text>')
        x += width + 22
    parts.append("</g>")
    return parts, line_y - y + ROW


def timeline_svg(
    case: model.Casefile, *, view: CaseView | None = None, rows_per_kind: int | None = None
) -> str:
    """Return the timeline figure: one row per entity, dots for dates, bars for periods.

    Self-contained SVG (no scripts, fonts or images from elsewhere) that scales to its
    container: a ``viewBox`` 820 units wide and ``width="100%"``. Each dated item is one
    element of class ``mark`` holding a tooltip, so tests can count them.

    Args:
        case: the casefile.
        view: its view, where one is built already (it holds the index).
        rows_per_kind: draw at most this many rows of each kind (a large casefile's figure
            would otherwise be thousands of rows tall), with a line saying how many are left
            out; all rows when None.
    """
    page = view or CaseView(case)
    entries = page.index.timeline()
    scale = _Scale(entries)
    rows: dict[str, dict[str, list[_Mark]]] = {}
    labels: dict[str, str] = {}
    for entry in entries:
        mark = _mark_for(entry, scale)
        key = f"{entry.kind}\x00{entry.subject}"
        rows.setdefault(entry.kind, {}).setdefault(key, []).append(mark)
        labels.setdefault(key, _subject_label(page, entry))
    kinds = [k for k in GROUPS if k in rows] + [k for k in rows if k not in GROUPS]
    # Row names shortened at their end, or in their middle where that would leave two alike.
    shown = {key: fit(text, LABELS_RIGHT - 24, LABEL_TEXT) for key, text in labels.items()}
    alike: dict[str, int] = {}
    for text in shown.values():
        alike[text] = alike.get(text, 0) + 1
    for key, text in shown.items():
        if alike[text] > 1 and text != labels[key]:
            shown[key] = fit_middle(labels[key], LABELS_RIGHT - 24, LABEL_TEXT)
    colours = sorted({GROUPS.get(k, _OTHER)[1] for k in kinds} | {"#555555"})

    body: list[str] = []
    y = 34.0
    top = y
    for kind in kinds:
        heading, colour = GROUPS.get(kind, _OTHER)
        body.append(
            f'<rect x="8" y="{y + 4:.1f}" width="10" height="10" rx="2" fill="{colour}"/>'
            f'<text x="24" y="{y + 13:.1f}" font-weight="600">{xml_text(heading)}</text>'
        )
        y += ROW + 2
        kind_rows = list(rows[kind].items())
        for key, marks in kind_rows[:rows_per_kind]:
            lanes = _lanes(marks)
            row_height = ROW * len(lanes)
            rule = y + row_height
            body.append(
                f'<line x1="8" y1="{rule:.1f}" x2="{PLOT_RIGHT}" y2="{rule:.1f}" stroke="#e6e6e6"/>'
            )
            label = shown[key]
            body.append(
                f'<text x="24" y="{y + ROW / 2 + 4.3:.1f}" font-size="{LABEL_TEXT}" fill="#222222">'
                f"<title>{xml_text(labels[key])}</title>{xml_text(label)}</text>"
            )
            for lane_number, lane in enumerate(lanes):
                lane_y = y + ROW * lane_number + ROW / 2
                for mark in lane:
                    body += _svg_mark(mark, page.entry_label(mark.entry), lane_y, colour)
            y += row_height
        if rows_per_kind is not None and len(kind_rows) > rows_per_kind:
            left_out = plural(len(kind_rows) - rows_per_kind, "more row")
            body.append(
                f'<text x="24" y="{y + ROW / 2 + 4.3:.1f}" fill="#555555">… and {left_out} '
                "of this kind, not drawn: every date is in the table of dates</text>"
            )
            y += ROW
        y += 6
    bottom = y
    grid = [
        f'<line x1="{scale.x(_year_start(year)):.1f}" y1="{top:.1f}" '
        f'x2="{scale.x(_year_start(year)):.1f}" y2="{bottom:.1f}" stroke="#eeeeee"/>'
        for year in scale.ticks()
        if scale.x(_year_start(year)) <= PLOT_RIGHT + 0.5
    ]
    if not entries:
        body.append(f'<text x="{PLOT_LEFT}" y="{y + 14:.1f}">The casefile records no dates.</text>')
        y += 20
    axis_y = y + 2
    legend, legend_height = _legend(axis_y + 42)
    height = axis_y + 32 + legend_height
    span_words = (
        f"from {scale.first_year} to {scale.last_year}" if entries else "with no dated items"
    )
    description = (
        f"{plural(len(entries), 'dated item')} {span_words}, one row per entity, grouped by "
        "kind: dots are dates, bars are periods, hollow dashed marks are approximate or "
        "uncertain, fading bars have an open end."
    )
    head = [
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" role="img" '
        'aria-labelledby="timeline-title timeline-desc" '
        f'font-family="{FONT}" font-size="{TEXT}" fill="#222222">',
        f'<title id="timeline-title">Timeline: {xml_text(case.title)}</title>',
        f'<desc id="timeline-desc">{xml_text(description)}</desc>',
        f"<defs>{''.join(_gradients(colours))}</defs>",
        f'<rect width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    parts = [
        *head,
        *grid,
        *_axis(scale, top - 2, top=True),
        *body,
        *_axis(scale, axis_y, top=False),
        *legend,
        "</svg>",
    ]
    return "\n".join(parts) + "\n"
