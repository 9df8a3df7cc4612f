"""Audiencias: segments of the register (by rule, adjusted by hand) and publics outside it; what
each knows, thinks and needs; how to engage it; and what reaches whom."""

import pandas as pd
import streamlit as st

from toolkit.audiences import (
    audience_rows,
    channel_matrix,
    engagement,
    message_matrix,
    quadrant_mix,
    reaching_campaigns,
    rule_matches,
    segment_members,
    segment_quadrant,
    segment_size,
    split_lines,
    unreached_priority,
)
from toolkit.consultations import actor_map_info, community_members
from toolkit.domain import AUDIENCE_KINDS, PRIORITIES, QUADRANTS, STANCE_VALUES, Audience, AudienceRule
from toolkit.i18n import format_number, has, label, language, t
from toolkit.markdown import escape
from toolkit.register import all_themes
from toolkit.spreadsheets.audiences import member_workbook
from toolkit.store import StoreError
from toolkit.store.audiences import (
    adjust_members,
    create_audience,
    delete_audience,
    list_audience_members,
    list_audiences,
    update_audience,
)
from toolkit.store.campaigns import list_activities, list_campaigns
from toolkit.store.register import list_actors, list_relations
from toolkit.store.workspaces import revision, vocabulary_terms

engine = st.session_state["engine"]
settings = st.session_state["settings"]
workspace_id = st.session_state.get("workspace_id")
st.title(t("nav.audiences"))
if workspace_id is None:
    st.info(t("sidebar.no_workspace"))
    st.stop()

lang = language()
terms = vocabulary_terms(engine, workspace_id)
custom = {name: {key: text for key, text in entries if text} for name, entries in terms.items()}
keys = {name: [key for key, _ in entries] for name, entries in terms.items()}
current_revision = revision(engine, workspace_id)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEVELS = [None, 1, 2, 3, 4, 5]


@st.cache_data(max_entries=32, show_spinner=False)
def workspace_at(_engine, url: str, workspace_id: int, revision: int):
    """Register, audiences and campaigns as of one revision (every write bumps it)."""
    return (
        list_actors(_engine, workspace_id),
        list_relations(_engine, workspace_id),
        list_audiences(_engine, workspace_id),
        list_audience_members(_engine, workspace_id),
        list_campaigns(_engine, workspace_id),
        list_activities(_engine, workspace_id),
    )


@st.cache_data(max_entries=16, show_spinner=False)
def communities_at(_actors, _relations, url: str, workspace_id: int, revision: int):
    """Each actor's community on the actor map, and the names that tell communities apart."""
    info = actor_map_info(_actors, _relations)
    return {actor_id: i.community for actor_id, i in info.items()}, community_members(info, _actors)


actors, relations, audiences, adjustments, campaigns, activities = workspace_at(
    engine, settings.database_url, workspace_id, current_revision
)
communities, community_names = communities_at(actors, relations, settings.database_url, workspace_id, current_revision)
names = {a.id: a.name for a in actors}
memberships = {a.id: segment_members(a, actors, adjustments, communities) for a in audiences}


def term_label(vocabulary):
    return lambda key: label(vocabulary, key, custom.get(vocabulary)) if key else t("audiences.unknown")


def vocab_label(vocabulary):
    return lambda key: t(f"vocab.{vocabulary}.{key}") if key else ""


def why_label(why):
    return t(f"audiences.members.why.{why}")


def level_label(level):
    return t("audiences.fields.level_unknown") if level is None else str(level)


def community_label(number):
    return t("audiences.rule.community_label", number=number + 1, members=", ".join(community_names.get(number, [])))


def show_error(error: StoreError) -> None:
    own = f"audiences.errors.{error.reason}"
    st.error(t(own if has(own) else error.message_key, **{k: escape(v) for k, v in error.details.items()}))


def notify(message: str) -> None:
    st.session_state["audiences_notice"] = message
    st.rerun()


