"""Model -> findings for one file: the language findings, every selected rule's check, suppressions."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from im_lint.config import Config, ConfigError, bad_subject_names, catalogue_path, default_config
from im_lint.discover import is_excluded
from im_lint.engine.cap import CAPPED, capped, subject_code
from im_lint.engine.catalogue import UNSUPPRESSIBLE, Catalogue, UnknownSelector
from im_lint.engine.checks import Check, Context, Hit, load_builtin_checks
from im_lint.engine.fixes import make_fixes
from im_lint.engine.messages import fill, neutral, plain_args, render
from im_lint.engine.packs import PackError, Rule, builtin_pack
from im_lint.engine.plugins import installed_checks, load_pack
from im_lint.engine.suppress import Suppression, read_suppressions, suppressing, unused
from im_lint.findings import Finding, RuleInfo, Waiver, fingerprint
from im_lint.language import Declarations, Parsed
from im_lint.source import Diagnostic, Span

LANGUAGE_CODES = UNSUPPRESSIBLE | {"IM007", "IM008"}


def keyed(code: str, hit: Hit) -> tuple[Diagnostic, str]:
    """A rule's hit as a diagnostic, with the key its fingerprint is made from."""
    return Diagnostic(code, hit.span, hit.variant, hit.args), hit.subject + ":" + neutral(hit.args)


@dataclass
class FileCheck:
    """One file, checked on its own: what the portfolio rules may still add to."""

    path: str
    proposal_id: str | None
    lang: str
    diagnostics: list[tuple[Diagnostic, str]]
    suppressions: list[Suppression]
    problems: list[Diagnostic]  # IM007/IM008 about the suppression comments themselves
    history: bool  # a decided or withdrawn proposal: its rule findings do not fail the run


