"""Draw the casefile model as an entity-relationship diagram (SVG) at build time.

The diagram is read off the attrs classes in :mod:`casefile.model`: one box per collection a
casefile holds, and one for each value type worth its own box (a claim, a quote). Each box
lists the fields that relate it to other boxes; a field that holds an id of another record
(its ``ref`` metadata names the kinds it may point to) gets an arrow from its row to that
record's box, and a field that holds a boxed value gets a dashed arrow to it. Values without a
box of their own (a role, a milestone, a derivation) are folded into their owner as dotted
rows, such as ``roles.of``.

The layout is deterministic and needs nothing beyond the standard library: boxes sit on a grid
chosen to keep related boxes close, and every arrow runs in the gaps between boxes, each in its
own lane, so no arrow crosses a box and no label floats where it could collide with another.
The site serves the file itself, with system fonts only. The key to reading it is text on the
page below the figure (``legend_html``, written where the page says ``<!-- model legend -->``),
not part of the drawing, so that it reads at the page's own size.
"""

from __future__ import annotations

import html
import itertools
import math
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import attrs

from casefile import dates, model
from casefile.plan import collections as root_collections

# Value types drawn as boxes of their own; other nested values fold into their owner's rows.
VALUE_BOXES: tuple[type, ...] = (model.Claim, model.Quote)
# A field that may point to more kinds than this lists them in the legend instead of drawing
# an arrow to each.
MAX_ARROWS_PER_ROW = 3
COLUMNS = 3
# The page is narrower than it is long: width counts for more than height in the layout.
HEIGHT_WEIGHT = 0.5

FONT_SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
FONT_MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace"
ROW_FONT = 12.0
HEAD_FONT = 14.0
# Generous average glyph widths, in ems, so that text always fits its box.
MONO_EM = 0.62
SANS_BOLD_EM = 0.66
ROW_H = 18.0
HEAD_H = 26.0
BOX_PAD = 10.0
LANE = 8.0
CHANNEL_PAD = 12.0
MARGIN = 16.0
# Boxes in odd columns sit a quarter row lower, so that rows and arrow ends on either side of
# a gap never share a height and their horizontal strokes cannot overlap.
STAGGER = ROW_H / 4

INK = "#1f2933"
MUTED = "#52606d"
PALETTE = ("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#4e342e")


# ------------------------------------------------------------------ the model as a graph


@dataclass(frozen=True)
class Row:
    """One relating field of a box: its (dotted) name, what it holds, and where it points.

    Attributes:
        label: the field's name, with the names of the values it sits in (``roles.of``).
        targets: the boxes its arrows point to; none when it may point to too many kinds.
        kinds: every kind its ``ref`` metadata names.
        holds: it holds a boxed value itself rather than an id.
        claim: the type its claims state (``id`` for references), or None if not claims.
    """

    label: str
    targets: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    holds: bool = False
    claim: str | None = None

    @property
    def wide(self) -> str:
        """How many kinds a reference without arrows may point to, or ``""``."""
        return f"{len(self.kinds)} kinds" if self.kinds and not self.targets else ""

    @property
    def text(self) -> str:
        """What the box shows beside the name; an arrow says the rest."""
        if self.claim is None:
            return self.wide
        if self.kinds:
            return ", ".join(filter(None, ("Claim", self.wide)))
        return f"Claim[{self.claim}]"

    def sentence(self) -> str:
        """The row in words, for the figure's description."""
        if self.holds:
            return f"{self.label} holds a {', '.join(self.targets)}"
        if self.kinds:
            pointed = " or ".join(self.targets) if self.targets else f"any of {self.wide}"
            through = "holds claims that refer to" if self.claim else "refers to"
            return f"{self.label} {through} {pointed}"
        return f"{self.label} holds claims of {self.claim}"


@dataclass
class Box:
    """A record type drawn as a box: a collection of the casefile, or a value type."""

    name: str
    value: bool
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class Connector:
    """An arrow from one row of a box to another box."""

    source: str
    row: int
    target: str
    holds: bool


