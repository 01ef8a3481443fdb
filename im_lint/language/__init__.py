"""Text -> model: decode, parse (Lark), build (vocabulary, identifiers, references)."""

from __future__ import annotations

from dataclasses import dataclass

from im_lint.language.build import Declarations, build
from im_lint.language.decode import DEFAULT_MAX_FILE_SIZE, SourceText, decode, from_text, unreadable
from im_lint.language.syntax import SyntaxTree
from im_lint.model import Proposal
from im_lint.source import Diagnostic


@dataclass
class Parsed:
    """What the language stage knows of one file: the model (None when the file is no proposal),
    the syntax tree (for suppressions and the formatter) and the language findings."""

    proposal: Proposal | None
    tree: SyntaxTree | None
    diagnostics: list[Diagnostic]
    source: SourceText | None
    lang: str = "nl"


def parse_source(source: SourceText | Diagnostic, declarations: Declarations | None = None) -> Parsed:
    if isinstance(source, Diagnostic):
        return Parsed(None, None, [source], None)
    from im_lint.language.parse import parse  # Lark is loaded only when a file is parsed

    tree = parse(source.text)
    built = build(tree, declarations)
    if built.proposal is None:
        only = [d for d in built.diagnostics if d.code == "IM006"] or [unreadable("no-proposal")]
        return Parsed(None, tree, only[:1], source, built.lang)
    return Parsed(built.proposal, tree, built.diagnostics, source, built.lang)


def parse_text(text: str, declarations: Declarations | None = None) -> Parsed:
    """Parse a proposal's text into the model and its language findings. Never raises on input."""
    return parse_source(from_text(text), declarations)


def parse_bytes(data: bytes, declarations: Declarations | None = None, max_size: int = DEFAULT_MAX_FILE_SIZE) -> Parsed:
    return parse_source(decode(data, max_size), declarations)


__all__ = ["Declarations", "Parsed", "parse_bytes", "parse_source", "parse_text"]
