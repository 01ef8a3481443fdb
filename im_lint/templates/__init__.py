"""Starting points for `im-lint init`, one per language."""