@dataclass(frozen=True)
class Graph:
    """Boxes, arrows, and the kinds lists too long to draw as arrows."""

    boxes: dict[str, Box]
    connectors: list[Connector]
    collections: dict[str, str]
    wide_refs: dict[tuple[str, ...], list[str]]


def kind_boxes() -> dict[str, str]:
    """Map each kind a ``ref`` may name to the box drawn for it."""
    hints = typing.get_type_hints(model.Casefile)
    kinds: dict[str, str] = {}
    for collection, kind in root_collections().items():
        (item, _) = typing.get_args(hints[collection])
        kinds[kind] = item.__name__
    for value in VALUE_BOXES:
        kinds[value.__name__.lower()] = value.__name__
    return kinds


def type_name(tp: Any) -> str:
    """A short name for the type a claim states."""
    if tp == dates.When:
        return "When"
    if tp is str:
        return "text"
    if typing.get_origin(tp) is typing.Annotated:
        return "id"
    return str(getattr(tp, "__name__", tp))


def _unwrap(tp: Any) -> Any:
    """The item type of an optional or a tuple field."""
    args = [a for a in typing.get_args(tp) if a is not type(None) and a is not Ellipsis]
    origin = typing.get_origin(tp)
    if origin is tuple or (origin in (typing.Union, types.UnionType) and len(args) == 1):
        return _unwrap(args[0])
    return tp


def relating_rows(cl: type, kinds: dict[str, str], prefix: str = "") -> list[Row]:
    """The rows of a class's box: every field that refers to, holds or states a boxed thing.

    Values without a box of their own are walked into, so their references show as rows of
    the record that holds them.
    """
    rows: list[Row] = []
    hints = typing.get_type_hints(cl, include_extras=True)
    for attribute in attrs.fields(cl):
        label = prefix + attribute.name
        item = _unwrap(hints[attribute.name])
        refs = tuple(attribute.metadata.get("ref", ()))
        targets = tuple(dict.fromkeys(kinds[k] for k in refs if k in kinds))
        shown = targets if len(targets) <= MAX_ARROWS_PER_ROW else ()
        if typing.get_origin(item) is model.Claim:
            (stated,) = typing.get_args(item)
            rows.append(Row(label, shown, refs, claim=type_name(stated)))
        elif refs:
            rows.append(Row(label, shown, refs))
        elif item in VALUE_BOXES:
            rows.append(Row(label, (item.__name__,), holds=True))
        elif attrs.has(item):
            rows.extend(relating_rows(item, kinds, prefix=label + "."))
    return rows


def model_graph() -> Graph:
    """Read the boxes and arrows off the model classes."""
    kinds = kind_boxes()
    hints = typing.get_type_hints(model.Casefile)
    classes = [typing.get_args(hints[c])[0] for c in root_collections()]
    boxes = {cl.__name__: Box(cl.__name__, value=False) for cl in classes}
    boxes.update({cl.__name__: Box(cl.__name__, value=True) for cl in VALUE_BOXES})
    wide: dict[tuple[str, ...], list[str]] = {}
    for cl in [*classes, *VALUE_BOXES]:
        box = boxes[cl.__name__]
        box.rows = relating_rows(cl, kinds)
        for row in box.rows:
            if row.wide:
                wide.setdefault(row.kinds, []).append(f"{cl.__name__}.{row.label}")
    connectors = [
        Connector(name, index, target, row.holds)
        for name, box in boxes.items()
        for index, row in enumerate(box.rows)
        for target in row.targets
    ]
    collections = {c: cl.__name__ for c, cl in zip(root_collections(), classes, strict=True)}
    return Graph(boxes, connectors, collections, wide)


# ------------------------------------------------------------------ placement on a grid


def placement_cost(cells: dict[str, tuple[int, int]], connectors: list[Connector]) -> float:
    """How far apart related boxes sit: arrows that must cross a column cost most."""
    cost = 0.0
    for c in connectors:
        if c.source == c.target:
            continue
        (c1, r1), (c2, r2) = cells[c.source], cells[c.target]
        dc, dr = abs(c1 - c2), abs(r1 - r2)
        cost += 2 * dc + dr + (4 if dc > 1 else 0) + (1 if dc == 0 else 0)
    return cost


