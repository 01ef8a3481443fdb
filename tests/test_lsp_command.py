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