@dataclass
class Engine:
    """Everything a run decides once: the rules, which are selected, their severity and options."""

    config: Config
    catalogue: Catalogue
    selected: set[str]
    severity: dict[str, str]
    options: dict[str, dict[str, Any]]
    checks: dict[str, Check]
    declarations: Declarations = field(default_factory=Declarations)
    # `per-file-ignores`: (glob pattern, the codes it turns off), relative to the configuration's folder.
    per_file: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    # The reference catalogue (`catalogue` key); without one the rules that need it are off.
    reference: Any = None
    _described: dict | None = field(default=None, repr=False)
    _file_checks: list | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def create(
        cls, config: Config | None = None, extra_packs: tuple = (), extra_checks: dict[str, Check] | None = None
    ) -> "Engine":
        config = config or default_config()
        if config.today is None:  # one date for the whole run, part of the cache key
            config = config.model_copy(update={"today": date.today()})
        where = str(config.source) if config.source else "configuration"
        base = config.source.parent if config.source else None
        try:
            packs = [load_pack(reference, base) for reference in config.packs]
            catalogue = Catalogue.from_packs(builtin_pack(), *packs, *extra_packs)
        except PackError as error:  # located in the pack itself: PACK:LINE:COL: message
            raise ConfigError(f"{error} (a pack named in {where})") from None
        except ValueError as error:
            raise ConfigError(f"{where}: `packs`: {error}") from None
        checks = {**load_builtin_checks(), **(extra_checks or {})}
        # Installed distributions' entry points are scanned only for a check no pack of im-lint has
        # (an organisation's plugin); a portfolio rule names one of PORTFOLIO_CHECKS.
        if any(
            isinstance(r.check, str) and r.scope == "file" and r.check not in checks for r in catalogue.rules.values()
        ):
            checks = {**installed_checks(), **checks}

        def pick(selectors: list[str], key: str) -> set[str]:
            codes: set[str] = set()
            for selector in selectors:
                try:
                    codes.update(catalogue.select(selector))
                except UnknownSelector as error:
                    raise ConfigError(f"{where}: `{key}`: {error}") from None
            return codes

        selected = pick(config.select, "select") if config.select is not None else set(catalogue.rules)
        selected |= pick(config.extend_select, "extend-select")
        selected -= pick(config.ignore, "ignore")
        selected |= UNSUPPRESSIBLE
        severity = {rule.code: rule.severity for rule in catalogue.rules.values()}
        for key, level in config.severity.items():
            for code in pick([key], "severity"):
                severity[code] = level
        options = {
            rule.code: {name: option.default for name, option in rule.options.items()}
            for rule in catalogue.rules.values()
        }
        for key, given in config.rules.items():
            rule = catalogue.find(key)
            if rule is None:
                raise ConfigError(f"{where}: `rules.{key}`: {UnknownSelector(key, catalogue.nearest(key))}")
            options[rule.code].update(_check_options(rule, given, where))
        if problem := bad_subject_names(config.stakeholders or []):
            raise ConfigError(f"{where}: `stakeholders`: {problem}")
        declarations = Declarations(
            roles={role_id: role.ict for role_id, role in config.roles.items()},
            subjects=frozenset(config.stakeholders or ()),
        )
        for rule in catalogue.rules.values():  # options that a configuration key feeds (pack data)
            for name, option in rule.options.items():
                if option.from_config == "stakeholders" and config.stakeholders is not None:
                    options[rule.code][name] = list(config.stakeholders)
        for rule in catalogue.rules.values():
            if isinstance(rule.check, str) and rule.scope == "file" and rule.check not in checks:
                raise ConfigError(
                    f"rule {rule.code}: no check named `{rule.check}` (neither built in nor "
                    f"registered in the `im_lint.checks` entry point group)"
                )
        per_file = [
            (pattern, frozenset(pick(selectors, f"per-file-ignores.{pattern}")) - UNSUPPRESSIBLE)
            for pattern, selectors in config.per_file_ignores.items()
        ]
        reference = _load_reference(config, where)
        if reference is None:
            selected -= {rule.code for rule in catalogue.rules.values() if rule.requires == "catalogue"}
        engine = cls(config, catalogue, selected, severity, options, checks, declarations, per_file, reference)
        engine._org_facts = _org_facts(config, base, where)
        return engine

    _facts: Any = None
    _org_facts: tuple = ()

    def facts(self) -> Any:
        """The facts of law (thresholds, WMS articles): the built-in pack's and the organisation
        packs', read on the first rule that needs them."""
        if self._facts is None:
            from im_lint.engine.facts import builtin_facts, builtin_validated, merge

            self._facts = merge(builtin_facts(), *self._org_facts) if self._org_facts else builtin_validated()
        return self._facts

    def context(self, code: str, links: Any = None) -> Context:
        return Context(
            self.options[code],
            self.declarations.subjects,
            self.options,
            self.config.today,
            self.config.sector,
            links,
            facts_of=self.facts,
        )

    def selected_for(self, path: str) -> set[str]:
        """The rules that run on one file: the selection less its `per-file-ignores`."""
        if not self.per_file or path == "-":
            return self.selected
        root = self.config.source.parent if self.config.source else None
        off = [codes for pattern, codes in self.per_file if is_excluded(Path(path), [pattern], root)]
        return self.selected.difference(*off) if off else self.selected

    def describe(self) -> dict[str, "RuleInfo"]:
        """Every rule's metadata as this configuration sets it (what a run hands to its writers)."""
        if self._described is None:
            from im_lint.engine.describe import describe

            self._described = describe(self)
        return self._described

    def file_checks(self) -> list[tuple[str, Check]]:
        """(code, check) of each selected single-file rule, in the catalogue's order: found once,
        not again for every file (a rule's compiled check is a pydantic private attribute, slow to read)."""
        if self._file_checks is None:
            self._file_checks = [
                (code, rule.compiled if rule.compiled is not None else self.checks[rule.check])
                for code, rule in self.catalogue.rules.items()
                if code in self.selected and rule.check is not None and rule.scope == "file"
            ]
        return self._file_checks

    # --- one file --------------------------------------------------------------------------------
    def lint(self, path: str, parsed: Parsed) -> list[Finding]:
        return self.finish(self.check_file(path, parsed))

    def check_file(self, path: str, parsed: Parsed) -> "FileCheck":
        """Language findings and every selected single-file rule; suppressions read but not yet
        judged, so that portfolio findings (which need the other files) can still be suppressed."""
        proposal = parsed.proposal
        diagnostics: list[tuple[Diagnostic, str]] = [(d, d.variant + ":" + neutral(d.args)) for d in parsed.diagnostics]
        if proposal is not None:
            links = None
            if self.reference is not None:
                from im_lint.reference.links import link

                links = link(proposal, self.reference)
            for code, run_check in self.file_checks():
                diagnostics.extend(keyed(code, hit) for hit in run_check(proposal, self.context(code, links)))
        suppressions, problems = read_suppressions(parsed.tree, self.catalogue) if parsed.tree else ([], [])
        if self.config.max_findings_per_code:  # bounded here already, so that the record is small too
            audit = self.config.no_suppress
            diagnostics = capped(
                diagnostics,
                self.config.max_findings_per_code,
                lambda d: not audit and suppressing(suppressions, d.code, d.span.line) is not None,
                self._severity_of,
            )
        history = (
            proposal is not None
            and proposal.effective_status in ("decided", "withdrawn")
            and not self.config.fail_on_decided
        )
        return FileCheck(
            path,
            proposal.id if proposal else None,
            self.config.lang or parsed.lang,
            diagnostics,
            suppressions,
            problems,
            history,
        )

    def finish(
        self, check: "FileCheck", more: list[tuple[Diagnostic, str]] = (), keep_waived: bool = False
    ) -> list[Finding]:
        """The file's findings; with `keep_waived`, also those a suppression comment waives (marked
        `suppressed`), for the runs that put waivers on record."""
        # `per-file-ignores` apply here, not in check_file: a cached record is the same for every path.
        selected = self.selected_for(check.path)
        diagnostics = [(d, key) for d, key in [*check.diagnostics, *more] if subject_code(d) in selected]
        # A suppressed finding is kept, with its waiver, for the record (--show-suppressed, SARIF,
        # the board's waiver register); `--no-suppress` (an audit) reads no comment as a waiver.
        # An IM010 is waived where the first finding it counts is.
        audit = self.config.no_suppress

        def waiver_of(d: Diagnostic) -> Suppression | None:
            return None if audit else suppressing(check.suppressions, subject_code(d), d.span.line)

        waivers = {id(d): waiver_of(d) for d, _ in diagnostics}
        problems = check.problems + ([] if audit else unused(check.suppressions, selected))
        diagnostics += [(d, d.variant + ":" + neutral(d.args)) for d in problems if d.code in selected]
        if self.config.max_findings_per_code:  # the portfolio's and the comments' findings, bounded too
            limit = self.config.max_findings_per_code
            diagnostics = capped(diagnostics, limit, lambda d: waivers.get(id(d)) is not None, self._severity_of)
            waivers.update({id(d): waiver_of(d) for d, _ in diagnostics if d.code == CAPPED and id(d) not in waivers})
        occurrences: Counter[tuple[str, str]] = Counter()
        findings = []
        for diagnostic, key in sorted(
            diagnostics, key=lambda pair: (pair[0].span.line, pair[0].span.column, pair[0].code)
        ):
            occurrences[(diagnostic.code, key)] += 1
            rule = self.catalogue.rules[diagnostic.code]
            waiver = waivers.get(id(diagnostic))
            finding = self._finding(
                check.path,
                check.proposal_id,
                rule,
                diagnostic,
                check.lang,
                key,
                occurrences[(diagnostic.code, key)],
                affects_exit=waiver is None and not (check.history and subject_code(diagnostic) not in LANGUAGE_CODES),
            )
            if waiver is not None:
                finding.suppressed = Waiver(
                    reason=waiver.reason, line=waiver.comment.span.line, whole_file=waiver.whole_file
                )  # a plain dict
            findings.append(finding)
        return findings if keep_waived else [finding for finding in findings if finding.suppressed is None]

    def _fill(self, template: str, args: dict[str, Any], lang: str) -> str:
        return fill(template, args, lang, self.catalogue.terms)

    def _severity(self, rule: Rule, variant: str) -> str:
        """The configured severity; where it is the rule's own, the variant's (IM901: advice is a
        warning where consent is an error)."""
        if rule.code == CAPPED:  # always the severity of the worst finding it counts (its variant)
            return rule.severities.get(variant, rule.severity)
        level = self.severity[rule.code]
        return rule.severities.get(variant, level) if level == rule.severity else level

    def _severity_of(self, diagnostic: Diagnostic) -> str:
        return self._severity(self.catalogue.rules[diagnostic.code], diagnostic.variant)

    def _finding(
        self,
        path: str,
        proposal_id: str | None,
        rule: Rule,
        diagnostic: Diagnostic,
        lang: str,
        key: str,
        occurrence: int,
        affects_exit: bool,
    ) -> Finding:
        span: Span = diagnostic.span
        args, fixes = diagnostic.args, rule.fixes
        if any(isinstance(value, str) and len(value) > MAX_ARGUMENT for value in args.values()):
            # A value of megabytes (an identifier, an amount) is shown shortened, in every finding
            # that names it; no fix is offered, since it would write the shortened text back.
            args = {name: _shortened(value) for name, value in args.items()}
            fixes = []
        return Finding.model_construct(
            path=path,
            proposal_id=proposal_id,
            code=rule.code,
            name=rule.name,
            category=self.catalogue.category_of[rule.code],
            severity=self._severity(rule, diagnostic.variant),
            message=render(rule, diagnostic.variant, args, lang, self.catalogue.terms),
            args=plain_args(args),
            fixes=make_fixes(fixes, diagnostic, lang, self._fill) if fixes else [],
            line=span.line,
            column=span.column,
            end_line=max(span.end_line, span.line),
            end_column=span.end_column if span.end_line > span.line else max(span.end_column, span.column + 1),
            fingerprint=fingerprint(proposal_id or path, rule.code, key, occurrence),
            affects_exit=affects_exit,
        )


