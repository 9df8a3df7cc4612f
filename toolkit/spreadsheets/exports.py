"""The workbooks people download: blank template, register, Kumu workbook, backup.

Headers and vocabulary words are in the user's language (and import back through the
same header and value recognition); the backup uses English sheet names and keys.
"""

from __future__ import annotations

import json
from datetime import date

from toolkit.domain import (
    ACTOR_COLUMNS,
    CONSULTATION_COLUMNS,
    CONTRIBUTION_COLUMNS,
    KINDS,
    PARTICIPANT_COLUMNS,
    PERSONAL_COLUMNS,
    PLACE_COLUMNS,
    STANCE_KEYS,
    Actor,
    Consultation,
    Contribution,
    Participant,
    Relation,
    Workspace,
)
from toolkit.i18n import label, t
from toolkit.spreadsheets.campaigns import backup_sheets
from toolkit.spreadsheets.engagement_backup import backup_sheets as engagement_sheets
from toolkit.spreadsheets.roadmap_backup import backup_sheets as roadmap_sheets
from toolkit.spreadsheets.writing import SheetSpec, write_csv, write_workbook

Terms = dict[str, list[tuple[str, str | None]]]
REGISTER_COLUMNS = tuple(c for c in ACTOR_COLUMNS if c != "id")
VOCAB_OF = {"sector": "sectors", "scale": "scales"}
BACKUP_ACTOR_COLUMNS = (*ACTOR_COLUMNS, "custom", *PLACE_COLUMNS)  # where each actor is (issue 19)
BACKUP_RELATION_COLUMNS = (
    "id",
    "source",
    "target",
    "type",
    "strength",
    "directed",
    "description",
    "starts_on",
    "ends_on",
    "custom",
)


def _custom_labels(terms: Terms, vocabulary: str) -> dict[str, str]:
    return {key: text for key, text in terms.get(vocabulary, []) if text}


def _labels(terms: Terms, vocabulary: str, lang: str) -> dict[str, str]:
    custom = _custom_labels(terms, vocabulary)
    return {key: label(vocabulary, key, custom, lang) for key, _ in terms.get(vocabulary, [])}


def _columns(personal: bool) -> list[str]:
    return [c for c in REGISTER_COLUMNS if personal or c not in PERSONAL_COLUMNS]


def _actor_cells(actor: Actor, columns: list[str], terms: Terms, lang: str) -> list[object]:
    sectors, scales = _labels(terms, "sectors", lang), _labels(terms, "scales", lang)
    cells: list[object] = []
    for column in columns:
        value = getattr(actor, column)
        if column == "sector":
            value = sectors.get(value, value or "")
        elif column == "scale":
            value = scales.get(value, value or "")
        elif column == "stance":
            value = "" if value is None else t(f"vocab.stances.{STANCE_KEYS[value]}", lang=lang)
        elif column == "kind":
            value = t(f"vocab.kinds.{value}", lang=lang)
        elif column == "consent":
            value = t(f"vocab.consent.{value}", lang=lang)
        elif column == "themes":
            value = " | ".join(value)
        elif column == "dimensions":
            value = " | ".join(t(f"vocab.dimensions.{d}", lang=lang) for d in value)
        cells.append(value)
    return cells


def _relation_rows(relations: list[Relation], names: dict[int, str], terms: Terms, lang: str) -> list[list]:
    types = _labels(terms, "relation_types", lang)
    yes, no = t("common.yes", lang=lang), t("common.no", lang=lang)
    return [
        [
            names.get(r.source, ""),
            names.get(r.target, ""),
            types.get(r.type, r.type),
            r.strength,
            yes if r.directed else no,
            r.description,
        ]
        for r in relations
    ]


def _relation_headers(lang: str) -> list[str]:
    return [
        t(f"columns.relation.{c}", lang=lang)
        for c in ("source", "target", "type", "strength", "directed", "description")
    ]


