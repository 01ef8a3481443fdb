"""JUnit XML: one test suite per file, one test case per file and rule.

Every selected rule of the catalogue is a test case of every file: it passes when the rule found
nothing there that affects the exit code, and otherwise carries one `<failure>` with those findings
(`message`: the first finding's message, `type`: the rule code, text: `path:line:col: severity CODE
message` lines). What does not affect the exit code (below `--fail-on`, or in a decided or
withdrawn proposal) never fails a case: it is listed in the case's `<system-out>`, so a CI server
does not mark the build unstable for it. ElementTree escapes the text, and characters that XML 1.0
cannot hold at all (control characters) are written as `\\xNN`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from im_lint.findings import Finding, RunResult
from im_lint.output import OutputOptions, counts

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _line(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} {finding.code} {finding.message}"


def document(result: RunResult, options: OutputOptions | None = None) -> ET.Element:
    options = options or OutputOptions()
    names = {code: rule.name for code, rule in result.rules.items()}
    by_file: dict[str, dict[str, list[Finding]]] = {}
    for finding in result.findings:
        by_file.setdefault(finding.path, {}).setdefault(finding.code, []).append(finding)
        names.setdefault(finding.code, finding.name)  # a rule the run's metadata does not hold

    suites = ET.Element("testsuites", name="im-lint")
    total_tests = total_failures = 0
    for path in dict.fromkeys([*result.files, *by_file]):
        found = by_file.get(path, {})
        selected = result.selected(path)  # the file's own configuration's rules
        chosen = set(selected)
        codes = selected + [code for code in found if code not in chosen]
        suite = ET.SubElement(suites, "testsuite", name=_clean(path))
        failures = 0
        for code in codes:
            case = ET.SubElement(suite, "testcase", classname=_clean(path), name=f"{code} {names[code]}")
            findings = found.get(code, [])
            failing = [finding for finding in findings if counts(finding, result, options)]
            if failing:
                failures += 1
                failure = ET.SubElement(case, "failure", message=_clean(failing[0].message), type=code)
                failure.text = _clean("\n".join(_line(finding) for finding in failing))
            noted = [finding for finding in findings if finding not in failing]
            if noted:
                ET.SubElement(case, "system-out").text = _clean("\n".join(_line(finding) for finding in noted))
        suite.set("tests", str(len(codes)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += len(codes)
        total_failures += failures
    suites.set("tests", str(total_tests))
    suites.set("failures", str(total_failures))
    suites.set("errors", "0")
    return suites


def write(result: RunResult, options: OutputOptions | None = None) -> str:
    """Paths as given and messages as found; `fail_on` decides which findings fail their case."""
    tree = document(result, options)
    ET.indent(tree)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"
