"""IM7: rules across all proposals of a repository (the article's organisatiearchitect and
portfoliomanager: insight and coherence across projects).

Each proposal is reduced to an `Entry`: the little the portfolio rules need (its ID, status,
processes and owners, what it replaces, what it depends on). Entries are cheap to keep for a whole
repository; the checks compare them in one pass each (dictionaries, never all pairs).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from im_lint.engine.checks import Hit, registrar
from im_lint.engine.checks.procurement import category_of, estimated_value, procedure_of
from im_lint.language.vocabulary import value_term
from im_lint.model import Proposal, refs
from im_lint.source import Span

OPEN_EXCLUDED = ("decided", "withdrawn")


def normalised(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass(frozen=True, slots=True)
class ProcessEntry:
    title: str
    reference: str | None
    owner: str | None  # a built-in role's English name, or a declared role's ID
    owner_span: Span | None


@dataclass(frozen=True, slots=True)
class Purchase:
    """What IM803 adds up: a procurement proposal's commodity, value, date and procedure."""

    commodity: str
    commodity_span: Span
    amount: Decimal
    currency: str
    meeting: date | None
    procedure: str | None
    category: str


@dataclass(slots=True)
class Entry:
    path: str
    id: str
    span: Span
    status: str
    processes: list[ProcessEntry] = field(default_factory=list)
    replaces: list[tuple[str, Span]] = field(default_factory=list)  # existing title, the `replaces` line
    depends_on: list[tuple[str, Span]] = field(default_factory=list)
    supersedes: list[tuple[str, Span]] = field(default_factory=list)
    purchase: Purchase | None = None

    @property
    def is_open(self) -> bool:
        return self.status not in OPEN_EXCLUDED


def entry_of(path: str, proposal: Proposal) -> Entry:
    entry = Entry(path, proposal.id, proposal.span, proposal.effective_status)
    for process in proposal.processes:
        owner = process.owner.value.id if process.owner else None
        entry.processes.append(
            ProcessEntry(
                process.title,
                process.reference.value if process.reference else None,
                owner,
                process.owner.span if process.owner else None,
            )
        )
    for technology in proposal.technologies:
        for ref in refs(technology.replaces):
            existing = proposal.element(ref)
            if existing is not None:
                entry.replaces.append((existing.title, ref.span))
    entry.depends_on = [(ref.id, ref.span) for ref in refs(proposal.depends_on)]
    entry.supersedes = [(ref.id, ref.span) for ref in refs(proposal.supersedes)]
    entry.purchase = _purchase(proposal)
    return entry


def _purchase(proposal: Proposal) -> Purchase | None:
    bought = proposal.procurement
    money = estimated_value(proposal)
    if bought is None or bought.commodity is None or money is None:
        return None
    return Purchase(
        bought.commodity.value,
        bought.commodity.span,
        money.amount,
        money.currency,
        proposal.meeting.value if proposal.meeting else None,
        procedure_of(proposal)[0],
        category_of(proposal),
    )


def shown(path: str) -> str:
    """A path as a finding names it: relative to where im-lint runs, when that is shorter."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return relative if not relative.startswith("..") or len(relative) < len(path) else path


PortfolioCheck = Callable[[list[Entry], set[str]], Iterable[tuple[str, Hit]]]
PORTFOLIO_CHECKS: dict[str, PortfolioCheck] = {}


portfolio_check = registrar(PORTFOLIO_CHECKS)


def run_portfolio_check(name: str, entries: list[Entry], named: set[str], context: Callable[[], Any]):
    """A portfolio check's hits; a check that needs the run's date or the facts (IM803) gets the
    rule's context too."""
    check = PORTFOLIO_CHECKS[name]
    if getattr(check, "wants_context", False):
        return check(entries, named, context())
    return check(entries, named)


@portfolio_check("duplicate_proposal_id")
def duplicate_proposal_id(entries: list[Entry], named: set[str]):
    by_id: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_id[entry.id].append(entry)
    for entry in entries:
        if entry.path in named and len(by_id[entry.id]) > 1:
            other = next(e for e in by_id[entry.id] if e is not entry)
            yield (
                entry.path,
                Hit(
                    entry.span,
                    entry.id,
                    {"id": entry.id, "other_path": shown(other.path), "other_line": other.span.line},
                ),
            )


@portfolio_check("conflicting_process_owner")
def conflicting_process_owner(entries: list[Entry], named: set[str]):
    """The same process owned by different roles. Processes are the same when their references are
    equal, else when their titles are (case and spacing ignored); two different references make two
    different processes, whatever their titles."""
    # key -> owner -> up to two holders (a second one in case the first is the asking proposal):
    # one pass to index, one to look up, whatever the number of proposals sharing a process.
    by_reference: dict[str, dict[str, list]] = defaultdict(dict)
    by_title: dict[str, dict[tuple[str, str | None], list]] = defaultdict(dict)  # (owner, reference)
    live = [entry for entry in entries if entry.status != "withdrawn"]
    for entry in live:
        for process in entry.processes:
            if process.owner is None:
                continue
            reference = normalised(process.reference) if process.reference else None
            for holders in ([by_reference[reference].setdefault(process.owner, [])] if reference else []) + [
                by_title[normalised(process.title)].setdefault((process.owner, reference), [])
            ]:
                if len(holders) < 2:
                    holders.append((entry, process))
    for entry in live:
        if entry.path not in named:
            continue
        for process in entry.processes:
            if process.owner is None:
                continue
            reference = normalised(process.reference) if process.reference else None
            candidates = (
                [h for owner, holders in by_reference[reference].items() if owner != process.owner for h in holders]
                if reference
                else []
            )
            candidates += [
                h
                for (owner, other_reference), holders in by_title[normalised(process.title)].items()
                if owner != process.owner and not (reference and other_reference and other_reference != reference)
                for h in holders
            ]
            conflict = next(((e, p) for e, p in candidates if e is not entry), None)
            if conflict:
                other_entry, other = conflict
                yield (
                    entry.path,
                    Hit(
                        process.owner_span,
                        normalised(process.reference or process.title),
                        {
                            "process": process.title,
                            "owner": value_term("role", process.owner),
                            "other_owner": value_term("role", other.owner),
                            "other_path": shown(other_entry.path),
                            "other_line": other.owner_span.line,
                        },
                    ),
                )


