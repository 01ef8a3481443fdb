"""A configuration can build on another (`extend`), turn rules off per file (`per-file-ignores`), and
`check --show-settings` says which file set each value."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint.cli import main

IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")


def _repo(tmp_path: Path, root: str, sub: str) -> Path:
    (tmp_path / ".git").mkdir()  # the search for a configuration stops at the repository's top
    (tmp_path / "im-lint.toml").write_text(root, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "im-lint.toml").write_text(sub, encoding="utf-8")
    (tmp_path / "sub" / "ipads.proposal").write_text(IPADS, encoding="utf-8")
    return tmp_path / "sub"


def _codes(*args: str) -> set[str]:
    result = CliRunner().invoke(main, ["check", *args, "--format", "json", "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    return {finding["code"] for finding in json.loads(result.output)["findings"]}


def test_a_nested_configuration_without_extend_replaces_its_parent(tmp_path: Path) -> None:
    sub = _repo(tmp_path, 'ignore = ["IM201"]\n', 'lang = "nl"\n')
    assert "IM201" in _codes(str(sub))  # ruff's habit: no inheritance unless asked


def test_extend_keeps_the_parents_ignore_and_adds_its_own(tmp_path: Path) -> None:
    sub = _repo(tmp_path, 'ignore = ["IM201"]\n', 'extend = "../im-lint.toml"\nlang = "nl"\nignore = ["IM303"]\n')
    found = _codes(str(sub))
    assert "IM201" not in found and "IM303" not in found
    assert "IM601" in found


def test_extend_merges_tables_key_by_key(tmp_path: Path) -> None:
    sub = _repo(
        tmp_path,
        '[severity]\nIM201 = "info"\nIM601 = "info"\n',
        'extend = "../im-lint.toml"\n[severity]\nIM601 = "warning"\n',
    )
    result = CliRunner().invoke(main, ["check", str(sub), "--format", "json", "--no-cache"])
    severities = {f["code"]: f["severity"] for f in json.loads(result.output)["findings"]}
    assert severities["IM201"] == "info" and severities["IM601"] == "warning"


def test_a_pack_of_the_extended_file_is_found_relative_to_that_file(tmp_path: Path) -> None:
    pack = EXAMPLES / "policies" / "pack"
    (tmp_path / "policies").symlink_to(pack, target_is_directory=True)
    sub = _repo(tmp_path, 'packs = ["policies"]\n', 'extend = "../im-lint.toml"\n')
    result = CliRunner().invoke(main, ["check", str(sub), "--no-cache", "--show-settings"])
    assert str(tmp_path / "policies") in result.output
    assert CliRunner().invoke(main, ["check", str(sub), "--no-cache"]).exit_code in (0, 1)


def test_extend_errors_name_the_file(tmp_path: Path) -> None:
    sub = _repo(tmp_path, 'extend = "sub/im-lint.toml"\n', 'extend = "../im-lint.toml"\n')
    result = CliRunner().invoke(main, ["check", str(sub)])
    assert result.exit_code == 2 and "a cycle" in result.output and "im-lint.toml" in result.output
    (tmp_path / "sub" / "im-lint.toml").write_text('extend = "../nothing.toml"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(sub)])
    assert result.exit_code == 2 and "no such file: ../nothing.toml" in result.output
    (tmp_path / "sub" / "im-lint.toml").write_text("extend = 5\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["check", str(sub)]).exit_code == 2


def test_per_file_ignores_turn_a_rule_off_for_the_matching_files_only(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "im-lint.toml").write_text('[per-file-ignores]\n"archive/*" = ["IM201", "ict-decides"]\n')
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.proposal").write_text(IPADS)
    (tmp_path / "new.proposal").write_text(IPADS.replace("proposal ", "proposal X", 1))
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", "--no-cache"])
    by_file: dict[str, set[str]] = {}
    for finding in json.loads(result.output)["findings"]:
        by_file.setdefault(Path(finding["path"]).name, set()).add(finding["code"])
    assert {"IM201", "IM303"} <= by_file["new.proposal"]
    assert not {"IM201", "IM303"} & by_file["old.proposal"] and "IM601" in by_file["old.proposal"]


def test_per_file_ignores_with_an_unknown_rule_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "im-lint.toml").write_text('[per-file-ignores]\n"*" = ["IM2O1"]\n')
    (tmp_path / "p.proposal").write_text(IPADS)
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "per-file-ignores" in result.output and "IM201" in result.output


def test_show_settings_names_where_each_value_came_from(tmp_path: Path) -> None:
    sub = _repo(tmp_path, 'ignore = ["IM201"]\nfail-on = "warning"\n', 'extend = "../im-lint.toml"\nlang = "nl"\n')
    result = CliRunner().invoke(main, ["check", "--show-settings", str(sub / "ipads.proposal")])
    assert result.exit_code == 0
    lines = {line.split(" = ")[0]: line for line in result.output.splitlines() if " = " in line}
    assert lines["lang"].endswith(f"# {sub / 'im-lint.toml'}")
    assert lines["fail-on"].endswith(f"# {tmp_path / 'im-lint.toml'}")
    assert lines["ignore"].startswith('ignore = ["IM201"]')
    assert lines["select"].endswith("# default")
