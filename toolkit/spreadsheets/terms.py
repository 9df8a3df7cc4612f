"""The words a file may use for a vocabulary's key: synonyms, catalog labels in every language
and the workspace's own labels."""

from __future__ import annotations

from functools import cache

from toolkit.i18n import LANGUAGES, catalog
from toolkit.vocab import DEFAULTS, fold, synonym_index


@cache
def catalog_labels(vocabulary: str) -> tuple[tuple[str, str], ...]:
    """Every (key, label) of a vocabulary in the catalogs of all languages."""
    pairs = []
    for lang in LANGUAGES:
        prefix = f"vocab.{vocabulary}."
        pairs.extend((key.removeprefix(prefix), text) for key, text in catalog(lang).items() if key.startswith(prefix))
    return tuple(pairs)


def term_indexes(terms: dict[str, list[tuple[str, str | None]]]) -> dict[str, dict[str, str]]:
    """Per vocabulary: every word that means a key (synonyms, labels in four languages, the
    workspace's own labels)."""
    indexes = {}
    for vocabulary in DEFAULTS:
        index = synonym_index(DEFAULTS[vocabulary])
        for key, text in catalog_labels(vocabulary):
            index[fold(text)] = key
        for key, custom_label in terms.get(vocabulary, []):
            index.setdefault(fold(key.replace("_", " ")), key)
            if custom_label:
                index[fold(custom_label)] = key
        indexes[vocabulary] = index
    return indexes
