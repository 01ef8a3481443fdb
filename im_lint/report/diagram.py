"""A proposal's chain, laid out by our own code: goal > activity > need > provision > technology.

One model of nodes and edges, one layout, three writers:

    plan = layout(proposal)       # columns per kind, rows, coordinates, edge routes
    to_svg(plan)                  # the drawing (the board report's HTML, `im-lint graph --format svg`)
    to_mermaid(proposal)          # a ```mermaid block (the Markdown report, `im-lint graph`)  } in
    to_dot(proposal)              # Graphviz DOT, with our coordinates as `pos`               } diagram_text.py

Edges follow the references of the proposal: an activity serves a goal, a need is for an activity, a
provision meets a need, a technology realizes a provision, a technology replaces existing technology,
and existing technology (or a new technology) supports an activity. An activity that rule IM601 found
dropped (only replaced technology supported it; the article's iPad example) is drawn red and dashed,
with the edge to it: the caller passes the IDs that IM601's findings name, nothing here decides it.

Every text that comes from the proposal is escaped for the format it is written into; nothing in a
proposal can add an element, an attribute or a statement to any of the three outputs.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from im_lint.model import Element, Proposal, refs
from im_lint.printable import xml_text
from im_lint.report.words import words

KINDS = ("goal", "activity", "need", "provision", "technology", "existing")
CHAIN = ("serves", "for", "meets", "realizes")  # edges between neighbouring columns

# Geometry (SVG user units, which are CSS pixels at 100 %).
NODE_W = 140
GAP = 38  # between columns: room for the edges
V_GAP = 14
MARGIN = 14
HEADER = 34  # column titles
LINE_H = 15
ID_H = 20
PAD_B = 9
WRAP = 17  # characters a line of a title holds (at about 7 units a character)
TEXT_W = NODE_W - 20  # room for a title line
MAX_LINES = 4
LANE = 6  # distance between parallel lanes of routed edges

COLOURS = {  # accent per kind; the same in SVG, Mermaid and DOT
    "goal": "#1d4ed8",
    "activity": "#047857",
    "need": "#b45309",
    "provision": "#7c3aed",
    "technology": "#334155",
    "existing": "#6b7280",
}
TINTS = {
    "goal": "#eff4ff",
    "activity": "#ecfdf5",
    "need": "#fffbeb",
    "provision": "#f5f3ff",
    "technology": "#f1f5f9",
    "existing": "#f9fafb",
}
EDGE = "#94a3b8"
SUPPORT = "#64748b"
REPLACE = "#c2410c"
DROPPED = "#b42318"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


@dataclass
class Node:
    key: str  # n0, n1, ...: never user text, so safe as an id in every format
    kind: str
    ident: str  # the element's identifier as written
    title: str
    column: int
    row: int = 0
    x: float = 0.0
    y: float = 0.0
    width: float = NODE_W
    height: float = 0.0
    lines: list[str] = field(default_factory=list)
    dropped: bool = False  # an activity that a replacement leaves without support
    replaced: bool = False  # existing technology that a technology of the proposal replaces

    @property
    def label(self) -> str:
        return f"{self.ident}: {self.title}"

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def cy(self) -> float:
        return self.y + self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass
class Edge:
    source: str  # the node whose element holds the reference (`activity A1 { serves G1 }`: A1)
    target: str  # the node it references (G1)
    relation: str  # serves, for, meets, realizes, replaces, supports
    dropped: bool = False
    path: str = ""  # SVG path data, set by the layout

    @property
    def chain(self) -> bool:
        return self.relation in CHAIN


@dataclass
class Column:
    kind: str
    index: int
    x: float
    title: str


@dataclass
class Layout:
    proposal_id: str
    title: str
    lang: str
    columns: list[Column]
    nodes: list[Node]
    edges: list[Edge]
    width: float
    height: float

    def node(self, key: str) -> Node:
        return self._by_key[key]

    def __post_init__(self) -> None:
        self._by_key = {node.key: node for node in self.nodes}

    def column_nodes(self, index: int) -> list[Node]:
        return sorted((n for n in self.nodes if n.column == index), key=lambda n: n.row)

    @property
    def dropped_activities(self) -> list[Node]:
        return [n for n in self.nodes if n.dropped]

    @property
    def legend(self) -> list[str]:
        """The kinds of line the drawing uses: chain, supports, replaces, dropped."""
        used = []
        if any(e.chain for e in self.edges):
            used.append("chain")
        if any(e.relation == "supports" and not e.dropped for e in self.edges):
            used.append("supports")
        if any(e.relation == "replaces" for e in self.edges):
            used.append("replaces")
        if any(e.dropped for e in self.edges):
            used.append("dropped")
        return used


# --- the model ------------------------------------------------------------------------------------
def _elements(proposal: Proposal) -> dict[str, list[Element]]:
    return {
        "goal": list(proposal.goals),
        "activity": list(proposal.activities),
        "need": list(proposal.needs),
        "provision": list(proposal.provisions),
        "technology": list(proposal.technologies),
        "existing": list(proposal.existing),
    }


def _wrap(title: str) -> list[str]:
    flat = " ".join(title.split())
    if len(flat) <= WRAP:
        return [flat]  # what textwrap gives, without its cost (thousands of titles in a large proposal)
    # Without a hyphen, textwrap's plain splitting at spaces gives the same lines, several times faster.
    hyphens = "-" in flat
    lines = textwrap.wrap(flat, WRAP, break_long_words=False, break_on_hyphens=hyphens) or [""]
    if any(len(line) > WRAP + 5 for line in lines):  # a very long word: break it after all
        lines = textwrap.wrap(flat, WRAP, break_long_words=True, break_on_hyphens=hyphens)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        last = lines[-1]
        lines[-1] = (last[: WRAP - 1].rstrip() + "…") if len(last) >= WRAP else last + "…"
    return lines


def _graph(proposal: Proposal, lang: str, dropped: frozenset[str]) -> tuple[list[Column], list[Node], list[Edge]]:
    by_kind = _elements(proposal)
    kinds = [k for k in KINDS if k != "existing" or by_kind["existing"]]
    word = words(lang)
    replaced_ids = {ref.id for t in proposal.technologies for ref in refs(t.replaces)}
    columns = []
    for index, kind in enumerate(kinds):
        title = word[f"col_{kind}"]
        if kind == "existing" and not any(e.id in replaced_ids for e in by_kind["existing"]):
            title = word["col_existing_kept"]
        columns.append(Column(kind, index, 0.0, title))
    nodes: list[Node] = []
    of_element: dict[int, Node] = {}
    for column in columns:
        for element in by_kind[column.kind]:
            node = Node(
                f"n{len(nodes)}",
                column.kind,
                element.id,
                element.title,
                column.index,
                lines=_wrap(element.title),
                replaced=column.kind == "existing" and element.id in replaced_ids,
            )
            nodes.append(node)
            of_element[id(element)] = node

    edges: list[Edge] = []
    seen: set[tuple[str, str, str]] = set()

    def link(holder: Element, attribute, relation: str) -> None:
        source = of_element.get(id(holder))
        for ref in refs(attribute):
            found = proposal.element(ref)
            target = of_element.get(id(found)) if found is not None else None
            if source is None or target is None or (source.key, target.key, relation) in seen:
                continue  # unresolved: the language stage reported it (IM005)
            seen.add((source.key, target.key, relation))
            edges.append(Edge(source.key, target.key, relation))

    for activity in proposal.activities:
        link(activity, activity.serves, "serves")
    for need in proposal.needs:
        link(need, need.for_, "for")
    for provision in proposal.provisions:
        link(provision, provision.meets, "meets")
    for technology in proposal.technologies:
        link(technology, technology.realizes, "realizes")
        link(technology, technology.replaces, "replaces")
        link(technology, technology.supports, "supports")
    for old in proposal.existing:
        link(old, old.supports, "supports")

    # What a replacement drops is what IM601 found (`dropped`): those activities, and the edges to
    # them from the technology that is replaced.
    by_key = {node.key: node for node in nodes}
    for node in nodes:
        node.dropped = node.kind == "activity" and node.ident in dropped
    for edge in edges:
        edge.dropped = edge.relation == "supports" and by_key[edge.source].replaced and by_key[edge.target].dropped
    return columns, nodes, edges


# --- the layout -----------------------------------------------------------------------------------
def layout(proposal: Proposal, lang: str = "nl", dropped: frozenset[str] = frozenset()) -> Layout:
    """Columns per kind, nodes ordered to keep edges short, coordinates, and the route of every edge;
    `dropped`: the activities a replacement leaves without support (the IDs IM601's findings name)."""
    columns, nodes, edges = _graph(proposal, lang, dropped)
    for column in columns:
        column.x = MARGIN + column.index * (NODE_W + GAP)
    by_key = {node.key: node for node in nodes}
    for node in nodes:
        node.x = columns[node.column].x
        node.height = ID_H + LINE_H * (len(node.lines) + (1 if node.dropped else 0)) + PAD_B

    # Neighbours in the column to the left, for ordering and placing: the chain, and for existing
    # technology the technology that replaces it (else the activities it supports).
    left: dict[str, list[str]] = {node.key: [] for node in nodes}
    for edge in edges:
        source, target = by_key[edge.source], by_key[edge.target]
        if edge.chain or edge.relation == "replaces":
            right, other = (source, target) if source.column > target.column else (target, source)
            left[right.key].append(other.key)
    supported: dict[str, list[str]] = {}
    for edge in edges:
        if edge.relation == "supports":
            supported.setdefault(edge.source, []).append(edge.target)
    for node in nodes:
        if node.kind == "existing" and not left[node.key]:
            left[node.key] = supported.get(node.key, [])

    ordered: list[list[Node]] = []
    for column in columns:
        members = [n for n in nodes if n.column == column.index]
        if ordered:
            rank = {n.key: i for col in ordered for i, n in enumerate(col)}

            def barycentre(node: Node, rank=rank) -> float:
                places = [rank[k] for k in left[node.key] if k in rank]
                return sum(places) / len(places) if places else float("inf")

            members.sort(key=barycentre)  # stable: nodes without a neighbour keep their order
        for row, node in enumerate(members):
            node.row = row
        ordered.append(members)

    top = MARGIN + HEADER

    def place(members: list[Node], wanted: dict[str, float]) -> None:
        bottom = top - V_GAP
        for node in members:
            y = wanted.get(node.key, bottom + V_GAP) - (node.height / 2 if node.key in wanted else 0)
            node.y = max(y, bottom + V_GAP)
            bottom = node.bottom

    def centres(keys: list[str]) -> float | None:
        found = [by_key[k].cy for k in keys if by_key[k].y]  # placed already
        return sum(found) / len(found) if found else None

    # Place left to right, each node beside the centre of its neighbours; then pull the goals to the
    # middle of the activities that serve them.
    for index, members in enumerate(ordered):
        wanted: dict[str, float] = {}
        if index:
            for node in members:
                centre = centres(left[node.key])
                if centre is not None:
                    wanted[node.key] = centre
        place(members, wanted)
    if len(ordered) > 1 and ordered[0]:
        right_of: dict[str, list[str]] = {n.key: [] for n in ordered[0]}
        for node in ordered[1]:
            for key in left[node.key]:
                if key in right_of:
                    right_of[key].append(node.key)
        wanted = {}
        for node in ordered[0]:
            centre = centres(right_of[node.key]) if right_of[node.key] else None
            if centre is not None:
                wanted[node.key] = centre
        place(ordered[0], wanted)

    bottom = max([n.bottom for n in nodes], default=top + 40)
    _route(columns, nodes, edges, by_key, bottom)
    sources = {e.source for e in edges if e.relation == "supports"}
    height = bottom + (16 + LANE * len(sources) if sources else 0) + MARGIN
    width = MARGIN * 2 + len(columns) * NODE_W + (len(columns) - 1) * GAP
    return Layout(proposal.id, proposal.title, lang, columns, nodes, edges, width, max(height, top + 60))


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    mid = (x1 + x2) / 2
    return f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


def _orthogonal(points: list[tuple[float, float]], radius: float = 6) -> str:
    """A path through the points with rounded corners."""
    out = [f"M{points[0][0]:.1f},{points[0][1]:.1f}"]
    for (ax, ay), (bx, by), (cx, cy) in zip(points, points[1:], points[2:]):

        def toward(px, py, qx, qy, r):
            length = max(abs(qx - px) + abs(qy - py), 1e-9)
            r = min(r, length / 2)
            return px + (qx - px) * r / length, py + (qy - py) * r / length

        sx, sy = toward(bx, by, ax, ay, radius)
        ex, ey = toward(bx, by, cx, cy, radius)
        out.append(f"L{sx:.1f},{sy:.1f} Q{bx:.1f},{by:.1f} {ex:.1f},{ey:.1f}")
    out.append(f"L{points[-1][0]:.1f},{points[-1][1]:.1f}")
    return " ".join(out)


def _route(columns: list[Column], nodes: list[Node], edges: list[Edge], by_key: dict[str, Node], bottom: float) -> None:
    # Chain and `replaces` edges join neighbouring columns: a curve from the right side of the left
    # node to the left side of the right one. Several edges at one side are spread along it.
    def spread(node: Node, side: str, partners: list[Node]) -> dict[str, float]:
        partners = sorted(partners, key=lambda n: n.cy)
        count = len(partners)
        span = min(node.height - 12, 10 * (count - 1))
        return {
            p.key: node.cy - span / 2 + (span * i / (count - 1) if count > 1 else 0) for i, p in enumerate(partners)
        }

    adjacent = [e for e in edges if e.relation != "supports"]
    # Each node's partners on each side, collected in one pass over the edges (linear in the edges).
    sides: dict[tuple[str, str], list[Node]] = {}
    for edge in adjacent:
        a, b = by_key[edge.source], by_key[edge.target]
        for node, other in ((a, b), (b, a)):
            side = "right" if other.column > node.column else "left"
            sides.setdefault((node.key, side), []).append(other)
    ports: dict[tuple[str, str], dict[str, float]] = {
        (key, side): spread(by_key[key], side, partners) for (key, side), partners in sides.items()
    }
    for edge in adjacent:
        a, b = by_key[edge.source], by_key[edge.target]
        left, right = (a, b) if a.column < b.column else (b, a)
        y1 = ports[(left.key, "right")][right.key]
        y2 = ports[(right.key, "left")][left.key]
        x2 = right.x - (3 if edge.relation == "replaces" else 0)  # room for the arrowhead
        edge.path = _curve(left.right, y1, x2, y2)

    # `supports` edges run back to the activities: out of the node's left side, down a lane in the
    # gap beside its column, along a channel under the drawing, up a lane right of the activities.
    # The edges of one source share their lanes and part only at the activities they support.
    back = sorted(
        (e for e in edges if e.relation == "supports"),
        key=lambda e: (-by_key[e.source].column, by_key[e.source].row, by_key[e.target].row),
    )
    lane_of: dict[str, int] = {}
    for edge in back:
        lane_of.setdefault(edge.source, len(lane_of))
    activity_column = next((c for c in columns if c.kind == "activity"), None)
    for edge in back:
        source, target = by_key[edge.source], by_key[edge.target]
        lane = lane_of[edge.source]
        channel = bottom + 16 + LANE * lane
        out_x = source.x - 10 - LANE * (lane % 4)
        in_x = (activity_column.x + NODE_W if activity_column else target.right) + 10 + LANE * (lane % 4)
        start_y = source.bottom - 8
        end_y = target.bottom - 8 - 5 * (lane % 3)
        edge.path = _orthogonal(
            [
                (source.x, start_y),
                (out_x, start_y),
                (out_x, channel),
                (in_x, channel),
                (in_x, end_y),
                (target.right + 3, end_y),
            ]
        )


# --- SVG ------------------------------------------------------------------------------------------
def _text(value: str) -> str:
    return escape(xml_text(value))  # a control character would make the SVG no XML at all


def _attr(value: str) -> str:
    return quoteattr(xml_text(value))  # with its quotes


def to_svg(plan: Layout, prefix: str = "chain") -> str:
    """The layout as one SVG element. `prefix` keeps the ids of several drawings in one page apart
    (it is ours, never user text)."""
    word = words(plan.lang)
    title_id = f"{prefix}-title"
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chain" viewBox="0 0 {plan.width:.0f} {plan.height:.0f}" '
        f'width="{plan.width:.0f}" height="{plan.height:.0f}" role="img" aria-labelledby="{title_id}" '
        f'font-family={_attr(FONT)} font-size="11.5">',
        f'<title id="{title_id}">{_text(word["diagram_label"].format(id=plan.proposal_id))}</title>',
        "<defs>",
    ]
    for name, colour in (("arrow", SUPPORT), ("replace", REPLACE), ("dropped", DROPPED)):
        out.append(
            f'<marker id="{prefix}-{name}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    out.append(f'<rect class="paper" width="{plan.width:.0f}" height="{plan.height:.0f}" fill="#ffffff"/>')

    out.append('<g class="columns">')
    for column in plan.columns:
        cx = column.x + NODE_W / 2
        out.append(
            f'<text x="{cx:.1f}" y="{MARGIN + 14}" text-anchor="middle" font-size="11" font-weight="600" '
            f'letter-spacing="0.04em" fill="{COLOURS[column.kind]}">{_text(column.title.upper())}</text>'
        )
        out.append(
            f'<line x1="{column.x:.1f}" y1="{MARGIN + 22}" x2="{column.x + NODE_W:.1f}" y2="{MARGIN + 22}" '
            f'stroke="{COLOURS[column.kind]}" stroke-opacity="0.35" stroke-width="2"/>'
        )
        if not any(n.column == column.index for n in plan.nodes):
            y = MARGIN + HEADER
            out.append(
                f'<g class="placeholder"><rect x="{column.x:.1f}" y="{y}" width="{NODE_W}" height="40" rx="7" '
                f'fill="none" stroke="#cbd5e1" stroke-dasharray="4 3"/>'
                f'<text x="{cx:.1f}" y="{y + 24}" text-anchor="middle" fill="#5b6b80" font-style="italic">'
                f"{_text(word['empty_column'])}</text></g>"
            )
    out.append("</g>")

    out.append('<g class="edges" fill="none">')
    for edge in plan.edges:
        if edge.dropped:
            style = f'stroke="{DROPPED}" stroke-width="1.8" stroke-dasharray="6 4" marker-end="url(#{prefix}-dropped)"'
        elif edge.relation == "replaces":
            style = f'stroke="{REPLACE}" stroke-width="1.6" stroke-dasharray="6 4" marker-end="url(#{prefix}-replace)"'
        elif edge.relation == "supports":
            style = f'stroke="{SUPPORT}" stroke-width="1.2" stroke-dasharray="2 3" marker-end="url(#{prefix}-arrow)"'
        else:
            style = f'stroke="{EDGE}" stroke-width="1.5"'
        source, target = plan.node(edge.source), plan.node(edge.target)
        out.append(
            f'<path class="edge {edge.relation}{" dropped" if edge.dropped else ""}" d="{edge.path}" {style} '
            f"data-from={_attr(source.ident)} data-to={_attr(target.ident)}/>"
        )
    out.append("</g>")

    out.append('<g class="nodes">')
    for node in plan.nodes:
        accent = COLOURS[node.kind]
        stroke = (
            f'stroke="{DROPPED}" stroke-width="1.8" stroke-dasharray="6 4"'
            if node.dropped
            else 'stroke="#cbd5e1" stroke-width="1"'
        )
        fill = "#fef3f2" if node.dropped else "#ffffff"
        out.append(f'<g class="node {node.kind}{" dropped" if node.dropped else ""}" data-id={_attr(node.ident)}>')
        out.append(f"<title>{_text(node.label)}</title>")
        out.append(
            f'<rect x="{node.x:.1f}" y="{node.y:.1f}" width="{node.width:.0f}" height="{node.height:.0f}" rx="7" '
            f'fill="{fill}" {stroke}/>'
        )
        out.append(
            f'<rect x="{node.x:.1f}" y="{node.y + 6:.1f}" width="4" height="{node.height - 12:.0f}" rx="2" fill="{accent}"/>'
        )
        out.append(
            f'<text x="{node.x + 12:.1f}" y="{node.y + 15:.1f}" font-size="10.5" font-weight="700" '
            f'fill="{accent}">{_text(node.ident)}</text>'
        )
        for i, line in enumerate(node.lines):
            fit = f' textLength="{TEXT_W}" lengthAdjust="spacingAndGlyphs"' if len(line) > WRAP else ""  # a long word
            out.append(
                f'<text x="{node.x + 12:.1f}" y="{node.y + ID_H + 11 + i * LINE_H:.1f}" fill="#0f172a"{fit}>'
                f"{_text(line)}</text>"
            )
        if node.dropped:
            out.append(
                f'<text x="{node.x + 12:.1f}" y="{node.y + ID_H + 11 + len(node.lines) * LINE_H:.1f}" '
                f'font-size="11" font-style="italic" font-weight="600" fill="{DROPPED}">{_text(word["dropped"])}</text>'
            )
        out.append("</g>")
    out.append("</g></svg>")
    return "\n".join(out)


# --- Mermaid --------------------------------------------------------------------------------------


__all__ = ["Column", "Edge", "Layout", "Node", "layout", "to_svg"]