def improve(
    slots: list[tuple[int, int]],
    order: list[str | None],
    cost: Callable[[dict[str, tuple[int, int]]], float],
) -> list[str | None]:
    """Swap pairs of slots while a swap lowers the cost; the same input gives the same result."""
    order = list(order)

    def cells_of(arrangement: list[str | None]) -> dict[str, tuple[int, int]]:
        return {n: slots[i] for i, n in enumerate(arrangement) if n is not None}

    best = cost(cells_of(order))
    improved = True
    while improved:
        improved = False
        for i, j in itertools.combinations(range(len(slots)), 2):
            if order[i] is None and order[j] is None:
                continue
            order[i], order[j] = order[j], order[i]
            candidate = cost(cells_of(order))
            if candidate < best - 1e-9:
                best, improved = candidate, True
            else:
                order[i], order[j] = order[j], order[i]
    return order


def place(graph: Graph, columns: int) -> dict[str, tuple[int, int]]:
    """Put the boxes on a grid: related boxes close, then the drawing as small as it gets.

    The first pass keeps arrows short; the second measures whole layouts, so that arrows
    spread over the gaps rather than crowding one, which keeps the drawing narrow.
    """
    names = list(graph.boxes)
    rows = math.ceil(len(names) / columns)
    slots = [(c, r) for r in range(rows) for c in range(columns)]
    order: list[str | None] = [*names, *([None] * (len(slots) - len(names)))]
    order = improve(slots, order, lambda cells: placement_cost(cells, graph.connectors))

    def drawn_size(cells: dict[str, tuple[int, int]]) -> float:
        layout = Layout(graph, cells, columns)
        return layout.width + HEIGHT_WEIGHT * layout.diagram_height

    order = improve(slots, order, drawn_size)
    return {n: slots[i] for i, n in enumerate(order) if n is not None}


# ------------------------------------------------------------------ geometry and routing


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float


@dataclass
class Route:
    """An arrow's path: its exit and entry, and the lanes its vertical and horizontal runs use."""

    connector: Connector
    exit_side: int  # +1 right, -1 left
    entry_side: int
    channel_a: int
    channel_b: int
    gap: int | None = None
    entry_index: int = 0
    lane_a: int = 0
    lane_b: int = 0
    lane_gap: int = 0


def text_width(text: str, size: float, em: float) -> float:
    """An upper estimate of how wide a line of text is drawn."""
    return len(text) * size * em


def box_width(box: Box) -> float:
    head = text_width(box.name, HEAD_FONT, SANS_BOLD_EM)
    rows = [text_width(f"{r.label}  {r.text}", ROW_FONT, MONO_EM) for r in box.rows]
    return math.ceil(max([head, *rows]) + 2 * BOX_PAD)