def rule_widgets(prefix: str, rule: AudienceRule) -> AudienceRule:
    """The six criteria of a segment's rule, prefilled with ``rule``."""
    columns = st.columns(3)
    known_sectors = list(dict.fromkeys([*keys.get("sectors", []), *rule.sectors]))  # a restored rule's too
    sectors = columns[0].multiselect(
        t("columns.sector"),
        known_sectors,
        default=list(rule.sectors),
        format_func=term_label("sectors"),
        key=f"{prefix}_sectors",
        placeholder=t("common.choose"),
    )
    known_scales = list(dict.fromkeys([*keys.get("scales", []), *rule.scales]))
    scales = columns[1].multiselect(
        t("columns.scale"),
        known_scales,
        default=list(rule.scales),
        format_func=term_label("scales"),
        key=f"{prefix}_scales",
        placeholder=t("common.choose"),
    )
    stances = columns[2].multiselect(
        t("columns.stance"),
        list(STANCE_VALUES),
        default=list(rule.stances),
        format_func=vocab_label("stances"),
        key=f"{prefix}_stances",
        placeholder=t("common.choose"),
    )
    columns = st.columns(3)
    quadrants = columns[0].multiselect(
        t("columns.quadrant"),
        list(QUADRANTS),
        default=list(rule.quadrants),
        format_func=lambda q: t(f"quadrants.{q}"),
        key=f"{prefix}_quadrants",
        placeholder=t("common.choose"),
    )
    themes_known = list(dict.fromkeys([*all_themes(actors), *rule.themes]))
    themes = columns[1].multiselect(
        t("columns.themes"),
        themes_known,
        default=list(rule.themes),
        key=f"{prefix}_themes",
        placeholder=t("common.choose"),
    )
    numbers = sorted(set(community_names) | set(rule.communities))
    chosen = columns[2].multiselect(
        t("audiences.rule.community"),
        numbers,
        default=list(rule.communities),
        format_func=community_label,
        key=f"{prefix}_communities",
        placeholder=t("common.choose"),
        disabled=not numbers,
        help=None if numbers else t("audiences.rule.no_map"),
    )
    return AudienceRule(tuple(sectors), tuple(scales), tuple(stances), tuple(quadrants), tuple(themes), tuple(chosen))


if st.session_state.get("audiences_notice"):
    st.success(st.session_state.pop("audiences_notice"))
st.caption(t("audiences.intro"))

tab_segments, tab_reach = st.tabs(
    [t("audiences.tab.segments"), t("audiences.tab.reach")], key="audiences_tab", on_change="rerun"
)  # only the open tab is built

