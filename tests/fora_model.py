"""A small FORA-like model that the tests generate, as a coArchi folder and as one `.archimate`
file: a few elements of each FORA-type, a typo of the model's own, TODO and Concept folders, an
obsolete law, a Metamodel folder, relations, and some things an importer must survive (an unknown
FORA-type, a broken file, an element without a FORA-type, a view). Names and texts are made up for
the tests, except the few the documentation's examples use; none of FORA's content is copied."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

NS = 'xmlns:archimate="http://www.archimatetool.com/archimate"'
XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'

# (id, ArchiMate type, FORA-type, name, layer, folder path under the layer, extra properties)
ELEMENTS = [
    ("d-bv", "Grouping", "Bedrijfsdomein", "Bedrijfsvoering", "other", ["Domeinen"], {}),
    ("d-ow", "Grouping", "Bedrijfsdomein", "Onderwijs", "other", ["Domeinen"], {}),
    ("d-lz", "Grouping", "Bedrijfsdomein", "Leerlingbegeleiding en –zorg", "other", ["Domeinen"], {}),
    (
        "hf-ic",
        "BusinessFunction",
        "Hoofdbedrijfsfunctie",
        "Inkoop en contractbeheer",
        "business",
        ["HBF", "ACTUEEL"],
        {},
    ),
    ("hf-ict", "BusinessFunction", "Hoofdbedrijfsfunctie", "Ict-ondersteuning", "business", ["HBF", "ACTUEEL"], {}),
    ("hf-lb", "BusinessFunction", "Hoofdbedrijfsfunctie", "Leerlingbegeleiding", "business", ["HBF", "ACTUEEL"], {}),
    ("hf-ou", "BusinessFunction", "Hoofdbedrijfsfunctie", "Onderwijsuitvoering", "business", ["HBF", "ACTUEEL"], {}),
    ("f-ink", "BusinessFunction", "Bedrijfsfunctie", "Inkoop", "business", ["BF", "ACTUEEL"], {}),
    ("f-priv", "BusinessFunction", "Bedrijfsfunctie", "Privacy", "business", ["BF", "ACTUEEL"], {}),
    ("f-vz", "BusinessFunction", "Bedrijfsfunctie", "Verzuimcoördinatie", "business", ["BF", "ACTUEEL"], {}),
    ("f-les", "BusinessFunction", "Bedrijfsfunctie", "Lesgeven", "business", ["BF", "ACTUEEL"], {}),
    ("p-ink", "BusinessProcess", "Bedrijfsproces", "Inkopen producten en diensten", "business", ["BP", "ACTUEEL"], {}),
    ("p-reg", "BusinessProcess", "Bedrijfsproces", "Registereren verwerkingsactiviteiten", "business", ["BP"], {}),
    ("p-vz", "BusinessProcess", "Bedrijfsproces", "Verzuim registreren en melden", "business", ["BP", "ACTUEEL"], {}),
    ("p-toets", "BusinessProcess", "Bedrijfsproces", "Toetsen afnemen", "business", ["BP", "TODO"], {}),
    ("p-plan", "BusinessProcess", "Bedrijfsproces", "Lessen plannen", "business", ["BP", "Concept"], {}),
    ("w-vz", "BusinessProcess", "Werkproces", "Verzuim melden bij de leerplicht", "business", ["WP"], {}),
    ("s-vz", "BusinessProcess", "Processtap", "Melding versturen", "business", ["PS", "TODO"], {}),
    (
        "io-vm",
        "BusinessObject",
        "Informatieobject",
        "Verzuimmelding",
        "business",
        ["IO"],
        {"Persoonsgegevens": "Ja", "Vertrouwelijkheid": "Hoog"},
    ),
    (
        "io-aw",
        "BusinessObject",
        "Informatieobject",
        "Aanwezigheid leerling",
        "business",
        ["IO"],
        {"Persoonsgegevens": "ja", "Vertrouwelijkheid": "Midden"},
    ),
    (
        "io-of",
        "BusinessObject",
        "Informatieobject",
        "Offerte",
        "business",
        ["IO"],
        {"Persoonsgegevens": "Nee", "Vertrouwelijkheid": "Laag"},
    ),
    (
        "io-co",
        "BusinessObject",
        "Informatieobject",
        "Contract",
        "business",
        ["IO", "TODO"],
        {"Persoonsgegevens": "Niet ingevuld"},
    ),
    ("law-lpw", "Driver", "Wet- en regelgeving", "Leerplichtwet", "motivation", ["Wetten"], {}),
    ("law-aw", "Driver", "Wet- en regelgeving", "Aanbestedingswet", "motivation", ["Wetten"], {}),
    ("law-avg", "Driver", "Wet- en regelgeving", "AVG", "motivation", ["Wetten"], {}),
    ("law-old", "Driver", "Wet- en regelgeving", "Oude wet", "motivation", ["Wetten", "VERVALLEN"], {}),
    ("r-ink", "BusinessRole", "Rol", "Inkoper", "business", ["Rollen"], {}),
    ("r-vz", "BusinessRole", "Rol", "Verzuimcoördinator", "business", ["Rollen"], {}),
    (
        "c-las",
        "ApplicationComponent",
        "Referentiecomponent",
        "Leerlingadministratiesysteem (LAS)",
        "application",
        ["RC"],
        {},
    ),
    ("c-fin", "ApplicationComponent", "Referentiecomponent", "Financieel systeem", "application", ["RC"], {}),
    ("af-in", "ApplicationFunction", "Applicatiefunctie", "Inschrijven leerlingen", "application", ["AF"], {}),
    ("af-vz", "ApplicationFunction", "Applicatiefunctie", "Verzuim registreren", "application", ["AF"], {}),
    ("af-ci", "ApplicationFunction", "Applicatiefunctie", "Cijfers vastleggen", "application", ["AF"], {}),
    (
        "af-ex",
        "ApplicationFunction",
        "Applicatiefunctie",
        "Gegevens uitwisselen met de overheid",
        "application",
        ["AF"],
        {},
    ),
    ("af-fa", "ApplicationFunction", "Applicatiefunctie", "Facturen betalen", "application", ["AF"], {}),
    ("st-ek", "Constraint", "Standaard", "Edukoppeling", "motivation", ["Standaarden"], {}),
    # what an importer must leave out
    ("meta-io", "BusinessObject", "Informatieobject", "Informatieobject", "business", ["Metamodel"], {}),
    ("ev-1", "BusinessEvent", "Bedrijfsgebeurtenis", "Leerling is afwezig", "business", ["Events"], {}),
    ("odd-1", "BusinessObject", "Wijk", "Een onbekend type", "business", ["IO"], {}),
    ("j-1", "Junction", None, "", "other", [], {}),
]

# (type, source, target)
RELATIONS = [
    ("Aggregation", "d-bv", "hf-ic"),
    ("Aggregation", "d-bv", "hf-ict"),
    ("Aggregation", "d-lz", "hf-lb"),
    ("Aggregation", "d-ow", "hf-ou"),
    ("Aggregation", "hf-ic", "f-ink"),
    ("Aggregation", "hf-ict", "f-priv"),
    ("Aggregation", "hf-lb", "f-vz"),
    ("Aggregation", "hf-ou", "f-les"),
    ("Aggregation", "f-ink", "p-ink"),
    ("Aggregation", "f-priv", "p-reg"),
    ("Aggregation", "f-vz", "p-vz"),
    ("Aggregation", "f-les", "p-toets"),
    ("Aggregation", "f-les", "p-plan"),
    ("Aggregation", "p-vz", "w-vz"),
    ("Aggregation", "w-vz", "s-vz"),
    ("Aggregation", "d-lz", "io-vm"),
    ("Aggregation", "d-bv", "c-las"),
    ("Access", "p-vz", "io-aw"),
    ("Access", "w-vz", "io-vm"),
    ("Access", "p-ink", "io-of"),
    ("Access", "p-ink", "io-co"),
    ("Influence", "io-vm", "law-lpw"),
    ("Influence", "f-ink", "law-aw"),
    ("Influence", "io-aw", "law-avg"),
    ("Assignment", "r-ink", "p-ink"),
    ("Assignment", "r-vz", "p-vz"),
    ("Assignment", "c-las", "af-in"),
    ("Assignment", "c-las", "af-vz"),
    ("Assignment", "c-las", "af-ci"),
    ("Assignment", "c-las", "af-ex"),
    ("Assignment", "c-fin", "af-fa"),
    ("Triggering", "ev-1", "p-vz"),
    ("Realization", "c-las", "st-ek"),
]

COUNTS = {  # what the importer keeps of ELEMENTS
    "Bedrijfsdomein": 3,
    "Hoofdbedrijfsfunctie": 4,
    "Bedrijfsfunctie": 4,
    "Bedrijfsproces": 5,
    "Werkproces": 1,
    "Processtap": 1,
    "Informatieobject": 4,
    "Wet- en regelgeving": 4,
    "Rol": 2,
    "Referentiecomponent": 2,
    "Applicatiefunctie": 5,
    "Standaard": 1,
}


def _documentation(name: str) -> str:
    return f"Test element {name}."


def _element_xml(kind: str, ident: str, name: str, fora_type: str | None, props: dict, tag: str) -> str:
    properties = {**({"FORA-type": fora_type} if fora_type else {}), **props}
    lines = [f"  <{tag} key={quoteattr(k)} value={quoteattr(v)}/>" for k, v in properties.items()]
    return lines, f"name={quoteattr(name)} id={quoteattr(ident)} documentation={quoteattr(_documentation(name))}"


def write_coarchi(root: Path, broken: bool = True) -> Path:
    """The model as a coArchi clone at `root` (with `model/`); returns root."""
    model = root / "model"

    def folder(path: Path, name: str) -> None:
        path.mkdir(parents=True, exist_ok=True)
        (path / "folder.xml").write_text(
            f"<archimate:Folder {NS} name={quoteattr(name)} id={quoteattr('f-' + '-'.join(path.relative_to(root).parts))}/>",
            encoding="utf-8",
        )

    model.mkdir(parents=True)
    (model / "folder.xml").write_text(
        f'<archimate:ArchimateModel {NS} name="FORA-test" id="m-1" version="5.0.0"/>', encoding="utf-8"
    )
    files: dict[str, str] = {}
    for ident, kind, fora_type, name, layer, folders, props in ELEMENTS:
        place = model / layer
        folder(place, layer.capitalize())
        for part in folders:
            place = place / f"id-{part.lower()}"
            folder(place, part)
        lines, attributes = _element_xml(kind, ident, name, fora_type, props, "properties")
        file_name = f"{kind}_{ident}.xml"
        files[ident] = file_name
        body = "\n".join(lines)
        (place / file_name).write_text(
            f"<archimate:{kind} {NS} {attributes}>\n{body}\n</archimate:{kind}>\n", encoding="utf-8"
        )
    folder(model / "relations", "Relations")
    for number, (kind, source, target) in enumerate(RELATIONS):
        (model / "relations" / f"{kind}Relationship_r{number}.xml").write_text(
            f'<archimate:{kind}Relationship {XSI} {NS} id="r{number}">\n'
            f'  <source xsi:type="archimate:X" href="{files[source]}#{source}"/>\n'
            f'  <target xsi:type="archimate:X" href="{files[target]}#{target}"/>\n'
            f"</archimate:{kind}Relationship>\n",
            encoding="utf-8",
        )
    folder(model / "diagrams", "Views")
    (model / "diagrams" / "ArchimateDiagramModel_v1.xml").write_text(
        f'<archimate:ArchimateDiagramModel {NS} name="A view" id="v1"/>', encoding="utf-8"
    )
    if broken:
        (model / "business" / "BusinessObject_broken.xml").write_text("<archimate:BusinessObject", encoding="utf-8")
    return root


def write_archimate(path: Path) -> Path:
    """The same model as one file exported from Archi."""

    def tree() -> dict:
        root: dict = {}
        for element in ELEMENTS:
            node = root.setdefault(element[4], {})
            for part in element[5]:
                node = node.setdefault(part, {})
            node.setdefault("", []).append(element)
        return root

    def folder_xml(name: str, node: dict, depth: int, layer: str | None = None) -> list[str]:
        pad = "  " * depth
        kind = f' type="{layer}"' if layer else ""
        out = [f'{pad}<folder name={quoteattr(name)} id="f-{name}-{depth}"{kind}>']
        for sub, child in node.items():
            if sub == "":
                for ident, element_kind, fora_type, element_name, _, _, props in child:
                    lines, attributes = _element_xml(element_kind, ident, element_name, fora_type, props, "property")
                    out.append(f'{pad}  <element xsi:type="archimate:{element_kind}" {attributes}>')
                    out.extend(f"{pad}  {line}" for line in lines)
                    out.append(f"{pad}  </element>")
            else:
                out.extend(folder_xml(sub, child, depth + 1))
        out.append(f"{pad}</folder>")
        return out

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<archimate:model {XSI} {NS} name="FORA-test" id="m-1" version="5.0.0">',
    ]
    for layer, node in tree().items():
        lines.extend(folder_xml(layer.capitalize(), node, 1, layer))
    lines.append('  <folder name="Relations" id="f-rel" type="relations">')
    for number, (kind, source, target) in enumerate(RELATIONS):
        lines.append(
            f'    <element xsi:type="archimate:{kind}Relationship" id="r{number}" source="{source}" target="{target}"/>'
        )
    lines.append("  </folder>")
    lines.append('  <folder name="Views" id="f-views" type="diagrams">')
    lines.append('    <element xsi:type="archimate:ArchimateDiagramModel" name="A view" id="v1"/>')
    lines.append("  </folder>")
    lines.append("</archimate:model>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