class Layout:
    """Positions of boxes, lanes and arrows for one placement of the graph."""

    def __init__(self, graph: Graph, cells: dict[str, tuple[int, int]], columns: int) -> None:
        self.graph = graph
        self.cells = cells
        self.columns = columns
        self.grid_rows = max(r for _, r in cells.values()) + 1
        self.routes = [self._route(c) for c in graph.connectors]
        entries: dict[tuple[str, int], int] = {}
        for route in self.routes:
            key = (route.connector.target, route.entry_side)
            entries[key] = entries.get(key, 0) + 1
        self.heights = {
            name: HEAD_H
            + ROW_H * max(len(box.rows), max(entries.get((name, s), 0) for s in (-1, 1)))
            + BOX_PAD / 2
            for name, box in graph.boxes.items()
        }
        self.widths = {name: box_width(box) for name, box in graph.boxes.items()}
        # First pass: room for every arrow in every gap, so that heights are an upper bound.
        self.channel_lanes = [len(self.routes)] * (columns + 1)
        self.gap_lanes = [len(self.routes)] * (self.grid_rows + 1)
        self._geometry()
        self._choose_gaps()
        self._assign_entries()
        self._assign_lanes()
        self._geometry()

    def _route(self, c: Connector) -> Route:
        (c1, _), (c2, _) = self.cells[c.source], self.cells[c.target]
        if c1 < c2:
            return Route(c, 1, -1, c1 + 1, c2)
        if c1 > c2:
            return Route(c, -1, 1, c1, c2 + 1)
        return Route(c, 1, 1, c1 + 1, c1 + 1)

    # -- sizes and positions

    def _geometry(self) -> None:
        col_w = [0.0] * self.columns
        row_h = [0.0] * self.grid_rows
        for name, (col, row) in self.cells.items():
            col_w[col] = max(col_w[col], self.widths[name])
            row_h[row] = max(row_h[row], self.heights[name] + STAGGER)
        self.channel_w = [2 * CHANNEL_PAD + LANE * max(n - 1, 0) for n in self.channel_lanes]
        self.gap_h = [2 * CHANNEL_PAD + LANE * max(n - 1, 0) for n in self.gap_lanes]
        self.col_x: list[float] = []
        x = MARGIN
        for col in range(self.columns):
            x += self.channel_w[col]
            self.col_x.append(x)
            x += col_w[col]
        self.channel_x = [MARGIN] + [self.col_x[c] + col_w[c] for c in range(self.columns)]
        self.width = x + self.channel_w[self.columns] + MARGIN
        self.row_y: list[float] = []
        y = MARGIN
        for row in range(self.grid_rows):
            y += self.gap_h[row]
            self.row_y.append(y)
            y += row_h[row]
        self.gap_y = [MARGIN] + [self.row_y[r] + row_h[r] for r in range(self.grid_rows)]
        self.diagram_height = y + self.gap_h[self.grid_rows]
        self.col_w = col_w
        self.rects = {}
        for name, (col, row) in self.cells.items():
            left = self.col_x[col] + (col_w[col] - self.widths[name]) / 2
            top = self.row_y[row] + (STAGGER if col % 2 else 0.0)
            self.rects[name] = Rect(left, top, self.widths[name], self.heights[name])

    def lane_x(self, channel: int, lane: int) -> float:
        return self.channel_x[channel] + CHANNEL_PAD + lane * LANE

    def gap_lane_y(self, gap: int, lane: int) -> float:
        return self.gap_y[gap] + CHANNEL_PAD + lane * LANE

    def exit_y(self, route: Route) -> float:
        rect = self.rects[route.connector.source]
        return rect.y + HEAD_H + ROW_H * route.connector.row + ROW_H / 2

    def entry_y(self, route: Route) -> float:
        rect = self.rects[route.connector.target]
        return rect.y + HEAD_H + ROW_H * route.entry_index

    def side_x(self, name: str, side: int) -> float:
        rect = self.rects[name]
        return rect.x + rect.w if side > 0 else rect.x

    # -- routing decisions

    def _choose_gaps(self) -> None:
        for route in self.routes:
            if route.channel_a == route.channel_b:
                continue
            y1 = self.exit_y(route)
            target = self.rects[route.connector.target]
            y2 = target.y + target.h / 2
            r1 = self.cells[route.connector.source][1]
            r2 = self.cells[route.connector.target][1]
            candidates = range(min(r1, r2), max(r1, r2) + 2)
            route.gap = min(
                candidates, key=lambda g: (abs(self.gap_y[g] - y1) + abs(self.gap_y[g] - y2), g)
            )

    def _assign_entries(self) -> None:
        """Spread the arrows entering one side of a box, in the order they arrive."""
        groups: dict[tuple[str, int], list[Route]] = {}
        for route in self.routes:
            groups.setdefault((route.connector.target, route.entry_side), []).append(route)
        for group in groups.values():
            group.sort(key=lambda r: (self._arrival_y(r), r.connector.source, r.connector.row))
            for index, route in enumerate(group):
                route.entry_index = index

    def _arrival_y(self, route: Route) -> float:
        return self.gap_y[route.gap] if route.gap is not None else self.exit_y(route)

    def _assign_lanes(self) -> None:
        """Give each vertical and horizontal run a lane no overlapping run uses."""
        vertical: dict[int, list[tuple[float, float, Route, str]]] = {}
        horizontal: dict[int, list[tuple[float, float, Route, str]]] = {}
        for route in self.routes:
            y1, y2 = self.exit_y(route), self.entry_y(route)
            if route.gap is None:
                vertical.setdefault(route.channel_a, []).append((*_span(y1, y2), route, "a"))
                continue
            gy = self.gap_y[route.gap]
            vertical.setdefault(route.channel_a, []).append((*_span(y1, gy), route, "a"))
            vertical.setdefault(route.channel_b, []).append((*_span(gy, y2), route, "b"))
            xa, xb = self.channel_x[route.channel_a], self.channel_x[route.channel_b]
            horizontal.setdefault(route.gap, []).append((*_span(xa, xb), route, "gap"))
        self.channel_lanes = [_lanes(vertical.get(i, [])) for i in range(self.columns + 1)]
        self.gap_lanes = [_lanes(horizontal.get(i, [])) for i in range(self.grid_rows + 1)]

    # -- drawing

    def path(self, route: Route) -> list[tuple[float, float]]:
        c = route.connector
        y1, y2 = self.exit_y(route), self.entry_y(route)
        start = (self.side_x(c.source, route.exit_side), y1)
        end = (self.side_x(c.target, route.entry_side), y2)
        xa = self.lane_x(route.channel_a, route.lane_a)
        if route.gap is None:
            return [start, (xa, y1), (xa, y2), end]
        gy = self.gap_lane_y(route.gap, route.lane_gap)
        xb = self.lane_x(route.channel_b, route.lane_b)
        return [start, (xa, y1), (xa, gy), (xb, gy), (xb, y2), end]


