"""`im-lint test-pack`: a pack's own examples run as tests.

For every rule: its documented `fail` example (each language) must produce that rule, its `pass`
example must not; and each case of the pack's fixture files (`fixtures/CODE.yaml` beside the pack,
the format of im-lint's own `tests/fixtures/`) must give exactly the findings it expects, by code
and line. The built-in pack's meta-test runs the same code.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from im_lint.config import Config
from im_lint.engine.packs import PackError, PackFile, Rule, builtin_pack, load_yaml
from im_lint.engine.validate import board_problems

_SUFFIX = {"en": ".proposal", "nl": ".voorstel"}


@dataclass
class Outcome:
    """One example or fixture case of one rule."""

    rule: str
    case: str  # `docs.en.fail`, `fixture 2: two files with the same ID`
    ok: bool
    detail: str = ""


@dataclass
class RuleReport:
    rule: Rule
    outcomes: list[Outcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return all(outcome.ok for outcome in self.outcomes)


@dataclass
class PackReport:
    pack: str
    rules: list[RuleReport]

    @property
    def failed(self) -> list[RuleReport]:
        return [report for report in self.rules if not report.ok]


def _shown(findings) -> str:
    return ", ".join(f"{f.code} line {f.line}" for f in findings) or "none"


def doc_examples(rule: Rule, engine) -> tuple[list[Outcome], str]:
    """The rule's `fail` and `pass` examples in both languages; a portfolio rule's examples show one
    file of several, so its fixtures test it instead."""
    from im_lint import api

    if rule.scope == "portfolio":
        return [], "a rule across proposals: its doc examples show one file of several; its fixtures test it"
    if rule.requires == "catalogue" and engine.config.catalogue is None:
        return [], "needs a reference catalogue: run with --catalogue FILE to try its examples"
    outcomes = []
    for lang in ("en", "nl"):
        docs = rule.docs.get(lang)
        for kind, text in (("fail", docs.fail), ("pass", docs.pass_)):
            findings = api.lint_text(text, path=f"{rule.code}{_SUFFIX[lang]}", engine=engine)
            mine = [f for f in findings if f.code == rule.code]
            ok = bool(mine) if kind == "fail" else not mine
            detail = (
                ""
                if ok
                else f"expected {rule.code}, got {_shown(findings)}"
                if kind == "fail"
                else f"expected no {rule.code}, got it at line {', '.join(str(f.line) for f in mine)}"
            )
            outcomes.append(Outcome(rule.code, f"docs.{lang}.{kind}", ok, detail))
    return outcomes, ""


def fixture_cases(rule: Rule, fixtures: Path, config: Config) -> list[Outcome]:
    path = fixtures / f"{rule.code}.yaml"
    if not path.is_file():
        return []
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), str(path))
        cases = data["cases"]
    except (OSError, UnicodeDecodeError, PackError, TypeError, KeyError) as error:
        return [Outcome(rule.code, f"fixture {path.name}", False, f"cannot read it: {error}")]
    return [
        run_case(rule.code, case, config, f"fixture {n}: {case.get('name', '')}") for n, case in enumerate(cases, 1)
    ]


def run_case(code: str, case: dict[str, Any], config: Config, label: str) -> Outcome:
    """One fixture case: `text` (one file) or `files` (a repository, `lint` naming the files run).
    `options` set the rule's options, `today` and `sector` the run's; a case with `catalogue` runs
    with the catalogue of `config` (skipped without one), a case without it runs without any, so
    that its findings do not depend on how it is run."""
    from im_lint import api

    if case.get("catalogue") and config.catalogue is None:
        return Outcome(code, label, True, "skipped: the case needs a reference catalogue (--catalogue)")
    settings = config.model_dump(exclude_unset=True)
    if not case.get("catalogue"):
        settings.pop("catalogue", None)
    if case.get("options"):
        settings["rules"] = {**settings.get("rules", {}), code: case["options"]}
    for key in ("today", "sector"):
        if case.get(key):
            settings[key] = case[key]
    try:
        config = Config(**settings)
        if "files" in case:
            with tempfile.TemporaryDirectory() as folder:
                root = Path(folder)
                (root / ".git").mkdir()
                for name, text in case["files"].items():
                    (root / name).parent.mkdir(parents=True, exist_ok=True)
                    (root / name).write_text(text, encoding="utf-8")
                named = [str(root / name) for name in case.get("lint", case["files"])]
                findings = api.lint_paths(named, config=config).findings
                got = Counter((f.code, Path(f.path).name, f.line) for f in findings if f.code == code)
            expected = Counter((item["code"], item["file"], item["line"]) for item in case["expect"])
        else:
            findings = api.lint_text(case["text"], path=f"{code}.proposal", config=config)
            got = Counter((f.code, f.line) for f in findings if f.code == code)
            expected = Counter((item["code"], item["line"]) for item in case["expect"])
    except (KeyError, TypeError, ValueError) as error:
        return Outcome(code, label, False, f"not a fixture case (text or files, and expect): {error}")
    if got != expected:
        return Outcome(
            code,
            label,
            False,
            f"expected {sorted(expected.elements())}, got {sorted(got.elements())} (all findings: {_shown(findings)})",
        )
    for item in case["expect"]:
        wanted = item.get("message_contains")
        messages = [f.message for f in findings if f.code == item["code"] and f.line == item["line"]]
        if wanted and not any(wanted.lower() in message.lower() for message in messages):
            return Outcome(code, label, False, f"no message with {wanted!r} at line {item['line']}: {messages}")
    return Outcome(code, label, True)


def test_pack(path: str | None = None, fixtures: str | None = None, catalogue: str | None = None) -> PackReport:
    """Run a pack's examples (None: the built-in pack). PackError or ConfigError when it does not load."""
    from im_lint import api

    extra = {"catalogue": str(Path(catalogue).resolve())} if catalogue else {}
    if path is None:
        pack: list[PackFile] | tuple[PackFile, ...] = builtin_pack()
        config = Config(**extra)
        name = "built-in pack"
    else:
        from im_lint.engine.plugins import load_pack

        target = Path(path)
        if not target.exists():
            raise PackError(f"{path}: no such folder or file")
        pack = load_pack(str(target.resolve()))
        config = Config(packs=[str(target.resolve())], **extra)
        name = path
    engine = api.engine(config)
    fixture_folder = Path(fixtures) if fixtures else (Path(path) / "fixtures" if path and Path(path).is_dir() else None)
    reports = []
    for pack_file in pack:
        for rule in pack_file.rules:
            outcomes, note = doc_examples(rule, engine)
            if fixture_folder is not None:
                outcomes += fixture_cases(rule, fixture_folder, config)
            reports.append(RuleReport(rule, outcomes, [] if path is None else board_problems(rule), note))
    return PackReport(name, reports)


def render(report: PackReport) -> str:
    lines = []
    for rule_report in report.rules:
        rule = rule_report.rule
        count = len(rule_report.outcomes)
        state = "ok" if rule_report.ok else "FAILED"
        lines.append(f"{rule.code} {rule.name}: {state} ({count} example{'s' * (count != 1)} run)")
        for outcome in rule_report.outcomes:
            if not outcome.ok:
                lines.append(f"  {outcome.case}: {outcome.detail}")
        if rule_report.note:
            lines.append(f"  note: {rule_report.note}")
        for warning in rule_report.warnings:
            lines.append(f"  warning: {warning}")
    failed = len(report.failed)
    lines.append(
        f"{report.pack}: {len(report.rules)} rules, "
        + (f"{failed} failed." if failed else "every example gives what it says.")
    )
    return "\n".join(lines) + "\n"
