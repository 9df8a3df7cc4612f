"""A new audience: a segment of the register by rule, or a public outside it with an estimated size."""

import streamlit as st

from pages._kit.context import PageContext, notify
from pages.audiences.labels import LEVELS, level_label, vocab_label
from pages.audiences.outcome import run
from pages.audiences.rule import rule_widgets
from pages.audiences.snapshot import Snapshot
from toolkit.audiences import rule_matches
from toolkit.domain import AUDIENCE_KINDS, PRIORITIES, Audience, AudienceRule
from toolkit.i18n import format_number, t
from toolkit.markdown import escape
from toolkit.store.audiences import create_audience

FIELDS = ("name", "size", "sectors", "scales", "stances", "quadrants", "themes", "communities")


def show(ctx: PageContext, snap: Snapshot) -> None:
    """The "new audience" panel (open when there is none yet); creating one makes it the current one."""
    with st.expander(t("audiences.new.title"), expanded=not snap.audiences, icon=":material/add:"):
        kind = st.segmented_control(
            t("audiences.new.kind"),
            list(AUDIENCE_KINDS),
            default="segment",
            required=True,
            key="audiences_new_kind",
            format_func=lambda k: t(f"audiences.kind.{k}"),
        )
        st.caption(t(f"audiences.new.help_{kind}"))
        name = st.text_input(
            t("audiences.fields.name"), key="audiences_new_name", placeholder=t(f"audiences.new.name_hint_{kind}")
        )
        rule, size = AudienceRule(), None
        if kind == "segment":
            rule = rule_widgets("audiences_new", AudienceRule(), ctx, snap)
            st.caption(  # the register is walked only once a criterion is chosen (20,000 actors)
                t("audiences.new.matching", count=format_number(len(rule_matches(snap.actors, rule, snap.communities))))
                if not rule.empty
                else t("audiences.new.no_rule")
            )
        else:
            size = st.number_input(
                t("audiences.fields.estimated_size"), min_value=0, value=None, step=100, key="audiences_new_size"
            )
        priority, influence, interest = standing()
        if st.button(t("audiences.new.create"), type="primary", key="audiences_new_create"):
            create(
                ctx,
                Audience(
                    name=name,
                    kind=kind,
                    rule=rule,
                    estimated_size=size,
                    priority=priority,
                    influence=influence,
                    interest=interest,
                ),
            )


def standing() -> tuple[str, int | None, int | None]:
    """The new audience's priority, influence and interest."""
    columns = st.columns(3)
    priority = columns[0].selectbox(
        t("audiences.fields.priority"),
        PRIORITIES,
        index=1,
        format_func=vocab_label("priorities"),
        key="audiences_new_priority",
    )
    influence = columns[1].selectbox(
        t("audiences.fields.influence"), LEVELS, format_func=level_label, key="audiences_new_influence"
    )
    interest = columns[2].selectbox(
        t("audiences.fields.interest"), LEVELS, format_func=level_label, key="audiences_new_interest"
    )
    return priority, influence, interest


def create(ctx: PageContext, audience: Audience) -> None:
    """Store the new audience, make it the current one and empty the panel for the next."""
    ok, new_id = run(create_audience, ctx.engine, ctx.workspace_id, audience)
    if ok:
        st.session_state["audiences_current"] = new_id
        for suffix in FIELDS:
            st.session_state.pop(f"audiences_new_{suffix}", None)
        notify("audiences", t("audiences.new.done", name=escape(audience.name)))
