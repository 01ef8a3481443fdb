"""Group names in the configuration are names a proposal can write after `impact` (issue 14 item
13): an empty or odd one is a clear configuration error, not an IM201 asking for the impossible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from im_lint import api
from im_lint.cli import main

PROPOSAL = 'proposal P-1 "x"\nkind change\nimpact mr "Nothing changes."\n'
BAD = ["", " ", "ouders en leerlingen", "1st-years", "mr!", "a\nb", "-mr"]


@pytest.mark.parametrize("key", ["stakeholders", "rules.IM201.groups"])
@pytest.mark.parametrize("name", BAD, ids=repr)
def test_a_group_that_is_no_name_is_a_configuration_error(key: str, name: str, tmp_path: Path) -> None:
    value = json.dumps(["students", name])
    setting = f"stakeholders = {value}\n" if key == "stakeholders" else f"[rules.IM201]\ngroups = {value}\n"
    (tmp_path / "im-lint.toml").write_text(setting, encoding="utf-8")
    (tmp_path / "a.proposal").write_text(PROPOSAL, encoding="utf-8")
    outcome = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path / "a.proposal")])
    assert outcome.exit_code == 2, outcome.output
    assert f"`{key}`" in outcome.stderr and "not a name you can write after `impact`" in outcome.stderr
    assert "im-lint.toml" in outcome.stderr


def test_names_as_a_proposal_writes_them_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "im-lint.toml").write_text('stakeholders = ["students", "mr", "ict_staff", "v2.team"]\n')
    (tmp_path / "a.proposal").write_text(PROPOSAL, encoding="utf-8")
    result = api.lint_paths([str(tmp_path / "a.proposal")], use_cache=False)
    assert {f.args.get("group") for f in result.findings if f.code == "IM201"} == {"students", "ict_staff", "v2.team"}