def register_workbook(
    actors: list[Actor], relations: list[Relation], terms: Terms, lang: str, personal: bool = True
) -> bytes:
    """The register as people read it: actors and relations sheets in the user's language."""
    columns = _columns(personal)
    names = {a.id: a.name for a in actors}
    custom_keys = sorted({k for a in actors for k in a.custom})
    actor_rows = [_actor_cells(a, columns, terms, lang) + [a.custom.get(k, "") for k in custom_keys] for a in actors]
    return write_workbook(
        [
            SheetSpec(
                t("export.sheet.actors", lang=lang),
                [t(f"columns.{c}", lang=lang) for c in columns] + custom_keys,
                actor_rows,
            ),
            SheetSpec(
                t("export.sheet.relations", lang=lang),
                _relation_headers(lang),
                _relation_rows(relations, names, terms, lang),
            ),
        ]
    )


def register_csv(actors: list[Actor], terms: Terms, lang: str, personal: bool = True) -> bytes:
    """The actors as CSV (``;`` for Spanish, Portuguese and French Excel, ``,`` for English)."""
    columns = _columns(personal)
    return write_csv(
        [t(f"columns.{c}", lang=lang) for c in columns],
        [_actor_cells(a, columns, terms, lang) for a in actors],
        separator="," if lang == "en" else ";",
    )


def template_workbook(terms: Terms, lang: str) -> bytes:
    """A blank list to fill in: dropdowns for every vocabulary column and an instructions sheet."""
    columns = list(REGISTER_COLUMNS)
    levels = ["1", "2", "3", "4", "5"]
    dropdown_values = {
        "kind": [t(f"vocab.kinds.{k}", lang=lang) for k in KINDS],
        "sector": list(_labels(terms, "sectors", lang).values()),
        "scale": list(_labels(terms, "scales", lang).values()),
        "influence": levels,
        "interest": levels,
        "stance": [t(f"vocab.stances.{STANCE_KEYS[v]}", lang=lang) for v in sorted(STANCE_KEYS)],
        "consent": [t(f"vocab.consent.{k}", lang=lang) for k in ("yes", "no", "unknown")],
        "dimensions": [t(f"vocab.dimensions.{d}", lang=lang) for d in ("institutional", "political", "territorial")],
    }
    actors_sheet = SheetSpec(
        t("export.sheet.actors", lang=lang),
        [t(f"columns.{c}", lang=lang) for c in columns],
        [],
        dropdowns={columns.index(c): values for c, values in dropdown_values.items()},
        multi_value_columns={columns.index("dimensions")},
    )
    relation_types = list(_labels(terms, "relation_types", lang).values())
    relations_sheet = SheetSpec(
        t("export.sheet.relations", lang=lang),
        _relation_headers(lang),
        [],
        dropdowns={2: relation_types, 3: ["1", "2", "3"], 4: [t("common.yes", lang=lang), t("common.no", lang=lang)]},
    )
    notes = [t(f"export.template.instructions.{n}", lang=lang) for n in range(1, 8)]
    instructions = SheetSpec(t("export.sheet.instructions", lang=lang), [], [], notes=notes)
    return write_workbook([instructions, actors_sheet, relations_sheet])


def kumu_workbook(actors: list[Actor], relations: list[Relation], terms: Terms, lang: str) -> bytes:
    """Kumu's import layout (Elements, Connections); no personal data, since maps get published."""
    sectors, scales = _labels(terms, "sectors", lang), _labels(terms, "scales", lang)
    types = _labels(terms, "relation_types", lang)
    names = {a.id: a.name for a in actors}
    elements = [
        [
            a.name,
            sectors.get(a.sector, ""),
            a.notes,
            " | ".join(a.themes),
            scales.get(a.scale, ""),
            "" if a.stance is None else t(f"vocab.stances.{STANCE_KEYS[a.stance]}", lang=lang),
            a.influence,
            a.interest,
            a.country,
            a.city,
        ]
        for a in actors
    ]
    connections = [
        [
            names.get(r.source, ""),
            names.get(r.target, ""),
            types.get(r.type, r.type),
            "directed" if r.directed else "undirected",
            r.strength,
            r.description,
        ]
        for r in relations
    ]
    return write_workbook(
        [
            SheetSpec(
                "Elements",
                [
                    "Label",
                    "Type",
                    "Description",
                    "Tags",
                    t("columns.scale", lang=lang),
                    t("columns.stance", lang=lang),
                    t("columns.influence", lang=lang),
                    t("columns.interest", lang=lang),
                    t("columns.country", lang=lang),
                    t("columns.city", lang=lang),
                ],
                elements,
            ),
            SheetSpec("Connections", ["From", "To", "Type", "Direction", "Strength", "Description"], connections),
        ]
    )


