"""The "what reaches whom" tab: which priority audience no campaign reaches, and two matrices,
audience x channel and audience x message, coloured by how well each cell is covered."""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages._kit.numbers import show_table
from pages.audiences.labels import term_label
from pages.audiences.snapshot import Snapshot
from toolkit.audiences import Matrix, channel_matrix, message_matrix, unreached_priority
from toolkit.domain import Audience
from toolkit.i18n import t
from toolkit.markdown import escape

COLOURS = {
    "covered": "background-color: #d9efe3",
    "reached": "background-color: #eef4fb",
    "gap": "background-color: #f9dcd5",
    "": "",
}


def show(ctx: PageContext, snap: Snapshot) -> None:
    """The whole tab."""
    st.caption(t("audiences.reach.help"))
    missing = unreached_priority(snap.audiences, snap.campaigns)
    if missing:
        st.warning(
            t("audiences.reach.unreached", names=escape(", ".join(a.name for a in missing))),
            icon=":material/warning:",
        )
    elif snap.audiences:
        st.success(t("audiences.reach.all_reached"))
    if not snap.audiences:
        st.info(t("audiences.empty"))
        return
    st.subheader(t("audiences.reach.channels"))
    by_channel = channel_matrix(snap.audiences, snap.campaigns, snap.activities, ctx.keys("channels"))
    show_table(matrix_table(by_channel, snap.audiences, term_label(ctx, "channels")), width="stretch")
    st.subheader(t("audiences.reach.messages"))
    by_message = message_matrix(snap.audiences, snap.campaigns)
    if by_message.columns:
        show_table(matrix_table(by_message, snap.audiences, lambda text: text), width="stretch")
    else:
        st.caption(t("audiences.reach.no_messages"))
    st.caption(t("audiences.reach.legend"))


def matrix_table(matrix: Matrix, audiences: list[Audience], column_label: Callable[[str], str]):
    """The matrix as a table, one row per audience, each cell saying and coloured by its state."""
    rows = [a.name for a in audiences]
    columns = [column_label(c) for c in matrix.columns]
    cells = [[matrix.cell(a.id, c) for c in matrix.columns] for a in audiences]
    texts = pd.DataFrame(
        [
            [t(f"audiences.reach.state.{cell.state}", count=len(cell.campaigns)) if cell.state else "" for cell in row]
            for row in cells
        ],
        index=rows,
        columns=columns,
    )
    styles = pd.DataFrame([[COLOURS[cell.state] for cell in row] for row in cells], index=rows, columns=columns)
    return texts.style.apply(lambda _: styles, axis=None)
