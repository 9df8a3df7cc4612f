"""A small corpus of list shapes met in real registers (issue 13, causes 1-5), written by the
tests: each shape states the actors it must give, the in-file merges and the warnings it must
raise. Organisations are invented."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from openpyxl import Workbook


@dataclass
class Shape:
    name: str
    filename: str
    data: bytes
    actors: list[str]  # names in file order, after merges
    merges: list[dict] = field(default_factory=list)  # as check --json's "merges"
    warnings: list[str] = field(default_factory=list)  # message keys that must be among the warnings
    levels: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)  # name -> (influence, interest)


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def text_csv(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    return out.getvalue().encode("utf-8")


ORGS = [
    "Asociación de Recicladores del Valle",
    "Fundación Semillas de Paz",
    "Corporación Río Claro",
    "Cooperativa Tejedoras del Sur",
    "Junta de Acción Comunal La Loma",
    "Red de Huertas Urbanas",
]
ORGS_PT = [
    "Associação Amigos para o Rio",
    "Instituto Mata Viva",
    "Cooperativa Mãos Unidas",
    "Associação para o Desenvolvimento do Cerrado",
    "Coletivo Vozes da Terra",
]


def no_name_header() -> list[Shape]:
    """Cause 1: the organisation column is called ASOCIACION, ENTIDAD, Organismo, FUENTE, or nothing known."""
    shapes = []
    for header in ("ASOCIACION", "Organismo", "FUENTE", "Institución"):
        rows = [[header, "MUNICIPIO", "TELEFONO"]] + [[o, "Cali", 3000000 + i] for i, o in enumerate(ORGS)]
        warnings = ["import.report.name_chosen"] if header == "FUENTE" else []
        shapes.append(Shape(f"header {header}", "lista.xlsx", xlsx({"Hoja1": rows}), ORGS, warnings=warnings))
    # no header says name: the names are the distinct text column among codes, e-mails, dates, categories
    rows = [["Código", "Razón", "Tipo", "Correo", "Registro"]] + [
        [f"A-{100 + i}", org, "ONG" if i % 2 else "JAC", f"info{i}@ejemplo.org", f"2024-0{i + 1}-15"]
        for i, org in enumerate(ORGS)
    ]
    shapes.append(Shape("by content", "registro.csv", text_csv(rows), ORGS, warnings=["import.report.name_chosen"]))
    rows = [["N°", "Denominación", "Departamento", "Resolución"]] + [
        [i + 1, org, "Cauca" if i % 2 else "Nariño", 4500 + i] for i, org in enumerate(ORGS)
    ]
    shapes.append(
        Shape(
            "by content, numbers",
            "denominaciones.xlsx",
            xlsx({"Registro": rows}),
            ORGS,
            warnings=["import.report.name_chosen"],
        )
    )
    return shapes


def two_row_headers() -> list[Shape]:
    """Cause 2: a PMBOK stakeholder register, group titles then a header over two rows."""
    shapes = []
    for title_rows in ([["Registro de interesados"], []], []):
        rows = [
            *title_rows,
            ["Identificación", None, None, "Evaluación", None, "Clasificación"],
            ["Nombre", "Departamento/", "Rol en el", "Impacto", "Influencia", "Interno/Externo"],
            [None, "Empresa", "Proyecto", "(A, M, B)", "(A, M, B)", None],
            ["Secretaría de Movilidad", "Gobierno", "Patrocinador", "A", "M", "Interno"],
            ["Veeduría Ciudadana Norte", "Sociedad civil", "Control", "M", "A", "Externo"],
            ["Cámara de Comercio del Río", "Gremio", "Aliado", "B", "B", "Externo"],
        ]
        shapes.append(
            Shape(
                f"pmbok {len(title_rows)} title rows",
                "registro_interesados.xlsx",
                xlsx({"Registro": rows}),
                ["Secretaría de Movilidad", "Veeduría Ciudadana Norte", "Cámara de Comercio del Río"],
                warnings=["import.report.two_row_header"],
                levels={"Secretaría de Movilidad": (3, None), "Veeduría Ciudadana Norte": (4, None)},
            )
        )
    return shapes


def monthly_sheets() -> list[Shape]:
    """Cause 3: data rows that hold relation words ("TO", "para") and 14 sheets of one shape."""
    shapes = []
    sheets = {}
    expected = []
    for month in range(14):
        rows = [["Nome", "CNPJ", "UF", "Município"]]
        for i, org in enumerate(ORGS_PT):
            name = f"{org} {month + 1}"
            rows.append([name, f"12.345.{month:03d}/0001-{i:02d}", "TO" if i % 2 else "GO", "Palmas"])
            expected.append(name)
        sheets[f"Mes {month + 1}"] = rows
    shapes.append(Shape("14 monthly sheets", "associacoes.xlsx", xlsx(sheets), expected))
    rows = [["Relatório de entidades"], ["Nome", "UF", "Área"]] + [[org, "TO", "Meio ambiente"] for org in ORGS_PT]
    shapes.append(Shape("relation words in data", "entidades.xlsx", xlsx({"Planilha1": rows}), ORGS_PT))
    return shapes


def placeholders_and_footers() -> list[Shape]:
    """Cause 4: rows of placeholders, numbered empty template rows, footers, invisible characters."""
    shapes = []
    rows = [["Nombre", "Sector", "Ciudad"]] + [[o, "Privado", "Pasto"] for o in ORGS[:3]]
    rows += [[p, p, p] for p in ("-", "—", "n/a", "N/A", "s.d.", "s/d", "sin dato", "sin información", "ND", "#N/A")]
    rows += [[n, None, None] for n in range(4, 12)]
    rows += [[], ["Total de actores: 3"], ["Fuente: Secretaría de Planeación"], ["Elaborado por el equipo"]]
    shapes.append(Shape("placeholders, template rows, footers", "plantilla.xlsx", xlsx({"Actores": rows}), ORGS[:3]))
    rows = [
        ["Nombre", "Ciudad"],
        ["\u200bFundación Semillas de Paz\ufeff", "Pasto"],
        ["Corporación\u00a0Río Claro\u2060", "Ipiales"],
    ]
    rows += [["\u200b", "\u200c"], ["Total: 2", None]]
    shapes.append(
        Shape(
            "invisible characters",
            "invisibles.csv",
            text_csv(rows),
            ["Fundación Semillas de Paz", "Corporación Río Claro"],
        )
    )
    return shapes


def merges() -> list[Shape]:
    """Cause 5: rows merged inside one file, and a first column of groups that repeats."""
    rows = (
        [["Nombre", "Ciudad"]] + [[o, "Cali"] for o in ORGS[:3]] + [[ORGS[0], None], [ORGS[1], "Buga"], [ORGS[0], None]]
    )
    merged = [
        {"sheet": "Actores", "rows": [5, 7], "into": 2, "name": ORGS[0]},
        {"sheet": "Actores", "rows": [6], "into": 3, "name": ORGS[1]},
    ]
    shapes = [Shape("repeated rows", "repetidos.xlsx", xlsx({"Actores": rows}), ORGS[:3], merges=merged)]
    rows = [["Stakeholder", "Contact", "Role"]] + [
        ["Customer", "Harbour Logistics Ltd", "Buyer"],
        ["Customer", "Blue Valley Farms", "Buyer"],
        ["Internal Staff", "Finance Office", "Sponsor"],
        ["Internal Staff", "Operations Desk", "User"],
    ]
    shapes.append(
        Shape(
            "group column",
            "stakeholders.xlsx",
            xlsx({"Register": rows}),
            ["Customer", "Customer", "Internal Staff", "Internal Staff"],
            warnings=["import.report.name_repeats"],
        )
    )
    return shapes


def corpus() -> list[Shape]:
    return [*no_name_header(), *two_row_headers(), *monthly_sheets(), *placeholders_and_footers(), *merges()]
