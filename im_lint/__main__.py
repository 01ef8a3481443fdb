from im_lint.cli import run

run()
