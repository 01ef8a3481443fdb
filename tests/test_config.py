"""Every configuration key and flag does what it says; every bad value is exit 2 with a clear line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint import api
from im_lint.cli import main

IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")


def lint(tmp_path: Path, config: str, text: str = IPADS, *flags: str, name: str = "p.proposal"):
    (tmp_path / "im-lint.toml").write_text(config, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", *flags])
    return result


def codes(result) -> list[str]:
    return [finding["code"] for finding in json.loads(result.output)["findings"]]


def test_no_configuration_runs_every_rule(tmp_path: Path) -> None:
    assert {"IM101", "IM201", "IM303", "IM601"} <= set(codes(lint(tmp_path, "")))


@pytest.mark.parametrize(
    ("config", "present", "absent"),
    [
        ('select = ["IM2"]', {"IM201", "IM205"}, {"IM101", "IM303", "IM009"}),
        ('select = ["missing-stakeholder-impact"]', {"IM201"}, {"IM205", "IM101"}),
        ('select = ["IM201"]\nextend-select = ["IM6"]', {"IM201", "IM601", "IM602"}, {"IM101"}),
        ('ignore = ["IM2", "ict-decides"]', {"IM101", "IM601"}, {"IM201", "IM205", "IM303"}),
    ],
)
def test_select_ignore_extend_select(tmp_path: Path, config: str, present: set, absent: set) -> None:
    found = set(codes(lint(tmp_path, config)))
    assert present <= found and not (absent & found)


def test_language_rules_cannot_be_deselected(tmp_path: Path) -> None:
    result = lint(tmp_path, 'select = ["IM6"]', 'proposal P "x\nkind procurement\n')
    assert "IM001" in codes(result) and result.exit_code == 1


def test_flags_override_the_file(tmp_path: Path) -> None:
    result = lint(tmp_path, 'select = ["IM2"]', IPADS, "--select", "IM303")
    assert set(codes(result)) == {"IM303"}
    result = lint(tmp_path, "", IPADS, "--ignore", "IM1,IM2", "--extend-select", "IM201")
    assert "IM101" not in codes(result) and "IM201" not in codes(result)


def test_severity_per_rule_and_fail_on(tmp_path: Path) -> None:
    result = lint(tmp_path, 'select = ["IM303"]\n[severity]\nict-decides = "info"')
    findings = json.loads(result.output)["findings"]
    assert [f["severity"] for f in findings] == ["info"] and result.exit_code == 0
    assert lint(tmp_path, 'select = ["IM303"]\nfail-on = "info"\n[severity]\nIM303 = "info"').exit_code == 1


def test_lang_key(tmp_path: Path) -> None:
    result = lint(tmp_path, 'lang = "nl"\nselect = ["IM303"]')
    assert "besluit" in json.loads(result.output)["findings"][0]["message"].lower()


def test_fail_on_decided(tmp_path: Path) -> None:
    decided = IPADS.replace("status submitted", "status decided")
    assert lint(tmp_path, "", decided).exit_code == 0
    assert lint(tmp_path, "fail-on-decided = true", decided).exit_code == 1


def test_exclude(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x.proposal").write_text(IPADS, encoding="utf-8")
    result = lint(tmp_path, 'exclude = ["old/*"]')
    assert [Path(f).name for f in json.loads(result.output)["files"]] == ["p.proposal"]


def test_roles_and_stakeholders(tmp_path: Path) -> None:
    text = IPADS.replace("decision-by ict", "decision-by it-dienst") + '\nimpact mr "De MR is op 3 oktober gehoord."\n'
    result = lint(tmp_path, '[roles.it-dienst]\nname = "IT-dienst"\nict = true\n', text)
    assert "IM303" in codes(result) and "IM005" in codes(result)  # mr is not declared yet
    result = lint(tmp_path, 'stakeholders = ["students", "mr"]\n[roles.it-dienst]\nict = false\n', text)
    assert "IM303" not in codes(result) and "IM005" not in codes(result)


def test_stakeholders_declare_and_require(tmp_path: Path) -> None:
    config = 'stakeholders = ["students", "mr"]\n'
    found = codes(lint(tmp_path, config))
    assert found.count("IM201") == 1  # only mr is missing; students is stated (vaguely)
    text = IPADS + '\nimpact mr "De MR gaf advies op 3 oktober."\n'
    assert "IM201" not in codes(lint(tmp_path, config, text)) and "IM005" not in codes(lint(tmp_path, config, text))


def test_rule_options(tmp_path: Path) -> None:
    config = (
        "[rules.IM009]\nplaceholders = []\nmarkers = []\n[rules.IM202]\nmin-length = 3\n"
        '[rules.technology-in-goal]\nwords = ["student"]\n'
    )
    assert not {"IM009", "IM202"} & set(codes(lint(tmp_path, config)))  # "TODO": no placeholder, 4 >= 3
    found = codes(
        lint(
            tmp_path,
            "[rules.vague-impact]\nmin-length = 5\n[rules.placeholder-text]\nplaceholders = []\nmarkers = []\n",
        )
    )
    assert "IM202" in found and "IM009" not in found
    result = json.loads(lint(tmp_path, config).output)
    im103 = [f for f in result["findings"] if f["code"] == "IM103"]
    assert im103 and "student" in im103[0]["message"].lower()


def test_pyproject_and_dotfile_are_found(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.im-lint]\nselect = ["IM303"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "p.proposal").write_text(IPADS, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "sub"), "--format", "json"])
    assert set(codes(result)) == {"IM303"}
    (tmp_path / "sub" / ".im-lint.toml").write_text('select = ["IM601"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "sub"), "--format", "json"])
    assert set(codes(result)) == {"IM601"}


def test_config_flag_names_a_file(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.toml").write_text('select = ["IM602"]\n', encoding="utf-8")
    (tmp_path / "p.proposal").write_text(IPADS, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", str(tmp_path / "p.proposal"), "--config", str(tmp_path / "elsewhere.toml"), "--format", "json"]
    )
    assert set(codes(result)) == {"IM602"}


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ('selct = ["IM2"]', ["selct", "select"]),
        ('select = ["IM2O1"]', ["IM2O1", "IM201"]),
        ('ignore = ["missing-stakeholder-impakt"]', ["missing-stakeholder-impact"]),
        ('fail-on = "fatal"', ["fail-on"]),
        ('lang = "de"', ["lang"]),
        ('[severity]\nIM201 = "critical"', ["severity"]),
        ("[rules.IM202]\nmin-lenght = 3", ["min-lenght", "min-length"]),
        ('[rules.IM202]\nmin-length = "ten"', ["min-length", "whole number"]),
        ("[rules.IM999]\nwords = []", ["IM999"]),
        ('packs = ["no-such-pack"]', ["no-such-pack"]),
        ('exclude = "archive/*"', ["exclude"]),
        ('[roles.it]\nict = "maybe"', ["roles", "ict"]),
        ("[roles.it]\nicd = true", ["roles", "icd"]),
        ('stakeholders = "mr"', ["stakeholders"]),
        ('fail-on-decided = "sometimes"', ["fail-on-decided"]),
        ("cache-dir = 7", ["cache-dir"]),
        ("max-file-size = -1", ["max-file-size"]),
        ('extend-select = ["IM99"]', ["IM99"]),
        ("select = [", ["TOML"]),
        ('sector = "hbo"', ["sector"]),
        ('today = "2026-01-01"', ["today"]),  # the run's date is a flag, not a setting
    ],
)
def test_bad_configuration_is_exit_two_with_the_key(tmp_path: Path, config: str, words: list[str]) -> None:
    result = lint(tmp_path, config)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output
    assert "im-lint.toml" in result.output


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--select", "IM2O1"], ["IM201"]),
        (["--ignore", "bogus-rule"], ["bogus-rule"]),
        (["--extend-select", "IM99"], ["IM99"]),
        (["--fail-on", "fatal"], ["fatal"]),
        (["--lang", "de"], ["de"]),
        (["--config", "/nonexistent/im-lint.toml"], ["nonexistent"]),
        (["--baseline", "/nonexistent/baseline.json"], ["nonexistent"]),
        (["--today", "2026-13-01"], ["--today", "2026-13-01"]),
        (["--today", "01-12-2026"], ["--today"]),
    ],
)
def test_bad_flags_are_exit_two(tmp_path: Path, flags: list[str], words: list[str]) -> None:
    result = lint(tmp_path, "", IPADS, *flags)
    assert result.exit_code == 2, result.output
    for word in words:
        assert word in result.output


def test_quiet_and_statistics(tmp_path: Path) -> None:
    (tmp_path / "p.proposal").write_text(IPADS, encoding="utf-8")
    quiet = CliRunner().invoke(main, ["check", str(tmp_path), "--quiet"])
    assert "Found" not in quiet.output and "gevonden" not in quiet.output
    stats = CliRunner().invoke(main, ["check", str(tmp_path), "--statistics", "--lang", "en"])
    assert "missing-stakeholder-impact" in stats.output.split("\n\n")[1]


def test_api_lints_text_with_a_configuration_object() -> None:
    findings = api.lint_text(IPADS, config=api.Config(select=["IM6"]))
    assert {f.code for f in findings} == {"IM601", "IM602", "IM603"}


def test_max_file_size_key(tmp_path: Path) -> None:
    result = lint(tmp_path, "max-file-size = 100")
    assert codes(result) == ["IM006"] and result.exit_code == 1


def test_cache_dir_key_moves_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "elsewhere"
    lint(tmp_path, f'cache-dir = "{cache.as_posix()}"')
    assert list(cache.rglob("index.json")) and list(cache.rglob("results/*.json"))
