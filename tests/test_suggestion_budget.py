"""Suggestions for unknown names (IM005) compare a name with every name of its kind; a file gets a
budget of such comparisons, so that thousands of dangling references stay linear, and past it an
unknown name is still reported, without a suggestion (or, for a role or subject, with the first
built-in name as the message always has one)."""

from __future__ import annotations

import sys

import pytest

from im_lint.language import parse_text

build_module = sys.modules["im_lint.language.build"]  # the package's `build` is the function

HEAD = 'proposal P-1 "x"\nkind change\n'
GOALS = "".join(f'goal G{i} "Goal {i}"\n' for i in range(1, 5))  # four goals: four comparisons a suggestion


def dangling(count: int) -> str:
    serves = "".join(f'activity A{i} "Act" {{\n  serves G{i}x\n}}\n' for i in range(1, count + 1))
    return HEAD + GOALS + serves


def im005(text: str) -> list[tuple[str, dict]]:
    return [(d.variant, d.args) for d in parse_text(text).diagnostics if d.code == "IM005"]


def test_within_the_budget_every_dangling_reference_gets_its_suggestion() -> None:
    found = im005(dangling(4))
    assert [(variant, args["id"], args.get("suggestion")) for variant, args in found] == [
        ("suggest", f"G{i}x", f"G{i}") for i in range(1, 5)
    ]


def test_past_the_budget_a_dangling_reference_is_reported_without_a_suggestion(monkeypatch) -> None:
    monkeypatch.setattr(build_module, "SUGGESTION_COMPARISONS", 10)  # two suggestions of four
    found = im005(dangling(4))
    assert [variant for variant, _ in found] == ["suggest", "suggest", "default", "default"]
    assert [args["id"] for _, args in found] == ["G1x", "G2x", "G3x", "G4x"]


@pytest.mark.parametrize("budget", [0, 10_000])
def test_an_unknown_role_always_gets_a_suggestion(monkeypatch, budget: int) -> None:
    monkeypatch.setattr(build_module, "SUGGESTION_COMPARISONS", budget)
    (found,) = im005(HEAD + "decision-by schoolmanagment\n")
    assert found[0] == "unknown-role" and found[1]["id"] == "schoolmanagment"
    assert found[1]["suggestion"] == ("school-management" if budget else "board")  # the first role
