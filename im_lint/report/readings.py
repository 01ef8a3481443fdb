"""What the report reads from findings, and from which rule: the one place that ties a panel of the
report to a rule. The report never decides what a rule concludes; it shows the findings' args.

- the chain diagram draws an activity as dropped when an IM601 finding names it (`args.activity`);
- the stakeholder table shows a group as missing when an IM201 finding names it (`args.group`),
  processes or information when an IM203 or IM204 finding is there (they are about one subject
  each), and an impact as vague when an IM202 finding (it says nothing) or an IM009 finding (it is
  still a placeholder) is on its line;
- the table's rows are the groups IM201 asks for (its `groups` option, as the run configured it).

A rule that is not selected, or a finding that is suppressed, shows nothing here: what the report
says about a rule is what that rule said.
"""

from __future__ import annotations

from collections.abc import Iterable

from im_lint.findings import Finding, RunResult

DROPPED_ACTIVITY = ("IM601", "activity")
MISSING_IMPACT = ("IM201", "group")
VAGUE_IMPACT = ("IM202", "IM009")  # said nothing, or still a placeholder: at the impact's line
MISSING_ASPECT = {"IM203": "processes", "IM204": "information"}  # each rule is about one subject
DIAGRAM_RULES = (DROPPED_ACTIVITY[0],)  # what `im-lint graph` must run to draw the same diagram


def named(findings: Iterable[Finding], reading: tuple[str, str]) -> list[tuple[str, Finding]]:
    """(the value the reading's argument holds, the finding) for each finding of the reading's rule."""
    code, argument = reading
    return [(str(f.args[argument]), f) for f in findings if f.code == code and argument in f.args]


def dropped_activities(findings: Iterable[Finding]) -> frozenset[str]:
    return frozenset(value for value, _ in named(findings, DROPPED_ACTIVITY))


def missing_groups(findings: Iterable[Finding]) -> list[str]:
    """The groups and aspects (processes, information) that findings say have no impact stated."""
    findings = list(findings)
    groups = [value for value, _ in named(findings, MISSING_IMPACT)]
    groups += [MISSING_ASPECT[f.code] for f in findings if f.code in MISSING_ASPECT]
    return list(dict.fromkeys(groups))


def vague_impacts(findings: Iterable[Finding]) -> set[int]:
    """The lines of the statements that findings call vague or a placeholder."""
    return {f.line for f in findings if f.code in VAGUE_IMPACT}


def required_groups(run: RunResult) -> list[str]:
    rule = run.rules.get(MISSING_IMPACT[0])
    groups = rule.options.get("groups", []) if rule is not None else []
    return [str(group) for group in groups]
