"""The actor's data: a form for editors, saved like the register's table (one edit from the version
the person saw, so someone else's change in between is a conflict, and the audit trail records it);
a table for viewers."""

import pandas as pd
import streamlit as st

from pages._kit.actor_filter import stance_label
from pages._kit.context import PageContext, notify
from pages._kit.outcome import run
from pages._kit.table import forget
from toolkit.domain import DIMENSIONS, KINDS, STANCE_KEYS, STANCE_VALUES, Actor
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.record import Story, field_changes
from toolkit.store.edits import Edit
from toolkit.store.register import save_actor_edits

ROUND = "record_fields_round"  # bumped after a save or a conflict: the form shows the stored actor again
LEVELS = [None, 1, 2, 3, 4, 5]
CONFLICT = "record_fields_conflict"  # set when a save met someone else's change: said above the fresh form


def show(ctx: PageContext, story: Story, themes: list[str]) -> None:
    """The form (editors) or the table (viewers) of the actor's fields."""
    if not ctx.may_edit:
        table = pd.DataFrame(fields(ctx, story.actor), columns=[t("record.field"), t("record.value")])
        st.dataframe(table, hide_index=True, width="stretch")
        return
    form(ctx, story.actor, themes)


def form(ctx: PageContext, actor: Actor, themes: list[str]) -> None:
    key = f"record_fields_{actor.id}_{st.session_state.get(ROUND, 0)}"
    seen = st.session_state.setdefault(f"{key}_version", actor.version)  # the version the person edits
    if st.session_state.pop(CONFLICT, False):
        st.error(t("record.fields.conflict"))
    st.caption(t("record.fields.help"))
    with st.form(key, border=False):
        values = inputs(ctx, actor, themes, key)
        if actor.custom:
            st.markdown(f"**{t('record.fields.custom')}**")
            st.dataframe(pd.DataFrame(list(actor.custom.items())), hide_index=True, width="stretch")
        submitted = st.form_submit_button(t("record.fields.submit"), type="primary")
    if not submitted:
        return
    changes = field_changes(actor, values)
    if not changes and seen == actor.version:
        st.info(t("record.fields.unchanged"))
        return
    result = run(save_actor_edits, ctx.engine, ctx.workspace_id, [Edit(actor.id, seen, changes)])
    if result is None:
        return
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
    forget("actors")  # the register's table shows the new values
    if result.conflicts:
        st.session_state[CONFLICT] = True
        st.rerun()
    notify("actors", t("record.fields.saved", name=escape(values.get("name") or actor.name)))


def _choice(label: str, options: list, current, format_func, key: str):
    return st.selectbox(
        label, options, index=options.index(current) if current in options else 0, format_func=format_func, key=key
    )


def inputs(ctx: PageContext, actor: Actor, themes: list[str], key: str) -> dict[str, object]:
    """The form's widgets, drawn in three columns; what they hold."""
    level = lambda v: "—" if v is None else str(v)  # noqa: E731
    values: dict[str, object] = {"name": st.text_input(t("columns.name"), actor.name, key=f"{key}_name")}
    left, middle, right = st.columns(3)
    with left:
        values["kind"] = _choice(
            t("columns.kind"), list(KINDS), actor.kind, lambda k: t(f"vocab.kinds.{k}"), f"{key}_kind"
        )
        sectors, scales = [None, *ctx.keys("sectors")], [None, *ctx.keys("scales")]
        values["sector"] = _choice(
            t("columns.sector"), sectors, actor.sector, lambda k: ctx.term_label("sectors")(k) or "—", f"{key}_sector"
        )
        values["scale"] = _choice(
            t("columns.scale"), scales, actor.scale, lambda k: ctx.term_label("scales")(k) or "—", f"{key}_scale"
        )
        values["acronym"] = st.text_input(t("columns.acronym"), actor.acronym, key=f"{key}_acronym")
    with middle:
        stances = [None, *STANCE_VALUES]
        stance = _choice(
            t("columns.stance"),
            stances,
            STANCE_KEYS.get(actor.stance),
            lambda s: stance_label(s) or "—",
            f"{key}_stance",
        )
        values["stance"] = STANCE_VALUES.get(stance)
        values["influence"] = _choice(t("columns.influence"), LEVELS, actor.influence, level, f"{key}_influence")
        values["interest"] = _choice(t("columns.interest"), LEVELS, actor.interest, level, f"{key}_interest")
        values["consent"] = _choice(
            t("columns.consent"),
            ["yes", "no", "unknown"],
            actor.consent,
            lambda c: t(f"vocab.consent.{c}"),
            f"{key}_consent",
        )
    with right:
        for name in ("country", "city", "contact_name", "contact_role"):
            values[name] = st.text_input(t(f"columns.{name}"), getattr(actor, name), key=f"{key}_{name}")
    values["themes"] = st.multiselect(
        t("columns.themes"),
        sorted({*themes, *actor.themes}),
        actor.themes,
        accept_new_options=True,
        key=f"{key}_themes",
    )
    values["dimensions"] = st.multiselect(
        t("columns.dimensions"),
        list(DIMENSIONS),
        [d for d in actor.dimensions if d in DIMENSIONS],
        format_func=lambda d: t(f"vocab.dimensions.{d}"),
        key=f"{key}_dimensions",
    )
    email, phone = st.columns(2)
    values["email"] = email.text_input(t("columns.email"), actor.email, key=f"{key}_email")
    values["phone"] = phone.text_input(t("columns.phone"), actor.phone, key=f"{key}_phone")
    values["notes"] = st.text_area(t("columns.notes"), actor.notes, key=f"{key}_notes")
    return values


def fields(ctx: PageContext, actor: Actor) -> list[tuple[str, str]]:
    """The actor's fields as (name, value) lines, in the workspace's words (what a viewer reads)."""
    number = lambda value: "" if value is None else str(value)  # noqa: E731
    return [
        (t("columns.acronym"), actor.acronym),
        (t("columns.kind"), t(f"vocab.kinds.{actor.kind}")),
        (t("columns.sector"), ctx.term_label("sectors")(actor.sector)),
        (t("columns.scale"), ctx.term_label("scales")(actor.scale)),
        (t("columns.stance"), stance_label(STANCE_KEYS.get(actor.stance))),
        (t("columns.influence"), number(actor.influence)),
        (t("columns.interest"), number(actor.interest)),
        (t("columns.themes"), ", ".join(actor.themes)),
        (t("columns.dimensions"), ", ".join(t(f"vocab.dimensions.{d}") for d in actor.dimensions)),
        (t("columns.country"), actor.country),
        (t("columns.city"), actor.city),
        (t("columns.contact_name"), actor.contact_name),
        (t("columns.contact_role"), actor.contact_role),
        (t("columns.email"), actor.email),
        (t("columns.phone"), actor.phone),
        (t("columns.consent"), t(f"vocab.consent.{actor.consent}")),
        (t("columns.notes"), actor.notes),
        *actor.custom.items(),
    ]
