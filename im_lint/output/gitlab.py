"""GitLab Code Quality (`artifacts: reports: codequality:`): a JSON array, one issue a finding.

GitLab's documented fields: `description`, `check_name`, `fingerprint` (unique per issue: GitLab
shows only the first issue of a fingerprint), `severity` (`info`, `minor`, `major`, `critical`,
`blocker`) and `location` with `path` (relative to the repository's root) and `lines.begin`. An
error is `major`, a warning `minor`, and `info` (also for what does not affect the exit code, such as
the findings of a decided proposal) is `info`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from im_lint.findings import RunResult
from im_lint.output import OutputOptions, counts
from im_lint.output.sarif import relative_path

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def write(result: RunResult, options: OutputOptions | None = None) -> str:
    options = options or OutputOptions()
    issues = []
    for finding in result.findings:
        path = relative_path(finding.path, options.root) or (
            "stdin" if finding.path == "-" else Path(finding.path).as_posix()
        )
        counted = counts(finding, result, options)
        unique = hashlib.sha256(f"{path}\0{finding.fingerprint}".encode()).hexdigest()[:32]
        issues.append(
            {
                "description": f"{finding.code} {finding.message}",
                "check_name": f"{finding.code} {finding.name}",
                "fingerprint": unique,
                "severity": SEVERITIES[finding.severity] if counted or finding.severity == "info" else "info",
                "location": {
                    "path": path,
                    "lines": {"begin": finding.line, "end": max(finding.end_line, finding.line)},
                    "positions": {
                        "begin": {"line": finding.line, "column": finding.column},
                        "end": {"line": finding.end_line, "column": finding.end_column},
                    },
                },
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
