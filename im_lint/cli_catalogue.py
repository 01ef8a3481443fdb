"""`im-lint catalogue ...`: make a reference catalogue from the user's own copy of a model, and look
a name up in it. The heavy parts are imported inside the commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click


def _fail(message: str) -> NoReturn:
    click.echo(f"im-lint: {message}", err=True)
    sys.exit(2)


@click.group()
def catalogue() -> None:
    """Reference catalogues (FORA): `reference` and `component` names are checked against one."""


@catalogue.group(name="import")
def import_() -> None:
    """Make a catalogue file from a reference model."""


@import_.command(name="fora")
@click.argument("path")
@click.option(
    "--output",
    "-o",
    default="fora.json",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The catalogue file to write.",
)
def fora(path: str, output: str) -> None:
    """Import Kennisnet's FORA model: PATH is a clone of the coArchi repository (the folder with
    `model/`) or one `.archimate` file exported from Archi. Then set `catalogue = "fora.json"` in
    im-lint.toml."""
    from im_lint.atomic import write_atomic
    from im_lint.reference.catalogue import ReferenceCatalogue
    from im_lint.reference.fora import import_fora

    source = Path(path)
    if not source.exists():
        _fail(f"no such file or folder: {path}")
    if source.is_file() and source.suffix.lower() != ".archimate":
        _fail(f"{path}: name the clone's folder (with `model/`) or a `.archimate` file exported from Archi")
    imported = import_fora(source)
    for file, problem in imported.problems:
        click.echo(f"{file}: {problem}", err=True)
    reference = ReferenceCatalogue(imported.catalogue)
    if not imported.catalogue.elements:
        _fail(f"{path}: no FORA elements found (elements with a `FORA-type` property); is this the FORA model?")
    try:
        write_atomic(output, imported.catalogue.to_json())
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror or error}")
    click.echo(f"wrote {output}: {summary(reference)}", err=True)
    if imported.problems:
        count = len(imported.problems)
        click.echo(
            f"{count} problem{'' if count == 1 else 's'} in the model, listed above; left out of the catalogue",
            err=True,
        )


def summary(reference) -> str:
    counts = reference.counts()
    personal = sum(1 for e in reference.document.elements if e.type == "Informatieobject" and e.personal_data)
    source = reference.document.source
    origin = ", ".join(
        part
        for part in (
            f"{source.name} {source.model_version or ''}".strip(),
            f"commit {source.commit[:12]}" if source.commit else "",
            source.date or "",
        )
        if part
    )
    return (
        f"{counts.get('Bedrijfsdomein', 0)} domains, "
        f"{counts.get('Hoofdbedrijfsfunctie', 0) + counts.get('Bedrijfsfunctie', 0)} functions, "
        f"{sum(counts.get(t, 0) for t in ('Bedrijfsproces', 'Werkproces', 'Processtap'))} processes and steps, "
        f"{counts.get('Informatieobject', 0)} information objects ({personal} with personal data), "
        f"{counts.get('Referentiecomponent', 0)} reference components, "
        f"{counts.get('Wet- en regelgeving', 0)} laws" + (f" (from {origin})" if origin else "")
    )


@catalogue.command()
@click.argument("name")
@click.option("--catalogue", "catalogue_path", type=click.Path(dir_okay=False), help="The catalogue file.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
def show(name: str, catalogue_path: str | None, config_path: str | None) -> None:
    """What the catalogue says of a name (or id): its type, where it lies, its information objects,
    laws and, for a reference component, its application functions."""
    from im_lint.reference.catalogue import CatalogueError, load
    from im_lint.reference.editor import describe

    path = Path(catalogue_path) if catalogue_path else _configured(config_path)
    try:
        reference = load(path)
    except CatalogueError as error:
        _fail(str(error))
    text = describe(reference, name)
    if text is None:
        from im_lint.reference.catalogue import KEPT_TYPES

        near = reference.nearest(name, KEPT_TYPES)
        hint = f"; did you mean {', '.join(e.name for e in near)}?" if near else ""
        _fail(f"{name!r} is not in {path}{hint}")
    click.echo(text)


def _configured(config_path: str | None) -> Path:
    import os

    from im_lint import api
    from im_lint.config import ConfigError, catalogue_path

    try:
        found = catalogue_path(api.load_config(config_path, near=os.getcwd()))
    except ConfigError as error:
        _fail(str(error))
    if found is None:
        _fail('no catalogue: give --catalogue FILE, or set `catalogue = "fora.json"` in im-lint.toml')
    return found
