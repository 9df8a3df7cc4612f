"""Next steps where work is followed: the team's on Hoja de ruta, the signed-in person's on Inicio,
and the actors to manage closely or keep satisfied that nobody has contacted in a while."""

from datetime import date

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages._kit.register import KEPT
from pages.contacts.data import Contacts
from toolkit import access
from toolkit.engagement import QUIET_DAYS, FollowUps, Silence, follow_ups, is_pending, not_contacted
from toolkit.followups import mine, quiet, quiet_text, silence_table, step_lines, step_markdown
from toolkit.i18n import format_number, t

CONTACTS_PAGE = "pages/contacts/page.py"
GROUPS = ("overdue", "this_week", "next_week")
LISTED = 200  # the longest silences listed on Inicio; a longer list is for the register's filters


def written_lines(found: FollowUps, names: dict[int, str], today: date, lang: str) -> dict[str, str]:
    """Each group's lines as markdown."""
    return {
        name: "\n".join(f"- {step_markdown(line, lang)}" for line in step_lines(getattr(found, name), names, today))
        for name in GROUPS
    }


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _team_lines_at(_found: FollowUps, _names: dict[int, str], cache_key: tuple, today: date, lang: str):
    """The team's lines, the same for every session of a revision, day and language (someone's own
    steps are never put in this shared cache)."""
    return written_lines(_found, _names, today, lang)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _team_follow_ups_at(_contacts: Contacts, cache_key: tuple, today: date) -> FollowUps | None:
    """The team's next steps as of one revision and day (None: no contact has one)."""
    if not any(is_pending(i) for i in _contacts.interactions):
        return None
    return follow_ups(_contacts.interactions, today)


def show_groups(ctx: PageContext, found: FollowUps, contacts: Contacts, *, team: bool = True) -> None:
    """Three counts, then the lines of each group in its tab (each actor links to its record)."""
    groups = {name: getattr(found, name) for name in GROUPS}
    for column, (name, chosen) in zip(st.columns(len(groups)), groups.items(), strict=True):
        column.metric(t(f"contacts.steps.{name}"), format_number(len(chosen)))
    if found.empty:
        st.caption(t("contacts.steps.nothing"))
        return
    tabs = st.tabs(
        [
            t("contacts.steps.tab", name=t(f"contacts.steps.{name}"), count=len(chosen))
            for name, chosen in groups.items()
        ]
    )
    lines = _team_lines_at if team else lambda found, names, _, today, lang: written_lines(found, names, today, lang)
    written = lines(found, contacts.actor_names, ctx.cache_key(), ctx.today, ctx.lang)
    for tab, name in zip(tabs, groups, strict=True):
        with tab:
            if written[name]:
                st.markdown(written[name])
            else:
                st.caption(t(f"contacts.steps.none_{name}"))


def team_steps(ctx: PageContext, contacts: Contacts) -> None:
    """Hoja de ruta's section: every next step of the team (nothing while no contact has one)."""
    found = _team_follow_ups_at(contacts, ctx.cache_key(), ctx.today)
    if found is None:
        return
    st.subheader(t("contacts.steps.title"))
    st.caption(t("contacts.steps.help"))
    show_groups(ctx, found, contacts)
    st.page_link(CONTACTS_PAGE, label=t("contacts.steps.go_contacts"), icon=":material/forum:")


def my_steps(ctx: PageContext, contacts: Contacts) -> None:
    """Inicio's "my next steps", when accounts are on (matched by name or username, see toolkit.followups)."""
    if ctx.settings.accounts == "off":
        return
    st.subheader(t("contacts.home.mine"))
    st.caption(t("contacts.home.mine_help"))
    found = follow_ups(mine(contacts.interactions, access.current()), ctx.today)
    if found.empty:
        st.caption(t("contacts.home.mine_none"))
        return
    show_groups(ctx, found, contacts, team=False)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _silences_at(_contacts: Contacts, cache_key: tuple, today: date, days: int) -> list[Silence]:
    """Who has gone without contact, as of one revision and day, for every session (read-only)."""
    return not_contacted(_contacts.actors, _contacts.interactions, today, days)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _silence_list_at(_silences: list[Silence], cache_key: tuple, today: date, days: int, lang: str) -> pd.DataFrame:
    """The list's first rows in one language (read-only: ``st.dataframe`` only reads it)."""
    return pd.DataFrame(silence_table(_silences[:LISTED], lang))


def silent_actors(ctx: PageContext, contacts: Contacts, days: int = QUIET_DAYS) -> None:
    """Inicio's "not contacted in N days": a count, the first names and the list of the longest
    silences (the first ``LISTED``; the caption says how many more)."""
    st.subheader(t("contacts.home.quiet", days=days))
    silences = _silences_at(contacts, ctx.cache_key(), ctx.today, days)
    if not silences:
        st.caption(t("contacts.home.quiet_none", days=days))
        return
    st.markdown(quiet_text(quiet(silences), days, ctx.lang))
    with st.expander(t("contacts.home.quiet_list")):
        listed = _silence_list_at(silences, ctx.cache_key(), ctx.today, days, ctx.lang)
        st.dataframe(listed, hide_index=True, width="stretch")
        if len(silences) > LISTED:
            st.caption(t("lists.quiet_more", count=len(silences) - LISTED, shown=LISTED))
    st.page_link(CONTACTS_PAGE, label=t("contacts.steps.go_contacts"), icon=":material/forum:")