# -- segments --------------------------------------------------------------------------------
with tab_segments:
    if tab_segments.open:
        with st.expander(t("audiences.new.title"), expanded=not audiences, icon=":material/add:"):
            kind = st.segmented_control(
                t("audiences.new.kind"),
                list(AUDIENCE_KINDS),
                default="segment",
                required=True,
                key="audiences_new_kind",
                format_func=lambda k: t(f"audiences.kind.{k}"),
            )
            st.caption(t(f"audiences.new.help_{kind}"))
            new_name = st.text_input(
                t("audiences.fields.name"), key="audiences_new_name", placeholder=t(f"audiences.new.name_hint_{kind}")
            )
            new_rule, new_size = AudienceRule(), None
            if kind == "segment":
                new_rule = rule_widgets("audiences_new", AudienceRule())
                matches = rule_matches(actors, new_rule, communities)
                st.caption(
                    t("audiences.new.matching", count=format_number(len(matches)))
                    if not new_rule.empty
                    else t("audiences.new.no_rule")
                )
            else:
                new_size = st.number_input(
                    t("audiences.fields.estimated_size"), min_value=0, value=None, step=100, key="audiences_new_size"
                )
            columns = st.columns(3)
            new_priority = columns[0].selectbox(
                t("audiences.fields.priority"),
                PRIORITIES,
                index=1,
                format_func=vocab_label("priorities"),
                key="audiences_new_priority",
            )
            new_influence = columns[1].selectbox(
                t("audiences.fields.influence"), LEVELS, format_func=level_label, key="audiences_new_influence"
            )
            new_interest = columns[2].selectbox(
                t("audiences.fields.interest"), LEVELS, format_func=level_label, key="audiences_new_interest"
            )
            if st.button(t("audiences.new.create"), type="primary", key="audiences_new_create"):
                try:
                    new_id = create_audience(
                        engine,
                        workspace_id,
                        Audience(
                            name=new_name,
                            kind=kind,
                            rule=new_rule,
                            estimated_size=new_size,
                            priority=new_priority,
                            influence=new_influence,
                            interest=new_interest,
                        ),
                    )
                except StoreError as error:
                    show_error(error)
                else:
                    st.session_state["audiences_current"] = new_id
                    for suffix in (
                        "name",
                        "size",
                        "sectors",
                        "scales",
                        "stances",
                        "quadrants",
                        "themes",
                        "communities",
                    ):
                        st.session_state.pop(f"audiences_new_{suffix}", None)
                    notify(t("audiences.new.done", name=escape(new_name)))

        if not audiences:
            st.info(t("audiences.empty"))
            st.stop()

        st.subheader(t("audiences.list.title"))
        overview = audience_rows(audiences, memberships, campaigns)
        st.dataframe(
            pd.DataFrame(
                {
                    t("audiences.fields.name"): [row["name"] for row in overview],
                    t("audiences.list.kind"): [t(f"audiences.kind.{row['kind']}") for row in overview],
                    t("audiences.list.size"): [row["size"] for row in overview],
                    t("columns.quadrant"): [
                        t(f"quadrants.{row['quadrant']}") if row["quadrant"] else "—" for row in overview
                    ],
                    t("audiences.fields.priority"): [t(f"vocab.priorities.{row['priority']}") for row in overview],
                    t("audiences.list.campaigns"): [row["campaigns"] for row in overview],
                }
            ),
            hide_index=True,
            width="stretch",
        )

        ids = [a.id for a in audiences]
        by_id = {a.id: a for a in audiences}
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
        audience = by_id[current_id]
        membership = memberships[current_id]
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

        st.subheader(t("audiences.strategy.title"))
        plan = engagement(audience, membership.members)
        with st.container(border=True):
            if plan is None:
                st.markdown(t("audiences.strategy.unknown"))
            else:
                st.markdown(t("audiences.strategy.quadrant", name=t(f"quadrants.{plan.quadrant}")))
                st.markdown(t(plan.strategy_key))
                st.markdown(
                    t(
                        "audiences.strategy.channels",
                        channels=escape(", ".join(term_label("channels")(c) for c in plan.channels)),
                    )
                )
                if plan.missing:
                    st.caption(
                        t(
                            "audiences.strategy.missing",
                            channels=escape(", ".join(term_label("channels")(c) for c in plan.missing)),
                        )
                    )
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
        reached_by = reaching_campaigns(audience, campaigns)
        st.caption(
            t("audiences.summary.campaigns", names=escape(", ".join(c.title for c in reached_by)))
            if reached_by
            else t("audiences.summary.no_campaign")
        )

        st.subheader(t("audiences.profile.title"))
        with st.form(f"audiences_profile_{current_id}_{audience.version}"):
            name = st.text_input(t("audiences.fields.name"), value=audience.name)
            description = st.text_area(t("audiences.fields.description"), value=audience.description, height=68)
            columns = st.columns(2)
            knowledge = columns[0].text_area(
                t("audiences.fields.knowledge"),
                value=audience.knowledge,
                height=90,
                help=t("audiences.fields.knowledge_help"),
            )
            attitude = columns[1].text_area(
                t("audiences.fields.attitude"),
                value=audience.attitude,
                height=90,
                help=t("audiences.fields.attitude_help"),
            )
            needs = columns[0].text_area(t("audiences.fields.needs"), value=audience.needs, height=90)
            barriers = columns[1].text_area(
                t("audiences.fields.barriers"),
                value=audience.barriers,
                height=90,
                help=t("audiences.fields.barriers_help"),
            )
            messages = st.text_area(
                t("audiences.fields.messages"),
                value="\n".join(audience.messages),
                height=90,
                help=t("audiences.fields.one_per_line"),
            )
            channel_options = list(dict.fromkeys([*keys.get("channels", []), *audience.channels]))
            channels = st.multiselect(
                t("audiences.fields.channels"),
                channel_options,
                default=audience.channels,
                format_func=term_label("channels"),
                placeholder=t("common.choose"),
            )
            columns = st.columns(4)
            priority = columns[0].selectbox(
                t("audiences.fields.priority"),
                PRIORITIES,
                index=PRIORITIES.index(audience.priority),
                format_func=vocab_label("priorities"),
            )
            influence = columns[1].selectbox(
                t("audiences.fields.influence"),
                LEVELS,
                index=LEVELS.index(audience.influence),
                format_func=level_label,
                help=t("audiences.fields.level_help"),
            )
            interest = columns[2].selectbox(
                t("audiences.fields.interest"),
                LEVELS,
                index=LEVELS.index(audience.interest),
                format_func=level_label,
                help=t("audiences.fields.level_help"),
            )
            estimated = columns[3].number_input(
                t("audiences.fields.estimated_size"),
                min_value=0,
                step=100,
                value=audience.estimated_size,
                disabled=audience.kind != "public",
            )
            if st.form_submit_button(t("audiences.profile.save"), type="primary"):
                try:
                    update_audience(
                        engine,
                        workspace_id,
                        Audience(
                            **{
                                **vars(audience),
                                "name": name,
                                "description": description,
                                "knowledge": knowledge,
                                "attitude": attitude,
                                "needs": needs,
                                "barriers": barriers,
                                "messages": split_lines(messages),
                                "channels": channels,
                                "priority": priority,
                                "influence": influence,
                                "interest": interest,
                                "estimated_size": estimated if audience.kind == "public" else None,
                            }
                        ),
                    )
                except StoreError as error:
                    show_error(error)
                else:
                    notify(t("audiences.profile.saved"))

        if audience.kind == "segment":
            st.subheader(t("audiences.rule.title"))
            st.caption(t("audiences.rule.help"))
            rule = rule_widgets(f"audiences_rule_{current_id}_{audience.version}", audience.rule)
            if st.button(t("audiences.rule.save"), key="audiences_rule_save", disabled=rule == audience.rule):
                try:
                    update_audience(engine, workspace_id, Audience(**{**vars(audience), "rule": rule}))
                except StoreError as error:
                    show_error(error)
                else:
                    notify(
                        t(
                            "audiences.rule.saved",
                            count=len(
                                segment_members(
                                    Audience(**{**vars(audience), "rule": rule}), actors, adjustments, communities
                                ).members
                            ),
                        )
                    )

            st.subheader(t("audiences.members.title", count=format_number(len(membership.members))))
            if membership.members:
                st.dataframe(
                    pd.DataFrame(
                        {
                            t("columns.name"): [a.name for a in membership.members],
                            t("columns.sector"): [term_label("sectors")(a.sector) for a in membership.members],
                            t("columns.scale"): [term_label("scales")(a.scale) for a in membership.members],
                            t("audiences.members.column.why"): [
                                why_label(membership.how(a.id)) for a in membership.members
                            ],
                            t("columns.consent"): [t(f"vocab.consent.{a.consent}") for a in membership.members],
                        }
                    ),
                    hide_index=True,
                    width="stretch",
                    height=min(420, 40 + 35 * len(membership.members)),
                )
            else:
                st.caption(t("audiences.members.none"))
            member_ids = {a.id for a in membership.members}
            columns = st.columns(3)
            with columns[0].container(border=True):
                others = sorted((a for a in actors if a.id not in member_ids), key=lambda a: a.name.casefold())
                to_add = st.multiselect(
                    t("audiences.members.add"),
                    [a.id for a in others],
                    format_func=lambda i: names.get(i, ""),
                    key=f"audiences_add_{current_id}",
                    placeholder=t("common.choose"),
                )
                if st.button(
                    t("audiences.members.add_button", count=len(to_add)),
                    disabled=not to_add,
                    key="audiences_add_button",
                ):
                    try:
                        adjust_members(engine, workspace_id, current_id, add=to_add)
                    except StoreError as error:
                        show_error(error)
                    else:
                        st.session_state.pop(f"audiences_add_{current_id}", None)
                        notify(t("audiences.members.added", count=len(to_add)))
            with columns[1].container(border=True):
                to_exclude = st.multiselect(
                    t("audiences.members.exclude"),
                    [a.id for a in membership.members],
                    format_func=lambda i: names.get(i, ""),
                    key=f"audiences_exclude_{current_id}",
                    placeholder=t("common.choose"),
                )
                if st.button(
                    t("audiences.members.exclude_button", count=len(to_exclude)),
                    disabled=not to_exclude,
                    key="audiences_exclude_button",
                ):
                    try:
                        adjust_members(engine, workspace_id, current_id, exclude=to_exclude)
                    except StoreError as error:
                        show_error(error)
                    else:
                        st.session_state.pop(f"audiences_exclude_{current_id}", None)
                        notify(t("audiences.members.excluded", count=len(to_exclude)))
            with columns[2].container(border=True):
                adjusted = sorted(membership.added | membership.excluded, key=lambda i: names.get(i, "").casefold())
                to_clear = st.multiselect(
                    t("audiences.members.clear"),
                    adjusted,
                    key=f"audiences_clear_{current_id}",
                    format_func=lambda i: f"{names.get(i, '')} ({why_label(membership.how(i))})",
                    placeholder=t("common.choose"),
                    disabled=not adjusted,
                )
                if st.button(
                    t("audiences.members.clear_button", count=len(to_clear)),
                    disabled=not to_clear,
                    key="audiences_clear_button",
                ):
                    try:
                        adjust_members(engine, workspace_id, current_id, clear=to_clear)
                    except StoreError as error:
                        show_error(error)
                    else:
                        st.session_state.pop(f"audiences_clear_{current_id}", None)
                        notify(t("audiences.members.cleared", count=len(to_clear)))

            safe_name = "".join(ch if ch.isalnum() else "_" for ch in audience.name)[:40] or "audiencia"
            st.download_button(
                t("audiences.export.download"),
                key="audiences_dl_members",
                icon=":material/download:",
                disabled=not membership.members,
                help=t("audiences.export.help"),
                data=lambda: member_workbook(audience, membership, terms, lang),
                file_name=f"{safe_name}_{t('audiences.export.file')}.xlsx",
                mime=XLSX,
                on_click="ignore",
            )

        @st.dialog(t("audiences.delete.title"))
        def confirm_delete():
            st.write(t("audiences.delete.question", name=escape(audience.name)))
            if reached_by:
                st.warning(t("audiences.delete.warning", names=escape(", ".join(c.title for c in reached_by))))
            if st.button(t("audiences.delete.confirm"), type="primary", key="audiences_delete_confirm"):
                try:
                    delete_audience(engine, workspace_id, current_id)
                except StoreError as error:
                    show_error(error)
                    return
                st.session_state.pop("audiences_current", None)
                notify(t("audiences.delete.done", name=escape(audience.name)))

        st.divider()
        if st.button(t("audiences.delete.button"), key="audiences_delete", icon=":material/delete:"):
            confirm_delete()

