"""Recognising a spreadsheet's layout: its format, which sheets hold what, the header row,
and which column holds which field (header words in Spanish, English, Portuguese, French)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from toolkit.graphs import NODEXL_DRAWN, NODEXL_SHEETS, sheet_format
from toolkit.spreadsheets.new_terms import stance_column
from toolkit.vocab import fold

# field -> header words (folded on use); the first matching field wins, longer phrases first
ACTOR_HEADERS: dict[str, tuple[str, ...]] = {
    "name": (
        "nombre",
        "nombre de la entidad",
        "nombre de la organizacion",
        "nombre del actor",
        "entidad",
        "organizacion",
        "institucion",
        "actor",
        "actores",
        "razon social",
        "nombre completo",
        "name",
        "organisation",
        "organization",
        "organisation department",
        "organization department",
        "stakeholder",
        "label",
        "nome",
        "nome da organizacao",
        "nome da entidade",
        "instituicao",
        "organizacao",
        "entidade",
        "nom",
        "nom de l organisation",
        "nom de la structure",
        "organisme",
        "structure",
        "acteur",
        "vertex",
        "asociacion",
        "nombre de la asociacion",
        "organismo",
        "association",
        "agency",
        "associacao",
        "orgao",
        "nom de l association",
    ),
    "acronym": ("sigla", "siglas", "acronimo", "abreviatura", "acronym", "abbreviation", "short name", "sigle"),
    "kind": (
        "tipo de actor",
        "tipo de entidad",
        "naturaleza",
        "kind",
        "element type",
        "actor type",
        "type",
        "tipo",
        "tipo de ator",
        "type d acteur",
        "nature",
    ),
    "sector": (
        "sector",
        "tipo de organizacion",
        "categoria",
        "sector de actividad",
        "category",
        "setor",
        "secteur",
        "categorie",
        "grupo de interes",
    ),
    "scale": (
        "escala",
        "ambito",
        "ambito territorial",
        "nivel territorial",
        "alcance",
        "cobertura",
        "scale",
        "scope",
        "territorial level",
        "geographic scope",
        "abrangencia",
        "echelle",
        "niveau territorial",
        "portee",
    ),
    "country": ("pais", "country", "pays", "nacionalidad"),
    "city": ("ciudad", "municipio", "localidad", "city", "town", "cidade", "ville", "commune"),
    # where the actor is (issue 19): degrees, both in one cell ("6.25, -75.56"), the district, an address
    "latitude": ("latitud", "lat", "latitude"),
    "longitude": ("longitud", "lon", "lng", "longitude"),
    "coordinates": ("coordenadas", "coordenadas geograficas", "coordinates", "coordonnees", "lat lon", "lat long"),
    "district": ("comuna", "distrito", "barrio", "district", "bairro", "quartier", "arrondissement", "corregimiento"),
    "address": ("direccion", "domicilio", "address", "endereco", "adresse", "direccion fisica"),
    "place_source": ("place source", "fuente del lugar"),
    "influence": (
        "influencia",
        "nivel de influencia",
        "poder",
        "grado de influencia",
        "influence",
        "power",
        "influence level",
        "level of influence",
        "nivel de influencia",
        "poder de influencia",
        "niveau d influence",
        "pouvoir",
    ),
    # salience (issue 20): legitimacy and urgency; "Poder" beside them is salience's power (see
    # salience_power), not the influence it means alone
    "salience_legitimacy": ("legitimidad", "legitimacy", "legitimidade", "legitimite"),
    "salience_urgency": ("urgencia", "urgency", "urgence"),
    "salience_power": ("poder prominencia", "salience power", "power salience"),
    "interest": (
        "interes",
        "nivel de interes",
        "grado de interes",
        "interest",
        "interest level",
        "level of interest",
        "interesse",
        "nivel de interesse",
        "interet",
        "niveau d interet",
    ),
    "stance": (
        "posicion",
        "postura",
        "actitud",
        "posicionamiento",
        "posicion frente a la estrategia",
        "stance",
        "attitude",
        "support",
        "level of support",
        "posicao",
        "atitude",
        "apoio",
        "positionnement",
        "soutien",
        "position",
    ),
    "themes": (
        "temas",
        "tema",
        "ejes tematicos",
        "eje tematico",
        "areas de interes",
        "area tematica",
        "tematicas",
        "themes",
        "theme",
        "topics",
        "tags",
        "issues",
        "areas of interest",
        "assuntos",
        "eixos tematicos",
        "thematiques",
        "thematique",
        "sujets",
    ),
    "dimensions": (
        "dimension",
        "dimensiones",
        "dimension de la accion internacional",
        "dimensions",
        "dimensao",
        "dimensoes",
    ),
    "contact_name": (
        "contacto",
        "persona de contacto",
        "nombre del contacto",
        "nombre de contacto",
        "contact",
        "contact person",
        "contact name",
        "contato",
        "pessoa de contato",
        "nome do contato",
        "nom du contact",
        "interlocuteur",
        "personne de contact",
    ),
    "contact_role": (
        "cargo",
        "rol",
        "cargo del contacto",
        "role",
        "job title",
        "title",
        "funcao",
        "cargo do contato",
        "fonction",
        "poste",
    ),
    "email": (
        "correo",
        "correo electronico",
        "email",
        "e mail",
        "mail",
        "correo de contacto",
        "courriel",
        "adresse e mail",
        "endereco de e mail",
        "email address",
        "e mail address",
        "direccion de correo",
        "direccion de correo electronico",
    ),
    "phone": (
        "telefono",
        "celular",
        "movil",
        "telefono de contacto",
        "phone",
        "telephone",
        "mobile",
        "tel",
        "telefone",
        "portable",
    ),
    "consent": (
        "consentimiento",
        "autorizacion de datos",
        "autoriza tratamiento de datos",
        "habeas data",
        "autorizacion",
        "consent",
        "data consent",
        "gdpr consent",
        "consentimento",
        "consentement",
        "rgpd",
    ),
    "consent_date": (
        "fecha de consentimiento",
        "fecha del consentimiento",
        "fecha de autorizacion",
        "consent date",
        "data do consentimento",
        "date du consentement",
    ),
    "consent_source": (
        "fuente del consentimiento",
        "origen del consentimiento",
        "consent source",
        "fonte do consentimento",
        "source du consentement",
    ),
    "notes": (
        "notas",
        "observaciones",
        "comentarios",
        "descripcion",
        "description",
        "notes",
        "comments",
        "remarks",
        "observacoes",
        "comentarios",
        "descricao",
        "remarques",
        "commentaires",
    ),
}
RELATION_HEADERS: dict[str, tuple[str, ...]] = {
    "source": ("origen", "actor origen", "desde", "de", "fuente", "from", "source", "origem", "source", "vertex 1"),
    "target": (
        "destino",
        "actor destino",
        "hacia",
        "a",
        "para",
        "to",
        "target",
        "destination",
        "cible",
        "vers",
        "vertex 2",
    ),
    "type": (
        "tipo de relacion",
        "tipo de vinculo",
        "tipo de relacionamiento",
        "relacion",
        "tipo",
        "type",
        "relation type",
        "connection type",
        "relationship",
        "relationship type",
        "tipo de relacao",
        "relacao",
        "type de relation",
        "relation",
    ),
    "strength": (
        "fuerza",
        "intensidad",
        "peso",
        "fuerza de la relacion",
        "strength",
        "weight",
        "forca",
        "intensidade",
        "force",
        "intensite",
        "poids",
    ),
    "directed": (
        "dirigida",
        "direccion",
        "sentido",
        "directed",
        "direction",
        "directional",
        "direcional",
        "dirigee",
        "sens",
    ),
    "description": (
        "descripcion",
        "notas",
        "observaciones",
        "description",
        "notes",
        "descricao",
        "observacoes",
        "remarques",
    ),
}
# attendance lists and contribution sheets: who (organisation, person) and what (status, text...)
ORGANISATION_WORDS = (
    "organizacion",
    "entidad",
    "institucion",
    "empresa",
    "organizacion o entidad",
    "entidad u organizacion",
    "nombre de la entidad",
    "nombre de la organizacion",
    "actor",
    "organisation",
    "organization",
    "institution",
    "company",
    "organizacao",
    "entidade",
    "instituicao",
    "empresa",
    "organisme",
    "structure",
    "entreprise",
)
PERSON_WORDS = (
    "nombre",
    "nombres",
    "nombre completo",
    "nombre y apellidos",
    "nombres y apellidos",
    "asistente",
    "participante",
    "persona",
    "name",
    "full name",
    "attendee",
    "participant",
    "person",
    "nome",
    "nome completo",
    "participante",
    "nom",
    "nom et prenom",
    "prenom et nom",
    "nom complet",
)
PARTICIPANT_HEADERS: dict[str, tuple[str, ...]] = {
    "organisation": ORGANISATION_WORDS,
    "person": PERSON_WORDS,
    "acronym": ACTOR_HEADERS["acronym"],
    "sector": ACTOR_HEADERS["sector"],
    "scale": ACTOR_HEADERS["scale"],
    "contact_role": ACTOR_HEADERS["contact_role"],
    "email": ACTOR_HEADERS["email"],
    "phone": ACTOR_HEADERS["phone"],
    "status": (
        "estado",
        "estado de la invitacion",
        "invitacion",
        "status",
        "invitation status",
        "situacao",
        "estado do convite",
        "statut",
        "statut de l invitation",
    ),
    "attended": (
        "asistio",
        "asistencia",
        "presente",
        "asistio si no",
        "attended",
        "attendance",
        "present",
        "compareceu",
        "presenca",
        "presente",
        "presence",
        "a participe",
    ),
    "date": ("fecha", "fecha de asistencia", "dia", "date", "data", "jour"),
    "notes": (
        "notas",
        "observaciones",
        "comentarios",
        "notes",
        "comments",
        "remarks",
        "observacoes",
        "remarques",
        "commentaires",
    ),
    "ignore": (
        "firma",
        "signature",
        "assinatura",
        "no",
        "n",
        "numero",
        "#",
        "marca temporal",
        "timestamp",
        "carimbo de data hora",
        "horodateur",
        "autoriza datos",
        "autoriza tratamiento de datos",
    ),
}
CONTRIBUTION_HEADERS: dict[str, tuple[str, ...]] = {
    "organisation": ORGANISATION_WORDS,
    "person": PERSON_WORDS,
    "acronym": ACTOR_HEADERS["acronym"],
    "email": ACTOR_HEADERS["email"],
    "theme": (
        "tema",
        "temas",
        "eje",
        "eje tematico",
        "theme",
        "topic",
        "subject",
        "eixo",
        "eixo tematico",
        "assunto",
        "thematique",
        "sujet",
    ),
    "type": (
        "tipo",
        "tipo de aporte",
        "tipo de contribucion",
        "clase de aporte",
        "type",
        "contribution type",
        "kind of input",
        "tipo de contribuicao",
        "type de contribution",
    ),
    "text": (
        "aporte",
        "aportes",
        "contribucion",
        "texto",
        "texto del aporte",
        "intervencion",
        "idea",
        "comentario",
        "contribution",
        "text",
        "comment",
        "input",
        "statement",
        "contribuicao",
        "texto da contribuicao",
        "texte",
        "commentaire",
        "intervention",
    ),
    "priority": ("prioridad", "priority", "prioridade", "priorite"),
    "due_on": (
        "plazo",
        "fecha limite",
        "fecha de cumplimiento",
        "fecha compromiso",
        "fecha del compromiso",
        "due date",
        "deadline",
        "by when",
        "prazo",
        "data limite",
        "echeance",
        "date limite",
    ),
    "response": ("respuesta", "respuesta del equipo", "response", "answer", "reply", "resposta", "reponse"),
    "ignore": (
        "marca temporal",
        "timestamp",
        "fecha",
        "date",
        "hora",
        "carimbo de data hora",
        "horodateur",
        "firma",
        "signature",
        "no",
        "numero",
        "#",
        "telefono",
        "phone",
        "celular",
    ),
}
# a campaign's activities and its KPI measurements, brought from a plan or a monitoring sheet
ACTIVITY_HEADERS: dict[str, tuple[str, ...]] = {
    "title": (
        "actividad",
        "actividades",
        "titulo",
        "nombre de la actividad",
        "accion",
        "tarea",
        "activity",
        "activities",
        "title",
        "task",
        "action",
        "atividade",
        "tarefa",
        "acao",
        "activite",
        "titre",
        "tache",
    ),
    "channel": (
        "canal",
        "canales",
        "medio",
        "canal de difusion",
        "channel",
        "medium",
        "meio",
        "canal de comunicacao",
        "canal de diffusion",
        "support",
    ),
    "due_on": (
        "fecha",
        "fecha prevista",
        "fecha de realizacion",
        "fecha programada",
        "fecha de la actividad",
        "fecha actividad",
        "activity date",
        "date de l activite",
        "data da atividade",
        "dia",
        "date",
        "due date",
        "scheduled",
        "scheduled on",
        "when",
        "data",
        "data prevista",
        "echeance",
        "date prevue",
    ),
    "owner": (
        "responsable",
        "encargado",
        "encargada",
        "a cargo",
        "owner",
        "responsible",
        "lead",
        "in charge",
        "responsavel",
        "encarregado",
        "porteur",
    ),
    "status": (
        "estado",
        "situacion",
        "avance",
        "status",
        "state",
        "progress",
        "situacao",
        "statut",
        "etat",
        "avancement",
    ),
    "cost": (
        "costo",
        "coste",
        "valor",
        "presupuesto",
        "monto",
        "costo de la actividad",
        "costo actividad",
        "cost",
        "amount",
        "budget",
        "activity cost",
        "custo",
        "orcamento",
        "custo da atividade",
        "cout",
        "montant",
        "cout de l activite",
    ),
    "notes": (
        "notas",
        "observaciones",
        "comentarios",
        "notes",
        "comments",
        "remarks",
        "observacoes",
        "remarques",
        "commentaires",
    ),
    "ignore": ("no", "n", "numero", "#", "item"),
}
MEASUREMENT_HEADERS: dict[str, tuple[str, ...]] = {
    "kpi": (
        "indicador",
        "indicadores",
        "kpi",
        "nombre del indicador",
        "indicator",
        "metric",
        "measure",
        "metrica",
        "indicateur",
        "mesure",
    ),
    "measured_on": (
        "fecha",
        "fecha de medicion",
        "fecha de corte",
        "corte",
        "periodo",
        "mes",
        "date",
        "measured on",
        "period",
        "as of",
        "month",
        "data",
        "data da medicao",
        "mes",
        "date de mesure",
        "periode",
        "mois",
    ),
    "value": (
        "valor",
        "resultado",
        "medicion",
        "cantidad",
        "total",
        "value",
        "result",
        "measurement",
        "count",
        "quantidade",
        "valeur",
        "resultat",
        "quantite",
    ),
    "notes": (
        "fuente",
        "fuente de verificacion",
        "notas",
        "observaciones",
        "source",
        "notes",
        "comments",
        "fonte",
        "observacoes",
        "remarques",
    ),
    "ignore": (
        "no",
        "n",
        "numero",
        "#",
        "unidad",
        "unit",
        "unidade",
        "unite",
        "meta",
        "target",
        "objetivo",
        "objectif",
        "linea base",
        "baseline",
        "campana",
        "campaign",
        "campanha",
        "campagne",
    ),
}
HEADER_TABLES = {
    "actors": ACTOR_HEADERS,
    "relations": RELATION_HEADERS,
    "participants": PARTICIPANT_HEADERS,
    "contributions": CONTRIBUTION_HEADERS,
    "activities": ACTIVITY_HEADERS,
    "kpi_measurements": MEASUREMENT_HEADERS,
}
INSTRUCTION_WORDS = (
    "instrucciones",
    "instruccion",
    "leeme",
    "lea esto",
    "notas",
    "ayuda",
    "instructions",
    "readme",
    "read me",
    "notes",
    "help",
    "about",
    "instrucoes",
    "leia me",
    "ajuda",
    "mode d emploi",
    "lisez moi",
    "aide",
    "_lists",
    "listas",
    "lists",
    "listes",
    "legend",
    "leyenda",
)
ACTOR_SHEETS = (
    "actores",
    "actors",
    "elements",
    "nodes",
    "nodos",
    "atores",
    "acteurs",
    "entidades",
    "stakeholders",
    "organizaciones",
    "mapa de actores",
)
RELATION_SHEETS = (
    "relaciones",
    "relations",
    "connections",
    "conexiones",
    "vinculos",
    "relacoes",
    "connexions",
    "relationships",
)
HEADER_SCAN_ROWS = 30


@dataclass
class ColumnMap:
    index: int
    header: str
    field: str | None  # a field key, "custom" (keep as a custom field) or None (ignore)


@dataclass
class SheetLayout:
    name: str
    role: str  # "actors", "relations" or "skip"
    header_row: int  # 0-based index into the sheet's rows
    columns: list[ColumnMap] = field(default_factory=list)
    header_depth: int = 1  # rows the header takes (2 when a second row completes the first)
    notes: list[tuple[str, dict[str, object]]] = field(default_factory=list)  # (message key, details)

    @property
    def first_data_row(self) -> int:
        return self.header_row + self.header_depth

    def field_of(self) -> dict[str, int]:
        return {c.field: c.index for c in self.columns if c.field and c.field != "custom"}


@dataclass
class WorkbookLayout:
    format: str  # template, kumu, onodo, backup, generic
    sheets: list[SheetLayout]


@cache
def _lookup(role: str) -> dict[str, str]:
    headers = HEADER_TABLES[role]
    index: dict[str, str] = {}
    for field_name, words in headers.items():
        for word in words:
            index.setdefault(fold(word), field_name)
        index.setdefault(fold(field_name.replace("_", " ")), field_name)
        index.setdefault(fold(field_name), field_name)
    return index


class _Phrases(NamedTuple):
    """The phrases a header may contain, built once per role: folded phrase of 4 characters or
    more -> (its place in :func:`_lookup`, field), and the most words any of them has."""

    fields: dict[str, tuple[int, str]]
    longest: int


@cache
def _phrases(role: str) -> _Phrases:
    fields = {phrase: (rank, name) for rank, (phrase, name) in enumerate(_lookup(role).items()) if len(phrase) >= 4}
    return _Phrases(fields, max((phrase.count(" ") + 1 for phrase in fields), default=0))


def header_field(header: object, role: str) -> str | None:
    """The field a header names, by exact words first, then by the longest phrase it contains
    (on a tie, the phrase listed first).

    Each run of up to ``longest`` consecutive words of the header is looked up in a dict, so a
    header costs the same however many phrases are known, and a sheet's columns cost one each.

    >>> header_field("Nível de influência", "actors"), header_field("Niveau d'intérêt", "actors")
    ('influence', 'interest')
    >>> header_field("Organisation / Department", "actors"), header_field("Nombre de la entidad *", "actors")
    ('name', 'name')
    """
    folded = fold(header)
    if not folded:
        return None
    role = role if role in HEADER_TABLES else "relations"
    index = _lookup(role)
    if folded in index:
        return index[folded]
    phrases = _phrases(role)
    words = folded.split(" ")
    best: tuple[int, int, str] | None = None  # (length, -rank, field): longest, then listed first
    for start in range(len(words)):
        for end in range(start + 1, min(start + phrases.longest, len(words)) + 1):
            phrase = " ".join(words[start:end])
            if (found := phrases.fields.get(phrase)) is not None:
                candidate = (len(phrase), -found[0], found[1])
                best = max(best, candidate) if best else candidate
    return best[2] if best else None


def map_columns(headers: list[object], role: str) -> list[ColumnMap]:
    """Map every header to a field; each field once; unknown headers kept as custom fields."""
    taken: set[str] = set()
    columns = []
    for index, header in enumerate(headers):
        label = "" if header is None else str(header).strip()
        field_name = header_field(label, role) if label else None
        if field_name in taken:
            field_name = None
        if field_name:
            taken.add(field_name)
        columns.append(ColumnMap(index, label or column_letter(index), field_name or ("custom" if label else None)))
    if role == "actors":
        salience_power(columns)
    return columns


SALIENCE_POWER_WORDS = frozenset(("poder", "power", "pouvoir"))


def salience_power(columns: list[ColumnMap]) -> None:
    """Beside a legitimacy or urgency column, a column headed "Poder" (Power, Pouvoir) is the
    actor's salience power, not its influence (issue 20).

    >>> columns = map_columns(["Nombre", "Poder", "Legitimidad", "Urgencia"], "actors")
    >>> [c.field for c in columns]
    ['name', 'salience_power', 'salience_legitimacy', 'salience_urgency']
    >>> [c.field for c in map_columns(["Nombre", "Poder"], "actors")]
    ['name', 'influence']
    """
    fields = {c.field for c in columns}
    if not fields & {"salience_legitimacy", "salience_urgency"} or "salience_power" in fields:
        return
    for column in columns:
        if fold(column.header) in SALIENCE_POWER_WORDS and column.field in ("influence", "custom"):
            column.field = "salience_power"
            return


def column_letter(index: int) -> str:
    """The letter Excel shows above a 0-based column.

    >>> column_letter(0), column_letter(27)
    ('A', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class HeaderPreview(NamedTuple):
    """The rows the wizard shows under a chosen header row: cells as text, one list per row."""

    letters: list[str]  # the spreadsheet's column letters
    numbers: list[int]  # the spreadsheet's row numbers (1-based)
    cells: list[list[str]]


def header_preview(rows: list[list[object]], header_row: int, count: int = 6) -> HeaderPreview:
    """The header row (0-based) and the rows under it, ``count`` in all, padded to one width.

    >>> header_preview([["Título"], [], ["Nombre", "Sector"], ["EPM", None]], 2)
    HeaderPreview(letters=['A', 'B'], numbers=[3, 4], cells=[['Nombre', 'Sector'], ['EPM', '']])
    """
    shown = rows[header_row : header_row + count]
    width = max((len(row) for row in shown), default=0)
    return HeaderPreview(
        letters=[column_letter(i) for i in range(width)],
        numbers=[header_row + 1 + i for i in range(len(shown))],
        cells=[["" if c is None else str(c) for c in row] + [""] * (width - len(row)) for row in shown],
    )


# a header's second row completes the first: "Impacto" over "(A, M, B)", "Departamento/" over "Empresa"
CONNECTORS = frozenset(
    ("de", "del", "la", "el", "en", "en el", "y", "o", "of", "the", "and", "for", "do", "da", "dos", "das", "e", "em")
)
CONNECTOR_ENDINGS = ("/", "-", "(", ",")
# when no header names the actor, these name the organisation (an institution column)
NAME_SECOND_WORDS = frozenset(("fuente", "fonte", "source", "origen", "origem", "institution"))
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_CODE = re.compile(r"^[\w./-]*\d[\w./-]*$")  # no space and a digit: an ID, a tax number, a postcode
_NUMBER = re.compile(r"^[\s+\-$€%.,\d/()]+$")


def _kind(value: object) -> str | None:
    """A cell's kind for comparing rows: None (blank), "number", "date" or "text"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return "date"
    return "number" if _NUMBER.match(str(value)) else "text"


def _alike(above: list[object], row: list[object]) -> bool:
    """Two rows of one table: most columns filled in both, with cells of the same kind."""
    kinds_above, kinds = [_kind(c) for c in above], [_kind(c) for c in row]
    width = max(len(kinds_above), len(kinds))
    kinds_above += [None] * (width - len(kinds_above))
    kinds += [None] * (width - len(kinds))
    filled = [i for i in range(width) if kinds_above[i] or kinds[i]]
    if sum(1 for k in kinds if k) < 2 or sum(1 for k in kinds_above if k) < 2:
        return False
    same = sum(1 for i in filled if kinds_above[i] == kinds[i])
    return same >= 0.7 * len(filled)


def _unlike_below(rows: list[list[object]], position: int) -> float:
    """How much a row differs from the rows under it, as a header does: text over numbers or
    dates counts for it, a cell repeated below (a state, a category) against it."""
    below = [row for row in rows[position + 1 : position + 6] if any(_kind(c) for c in row)][:4]
    if not below:
        return -1.0  # a header has rows under it
    score = 0.0
    for index, cell in enumerate(rows[position]):
        if _kind(cell) != "text":
            continue
        under = [row[index] for row in below if index < len(row) and _kind(row[index])]
        if under and all(_kind(c) in ("number", "date") for c in under):
            score += 0.3
        folded = fold(cell)
        if any(fold(c) == folded for c in under):
            score -= 0.5
    return score


def find_header_row(rows: list[list[object]], role: str) -> int:
    """The row that names the columns, even below titles, merged cells and blank rows.

    A header matches header words and looks unlike the rows below it; a row that looks like the
    row right above it is a data row, whatever words its cells hold ("TO", "Fundación para...").
    """
    best_row, best_score = 0, float("-inf")
    for position, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cells = [c for c in row if c is not None and str(c).strip()]
        if not cells:
            continue
        texts = [c for c in cells if isinstance(c, str) and not str(c).strip().replace(".", "").isdigit()]
        known = {header_field(c, role) for c in texts} - {None}
        score = len(known) * 2 + len(texts) * 0.2 - (len(cells) - len(texts)) * 0.5
        if len(cells) == 1 and not known:
            score -= 1  # a title row
        score += _unlike_below(rows, position)
        if position and _alike(rows[position - 1], row):
            score -= 3  # the row above is of the same table: this one is data
        if score > best_score:
            best_row, best_score = position, score
    return best_row


def _continues(upper: list[object], lower: list[object], after: list[object] | None) -> bool:
    """Whether ``lower`` is the second row of a header that starts on ``upper``."""
    filled = [(i, c) for i, c in enumerate(lower) if _kind(c)]
    if len(filled) < 2 or after is None or any(not isinstance(c, str) or len(c) > 40 for _, c in filled):
        return False
    joined = 0
    for index, cell in filled:
        over = upper[index] if index < len(upper) else None
        over_text = str(over).strip() if _kind(over) == "text" else ""
        last_word = fold(over_text).rsplit(" ", 1)[-1] if over_text else ""
        ends = over_text.endswith(CONNECTOR_ENDINGS) or last_word in CONNECTORS
        if cell.strip().startswith("(") or (over_text and ends):
            joined += 1
    return joined * 2 >= len(filled)


def _combined(upper: list[object], lower: list[object]) -> list[object]:
    """One header per column from two rows: "Impacto" and "(A, M, B)" make "Impacto (A, M, B)"."""
    width = max(len(upper), len(lower))
    headers: list[object] = []
    for index in range(width):
        parts = [str(row[index]).strip() for row in (upper, lower) if index < len(row) and _kind(row[index])]
        headers.append(" ".join(parts) or None)
    return headers


def _name_likeness(values: list[object]) -> tuple[float, float]:
    """(share of values that read like names, share of distinct values) of a column."""
    if not values:
        return 0.0, 0.0
    names = 0
    for value in values:
        text = str(value).strip()
        if (
            _kind(value) == "text"
            and len(text) >= 3
            and any(ch.isalpha() for ch in text)
            and not _EMAIL.match(text)
            and not _CODE.match(text)
        ):
            names += 1
    return names / len(values), len({fold(v) for v in values}) / len(values)


def _choose_name(layout: SheetLayout, rows: list[list[object]]) -> None:
    """When no header says "name": an institution column ("Fuente"), else the column whose values
    are mostly distinct text that reads like names; the choice is noted for the person."""
    if any(c.field == "name" for c in layout.columns):
        return
    free = [c for c in layout.columns if c.field in ("custom", None)]
    chosen = next((c for c in free if fold(c.header) in NAME_SECOND_WORDS), None)
    if chosen is None:
        data = [row for row in rows[layout.first_data_row : layout.first_data_row + 200] if any(_kind(c) for c in row)]
        best = 0.0
        for column in free:
            values = [row[column.index] for row in data if column.index < len(row) and _kind(row[column.index])]
            if len(values) * 2 < len(data):
                continue  # mostly empty
            reads, distinct = _name_likeness(values)
            score = reads * distinct * len(values) / len(data)
            if reads >= 0.6 and distinct >= 0.5 and score > best:
                chosen, best = column, score
    if chosen is not None:
        chosen.field = "name"
        layout.notes.append(("import.report.name_chosen", {"column": chosen.header}))


def sheet_layout(name: str, role: str, rows: list[list[object]], header_row: int | None = None) -> SheetLayout:
    """One sheet read as ``role``: its header row (found, or the one given), a second header
    row when there is one, each column's field, and the name column when no header says so."""
    if header_row is None:
        header_row = find_header_row(rows, "relations" if role == "relations" else "actors") if rows else 0
    if role == "skip" or not rows:
        return SheetLayout(name, "skip", header_row)
    below = rows[header_row + 1] if header_row + 1 < len(rows) else []
    after = rows[header_row + 2] if header_row + 2 < len(rows) else None
    depth = 2 if _continues(rows[header_row], below, after) else 1
    headers = _combined(rows[header_row], below) if depth == 2 else rows[header_row]
    layout = SheetLayout(name, role, header_row, map_columns(headers, role), depth)
    if depth == 2:
        layout.notes.append(("import.report.two_row_header", {"first": header_row + 1, "second": header_row + 2}))
    if role == "actors":
        _choose_name(layout, rows)
        stance_column(layout.columns, rows, layout.first_data_row)
    return layout


def sheet_role(name: str, rows: list[list[object]]) -> str:
    folded = fold(name)
    if folded in RELATION_SHEETS:
        return "relations"
    if folded in ACTOR_SHEETS:
        return "actors"
    if _skip_reason(name, rows) is not None:
        return "skip"
    header = rows[find_header_row(rows, "relations")] if rows else []
    relation_fields = {header_field(c, "relations") for c in header if isinstance(c, str)}
    if {"source", "target"} <= relation_fields:
        return "relations"
    header = rows[find_header_row(rows, "actors")]
    actor_fields = {header_field(c, "actors") for c in header if isinstance(c, str)}
    if "name" in actor_fields or len(actor_fields - {None}) >= 2:
        return "actors"
    # a sheet of long sentences and no table is an instructions sheet
    return "skip"


def _skip_reason(name: str, rows: list[list[object]]) -> str | None:
    """Why a sheet is not read whatever it holds: "instructions" or "empty" (None: it may be a list)."""
    folded = fold(name)
    if folded in INSTRUCTION_WORDS or folded.startswith("(ignore)") or name.strip().lower().endswith("(ignore)"):
        return "instructions"
    if not any(any(c is not None for c in row) for row in rows):
        return "empty"
    return None


def detect_format(sheet_names: list[str]) -> str:
    folded = {fold(n) for n in sheet_names}
    if {"workspace", "actors", "relations"} <= folded:
        return "backup"
    if "lists" in folded and any(n == "_lists" for n in sheet_names):
        return "template"
    if "elements" in folded:
        return "kumu"
    if folded & {"nodes", "nodos"}:
        return "onodo"
    return "generic"


def _shape(row: list[object]) -> tuple[str, ...]:
    return tuple(fold(c) for c in row if _kind(c))


def _same_shape(layouts: list[SheetLayout], sheets: list[tuple[str, list[list[object]]]]) -> None:
    """A skipped sheet whose header is an actor sheet's header is read like it (monthly sheets)."""
    shapes = {_shape(rows[s.header_row]) for s, (_, rows) in zip(layouts, sheets, strict=True) if s.role == "actors"}
    shapes.discard(())
    for position, (layout, (name, rows)) in enumerate(zip(layouts, sheets, strict=True)):
        if layout.role != "skip" or _skip_reason(name, rows) is not None:
            continue
        found = next((i for i, row in enumerate(rows[:HEADER_SCAN_ROWS]) if _shape(row) in shapes), None)
        if found is not None:
            layouts[position] = sheet_layout(name, "actors", rows, found)


def inspect_sheets(sheets: list[tuple[str, list[list[object]]]]) -> WorkbookLayout:
    """Guess the format, each sheet's role, header row and column mapping; a sheet left out is
    noted with the reason."""
    layouts = []
    workbook_format = detect_format([name for name, _ in sheets])
    for name, rows in sheets:
        if workbook_format == "backup":  # our own backup: sheets are known by name
            role = {"actors": "actors", "relations": "relations"}.get(name.strip().lower(), "skip")
        else:
            role = sheet_role(name, rows)
        layouts.append(sheet_layout(name, role, rows))
    if workbook_format == "backup":
        return WorkbookLayout(format=workbook_format, sheets=layouts)
    _same_shape(layouts, sheets)
    if not any(s.role == "actors" for s in layouts):
        # a single list with unusual headers: take the first non-empty sheet as the actor list
        for position, (layout, (name, rows)) in enumerate(zip(layouts, sheets, strict=True)):
            if rows and layout.role == "skip" and _skip_reason(name, rows) is None:
                layouts[position] = sheet_layout(name, "actors", rows, layout.header_row)
                break
    if workbook_format != "template":
        for layout, (name, rows) in zip(layouts, sheets, strict=True):
            if layout.role == "skip":
                reason = _skip_reason(name, rows) or "no_table"
                layout.notes.append((f"import.report.sheet_skipped.{reason}", {"sheet": name}))
    return WorkbookLayout(format=network_format(workbook_format, layouts), sheets=layouts)


def network_format(workbook_format: str, layouts: list[SheetLayout]) -> str:
    """The network formats among the workbooks: a GEXF, GraphML or Kumu JSON read as sheets
    (:mod:`toolkit.graphs`), a NodeXL workbook (its Edges and Vertices only, without the columns
    NodeXL draws with), an edge list (a first table of sources and targets); else ``workbook_format``."""
    names = {fold(layout.name) for layout in layouts}
    found = {sheet_format(layout.name) for layout in layouts} - {None}
    if found:
        return found.pop()
    if workbook_format == "generic" and set(NODEXL_SHEETS) <= names:
        for layout in layouts:
            layout.role = NODEXL_SHEETS.get(fold(layout.name), "skip")
            for column in layout.columns:
                if fold(column.header) in NODEXL_DRAWN or column.header.strip().lower() in NODEXL_DRAWN:
                    column.field = None
        return "nodexl"
    tables = [layout for layout in layouts if layout.role != "skip"]
    if workbook_format == "generic" and tables and tables[0].role == "relations":
        return "edge_list"
    return workbook_format