def _span(a: float, b: float) -> tuple[float, float]:
    return (min(a, b), max(a, b))


def _lanes(runs: list[tuple[float, float, Route, str]]) -> int:
    """Interval colouring: the first free lane for each run, taken in order of start."""
    ends: list[float] = []
    for low, high, route, which in sorted(runs, key=lambda r: (r[0], r[1], r[2].connector.source)):
        lane = next((i for i, end in enumerate(ends) if end < low - LANE / 2), len(ends))
        if lane == len(ends):
            ends.append(high)
        else:
            ends[lane] = high
        setattr(route, {"a": "lane_a", "b": "lane_b", "gap": "lane_gap"}[which], lane)
    return max(len(ends), 1)


# ------------------------------------------------------------------ SVG


def rounded(points: list[tuple[float, float]], radius: float = 5.0) -> str:
    """An SVG path through the points with softly rounded corners."""
    (x0, y0), *rest = points
    parts = [f"M{x0:.1f},{y0:.1f}"]
    for i, (x, y) in enumerate(rest[:-1]):
        px, py = points[i]
        nx, ny = rest[i + 1]
        r = min(radius, math.dist((px, py), (x, y)) / 2, math.dist((x, y), (nx, ny)) / 2)
        ax, ay = _toward((x, y), (px, py), r)
        bx, by = _toward((x, y), (nx, ny), r)
        parts.append(f"L{ax:.1f},{ay:.1f} Q{x:.1f},{y:.1f} {bx:.1f},{by:.1f}")
    lx, ly = rest[-1]
    parts.append(f"L{lx:.1f},{ly:.1f}")
    return " ".join(parts)


def _toward(a: tuple[float, float], b: tuple[float, float], r: float) -> tuple[float, float]:
    d = math.dist(a, b) or 1.0
    return (a[0] + (b[0] - a[0]) * r / d, a[1] + (b[1] - a[1]) * r / d)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def describe(graph: Graph) -> list[str]:
    """The diagram in sentences, for readers who cannot see it."""
    sentences = []
    for name, box in graph.boxes.items():
        parts = [row.sentence() for row in box.rows]
        what = "a value" if box.value else "a collection"
        sentences.append(f"{name} ({what}): " + ("; ".join(parts) or "no relations") + ".")
    return sentences


def legend(graph: Graph) -> list[str]:
    """Lines explaining how to read the diagram, generated from what it draws."""
    lines = [
        "Solid boxes: the collections a casefile holds ("
        + ", ".join(graph.collections)
        + "). Dashed boxes: values held inside another record.",
        "Arrow from a row: that field holds ids of the records it points to. "
        "Dashed arrow: the field holds the value itself.",
        "Claim: the field holds claims, and its arrow points to what their values refer to. "
        "Claim[T]: claims whose value is a T.",
    ]
    for kinds, fields in graph.wide_refs.items():
        lines.append(f"{len(kinds)} kinds ({', '.join(fields)}): {', '.join(kinds)}.")
    return lines