MAX_ARGUMENT = 200  # characters of a message argument shown in full


def _shortened(value: Any) -> Any:
    return value[:120] + "…" if isinstance(value, str) and len(value) > MAX_ARGUMENT else value


def _load_reference(config: Config, where: str):
    path = catalogue_path(config)
    if path is None:
        return None
    from im_lint.reference.catalogue import CatalogueError, load  # only a run with a catalogue pays

    try:
        return load(path)
    except CatalogueError as error:
        raise ConfigError(f"{where}: `catalogue`: {error}") from None


def _org_facts(config: Config, base, where: str) -> tuple:
    """The facts folders of the organisation packs named by path, read and checked now, so that a
    mistake in them stops the run with its file named (exit 2)."""
    from pathlib import Path

    from im_lint.engine.facts import FactsError, builtin_facts, load_facts, merge

    found = []
    for reference in config.packs:
        path = Path(reference) if Path(reference).is_absolute() or base is None else base / reference
        if path.is_dir():
            try:
                facts = load_facts(path)
            except FactsError as error:
                raise ConfigError(f"{where}: `packs`: {error}") from None
            if facts:
                found.append(facts)
    if found:
        try:
            merge(builtin_facts(), *found)
        except FactsError as error:
            raise ConfigError(f"{where}: `packs`: {error}") from None
    return tuple(found)


def _check_options(rule: Rule, given: dict[str, Any], where: str) -> dict[str, Any]:
    checked: dict[str, Any] = {}
    for name, value in given.items():
        option = rule.options.get(name)
        if option is None:
            close = difflib.get_close_matches(name, list(rule.options), n=1, cutoff=0.5)
            hint = (
                f"; did you mean `{close[0]}`?"
                if close
                else (f"; its options are {', '.join(rule.options)}" if rule.options else "; it has no options")
            )
            raise ConfigError(f"{where}: `rules.{rule.code}.{name}`: {rule.code} has no option `{name}`{hint}")
        if option.type == "integer":
            ok = isinstance(value, int) and not isinstance(value, bool)
        else:
            ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
        if not ok:
            expected = "a whole number" if option.type == "integer" else "a list of strings"
            raise ConfigError(f"{where}: `rules.{rule.code}.{name}`: expected {expected}, got {value!r}")
        if option.type == "subjects" and (problem := bad_subject_names(value)):
            raise ConfigError(f"{where}: `rules.{rule.code}.{name}`: {problem}")
        checked[name] = value
    return checked


__all__ = ["Engine", "Hit"]
