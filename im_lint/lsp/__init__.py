"""`im-lint lsp`: a Language Server Protocol server (pygls) for proposals, over standard input and output.

server.py wires the protocol to the features; each feature is a small module that reads what the
language stage and the engine give (through im_lint.api) and answers in lsprotocol's types.
Installed with the `[lsp]` extra; the plain command never imports it.
"""
