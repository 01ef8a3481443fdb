"""A real editor: headless Neovim starts `im-lint lsp` with the set-up docs/editors.md gives for
Neovim 0.7, opens a proposal with `activty`, and does what a new user would: sees IM002 under the
word, hovers it, ignores a finding with a reason through the code action, completes `serves `."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, require_command

pytestmark = pytest.mark.slow

SCRIPT = r"""
local out = {}
local function lsp_code(d) return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) end
local function wait_for(pred) return vim.wait(20000, pred, 50) end
vim.cmd("edit " .. vim.fn.fnameescape(PROPOSAL))
local buf = vim.api.nvim_get_current_buf()
wait_for(function() return #vim.diagnostic.get(buf) > 0 end)
out.filetype = vim.bo.filetype
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(out.diagnostics, { code = lsp_code(d), lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message })
end
local uri = vim.uri_from_bufnr(buf)
local function request(method, params)
  local replies = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
  for _, reply in pairs(replies) do if reply.result then return reply.result end end
end
local typo
for _, d in ipairs(vim.diagnostic.get(buf)) do if lsp_code(d) == "IM002" then typo = d end end
if typo == nil then error(vim.bo.filetype .. " " .. vim.inspect(vim.lsp.get_active_clients())) end
local hover = request("textDocument/hover", { textDocument = { uri = uri }, position = { line = typo.lnum, character = typo.col + 2 } })
out.hover = hover and hover.contents.value
-- the quick fix: ignore IM108 with a reason
local target
for _, d in ipairs(vim.diagnostic.get(buf)) do if lsp_code(d) == "IM108" then target = d end end
local range = { start = { line = target.lnum, character = target.col }, ["end"] = { line = target.end_lnum, character = target.end_col } }
local actions = request("textDocument/codeAction", {
  textDocument = { uri = uri },
  range = range,
  context = { diagnostics = { { range = range, message = target.message, code = lsp_code(target), source = target.source, severity = target.severity } } },
})
out.action_titles = {}
for _, action in ipairs(actions or {}) do table.insert(out.action_titles, action.title) end
local action = actions[1]
vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
out.command = action.command or false  -- 0.7 cannot be asked to move the cursor (no showDocument)
local width = #vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, true)[1]
vim.api.nvim_buf_set_text(buf, target.lnum, width, target.lnum, width, { "the strategy is being written" })
out.comment = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, true)[1]
wait_for(function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do if lsp_code(d) == "IM108" then return false end end
  return true
end)
out.codes_after = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(out.codes_after, lsp_code(d)) end
-- complete `serves `
local last = vim.api.nvim_buf_line_count(buf)
vim.api.nvim_buf_set_lines(buf, last, last, true, { 'activity A9 "Plan lessons" {', "  serves " })
local completion = request("textDocument/completion", { textDocument = { uri = uri }, position = { line = last + 1, character = 9 } })
out.completion = {}
for _, item in ipairs((completion and completion.items) or completion or {}) do table.insert(out.completion, item.label) end
local file = io.open(OUTPUT, "w")
file:write(vim.fn.json_encode(out))
file:close()
"""


def neovim_07_setup() -> str:
    """The Lua set-up docs/editors.md gives for Neovim 0.7: the test uses it as a user would."""
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    section = text[text.index("Neovim 0.7 to 0.10") :]
    return re.search(r"```lua\n(.*?)```", section, re.S).group(1)


def test_neovim_shows_hovers_fixes_and_completes(tmp_path):
    nvim = require_command("nvim", "neovim")
    (tmp_path / ".git").mkdir()
    text = (EXAMPLES / "ipads.proposal").read_text(encoding="utf-8").replace("activity A1", "activty A1")
    proposal = tmp_path / "ipads.proposal"
    proposal.write_text(text, encoding="utf-8")
    output = tmp_path / "out.json"
    init = tmp_path / "init.lua"
    init.write_text(
        neovim_07_setup()
        + f"\nPROPOSAL = {json.dumps(str(proposal))}\nOUTPUT = {json.dumps(str(output))}\n"
        + "vim.api.nvim_create_autocmd('VimEnter', { nested = true, callback = function()\n"
        + "local ok, problem = pcall(function()\n"
        + SCRIPT
        + "\nend)\nif not ok then local f = io.open(OUTPUT, 'w'); f:write(vim.fn.json_encode({ error = problem })); f:close() end\n"
        + "vim.cmd('qa!')\nend })\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [nvim, "--headless", "--clean", "-u", str(init)], env=env, capture_output=True, text=True, timeout=90
    )
    assert output.is_file(), done.stdout + done.stderr
    out = json.loads(output.read_text())
    assert "error" not in out, out
    assert out["filetype"] == "improposal"
    line = text[: text.index("activty")].count("\n")
    assert {"code": "IM002", "lnum": line, "col": 0} in [
        {key: d[key] for key in ("code", "lnum", "col")} for d in out["diagnostics"]
    ]
    assert "IM002" in out["hover"] and "unknown-keyword" in out["hover"]
    assert out["action_titles"] == ["Ignore IM108 here, with a reason"]
    assert out["comment"] == "# im-lint: ignore IM108 -- the strategy is being written"
    assert out["command"] is False
    assert "IM108" not in out["codes_after"] and "IM002" in out["codes_after"]
    assert out["completion"] == ["G1"]