def backup_refs(actors: list[Actor]) -> tuple[list[Actor], dict[int, int]]:
    """Actors in register order and their backup reference (1..n), which every sheet uses."""
    ordered = sorted(actors, key=lambda a: (a.name.casefold(), a.id or 0))
    return ordered, {a.id: position for position, a in enumerate(ordered, start=1)}


def _backup_actor_rows(ordered: list[Actor], ref: dict[int, int]) -> list[list[object]]:
    """One row per actor; themes and dimensions joined with " | ", custom fields as JSON, each in one cell."""
    rows = []
    for a in ordered:
        row: list[object] = []
        for column in BACKUP_ACTOR_COLUMNS:
            value = ref[a.id] if column == "id" else getattr(a, column)
            if column in ("themes", "dimensions"):
                value = " | ".join(value)
            elif column == "custom":
                value = json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
            row.append(value)
        rows.append(row)
    return rows


def _backup_relation_rows(relations: list[Relation], ref: dict[int, int]) -> list[list[object]]:
    ordered_relations = sorted(
        relations,
        key=lambda r: (
            ref.get(r.source, 0),
            ref.get(r.target, 0),
            r.type,
            r.description,
            r.starts_on or date.min,
            r.ends_on or date.max,
        ),
    )
    return [
        [
            position,
            ref[r.source],
            ref[r.target],
            r.type,
            r.strength,
            r.directed,
            r.description,
            r.starts_on,
            r.ends_on,
            json.dumps(r.custom, ensure_ascii=False, sort_keys=True) if r.custom else "",
        ]
        for position, r in enumerate(ordered_relations, start=1)
    ]


def _vocabulary_rows(terms: Terms) -> list[list[object]]:
    return [
        [vocabulary, key, custom or "", position]
        for vocabulary, entries in sorted(terms.items())
        for position, (key, custom) in enumerate(entries)
    ]