# -- what reaches whom -----------------------------------------------------------------------
with tab_reach:
    if tab_reach.open:
        st.caption(t("audiences.reach.help"))
        missing = unreached_priority(audiences, campaigns)
        if missing:
            st.warning(
                t("audiences.reach.unreached", names=escape(", ".join(a.name for a in missing))),
                icon=":material/warning:",
            )
        elif audiences:
            st.success(t("audiences.reach.all_reached"))
        if not audiences:
            st.info(t("audiences.empty"))
        else:
            row_names = [a.name for a in audiences]

            colours = {
                "covered": "background-color: #d9efe3",
                "reached": "background-color: #eef4fb",
                "gap": "background-color: #f9dcd5",
                "": "",
            }

            def matrix_table(matrix, column_label):
                cells = [[matrix.cell(a.id, c) for c in matrix.columns] for a in audiences]
                columns = [column_label(c) for c in matrix.columns]
                texts = pd.DataFrame(
                    [
                        [
                            t(f"audiences.reach.state.{cell.state}", count=len(cell.campaigns)) if cell.state else ""
                            for cell in row
                        ]
                        for row in cells
                    ],
                    index=row_names,
                    columns=columns,
                )
                styles = pd.DataFrame(
                    [[colours[cell.state] for cell in row] for row in cells], index=row_names, columns=columns
                )
                return texts.style.apply(lambda _: styles, axis=None)

            st.subheader(t("audiences.reach.channels"))
            by_channel = channel_matrix(audiences, campaigns, activities, keys.get("channels", []))
            st.dataframe(matrix_table(by_channel, term_label("channels")), width="stretch")
            st.subheader(t("audiences.reach.messages"))
            by_message = message_matrix(audiences, campaigns)
            if by_message.columns:
                st.dataframe(matrix_table(by_message, lambda text: text), width="stretch")
            else:
                st.caption(t("audiences.reach.no_messages"))
            st.caption(t("audiences.reach.legend"))
