"""The extra runs of `im-lint report`: the proposals as they were at a git revision (`--since`), and
every proposal of the repository (`--log`). Both use the same engine as the report's own run."""

from __future__ import annotations

import os
from pathlib import Path

from im_lint.discover import discover, repository_root
from im_lint.findings import RunResult


def since(rev: str, paths: list[str], config, lint) -> tuple[RunResult, str]:
    """The run of the proposals under `paths` at `rev`, and the revision's date. `lint(paths, texts)`
    runs the engine as the report's own run does. Raises revision.RevisionError.

    The portfolio rules (IM7) see the repository as it was too: every proposal of the repository at
    `rev` is given as it was, and a file added since as empty (no proposal, so it is in no
    portfolio); the result keeps only the files under `paths`."""
    from im_lint.revision import proposals_at

    paths = paths or ["."]
    root = config.source.parent if config.source else None
    named = proposals_at(rev, paths, config.exclude, root)
    texts = dict(named.texts)
    known = {os.path.abspath(path) for path in texts}
    for repo in _roots(paths):
        for path, data in proposals_at(rev, [str(repo)], config.exclude, root).texts.items():
            if os.path.abspath(path) not in known:
                known.add(os.path.abspath(path))
                texts[path] = data
        for path in discover([str(repo)], config.exclude, root):
            if os.path.abspath(path) not in known:  # added since the revision
                known.add(os.path.abspath(path))
                texts[path] = b""
    if not named.texts:  # nothing at the revision: every proposal is new
        return RunResult(files=[], findings=[]), named.day
    run = lint(list(texts), texts)
    keep = set(named.texts)
    return (
        run.model_copy(
            update={
                "files": [f for f in run.files if f in keep],
                "findings": [f for f in run.findings if f.path in keep],
                "suppressed": [f for f in run.suppressed if f.path in keep],
                "proposals": {p: m for p, m in run.proposals.items() if p in keep},
            }
        ),
        named.day,
    )


def _roots(paths: list[str]) -> list[Path]:
    """The repositories (as the portfolio rules have them) of the named files and folders."""
    found = set()
    for path in paths:
        probe = os.path.join(path, "_") if os.path.isdir(path) else path
        root = repository_root(probe)
        if root is not None:
            found.add(root)
    return sorted(found)


def repository(result: RunResult, paths: list[str], config, lint) -> RunResult:
    """A run with the models of every proposal of the repositories the report's files belong to
    (the folder of the configuration, else the git work tree, as the portfolio rules have it): the
    report's own models, and a run over only the files it did not read."""
    roots = _roots(paths or ["."])
    have = {os.path.abspath(file): file for file in result.files if file != "-"}
    root = config.source.parent if config.source else None
    others = [
        p for repo in roots for p in discover([str(repo)], config.exclude, root) if os.path.abspath(p) not in have
    ]
    if not others:
        return result
    extra = lint(others, None)
    return RunResult(
        files=[*result.files, *extra.files],
        findings=[],
        proposals={**result.proposals, **extra.proposals},
    )


__all__ = ["repository", "since"]
