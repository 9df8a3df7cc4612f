"""A segment's rule and members: edit the rule, see who it takes and why, add or leave out actors
by hand (or undo that), and download the members as .xlsx."""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from pages._kit.actor_pick import pick_actors
from pages._kit.context import PageContext, notify
from pages._kit.files import MIME
from pages._kit.fragments import fragment
from pages.audiences.labels import term_label, why_label
from pages.audiences.outcome import done
from pages.audiences.rule import rule_widgets
from pages.audiences.snapshot import Snapshot
from toolkit.audiences import Membership, adjusted, file_stem, segment_members
from toolkit.domain import Audience
from toolkit.i18n import format_number, t
from toolkit.spreadsheets.audiences import member_workbook
from toolkit.store.audiences import adjust_members, update_audience


def show(ctx: PageContext, snap: Snapshot, audience: Audience) -> None:
    """The rule, the members, the hand adjustments and the download of one segment."""
    membership = snap.memberships[audience.id]
    rule_editor(ctx, snap, audience)
    member_table(ctx, membership)
    adjustments(ctx, snap, audience, membership)
    st.download_button(
        t("audiences.export.download"),
        key="audiences_dl_members",
        icon=":material/download:",
        disabled=not membership.members,
        help=t("audiences.export.help"),
        data=lambda: member_workbook(audience, membership, ctx.terms, ctx.lang),
        file_name=f"{file_stem(audience.name)}_{t('audiences.export.file')}.xlsx",
        mime=MIME["xlsx"],
        on_click="ignore",
    )


def rule_editor(ctx: PageContext, snap: Snapshot, audience: Audience) -> None:
    """The segment's rule, saved when changed (saying how many it now takes)."""
    st.subheader(t("audiences.rule.title"))
    st.caption(t("audiences.rule.help"))
    rule = rule_widgets(f"audiences_rule_{audience.id}_{audience.version}", audience.rule, ctx, snap)
    if st.button(t("audiences.rule.save"), key="audiences_rule_save", disabled=rule == audience.rule):
        changed = Audience(**{**vars(audience), "rule": rule})
        if done(update_audience, ctx.engine, ctx.workspace_id, changed):
            taken = segment_members(changed, snap.actors, snap.adjustments, snap.communities).members
            notify("audiences", t("audiences.rule.saved", count=len(taken)))


def member_table(ctx: PageContext, membership: Membership) -> None:
    """Who the segment takes, and why (the rule, or a hand)."""
    st.subheader(t("audiences.members.title", count=format_number(len(membership.members))))
    if not membership.members:
        st.caption(t("audiences.members.none"))
        return
    people = membership.members
    st.dataframe(
        pd.DataFrame(
            {
                t("columns.name"): [a.name for a in people],
                t("columns.sector"): [term_label(ctx, "sectors")(a.sector) for a in people],
                t("columns.scale"): [term_label(ctx, "scales")(a.scale) for a in people],
                t("audiences.members.column.why"): [why_label(membership.how(a.id)) for a in people],
                t("columns.consent"): [t(f"vocab.consent.{a.consent}") for a in people],
            }
        ),
        hide_index=True,
        width="stretch",
        height=min(420, 40 + 35 * len(people)),
    )


def adjustments(ctx: PageContext, snap: Snapshot, audience: Audience, membership: Membership) -> None:
    """Three boxes: add actors by hand, leave members out, undo either (a search narrows the
    register's and a large segment's names: see ``pages._kit.actor_pick``)."""
    columns = st.columns(3)
    members = {a.id for a in membership.members}
    with columns[0].container(border=True):
        adjust(ctx, snap, audience.id, "add", "added", leave_out=members)
    with columns[1].container(border=True):
        adjust(ctx, snap, audience.id, "exclude", "excluded", among=members)
    with columns[2].container(border=True):
        undoable = set(adjusted(membership, snap.names))
        adjust(
            ctx,
            snap,
            audience.id,
            "clear",
            "cleared",
            among=undoable,
            format_func=lambda i: f"{snap.names.get(i, '')} ({why_label(membership.how(i))})",
        )


@fragment  # typing in its search reruns the box alone
def adjust(
    ctx: PageContext,
    snap: Snapshot,
    audience_id: int,
    action: str,
    said: str,
    *,
    among: set[int] | None = None,
    leave_out: set[int] | frozenset[int] = frozenset(),
    format_func: Callable[[int], str] | None = None,
) -> None:
    """Choose actors and ``adjust_members(..., <action>=chosen)`` (widget keys ``audiences_<action>_...``)."""
    key = f"audiences_{action}_{audience_id}"
    chosen = pick_actors(
        key,
        t(f"audiences.members.{action}"),
        snap.register,
        among=among,
        leave_out=leave_out,
        format_func=format_func,
        disabled=among is not None and not among,
    )
    clicked = st.button(
        t(f"audiences.members.{action}_button", count=len(chosen)),
        disabled=not chosen,
        key=f"audiences_{action}_button",
    )
    if clicked and done(adjust_members, ctx.engine, ctx.workspace_id, audience_id, **{action: chosen}):
        st.session_state.pop(key, None)
        notify("audiences", t(f"audiences.members.{said}", count=len(chosen)))
