"""A proposal's chain, laid out by our own code: goal > activity > need > provision > technology.

One model of nodes and edges, one layout, three writers:

    plan = layout(proposal)       # columns per kind, rows, coordinates, edge routes
    to_svg(plan)                  # the drawing (the board report's HTML, `im-lint graph --format svg`)
    to_mermaid(proposal)          # a ```mermaid block (the Markdown report, `im-lint graph`)
    to_dot(proposal)              # Graphviz DOT, with our coordinates as `pos` (`neato -n` keeps them)

Edges follow the references of the proposal: an activity serves a goal, a need is for an activity, a
provision meets a need, a technology realizes a provision, a technology replaces existing technology,
and existing technology (or a new technology) supports an activity. An activity that only replaced
technology supported, and that nothing in the proposal supports any more, is *dropped* (the article's
iPad example, rule IM601): it and the edge to it are drawn red and dashed.

Every text that comes from the proposal is escaped for the format it is written into; nothing in a
proposal can add an element, an attribute or a statement to any of the three outputs.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from im_lint.model import Element, Proposal, refs
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
    "goal": "#1d4ed8", "activity": "#047857", "need": "#b45309",
    "provision": "#7c3aed", "technology": "#334155", "existing": "#6b7280",
}
TINTS = {
    "goal": "#eff4ff", "activity": "#ecfdf5", "need": "#fffbeb",
    "provision": "#f5f3ff", "technology": "#f1f5f9", "existing": "#f9fafb",
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
        "goal": list(proposal.goals), "activity": list(proposal.activities), "need": list(proposal.needs),
        "provision": list(proposal.provisions), "technology": list(proposal.technologies),
        "existing": list(proposal.existing),
    }


def _wrap(title: str) -> list[str]:
    flat = " ".join(title.split())
    lines = textwrap.wrap(flat, WRAP, break_long_words=False, break_on_hyphens=True) or [""]
    if any(len(line) > WRAP + 5 for line in lines):  # a very long word: break it after all
        lines = textwrap.wrap(flat, WRAP, break_long_words=True, break_on_hyphens=True)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        last = lines[-1]
        lines[-1] = (last[: WRAP - 1].rstrip() + "…") if len(last) >= WRAP else last + "…"
    return lines


def _graph(proposal: Proposal, lang: str) -> tuple[list[Column], list[Node], list[Edge]]:
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
            node = Node(f"n{len(nodes)}", column.kind, element.id, element.title, column.index,
                        lines=_wrap(element.title), replaced=column.kind == "existing" and element.id in replaced_ids)
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

    # What a replacement drops: the same reading as IM601.
    by_key = {node.key: node for node in nodes}
    supported = {e.target for e in edges if e.relation == "supports" and not by_key[e.source].replaced}
    for edge in edges:
        if edge.relation == "supports" and by_key[edge.source].replaced and edge.target not in supported:
            edge.dropped = True
            by_key[edge.target].dropped = True
    return columns, nodes, edges


# --- the layout -----------------------------------------------------------------------------------
def layout(proposal: Proposal, lang: str = "nl") -> Layout:
    """Columns per kind, nodes ordered to keep edges short, coordinates, and the route of every edge."""
    columns, nodes, edges = _graph(proposal, lang)
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
    for node in nodes:
        if node.kind == "existing" and not left[node.key]:
            left[node.key] = [e.target for e in edges if e.source == node.key and e.relation == "supports"]

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
        return {p.key: node.cy - span / 2 + (span * i / (count - 1) if count > 1 else 0) for i, p in enumerate(partners)}

    adjacent = [e for e in edges if e.relation != "supports"]
    ports: dict[tuple[str, str], dict[str, float]] = {}
    for node in nodes:
        for side in ("left", "right"):
            partners = []
            for edge in adjacent:
                a, b = by_key[edge.source], by_key[edge.target]
                if node in (a, b):
                    other = b if node is a else a
                    if (side == "right") == (other.column > node.column):
                        partners.append(other)
            if partners:
                ports[(node.key, side)] = spread(node, side, partners)
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
    back = sorted((e for e in edges if e.relation == "supports"),
                  key=lambda e: (-by_key[e.source].column, by_key[e.source].row, by_key[e.target].row))
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
        edge.path = _orthogonal([
            (source.x, start_y), (out_x, start_y), (out_x, channel), (in_x, channel), (in_x, end_y),
            (target.right + 3, end_y),
        ])


# --- SVG ------------------------------------------------------------------------------------------
def _text(value: str) -> str:
    return escape(value)


def _attr(value: str) -> str:
    return quoteattr(value)  # with its quotes


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
        out.append(f'<marker id="{prefix}-{name}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" '
                   f'orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="{colour}"/></marker>')
    out.append("</defs>")
    out.append(f'<rect class="paper" width="{plan.width:.0f}" height="{plan.height:.0f}" fill="#ffffff"/>')

    out.append('<g class="columns">')
    for column in plan.columns:
        cx = column.x + NODE_W / 2
        out.append(f'<text x="{cx:.1f}" y="{MARGIN + 14}" text-anchor="middle" font-size="11" font-weight="600" '
                   f'letter-spacing="0.04em" fill="{COLOURS[column.kind]}">{_text(column.title.upper())}</text>')
        out.append(f'<line x1="{column.x:.1f}" y1="{MARGIN + 22}" x2="{column.x + NODE_W:.1f}" y2="{MARGIN + 22}" '
                   f'stroke="{COLOURS[column.kind]}" stroke-opacity="0.35" stroke-width="2"/>')
        if not any(n.column == column.index for n in plan.nodes):
            y = MARGIN + HEADER
            out.append(f'<g class="placeholder"><rect x="{column.x:.1f}" y="{y}" width="{NODE_W}" height="40" rx="7" '
                       f'fill="none" stroke="#cbd5e1" stroke-dasharray="4 3"/>'
                       f'<text x="{cx:.1f}" y="{y + 24}" text-anchor="middle" fill="#94a3b8" font-style="italic">'
                       f'{_text(word["empty_column"])}</text></g>')
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
        out.append(f'<path class="edge {edge.relation}{" dropped" if edge.dropped else ""}" d="{edge.path}" {style} '
                   f'data-from={_attr(source.ident)} data-to={_attr(target.ident)}/>')
    out.append("</g>")

    out.append('<g class="nodes">')
    for node in plan.nodes:
        accent = COLOURS[node.kind]
        stroke = f'stroke="{DROPPED}" stroke-width="1.8" stroke-dasharray="6 4"' if node.dropped else 'stroke="#cbd5e1" stroke-width="1"'
        fill = "#fef3f2" if node.dropped else "#ffffff"
        out.append(f'<g class="node {node.kind}{" dropped" if node.dropped else ""}" data-id={_attr(node.ident)}>')
        out.append(f"<title>{_text(node.label)}</title>")
        out.append(f'<rect x="{node.x:.1f}" y="{node.y:.1f}" width="{node.width:.0f}" height="{node.height:.0f}" rx="7" '
                   f'fill="{fill}" {stroke}/>')
        out.append(f'<rect x="{node.x:.1f}" y="{node.y + 6:.1f}" width="4" height="{node.height - 12:.0f}" rx="2" fill="{accent}"/>')
        out.append(f'<text x="{node.x + 12:.1f}" y="{node.y + 15:.1f}" font-size="10.5" font-weight="700" '
                   f'fill="{accent}">{_text(node.ident)}</text>')
        for i, line in enumerate(node.lines):
            fit = f' textLength="{TEXT_W}" lengthAdjust="spacingAndGlyphs"' if len(line) > WRAP else ""  # a long word
            out.append(f'<text x="{node.x + 12:.1f}" y="{node.y + ID_H + 11 + i * LINE_H:.1f}" fill="#0f172a"{fit}>'
                       f"{_text(line)}</text>")
        if node.dropped:
            out.append(f'<text x="{node.x + 12:.1f}" y="{node.y + ID_H + 11 + len(node.lines) * LINE_H:.1f}" '
                       f'font-size="11" font-style="italic" font-weight="600" fill="{DROPPED}">{_text(word["dropped"])}</text>')
        out.append("</g>")
    out.append("</g></svg>")
    return "\n".join(out)


# --- Mermaid --------------------------------------------------------------------------------------
_MERMAID_CODES = {
    '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "#": "#35;", "[": "#91;", "]": "#93;",
    "(": "#40;", ")": "#41;", "{": "#123;", "}": "#125;", "|": "#124;", "`": "#96;", ";": "#59;",
    "\\": "#92;", "*": "#42;", "_": "#95;", "~": "#126;", "%": "#37;",
}


def mermaid_label(text: str) -> str:
    """A label for `id["..."]`: Mermaid's entity codes for everything that could end the label,
    start markup, or be taken for HTML; one line."""
    flat = " ".join(text.split())
    return "".join(_MERMAID_CODES.get(ch, ch) for ch in flat)


def to_mermaid(proposal: Proposal, lang: str = "nl") -> str:
    """A Mermaid flowchart of the same nodes and edges, columns as subgraphs in the layout's order."""
    plan = layout(proposal, lang)
    word = words(lang)
    out = ["flowchart LR"]
    for column in plan.columns:
        out.append(f'  subgraph c{column.index}["{mermaid_label(column.title)}"]')
        out.append("    direction TB")
        members = plan.column_nodes(column.index)
        for node in members:
            out.append(f'    {node.key}["{mermaid_label(node.label)}"]')
        if not members:
            out.append(f'    c{column.index}none["{mermaid_label(word["empty_column"])}"]')
        out.append("  end")
    styles: list[str] = []
    for number, edge in enumerate(plan.edges):
        source, target = plan.node(edge.source), plan.node(edge.target)
        if edge.chain:
            left, right = (source, target) if source.column < target.column else (target, source)
            out.append(f"  {left.key} --- {right.key}")
            styles.append(f"  linkStyle {number} stroke:{EDGE},stroke-width:1.5px")
        elif edge.relation == "replaces":
            out.append(f"  {source.key} -. {mermaid_label(word['legend_replaces'])} .-> {target.key}")
            styles.append(f"  linkStyle {number} stroke:{REPLACE},stroke-width:1.6px,stroke-dasharray:6 4")
        else:  # supports: written from the activity, so that the columns keep their order
            out.append(f"  {target.key} <-.- {source.key}")
            colour = DROPPED if edge.dropped else SUPPORT
            styles.append(f"  linkStyle {number} stroke:{colour},stroke-width:{'1.8' if edge.dropped else '1.2'}px"
                          + (",stroke-dasharray:6 4" if edge.dropped else ""))
    # Invisible links keep the columns in order, also an empty one (after the real edges, so that the
    # numbers of `linkStyle` stay those of the edges).
    firsts = [(plan.column_nodes(c.index)[:1] or [None])[0] for c in plan.columns]
    keys = [node.key if node else f"c{c.index}none" for node, c in zip(firsts, plan.columns)]
    for left, right in zip(keys, keys[1:]):
        out.append(f"  {left} ~~~ {right}")
    for kind in KINDS:
        out.append(f"  classDef {kind} fill:{TINTS[kind]},stroke:{COLOURS[kind]},color:#0f172a")
    out.append(f"  classDef dropped fill:#fef3f2,stroke:{DROPPED},stroke-width:2px,stroke-dasharray:6 4,color:#0f172a")
    out.append("  classDef none fill:#ffffff,stroke:#cbd5e1,stroke-dasharray:4 3,color:#94a3b8")
    for kind in KINDS:
        keys = [n.key for n in plan.nodes if n.kind == kind and not n.dropped]
        if keys:
            out.append(f"  class {','.join(keys)} {kind}")
    dropped = [n.key for n in plan.dropped_activities]
    if dropped:
        out.append(f"  class {','.join(dropped)} dropped")
    empty = [f"c{c.index}none" for c in plan.columns if not plan.column_nodes(c.index)]
    if empty:
        out.append(f"  class {','.join(empty)} none")
    out.extend(styles)
    return "\n".join(out) + "\n"


