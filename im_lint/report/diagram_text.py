"""The chain as text for other tools: Mermaid (the Markdown report, `im-lint graph`) and Graphviz
DOT (with our own coordinates as `pos`, which `neato -n` keeps). Both are written from the one
layout of diagram.py; every label from the proposal is escaped for the format it goes into."""

from __future__ import annotations

from im_lint.model import Proposal
from im_lint.printable import printable
from im_lint.report.diagram import (
    COLOURS,
    DROPPED,
    EDGE,
    HEADER,
    KINDS,
    MARGIN,
    NODE_W,
    REPLACE,
    SUPPORT,
    TINTS,
    Layout,
    layout,
)
from im_lint.report.words import words

_MERMAID_CODES = {
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "#": "#35;",
    "[": "#91;",
    "]": "#93;",
    "(": "#40;",
    ")": "#41;",
    "{": "#123;",
    "}": "#125;",
    "|": "#124;",
    "`": "#96;",
    ";": "#59;",
    "\\": "#92;",
    "*": "#42;",
    "_": "#95;",
    "~": "#126;",
    "%": "#37;",
}


def mermaid_label(text: str) -> str:
    """A label for `id["..."]`: Mermaid's entity codes for everything that could end the label,
    start markup, or be taken for HTML; one line."""
    flat = " ".join(text.split())
    return "".join(_MERMAID_CODES.get(ch, ch) for ch in flat)


def to_mermaid(
    proposal: Proposal, lang: str = "nl", dropped: frozenset[str] = frozenset(), plan: Layout | None = None
) -> str:
    """A Mermaid flowchart of the same nodes and edges, columns as subgraphs in the layout's order."""
    plan = plan or layout(proposal, lang, dropped)  # the caller's, when it has drawn one already
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
        else:  # supports: an arrow from the technology to the activity (`<-.-` has no arrowhead in Mermaid)
            out.append(f"  {source.key} -.-> {target.key}")
            colour = DROPPED if edge.dropped else SUPPORT
            styles.append(
                f"  linkStyle {number} stroke:{colour},stroke-width:{'1.8' if edge.dropped else '1.2'}px"
                + (",stroke-dasharray:6 4" if edge.dropped else "")
            )
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
# Graphviz refuses a string longer than 16,384 bytes; this many characters stay below that even
# when each is four bytes of UTF-8 and escaped.
DOT_MAX_CHARS = 1000


def dot_string(text: str) -> str:
    """A DOT double-quoted string: backslashes (DOT's own escapes such as \\N) and quotes escaped,
    control characters shown escaped, and shortened to what Graphviz accepts."""
    flat = printable(" ".join(text.split()))
    if len(flat) > DOT_MAX_CHARS:
        flat = flat[: DOT_MAX_CHARS - 1] + "…"
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(
    proposal: Proposal, lang: str = "nl", dropped: frozenset[str] = frozenset(), plan: Layout | None = None
) -> str:
    """Graphviz DOT of the same nodes and edges. `dot` ranks the columns itself (rankdir=LR, one rank
    per column); each node also carries our layout's position, which `neato -n` keeps as drawn."""
    plan = plan or layout(proposal, lang, dropped)
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
        out.append(
            f'    label={dot_string(column.title)}; color="#e2e8f0"; fontcolor="{COLOURS[column.kind]}"; rank=same;'
        )
        for node in members:
            label = "\\n".join(dot_string(line)[1:-1] for line in [node.ident, *node.lines])
            pos = f"{node.cx:.0f},{plan.height - node.cy:.0f}!"
            colour = DROPPED if node.dropped else COLOURS[node.kind]
            extra = ', style="rounded,filled,dashed", penwidth=2' if node.dropped else ""
            out.append(
                f'    {node.key} [label="{label}", tooltip={dot_string(node.label)}, color="{colour}", '
                f'fillcolor="{"#fef3f2" if node.dropped else TINTS[node.kind]}", pos="{pos}"{extra}];'
            )
        if not members:
            pos = f"{column.x + NODE_W / 2:.0f},{plan.height - (MARGIN + HEADER + 20):.0f}!"
            out.append(
                f'    c{column.index}none [label={dot_string(word["empty_column"])}, style="rounded,dashed", '
                f'color="#cbd5e1", fontcolor="#94a3b8", pos="{pos}"];'
            )
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
            out.append(
                f'  {source.key} -> {target.key} [style=dashed, color="{REPLACE}", arrowhead=normal, '
                f'label={dot_string(word["legend_replaces"])}, fontcolor="{REPLACE}", fontsize=9];'
            )
        else:
            colour = DROPPED if edge.dropped else SUPPORT
            style = "dashed" if edge.dropped else "dotted"
            # Written forwards (activity -> technology, drawn back with dir=back) so that `dot` ranks it
            # with the columns instead of routing a back edge through the boxes between them.
            out.append(
                f'  {target.key} -> {source.key} [dir=back, style={style}, color="{colour}", arrowtail=normal, '
                f"{'penwidth=2' if edge.dropped else 'penwidth=1'}];"
            )
    out.append("}")
    return "\n".join(out) + "\n"


__all__ = ["to_mermaid", "to_dot", "mermaid_label", "dot_string"]
