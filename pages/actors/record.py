"""Actores, one actor's record: every field, then the actor's relations."""

import pandas as pd
import streamlit as st

from pages._kit.actor_filter import stance_label
from pages._kit.context import PageContext
from toolkit.domain import STANCE_KEYS, Actor, Relation
from toolkit.i18n import t
from toolkit.markdown import escape


def show(ctx: PageContext, actors: list[Actor], relations: list[Relation]) -> None:
    """The record tab: choose an actor, read its fields and its relations."""
    names = {a.id: a.name for a in actors}
    chosen = st.selectbox(
        t("record.choose"),
        list(names),
        format_func=lambda i: names[i],
        index=None,
        key="record_actor",
        placeholder=t("record.placeholder"),
    )
    if chosen is None:
        return
    actor = next(a for a in actors if a.id == chosen)
    st.subheader(escape(actor.name))
    st.dataframe(
        pd.DataFrame(fields(ctx, actor), columns=[t("record.field"), t("record.value")]),
        hide_index=True,
        width="stretch",
    )
    own = [r for r in relations if chosen in (r.source, r.target)]
    st.markdown(f"**{t('record.relations', count=len(own))}**")
    if own:
        st.dataframe(relation_table(ctx, own, names), hide_index=True, width="stretch")


def fields(ctx: PageContext, actor: Actor) -> list[tuple[str, str]]:
    """The actor's fields as (name, value) lines, in the workspace's words."""
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


def relation_table(ctx: PageContext, own: list[Relation], names: dict[int, str]) -> pd.DataFrame:
    """The actor's relations: source, type, target, strength, description."""
    type_label = ctx.term_label("relation_types")
    return pd.DataFrame(
        [
            (names.get(r.source, ""), type_label(r.type), names.get(r.target, ""), r.strength, r.description)
            for r in own
        ],
        columns=[
            t("columns.relation.source"),
            t("columns.relation.type"),
            t("columns.relation.target"),
            t("columns.relation.strength"),
            t("columns.relation.description"),
        ],
    )
