"""The "segments" tab: a new audience, the overview of all, and the chosen one's strategy,
profile, rule and members; deleting it asks first."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.dialogs import dialog
from pages.audiences import members, new, profile
from pages.audiences.labels import term_label
from pages.audiences.outcome import done
from pages.audiences.snapshot import Snapshot
from toolkit.audiences import (
    audience_rows,
    engagement,
    quadrant_mix,
    reaching_campaigns,
    segment_quadrant,
    segment_size,
)
from toolkit.domain import Audience, Campaign
from toolkit.i18n import format_number, t
from toolkit.markdown import escape
from toolkit.store.audiences import delete_audience


def show(ctx: PageContext, snap: Snapshot) -> None:
    """The whole tab; with no audience yet, only the panel that creates one."""
    new.show(ctx, snap)
    if not snap.audiences:
        st.info(t("audiences.empty"))
        return
    overview(snap)
    audience = pick(snap)
    summary(snap, audience)
    reached_by = strategy(ctx, snap, audience)
    profile.show(ctx, audience)
    if audience.kind == "segment":
        members.show(ctx, snap, audience)
    delete_button(ctx, audience, reached_by)


def overview(snap: Snapshot) -> None:
    """One line per audience: its kind, size, quadrant, priority and how many campaigns reach it."""
    st.subheader(t("audiences.list.title"))
    rows = audience_rows(snap.audiences, snap.memberships, snap.campaigns)
    st.dataframe(
        pd.DataFrame(
            {
                t("audiences.fields.name"): [row["name"] for row in rows],
                t("audiences.list.kind"): [t(f"audiences.kind.{row['kind']}") for row in rows],
                t("audiences.list.size"): [row["size"] for row in rows],
                t("columns.quadrant"): [t(f"quadrants.{row['quadrant']}") if row["quadrant"] else "—" for row in rows],
                t("audiences.fields.priority"): [t(f"vocab.priorities.{row['priority']}") for row in rows],
                t("audiences.list.campaigns"): [row["campaigns"] for row in rows],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def pick(snap: Snapshot) -> Audience:
    """The current audience (kept across reruns in ``audiences_current``), chosen in a picker."""
    ids = [a.id for a in snap.audiences]
    by_id = {a.id: a for a in snap.audiences}
    if st.session_state.get("audiences_current") not in ids:
        st.session_state["audiences_current"] = ids[0]
    current_id = st.session_state["audiences_current"]
    st.session_state["audiences_pick"] = current_id  # the picker shows the current audience
    st.selectbox(
        t("audiences.pick"),
        ids,
        key="audiences_pick",
        format_func=lambda i: by_id[i].name,
        on_change=lambda: st.session_state.update(audiences_current=st.session_state["audiences_pick"]),
    )
    return by_id[current_id]


def summary(snap: Snapshot, audience: Audience) -> None:
    """Kind · size · quadrant · priority, in one line."""
    membership = snap.memberships[audience.id]
    size = segment_size(audience, membership)
    where = segment_quadrant(audience, membership.members)
    st.caption(
        " · ".join(
            [
                t(f"audiences.kind.{audience.kind}"),
                t("audiences.summary.size", count=format_number(size))
                if size is not None
                else t("audiences.summary.size_unknown"),
                t(f"quadrants.{where}") if where else t("audiences.summary.no_quadrant"),
                t("audiences.summary.priority", priority=t(f"vocab.priorities.{audience.priority}")),
            ]
        )
    )


def strategy(ctx: PageContext, snap: Snapshot, audience: Audience) -> list[Campaign]:
    """How to engage the audience (from its quadrant), and the campaigns that reach it (returned)."""
    st.subheader(t("audiences.strategy.title"))
    membership = snap.memberships[audience.id]
    plan = engagement(audience, membership.members)
    channel = term_label(ctx, "channels")
    with st.container(border=True):
        if plan is None:
            st.markdown(t("audiences.strategy.unknown"))
        else:
            st.markdown(t("audiences.strategy.quadrant", name=t(f"quadrants.{plan.quadrant}")))
            st.markdown(t(plan.strategy_key))
            st.markdown(t("audiences.strategy.channels", channels=escape(", ".join(map(channel, plan.channels)))))
            if plan.missing:
                st.caption(t("audiences.strategy.missing", channels=escape(", ".join(map(channel, plan.missing)))))
        if membership.members:
            mix = quadrant_mix(membership.members)
            st.caption(
                t(
                    "audiences.strategy.mix",
                    mix=" · ".join(
                        f"{t(f'quadrants.{q}') if q else t('audiences.unknown')}: {n}" for q, n in mix.most_common()
                    ),
                )
            )
    reached_by = reaching_campaigns(audience, snap.campaigns)
    st.caption(
        t("audiences.summary.campaigns", names=escape(", ".join(c.title for c in reached_by)))
        if reached_by
        else t("audiences.summary.no_campaign")
    )
    return reached_by


def delete_button(ctx: PageContext, audience: Audience, reached_by: list[Campaign]) -> None:
    """Delete the audience, after a dialog that names the campaigns that reach it."""

    @dialog(t("audiences.delete.title"))
    def confirm_delete():
        st.write(t("audiences.delete.question", name=escape(audience.name)))
        if reached_by:
            st.warning(t("audiences.delete.warning", names=escape(", ".join(c.title for c in reached_by))))
        confirmed = st.button(t("audiences.delete.confirm"), type="primary", key="audiences_delete_confirm")
        if confirmed and done(delete_audience, ctx.engine, ctx.workspace_id, audience.id):
            st.session_state.pop("audiences_current", None)
            notify("audiences", t("audiences.delete.done", name=escape(audience.name)))

    st.divider()
    if st.button(t("audiences.delete.button"), key="audiences_delete", icon=":material/delete:"):
        confirm_delete()
