"""Actores, the import wizard, step 5: the file's own terms. A sector, scale or relation type the
workspace's lists lack is added as a new term, or read as an existing one, without leaving the
wizard: one small table per list (term found, how many rows, what to do)."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages._kit.table import readable
from toolkit.i18n import label, t
from toolkit.spreadsheets.new_terms import NEW, apply_term_choices
from toolkit.store.workspaces import vocabulary_terms


def choose(ctx: PageContext, preview) -> None:
    """Show the new terms of ``preview`` and apply the person's choices to it (in place)."""
    if not preview.new_terms:
        return
    st.markdown(f"**{t('import.terms.title')}**")
    st.caption(t("import.terms.intro"))
    lists = vocabulary_terms(ctx.engine, ctx.workspace_id)
    choices: dict[tuple[str, str], str] = {}
    for vocabulary in dict.fromkeys(term.vocabulary for term in preview.new_terms):
        terms = [term for term in preview.new_terms if term.vocabulary == vocabulary]
        choices.update(_table(vocabulary, terms, lists.get(vocabulary, [])))
    apply_term_choices(preview, choices)


def _table(vocabulary: str, terms: list, existing: list[tuple[str, str | None]]) -> dict[tuple[str, str], str]:
    """One list's new terms, each to add (the default) or to read as one of the list's terms."""
    custom = {key: own for key, own in existing if own}
    names = {key: label(vocabulary, key, custom) for key, _ in existing}
    options = [NEW, *names]
    table = pd.DataFrame(
        {
            "key": [term.key for term in terms],
            "found": [term.label for term in terms],
            "rows": [term.rows for term in terms],
            "choice": [NEW] * len(terms),
        }
    )
    chosen = st.data_editor(
        table,
        hide_index=True,
        width="stretch",
        disabled=["key", "found", "rows"],
        column_order=["found", "rows", "choice"],
        key=f"import_terms_{vocabulary}_{len(terms)}",
        column_config=readable(
            {
                "found": st.column_config.TextColumn(
                    f"{t('import.terms.found')} · {t(f'settings.vocab.name.{vocabulary}')}"
                ),
                "rows": st.column_config.NumberColumn(t("import.terms.rows")),
                "choice": st.column_config.SelectboxColumn(
                    t("import.terms.choice"),
                    options=options,
                    required=True,
                    format_func=lambda key: (
                        t("import.terms.new") if key == NEW else t("import.terms.same_as", label=names[key])
                    ),
                ),
            },
            editing=True,
        ),
    )
    return {(vocabulary, key): choice for key, choice in zip(chosen["key"], chosen["choice"], strict=True)}
