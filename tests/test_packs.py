"""Rule packs: the organisation policies of examples/policies, packs from a path or an installed
distribution, Python checks by entry point, and clear errors for a bad pack."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint import api
from im_lint.cli import main
from im_lint.config import ConfigError

POLICIES = EXAMPLES / "policies"


def findings_of(text: str, config: api.Config, code_prefix: str) -> list:
    return [f for f in api.lint_text(text, config=config) if f.code.startswith(code_prefix)]


@pytest.fixture
def policy_config() -> api.Config:
    return api.load_config(POLICIES / "im-lint.toml")


BASE = 'proposal P-9 "Learning platform"\nkind procurement\nbudget {budget} EUR\ndecision-by {who}\n{exit}'


@pytest.mark.parametrize(
    ("budget", "who", "exit", "fires"),
    [
        (85000, "school-management", "", True),  # large, no exit, wrong decider
        (85000, "board", "", True),  # large, no exit
        (85000, "school-management", 'exit "Export"', True),  # large, wrong decider
        (85000, "bestuur", 'exit "Data export in a standard format."', False),  # Dutch spelling of board
        (50000, "school-management", "", False),  # not above 50,000
        (49999, "ict", "", False),
    ],
)
def test_large_procurement_policy(policy_config, budget, who, exit, fires) -> None:
    text = BASE.format(budget=budget, who=who, exit=exit)
    assert bool(findings_of(text, policy_config, "LND001")) is fires


def test_large_procurement_policy_ignores_other_kinds(policy_config) -> None:
    text = BASE.format(budget=90000, who="ict", exit="").replace("kind procurement", "kind policy")
    assert not findings_of(text, policy_config, "LND001")


@pytest.mark.parametrize(
    ("impacts", "fires"),
    [
        ('impact teachers "Teachers plan lessons in the new tool."', True),
        ('impact teachers "Teachers plan lessons in the new tool."\nimpact mr "The MR advised on 2026-10-01."', False),
        ('impact teachers none "Teachers keep working as they do."', False),
        ('impact students "Students see one timetable."', False),
    ],
)
def test_mr_policy(policy_config, impacts, fires) -> None:
    text = f'proposal P-8 "Timetable"\nkind policy\n{impacts}\n'
    found = findings_of(text, policy_config, "LND002")
    assert bool(found) is fires
    assert not [f for f in api.lint_text(text, config=policy_config) if f.code == "IM005"]  # mr is declared


def test_policies_folder_from_the_command_line() -> None:
    result = CliRunner().invoke(main, ["check", str(POLICIES), "--format", "json", "--select", "LND"])
    codes = sorted(f["code"] for f in json.loads(result.output)["findings"])
    assert codes == ["LND001", "LND002"]


def _write_pack(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


MINIMAL_RULE = """\
category: {code: ORG, title: {en: Ours, nl: Van ons}}
rules:
  - code: %(code)s
    name: needs-a-school
    severity: warning
    summary: {en: "No school named.", nl: "Geen school genoemd."}
    source: {en: "Our policy", nl: "Ons beleid"}
    messages:
      default: {en: "Name the school.", nl: "Noem de school."}
    docs:
      en: {what: "w", why: "y", where: "p", fail: "f", pass: "p"}
      nl: {what: "w2", why: "y2", where: "p2", fail: "f", pass: "p"}
    check: %(check)s
"""


def test_pack_by_path_runs_and_is_data(tmp_path: Path) -> None:
    _write_pack(
        tmp_path / "pack", MINIMAL_RULE % {"code": "ORG001", "check": "{for: proposal, flag: {missing: school}}"}
    )
    config = api.Config(packs=[str(tmp_path / "pack")])
    found = findings_of('proposal P "x"\nkind policy\n', config, "ORG")
    assert [(f.code, f.severity, f.message) for f in found] == [("ORG001", "warning", "Name the school.")]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (MINIMAL_RULE % {"code": "IM901", "check": "{for: proposal, flag: {missing: school}}"}, ["IM901", "prefix"]),
        (
            MINIMAL_RULE % {"code": "ORG001", "check": "{for: proposal, flag: {mising: school}}"},
            ["pack.yaml:13", "condition"],
        ),
        (
            MINIMAL_RULE % {"code": "ORG001", "check": "{for: proposal, flag: {missing: scool}}"},
            ["pack.yaml:13", "school"],
        ),
        (MINIMAL_RULE % {"code": "ORG001", "check": "os.system"}, ["os.system"]),
        (MINIMAL_RULE % {"code": "ORG001", "check": "!!python/object/apply:os.system [echo hacked]"}, ["pack.yaml"]),
        (
            MINIMAL_RULE.replace("severity: warning", "severity: fatal") % {"code": "ORG001", "check": "x"},
            ["pack.yaml:5", "severity"],
        ),
        ("category: [\n", ["pack.yaml", "YAML"]),
    ],
)
def test_bad_pack_is_a_clear_error(tmp_path: Path, body: str, words: list[str]) -> None:
    _write_pack(tmp_path / "pack", body)
    (tmp_path / "im-lint.toml").write_text('packs = ["pack"]\n', encoding="utf-8")
    (tmp_path / "p.proposal").write_text('proposal P "x"\nkind policy\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "p.proposal")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "hacked" not in result.output
    for word in words:
        assert word in result.output


def test_codes_that_clash_with_another_pack_are_an_error(tmp_path: Path) -> None:
    rule = MINIMAL_RULE % {"code": "ORG001", "check": "{for: proposal, flag: {missing: school}}"}
    _write_pack(tmp_path / "a", rule)
    _write_pack(tmp_path / "b", rule)
    with pytest.raises(ConfigError, match="ORG001"):
        api.engine(api.Config(packs=[str(tmp_path / "a"), str(tmp_path / "b")]))


def test_installed_plugin_pack_and_check_through_entry_points(tmp_path: Path, monkeypatch) -> None:
    """A distribution that registers a pack (im_lint.packs) and a Python check (im_lint.checks)."""
    package = tmp_path / "tinyplugin"
    package.mkdir()
    (package / "__init__.py").write_text(
        textwrap.dedent("""\
        from im_lint.engine.checks import Hit

        def big_budget(proposal, context):
            if proposal.budget and proposal.budget.value.amount > context.options.get("limit", 1000):
                yield Hit(proposal.budget.span, "budget", {"amount": str(proposal.budget.value.amount)})
        """),
        encoding="utf-8",
    )
    (package / "rules.yaml").write_text(
        MINIMAL_RULE.replace("needs-a-school", "budget-too-big").replace(
            "Name the school.", "Budget {amount} is too big."
        )
        % {"code": "TNY001", "check": "big_budget"},
        encoding="utf-8",
    )
    info = tmp_path / "tinyplugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tinyplugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[im_lint.packs]\ntiny = tinyplugin\n\n[im_lint.checks]\nbig_budget = tinyplugin:big_budget\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    found = findings_of('proposal P "x"\nkind policy\nbudget 5000 EUR\n', api.Config(packs=["tiny"]), "TNY")
    assert [(f.code, f.line, f.message) for f in found] == [("TNY001", 3, "Budget 5000 is too big.")]
    sys.modules.pop("tinyplugin", None)


def test_pack_schema_is_published() -> None:
    result = CliRunner().invoke(main, ["schema", "pack"])
    schema = json.loads(result.output)
    assert "rules" in schema["properties"] and "Declarative" in schema["$defs"]
