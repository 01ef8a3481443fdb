from im_lint.command import run

run()
