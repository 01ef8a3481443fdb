"""Names the command line offers before anything heavy is imported (`im-lint schema --help`)."""

SCHEMAS = ("findings", "proposal", "config", "pack", "catalogue")
