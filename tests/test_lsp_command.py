"""`im-lint lsp` as a command: the plain check never loads it; without the extra it says what to install."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import EXAMPLES


def test_the_plain_check_does_not_import_the_language_server(tmp_path):
    shutil.copy(EXAMPLES / "ipads.proposal", tmp_path)
    program = (
        "import sys\nfrom im_lint.cli import main\n"
        f"try:\n    main.main(['check', {str(tmp_path / 'ipads.proposal')!r}], standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'im_lint.lsp')))"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_without_the_extra_the_command_says_how_to_install_it():
    program = (
        "import sys\nclass Block:\n    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'pygls':\n            raise ImportError('blocked', name='pygls')\n"
        "sys.meta_path.insert(0, Block())\nsys.argv = ['im-lint', 'lsp']\nfrom im_lint.cli import run\nrun()"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "pip install 'im-lint[lsp]'" in done.stderr and "Traceback" not in done.stderr


def _message(body: dict) -> bytes:
    import json

    data = json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def test_the_server_ends_cleanly_when_the_editor_says_exit(im_lint_exe):
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "processId": None}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    done = subprocess.run(
        [im_lint_exe, "lsp"], input=b"".join(map(_message, messages)), capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    assert b'"id": 2' in done.stdout or b'"id":2' in done.stdout
