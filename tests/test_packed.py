"""A run over many files keeps its findings packed (compressed, one string a file) until they are
written: the JSON output streams the very bytes of the findings document, the packed findings
behave as the list they replace, and no Finding outlives the run that made it."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from im_lint import api
from im_lint.cli import main
from im_lint.findings import Finding, RunResult
from im_lint.output import OutputOptions
from im_lint.output import json as json_output
from im_lint.output import sarif as sarif_output
from im_lint.output import text as text_output
from im_lint.runner import batch

IPADS = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8")
CHROMEBOOKS = (EXAMPLES / "chromebooks.voorstel").read_text(encoding="utf-8")


def _waived(text: str) -> str:
    lines = text.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("proposal "))
    lines.insert(index, "# im-lint: ignore IM201 -- besloten in 2020, zonder overleg “zo”\n")
    return "".join(lines)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Enough files for worker processes: English and Dutch, waivers, a syntax error, an empty file."""
    folder = tmp_path_factory.mktemp("packed")
    texts = [IPADS, CHROMEBOOKS, _waived(IPADS), 'proposal P "x\nkind change\n', ""]
    for number in range(batch.POOL_THRESHOLD + 6):
        text = texts[number % len(texts)].replace("VO-2020-011", f"V{number}")
        (folder / f"f{number:03}.{'voorstel' if number % 5 == 1 else 'proposal'}").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(
    "options", [OutputOptions(), OutputOptions(show_suppressed=True), OutputOptions(fail_on="warning")]
)
def test_the_json_writer_writes_the_bytes_of_the_findings_document(folder: Path, jobs: int, options) -> None:
    result = api.lint_paths([str(folder)], use_cache=False, jobs=jobs)
    model = json_output.document(result, options.fail_on, options.show_suppressed)
    expected = model.model_dump_json(indent=2) + "\n"
    assert json_output.write(result, options) == expected
    assert '"fixes": [' in expected and ("“zo”" in expected) == options.show_suppressed  # the cases are there


def test_the_json_writer_on_lists_and_on_nothing() -> None:
    finding = api.lint_text(IPADS, "a.proposal")[0]
    for result in (
        RunResult(files=[], findings=[]),
        RunResult(files=["a.proposal"], findings=[finding, finding]),
        RunResult(files=["a.proposal"], findings=[], suppressed=[finding]),
    ):
        for shown in (False, True):
            expected = json_output.document(result, None, shown).model_dump_json(indent=2) + "\n"
            assert json_output.write(result, OutputOptions(show_suppressed=shown)) == expected


@pytest.mark.parametrize("flags", [[], ["--statistics"], ["--show-suppressed"], ["-q"]])
@pytest.mark.parametrize("output_format", ["json", "text", "sarif"])
def test_check_streams_what_the_writer_writes(folder: Path, tmp_path: Path, monkeypatch, output_format, flags) -> None:
    command = ["check", "--no-cache", "--format", output_format, *flags, str(folder)]
    streamed = CliRunner().invoke(main, command)
    written = tmp_path / "out"
    CliRunner().invoke(main, [*command, "-o", str(written)])
    result = api.lint_paths([str(folder)], use_cache=False)
    options = OutputOptions(quiet="-q" in flags, statistics="--statistics" in flags)
    options = OutputOptions(**{**options.__dict__, "show_suppressed": "--show-suppressed" in flags})
    assert streamed.exit_code == 1 and streamed.output == written.read_text(encoding="utf-8")
    if output_format != "sarif":  # (SARIF: the run again in the files' language, paths from the work tree)
        writer = {"json": json_output.write, "text": text_output.write}[output_format]
        assert streamed.output == writer(result, options)
        # The same from the findings as a plain list (what a run gave before they were packed).
        listed = result.model_copy(update={"findings": list(result.findings), "suppressed": list(result.suppressed)})
        assert streamed.output == writer(listed, options)
    for size in (1, 7):  # pieces of other sizes: the same text
        monkeypatch.setattr(text_output, "CHUNK", size)
        monkeypatch.setattr(json_output, "CHUNK", size)
        monkeypatch.setattr(sarif_output, "CHUNK", size)
        assert CliRunner().invoke(main, command).output == streamed.output
    if output_format == "json":
        assert json.loads(streamed.output)["counts"]["total"] == len(result.findings) > 0
    elif output_format == "text":
        assert ("suppressed IM201" in streamed.output) == ("--show-suppressed" in flags)


def test_the_sarif_writer_writes_the_document(folder: Path) -> None:
    result = api.lint_paths([str(folder)], use_cache=False, jobs=2)
    baselined = api.apply_baseline(_baseline(result, folder), api.lint_paths([str(folder)], use_cache=False))
    for run in (result, baselined, RunResult(files=["a.proposal"], findings=[]), RunResult(files=[], findings=[])):
        options = OutputOptions(root=folder)
        expected = json.dumps(sarif_output.document(run, folder, "en", options), indent=2, ensure_ascii=False)
        assert sarif_output.write(run, options) == expected + "\n"
    assert '"baselineState": "unchanged"' in sarif_output.write(baselined, OutputOptions(root=folder))


def test_packed_findings_behave_as_the_list_they_replace(folder: Path) -> None:
    result = api.lint_paths([str(folder)], use_cache=False, jobs=2)
    findings, waived = list(result.findings), list(result.suppressed)
    assert len(result.findings) == len(findings) and len(result.suppressed) == len(waived) > 0
    assert result.findings == findings and result.findings[0] == findings[0] and result.findings[-1] == findings[-1]
    assert result.findings[3:7] == findings[3:7] and result.suppressed[-1] == waived[-1]
    with pytest.raises(IndexError):
        result.findings[len(findings)]
    assert all(f.suppressed is None for f in findings) and all(f.suppressed is not None for f in waived)
    assert [f.path for f in findings] == sorted(f.path for f in findings)  # file order
    for level in ("error", "warning", "info"):
        slow = any(f.affects_exit and f.at_least(level) for f in findings)
        assert result.failed(level) == slow
    assert result.findings + [] == findings and [] + result.findings == findings
    assert [f["code"] for f in result.model_dump()["findings"]] == [f.code for f in findings]
    assert len(api.apply_baseline(_baseline(result, folder), result).findings) == 0


def _baseline(result: RunResult, folder: Path) -> Path:
    path = folder.parent / "baseline.json"
    api.write_baseline(path, result)
    return path


def test_no_finding_outlives_the_run_until_it_is_written(folder: Path) -> None:
    result = api.lint_paths([str(folder)], use_cache=False, jobs=1)
    gc.collect()
    assert not [item for item in gc.get_objects() if isinstance(item, Finding)]
    assert len(result.findings) > 100