# --- Graphviz DOT ---------------------------------------------------------------------------------
def dot_string(text: str) -> str:
    """A DOT double-quoted string: backslashes (DOT's own escapes such as \\N) and quotes escaped."""
    flat = " ".join(text.split())
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(proposal: Proposal, lang: str = "nl") -> str:
    """Graphviz DOT of the same nodes and edges. `dot` ranks the columns itself (rankdir=LR, one rank
    per column); each node also carries our layout's position, which `neato -n` keeps as drawn."""
    plan = layout(proposal, lang)
    word = words(lang)
    out = [
        f"digraph {dot_string(plan.proposal_id)} {{",
        '  graph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=0.7, fontname="Helvetica", fontsize=11];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, width=2.1];',
        '  edge [arrowhead=none, color="#94a3b8"];',
    ]
    for column in plan.columns:
        members = plan.column_nodes(column.index)
        out.append(f"  subgraph cluster_c{column.index} {{")
        out.append(f'    label={dot_string(column.title)}; color="#e2e8f0"; fontcolor="{COLOURS[column.kind]}"; rank=same;')
        for node in members:
            label = "\\n".join(dot_string(line)[1:-1] for line in [node.ident, *node.lines])
            pos = f"{node.cx:.0f},{plan.height - node.cy:.0f}!"
            colour = DROPPED if node.dropped else COLOURS[node.kind]
            extra = ', style="rounded,filled,dashed", penwidth=2' if node.dropped else ""
            out.append(f'    {node.key} [label="{label}", tooltip={dot_string(node.label)}, color="{colour}", '
                       f'fillcolor="{"#fef3f2" if node.dropped else TINTS[node.kind]}", pos="{pos}"{extra}];')
        if not members:
            pos = f"{column.x + NODE_W / 2:.0f},{plan.height - (MARGIN + HEADER + 20):.0f}!"
            out.append(f'    c{column.index}none [label={dot_string(word["empty_column"])}, style="rounded,dashed", '
                       f'color="#cbd5e1", fontcolor="#94a3b8", pos="{pos}"];')
        out.append("  }")
    firsts = [(plan.column_nodes(c.index)[:1] or [None])[0] for c in plan.columns]
    keys = [node.key if node else f"c{c.index}none" for node, c in zip(firsts, plan.columns)]
    for left_key, right_key in zip(keys, keys[1:]):  # the columns in order, also an empty one
        out.append(f"  {left_key} -> {right_key} [style=invis];")
    for edge in plan.edges:
        source, target = plan.node(edge.source), plan.node(edge.target)
        if edge.chain:
            left, right = (source, target) if source.column < target.column else (target, source)
            out.append(f"  {left.key} -> {right.key};")
        elif edge.relation == "replaces":
            out.append(f'  {source.key} -> {target.key} [style=dashed, color="{REPLACE}", arrowhead=normal, '
                       f'label={dot_string(word["legend_replaces"])}, fontcolor="{REPLACE}", fontsize=9];')
        else:
            colour = DROPPED if edge.dropped else SUPPORT
            style = "dashed" if edge.dropped else "dotted"
            out.append(f'  {source.key} -> {target.key} [style={style}, color="{colour}", arrowhead=normal, '
                       f"constraint=false{', penwidth=2' if edge.dropped else ''}];")
    out.append("}")
    return "\n".join(out) + "\n"


__all__ = ["Column", "Edge", "Layout", "Node", "layout", "to_svg", "to_mermaid", "to_dot", "mermaid_label", "dot_string"]
