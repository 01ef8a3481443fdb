from im_lint.cli import main

main()
