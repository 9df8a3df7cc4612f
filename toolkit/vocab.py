"""Controlled vocabularies: default keys and the words people use for them.

Labels shown on screen come from the catalogs (``vocab.<name>.<key>``); the synonyms
here are what an imported spreadsheet may say instead, in Spanish, English,
Portuguese and French. Matching ignores case, accents, punctuation and spacing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# name of vocabulary -> {key: synonyms}
DEFAULTS: dict[str, dict[str, tuple[str, ...]]] = {
    "sectors": {
        "local_government": (
            "gobierno local",
            "alcaldia",
            "municipio",
            "ayuntamiento",
            "administracion municipal",
            "local government",
            "municipality",
            "city hall",
            "governo local",
            "prefeitura",
            "municipalite",
            "collectivite locale",
            "mairie",
            "gouvernement local",
        ),
        "regional_government": (
            "gobierno regional",
            "gobernacion",
            "departamento",
            "gobierno departamental",
            "regional government",
            "governo regional",
            "governo estadual",
            "gouvernement regional",
            "region",
            "conseil regional",
            "departement",
        ),
        "national_government": (
            "gobierno nacional",
            "ministerio",
            "gobierno central",
            "national government",
            "ministry",
            "central government",
            "governo nacional",
            "governo federal",
            "ministerio federal",
            "gouvernement national",
            "ministere",
            "etat",
        ),
        "international_organisation": (
            "organismo internacional",
            "organizacion internacional",
            "multilateral",
            "organismo multilateral",
            "international organisation",
            "international organization",
            "organizacao internacional",
            "organisation internationale",
            "io",
            "oi",
        ),
        "cooperation_agency": (
            "agencia de cooperacion",
            "cooperacion internacional",
            "cooperacion bilateral",
            "cooperation agency",
            "development agency",
            "agencia de cooperacao",
            "agence de cooperation",
            "agence de developpement",
        ),
        "city_network": (
            "red de ciudades",
            "red de gobiernos locales",
            "city network",
            "network of cities",
            "rede de cidades",
            "reseau de villes",
            "reseau de collectivites",
        ),
        "foreign_government": (
            "gobierno extranjero",
            "embajada",
            "consulado",
            "foreign government",
            "embassy",
            "consulate",
            "governo estrangeiro",
            "embaixada",
            "consulado geral",
            "gouvernement etranger",
            "ambassade",
            "consulat",
        ),
        "private_sector": (
            "sector privado",
            "empresa",
            "empresa privada",
            "privado",
            "private sector",
            "company",
            "business",
            "private",
            "setor privado",
            "empresa privada",
            "secteur prive",
            "entreprise",
            "prive",
        ),
        "business_association": (
            "gremio",
            "camara de comercio",
            "asociacion empresarial",
            "gremios",
            "business association",
            "chamber of commerce",
            "trade association",
            "associacao empresarial",
            "camara de comercio",
            "federacao",
            "association professionnelle",
            "chambre de commerce",
            "federation patronale",
        ),
        "academia": (
            "academia",
            "universidad",
            "universidades",
            "centro de investigacion",
            "academico",
            "university",
            "research centre",
            "research center",
            "academic",
            "universidade",
            "academia e pesquisa",
            "universite",
            "recherche",
            "academique",
        ),
        "civil_society": (
            "sociedad civil",
            "ong",
            "ongs",
            "fundacion",
            "civil society",
            "ngo",
            "ngos",
            "non governmental organisation",
            "foundation",
            "sociedade civil",
            "fundacao",
            "societe civile",
            "association",
            "fondation",
        ),
        "community_organisation": (
            "organizacion comunitaria",
            "junta de accion comunal",
            "jac",
            "comunitaria",
            "organizacion de base",
            "community organisation",
            "community organization",
            "grassroots",
            "organizacao comunitaria",
            "associacao de moradores",
            "organisation communautaire",
            "association de quartier",
        ),
        "media": (
            "medios",
            "medio de comunicacion",
            "medios de comunicacion",
            "prensa",
            "media",
            "press",
            "news",
            "midia",
            "imprensa",
            "meios de comunicacao",
            "medias",
            "presse",
        ),
        "diaspora": (
            "diaspora",
            "migrantes",
            "colonia",
            "comunidad en el exterior",
            "diaspora organisation",
            "diaspora",
        ),
        "citizens": (
            "ciudadania",
            "ciudadanos",
            "poblacion",
            "citizens",
            "citizenry",
            "public",
            "cidadaos",
            "cidadania",
            "citoyens",
            "grand public",
        ),
        "other": ("otro", "otros", "otra", "other", "others", "outro", "outros", "autre", "autres"),
    },
    "scales": {
        "local": ("local", "municipal", "ciudad", "city", "cidade", "ville", "communal", "locale", "municipale"),
        "metropolitan": (
            "metropolitano",
            "metropolitana",
            "area metropolitana",
            "metropolitan",
            "metropolitain",
            "metropole",
            "metropolitaine",
        ),
        "regional": (
            "regional",
            "departamental",
            "provincial",
            "estadual",
            "region",
            "departement",
            "regionale",
            "departementale",
        ),
        "national": ("nacional", "national", "pais", "country", "nationale", "federal"),
        "international": (
            "internacional",
            "international",
            "global",
            "mundial",
            "multilateral",
            "extranjero",
            "exterior",
            "abroad",
            "internationale",
        ),
    },
    "stances": {
        "opponent": (
            "opositor",
            "opositora",
            "oponente",
            "en contra",
            "contrario",
            "muy desfavorable",
            "opponent",
            "opposed",
            "against",
            "hostile",
            "opositor",
            "contra",
            "opposant",
            "oppose",
            "hostile",
            "-2",
        ),
        "reluctant": (
            "reticente",
            "desfavorable",
            "esceptico",
            "renuente",
            "reluctant",
            "unfavourable",
            "unfavorable",
            "sceptical",
            "skeptical",
            "relutante",
            "desfavoravel",
            "cetico",
            "reticent",
            "defavorable",
            "sceptique",
            "-1",
        ),
        "neutral": ("neutral", "neutro", "indiferente", "indeciso", "neutral", "undecided", "neutre", "indecis", "0"),
        "favourable": (
            "favorable",
            "a favor",
            "simpatizante",
            "favourable",
            "favorable",
            "supportive",
            "supporter",
            "favoravel",
            "apoiador",
            "favorable",
            "sympathisant",
            "1",
            "+1",
        ),
        "ally": (
            "aliado",
            "aliada",
            "aliado estrategico",
            "socio",
            "muy favorable",
            "ally",
            "strong supporter",
            "champion",
            "partner",
            "aliado",
            "parceiro",
            "allie",
            "allié",
            "partenaire",
            "2",
            "+2",
        ),
    },
    "relation_types": {
        "cooperation": (
            "cooperacion",
            "colaboracion",
            "cooperation",
            "collaboration",
            "cooperacao",
            "colaboracao",
            "cooperation",
            "collaboration",
        ),
        "funding": (
            "financiacion",
            "financiamiento",
            "financia",
            "donacion",
            "funding",
            "finance",
            "grant",
            "financiamento",
            "financement",
            "subvention",
        ),
        "coordination": ("coordinacion", "coordination", "coordenacao", "articulacion", "articulacao"),
        "information": (
            "informacion",
            "intercambio de informacion",
            "comunicacion",
            "information",
            "information exchange",
            "informacao",
            "echange d information",
        ),
        "membership": (
            "membresia",
            "miembro",
            "afiliacion",
            "pertenencia",
            "membership",
            "member",
            "associada",
            "membro",
            "adhesion",
            "membre",
        ),
        "hierarchy": (
            "jerarquia",
            "dependencia",
            "adscrito",
            "subordinacion",
            "hierarchy",
            "reports to",
            "hierarquia",
            "subordinacao",
            "hierarchie",
            "tutelle",
        ),
        "alliance": (
            "alianza",
            "convenio",
            "acuerdo",
            "hermanamiento",
            "alliance",
            "agreement",
            "partnership",
            "twinning",
            "alianca",
            "acordo",
            "parceria",
            "geminacao",
            "partenariat",
            "jumelage",
        ),
        "conflict": (
            "conflicto",
            "tension",
            "disputa",
            "conflict",
            "tension",
            "dispute",
            "conflito",
            "tensao",
            "conflit",
        ),
    },
    "instruments": {
        "survey": ("encuesta", "survey", "questionnaire", "cuestionario", "pesquisa", "inquerito", "enquete"),
        "interview": ("entrevista", "interview", "entretien"),
        "focus_group": ("grupo focal", "focus group", "grupo de foco", "groupe de discussion"),
        "workshop": ("taller", "workshop", "oficina", "atelier"),
        "round_table": ("mesa redonda", "mesa de trabajo", "round table", "roundtable", "table ronde"),
        "public_forum": (
            "foro publico",
            "foro",
            "cabildo abierto",
            "public forum",
            "forum",
            "audiencia publica",
            "audiencia publica",
            "forum public",
        ),
        "online_consultation": (
            "consulta en linea",
            "consulta virtual",
            "online consultation",
            "consulta online",
            "consultation en ligne",
        ),
        "dialogue_cafe": (
            "cafe del mundo",
            "cafe de dialogo",
            "world cafe",
            "dialogue cafe",
            "cafe dialogo",
            "cafe citoyen",
        ),
        "expert_panel": (
            "panel de expertos",
            "comite de expertos",
            "expert panel",
            "painel de especialistas",
            "panel d experts",
        ),
    },
    "channels": {
        "social_media": (
            "redes sociales",
            "social media",
            "redes",
            "facebook",
            "twitter",
            "instagram",
            "linkedin",
            "midias sociais",
            "reseaux sociaux",
        ),
        "press": ("prensa", "press", "periodicos", "imprensa", "jornal", "presse", "journaux"),
        "radio": ("radio", "emisora", "radio"),
        "tv": ("television", "tv", "televisao", "tele"),
        "website": ("sitio web", "pagina web", "web", "website", "site", "portal", "site web"),
        "newsletter": ("boletin", "newsletter", "boletim", "lettre d information"),
        "email": ("correo", "correo electronico", "email", "e mail", "mail", "courriel"),
        "events": ("eventos", "evento", "events", "event", "eventos", "evenements"),
        "bilateral_meetings": (
            "reuniones bilaterales",
            "reunion bilateral",
            "bilateral meetings",
            "reunioes bilaterais",
            "reunions bilaterales",
        ),
        "print": ("impresos", "material impreso", "folletos", "print", "printed material", "impressos", "imprimes"),
        "messaging_apps": ("whatsapp", "telegram", "mensajeria", "messaging apps", "mensageria", "messagerie"),
        "community_meetings": (
            "reuniones comunitarias",
            "asambleas",
            "community meetings",
            "reunioes comunitarias",
            "reunions de quartier",
        ),
    },
    # the stages of the Medellín method, in order: the roadmap's milestones are grouped in these
    "phases": {
        "diagnosis": (
            "diagnostico",
            "prediagnostico",
            "pre diagnostico",
            "linea base",
            "diagnosis",
            "baseline",
            "assessment",
            "diagnostico inicial",
            "diagnostic",
            "etat des lieux",
        ),
        "mapping": (
            "mapeo",
            "mapeo de actores",
            "mapa de actores",
            "mapping",
            "stakeholder mapping",
            "actor mapping",
            "mapeamento",
            "mapeamento de atores",
            "cartographie",
            "cartographie des acteurs",
        ),
        "consultation": (
            "consulta",
            "consultas",
            "consulta multiactor",
            "participacion",
            "consultation",
            "consultations",
            "multi actor consultation",
            "participation",
            "consulta publica",
            "concertation",
        ),
        "strategy": (
            "estrategia",
            "plan estrategico",
            "politica publica",
            "formulacion",
            "strategy",
            "strategic plan",
            "public policy",
            "estrategia de internacionalizacao",
            "plano estrategico",
            "strategie",
            "plan strategique",
            "politique publique",
        ),
        "dissemination": (
            "difusion",
            "campanas",
            "campana",
            "difusion e incidencia",
            "incidencia",
            "comunicacion",
            "dissemination",
            "campaigns",
            "advocacy",
            "outreach",
            "divulgacao",
            "campanhas",
            "incidencia politica",
            "diffusion",
            "campagnes",
            "plaidoyer",
        ),
        "evaluation": (
            "evaluacion",
            "seguimiento",
            "seguimiento y evaluacion",
            "monitoreo",
            "evaluation",
            "monitoring",
            "follow up",
            "avaliacao",
            "monitoramento",
            "acompanhamento",
            "suivi",
            "suivi et evaluation",
        ),
    },
}

KIND_SYNONYMS: dict[str, tuple[str, ...]] = {
    "organisation": (
        "organizacion",
        "entidad",
        "institucion",
        "organisation",
        "organization",
        "institution",
        "organizacao",
        "entidade",
        "instituicao",
        "org",
    ),
    "person": ("persona", "individuo", "person", "individual", "pessoa", "personne"),
    "network": ("red", "network", "rede", "reseau", "plataforma", "platform"),
    "group": ("grupo", "colectivo", "group", "collective", "coletivo", "groupe", "collectif"),
}

CONSENT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "yes": ("si", "sí", "yes", "y", "s", "sim", "oui", "o", "x", "true", "verdadero", "1", "ok"),
    "no": ("no", "n", "nao", "non", "false", "falso", "0"),
    "unknown": ("", "ns", "nc", "ns nc", "no sabe", "desconocido", "unknown", "?", "desconhecido", "inconnu"),
}

DIMENSION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "institutional": ("institucional", "institutional", "institutionnel", "institutionnelle"),
    "political": ("politica", "politico", "political", "politique"),
    "territorial": ("territorial", "territorio", "territory", "territoriale"),
}

VOCABULARIES = tuple(DEFAULTS)
# signs stay only in front of a digit ("-2", "+1"); "E-mail" folds like "e mail"
_NOT_WORD = re.compile(r"(?:[^a-z0-9+\-]|[+\-](?!\d))+")


def fold(text: object) -> str:
    """Lower-case, accent-free, punctuation-free form of a word, for matching.

    >>> fold("  Gobernación de ANTIOQUIA! "), fold("E-mail"), fold("-2")
    ('gobernacion de antioquia', 'e mail', '-2')
    """
    return _fold(str(text))


@lru_cache(maxsize=131_072)
def _fold(text: str) -> str:
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", text.lower()).strip()


def synonym_index(synonyms: dict[str, tuple[str, ...]], extra_labels: dict[str, str] | None = None) -> dict[str, str]:
    """Folded word -> key, including each key itself and any workspace label."""
    index: dict[str, str] = {}
    for key, words in synonyms.items():
        index[fold(key.replace("_", " "))] = key
        for word in words:
            index.setdefault(fold(word), key)
    for key, label in (extra_labels or {}).items():
        if label:
            index[fold(label)] = key
    return index


def match(index: dict[str, str], text: object) -> str | None:
    """The key a word stands for, or None when nothing matches.

    >>> match(synonym_index(DEFAULTS["stances"]), "Aliado estratégico")
    'ally'
    """
    return index.get(fold(text))


def renamed_labels(before: list[dict[str, str]], touched: list[dict[str, object]]) -> list[tuple[str, str]]:
    """The terms given a new, non-blank label in a table of ``{"key", "label"}`` rows: ``(key, label)``.

    >>> before = [{"key": "ngo", "label": "ONG"}, {"key": "media", "label": "Medios"}]
    >>> renamed_labels(before, [{"key": "ngo", "label": "Sociedad civil"}, {"key": "media", "label": " "}])
    [('ngo', 'Sociedad civil')]
    >>> renamed_labels(before, [{"key": "ngo", "label": "ONG"}, {"key": "media", "label": None}])
    []
    """
    shown = {row["key"]: row["label"] for row in before}
    return [
        (row["key"], row["label"])
        for row in touched
        if row["key"] in shown and str(row["label"] or "").strip() and row["label"] != shown[row["key"]]
    ]