@portfolio_check("competing_replacement")
def competing_replacement(entries: list[Entry], named: set[str]):
    replacing: dict[str, list[tuple[Entry, Span]]] = defaultdict(list)
    for entry in entries:
        if entry.is_open:
            for title, span in entry.replaces:
                replacing[normalised(title)].append((entry, span))
    for entry in entries:
        if entry.path not in named or not entry.is_open:
            continue
        for title, span in entry.replaces:
            other = next(((e, s) for e, s in replacing[normalised(title)] if e is not entry), None)
            if other:
                other_entry, other_span = other
                yield (
                    entry.path,
                    Hit(
                        span,
                        normalised(title),
                        {
                            "existing": title,
                            "other_id": other_entry.id,
                            "other_path": shown(other_entry.path),
                            "other_line": other_span.line,
                        },
                    ),
                )


@portfolio_check("unresolved_dependency")
def unresolved_dependency(entries: list[Entry], named: set[str]):
    by_id: dict[str, Entry] = {}
    for entry in entries:
        by_id.setdefault(entry.id, entry)
    for entry in entries:
        if entry.path not in named:
            continue
        for identifier, span in entry.depends_on:
            target = by_id.get(identifier)
            if target is None:
                yield entry.path, Hit(span, identifier, {"id": identifier})
            elif target.status == "withdrawn":
                yield (
                    entry.path,
                    Hit(
                        span,
                        identifier,
                        {"id": identifier, "path": shown(target.path), "line": target.span.line},
                        "withdrawn",
                    ),
                )


@portfolio_check("supersedes_undecided")
def supersedes_undecided(entries: list[Entry], named: set[str]):
    """A proposal may only supersede a decision: an earlier proposal that is still open or was
    withdrawn was never decided, so there is nothing to supersede (withdraw or amend it instead)."""
    by_id: dict[str, Entry] = {}
    for entry in entries:
        by_id.setdefault(entry.id, entry)
    for entry in entries:
        if entry.path not in named or entry.status == "withdrawn":
            continue
        for identifier, span in entry.supersedes:
            target = by_id.get(identifier)
            if target is None:
                yield entry.path, Hit(span, identifier, {"id": identifier}, "unknown")
            elif target.status != "decided":
                args = {
                    "id": identifier,
                    "status": value_term("status", target.status),
                    "path": shown(target.path),
                    "line": target.span.line,
                }
                yield entry.path, Hit(span, identifier, args)


@portfolio_check("supersedes_cycle")
def supersedes_cycle(entries: list[Entry], named: set[str]):
    """Proposals that supersede each other, directly or through others: each proposal of a cycle
    reports the `supersedes` line that keeps the cycle closed. Tarjan's strongly connected
    components, iterative (linear, and no recursion limit on a long chain)."""
    by_id: dict[str, Entry] = {}
    for entry in entries:
        by_id.setdefault(entry.id, entry)
    edges = {i: [t for t, _ in e.supersedes if t in by_id] for i, e in by_id.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    component: dict[str, int] = {}
    for root in by_id:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if position < len(edges[node]):
                work.append((node, position + 1))
                target = edges[node][position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = index[node]
                    if member == node:
                        break
    members: dict[int, list[str]] = defaultdict(list)
    for identifier in by_id:
        members[component[identifier]].append(identifier)
    for entry in entries:
        if entry.path not in named or by_id.get(entry.id) is not entry:
            continue
        group = members[component[entry.id]]
        for identifier, span in entry.supersedes:
            if component.get(identifier) == component[entry.id] and (len(group) > 1 or identifier == entry.id):
                cycle = " → ".join([entry.id, *(i for i in _path(edges, component, identifier, entry.id))])
                yield entry.path, Hit(span, identifier, {"id": identifier, "cycle": cycle})


def _path(edges: dict[str, list[str]], component: dict[str, int], start: str, goal: str) -> list[str]:
    """The shortest way from `start` back to `goal` inside one component (breadth first)."""
    previous: dict[str, str | None] = {start: None}
    queue = [start]
    for node in queue:
        if node == goal:
            break
        for target in edges[node]:
            if target not in previous and component.get(target) == component[goal]:
                previous[target] = node
                queue.append(target)
    path: list[str] = []
    node: str | None = goal
    while node is not None:
        path.append(node)
        node = previous.get(node)
    return path[::-1]


from im_lint.engine import splitting  # noqa: E402, F401  (registers IM803; it uses this module)