def legend_html(graph: Graph) -> str:
    """The legend as an HTML list, for the page beneath the figure."""
    items = "".join(f"<li>{esc(line)}</li>" for line in legend(graph))
    return f'<ul class="diagram-legend">{items}</ul>'


def render(graph: Graph, columns: int = COLUMNS) -> str:
    """The SVG document."""
    names = list(graph.boxes)
    layout = Layout(graph, place(graph, columns), columns)
    width = layout.width
    height = layout.diagram_height + MARGIN
    colours = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" role="img" aria-labelledby="model-title model-desc" '
        f'font-family="{esc(FONT_SANS)}">',
        '<title id="model-title">The casefile model: its records and how they refer to each '
        "other</title>",
        f'<desc id="model-desc">{esc(" ".join(describe(graph)))}</desc>',
        "<defs>",
        *(
            f'<marker id="head-{i}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
            f'fill="{colour}"/></marker>'
            for i, colour in enumerate(PALETTE)
        ),
        "</defs>",
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    for route in layout.routes:
        c = route.connector
        colour = colours[c.source]
        label = c.source + "." + graph.boxes[c.source].rows[c.row].label
        verb = "holds a" if c.holds else "refers to"
        dash = ' stroke-dasharray="5 3"' if c.holds else ""
        out.append(
            f'<path d="{rounded(layout.path(route))}" fill="none" stroke="{colour}" '
            f'stroke-width="1.4"{dash} marker-end="url(#head-{PALETTE.index(colour)})">'
            f"<title>{esc(label)} {verb} {esc(c.target)}</title></path>"
        )
    for name, box in graph.boxes.items():
        out.extend(_box(box, layout.rects[name], colours[name]))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _box(box: Box, rect: Rect, colour: str) -> list[str]:
    dash = ' stroke-dasharray="6 4"' if box.value else ""
    out = [
        f"<g><title>{esc(box.name)}</title>",
        f'<rect x="{rect.x:.1f}" y="{rect.y:.1f}" width="{rect.w:.1f}" height="{rect.h:.1f}" '
        f'rx="6" fill="#ffffff" stroke="{colour}" stroke-width="1.6"{dash}/>',
        f'<text x="{rect.x + BOX_PAD:.1f}" y="{rect.y + HEAD_H - 8:.1f}" '
        f'font-size="{HEAD_FONT:.0f}" font-weight="700" fill="{colour}">{esc(box.name)}</text>',
        f'<line x1="{rect.x:.1f}" y1="{rect.y + HEAD_H:.1f}" x2="{rect.x + rect.w:.1f}" '
        f'y2="{rect.y + HEAD_H:.1f}" stroke="{colour}" stroke-opacity="0.35"/>',
    ]
    for i, row in enumerate(box.rows):
        baseline = rect.y + HEAD_H + ROW_H * i + ROW_H / 2 + ROW_FONT * 0.35
        out.append(
            f'<text x="{rect.x + BOX_PAD:.1f}" y="{baseline:.1f}" font-family="{esc(FONT_MONO)}" '
            f'font-size="{ROW_FONT:.0f}" fill="{INK}">{esc(row.label)}</text>'
        )
        out.append(
            f'<text x="{rect.x + rect.w - BOX_PAD:.1f}" y="{baseline:.1f}" text-anchor="end" '
            f'font-family="{esc(FONT_MONO)}" font-size="{ROW_FONT:.0f}" fill="{MUTED}">'
            f"{esc(row.text)}</text>"
        )
    out.append("</g>")
    return out


def pages() -> dict[str, str | bytes]:
    """The model diagram, drawn from the model classes."""
    return {"assets/model.svg": render(model_graph())}


def snippets() -> dict[str, str]:
    """The diagram's legend, for the page that shows it."""
    return {"model legend": legend_html(model_graph())}