def backup_workbook(
    workspace: Workspace,
    actors: list[Actor],
    relations: list[Relation],
    terms: Terms,
    consultations: list[Consultation] | None = None,
    participants: list[Participant] | None = None,
    contributions: list[Contribution] | None = None,
    *,
    audiences: list | None = None,
    audience_members: list | None = None,
    campaigns: list | None = None,
    activities: list | None = None,
    kpis: list | None = None,
    measurements: list | None = None,
    milestones: list | None = None,
    indicators: list | None = None,
    indicator_measurements: list | None = None,
    interactions: list | None = None,
    assessments: list | None = None,
    extra_sheets: list[SheetSpec] | None = None,
) -> bytes:
    """Everything in the workspace, one sheet per table, English sheet names and keys.

    Actors are numbered 1..n in register order (not by database id), so that importing the
    backup into an empty workspace and exporting again gives the same workbook. Consultations
    are numbered in the order they were created; participants and contributions point at
    both by those numbers. Without ``consultations`` the three consultation sheets are left out;
    without ``audiences`` and ``campaigns``, the six sheets of audiences and campaigns
    (:func:`toolkit.spreadsheets.campaigns.backup_sheets`); without ``milestones`` and
    ``indicators``, the roadmap's and indicators' three sheets
    (:func:`toolkit.spreadsheets.roadmap_backup.backup_sheets`), whose milestones name their
    consultation and campaign by the numbers of those sheets; without ``interactions`` and
    ``assessments``, the contact history's and assessments' three sheets
    (:func:`toolkit.spreadsheets.engagement_backup.backup_sheets`).
    """
    ordered, ref = backup_refs(actors)
    sheets = [
        SheetSpec(
            "workspace",
            ["name", "city", "country", "language", "description"],
            [[workspace.name, workspace.city, workspace.country, workspace.language, workspace.description]],
        ),
        SheetSpec("actors", list(BACKUP_ACTOR_COLUMNS), _backup_actor_rows(ordered, ref)),
        SheetSpec("relations", list(BACKUP_RELATION_COLUMNS), _backup_relation_rows(relations, ref)),
    ]
    if consultations is not None:
        sheets += _consultation_sheets(consultations, participants or [], contributions or [], ref)
    if audiences is not None or campaigns is not None:
        sheets += backup_sheets(
            audiences or [],
            audience_members or [],
            campaigns or [],
            activities or [],
            kpis or [],
            measurements or [],
            ref,
        )
    consultation_ref = {c.id: n for n, c in enumerate(sorted(consultations or [], key=lambda c: c.id or 0), 1)}
    campaign_ref = {c.id: n for n, c in enumerate(sorted(campaigns or [], key=lambda c: c.id or 0), 1)}
    if milestones is not None or indicators is not None:
        sheets += roadmap_sheets(
            milestones or [], indicators or [], indicator_measurements or [], consultation_ref, campaign_ref
        )
    if interactions is not None or assessments is not None:
        sheets += engagement_sheets(interactions or [], assessments or [], ref, consultation_ref, campaign_ref)
    sheets += extra_sheets or []  # the strategy analysis' sheets (toolkit.spreadsheets.strategy_backup)
    sheets.append(SheetSpec("vocabularies", ["vocabulary", "key", "label", "position"], _vocabulary_rows(terms)))
    return write_workbook(sheets)


def _consultation_sheets(
    consultations: list[Consultation],
    participants: list[Participant],
    contributions: list[Contribution],
    actor_ref: dict[int, int],
) -> list[SheetSpec]:
    ordered = sorted(consultations, key=lambda c: c.id or 0)
    ref = {c.id: position for position, c in enumerate(ordered, start=1)}
    consultation_rows = []
    for position, c in enumerate(ordered, start=1):
        targets = [{"dimension": x.dimension, "key": x.key, "minimum": x.minimum} for x in c.targets]
        consultation_rows.append(
            [
                position,
                c.title,
                c.objective,
                c.specific_objectives,
                c.questions,
                c.instrument,
                c.modality,
                c.starts_on,
                c.ends_on,
                c.place,
                c.facilitator,
                c.budget,
                c.status,
                json.dumps(targets, ensure_ascii=False, sort_keys=True) if targets else "",
            ]
        )
    listed = sorted(
        (p for p in participants if p.consultation_id in ref and p.actor_id in actor_ref),
        key=lambda p: (ref[p.consultation_id], actor_ref[p.actor_id]),
    )
    participant_rows = [
        [
            position,
            ref[p.consultation_id],
            actor_ref[p.actor_id],
            p.status,
            p.invited_on,
            p.responded_on,
            p.attended_on,
            p.attendee,
            p.notes,
        ]
        for position, p in enumerate(listed, start=1)
    ]
    said = sorted(
        (c for c in contributions if c.consultation_id in ref), key=lambda c: (ref[c.consultation_id], c.id or 0)
    )
    contribution_rows = [
        [
            position,
            ref[c.consultation_id],
            actor_ref.get(c.actor_id, ""),
            c.theme,
            c.type,
            c.text,
            c.priority,
            c.due_on,
            c.response,
        ]
        for position, c in enumerate(said, start=1)
    ]
    return [
        SheetSpec("consultations", list(CONSULTATION_COLUMNS), consultation_rows),
        SheetSpec("participants", list(PARTICIPANT_COLUMNS), participant_rows),
        SheetSpec("contributions", list(CONTRIBUTION_COLUMNS), contribution_rows),
    ]
