"""Plurals by rule (issue 16): every catalog message that counts something reads right with
0, 1, 2 and 5 in the four languages.

A message counts through ``{count}``: ``t()`` picks ``key_one`` / ``key_many`` / ``key_other``
by the language's CLDR rule (Babel). Any other number a message shows stands as a figure after
its label ("Eliminados: {deleted}"), so it never needs a plural.
"""

import doctest
import re
import string

import pytest

import toolkit.i18n
from toolkit.i18n import LANGUAGES, catalog, plural_form, t

VARIANT = re.compile(r"_(one|many|other)$")
# words that agree with the number before it: "faltan 2", "los 2 elegidos", "ces 2 lignes"
AGREEING = {
    "es": {"faltan", "quedan", "estos", "estas", "los", "las", "sus", "son", "fueron", "están"},
    "en": {"these", "those", "are", "were", "remain"},
    "pt": {"faltam", "restam", "estes", "estas", "os", "as", "seus", "suas", "são", "foram"},
    "fr": {"ces", "les", "ses", "leurs", "manquent", "restent", "sont"},
}
# words that follow a number and do not change with it ("1 más", "1 de estos contactos")
INVARIANT = {"más", "more", "mais", "plus", "fois", "vez", "times", "veces", "ya", "already", "já"}
INVARIANT |= {"de", "of", "sur", "des", "destes", "destas", "desses", "dessas", "among", "entre"}
# numbers a message shows under another name than count: each must stand as a figure
NUMBERS = {
    "shown", "total", "saved", "deleted", "added", "merged", "relations", "actors", "errors", "warnings",
    "interactions", "unmatched", "without", "participants", "contributions", "updated", "invited",
    "attended", "activities", "kpis", "behind", "unmeasured", "done", "overdue", "blocked", "removed",
    "restored", "combined", "skipped", "consultations", "audiences", "campaigns", "milestones", "indicators",
    "indicator_measurements", "reach", "reached", "degree", "steps", "new", "missing", "times", "on_track",
    "late",
}  # fmt: skip
# not counted: settings of the app, never 1 (limit, minimum, minutes, days of silence, sizes in MB,
# columns over the maximum), positions (row 5, community 3, rank, page 2 of 9), measures (share, rate, amount, mean)
FIGURE = re.compile(r"\s*(?:$|[^\w\s]|\d|(?:de|of|sur|em)\s+\{)")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _is_variant(key: str) -> bool:
    """``x_one``, ``x_other``; ``x_many`` only beside its ``x`` (``consultations.size.too_many`` is no variant)."""
    found = VARIANT.search(key)
    return bool(found) and (found.group(1) != "many" or VARIANT.sub("", key) in catalog("es"))


def _counted() -> list[str]:
    """Messages that show a count, or pick their words by one (``key_one`` beside them)."""
    es = catalog("es")
    return sorted(k for k, text in es.items() if not _is_variant(k) and ("count" in _fields(text) or f"{k}_one" in es))


def _fill(key: str, lang: str, n: int) -> str:
    return t(key, lang, **{name: "«X»" for name in _fields(catalog(lang)[key]) if name != "count"}, count=n)


def _number_then_word(text: str, field: str = "count") -> tuple[str, str]:
    """The word before ``{field}`` and the one after it ("faltan", "actores")."""
    before, _, after = text.partition("{" + field + "}")
    previous = re.findall(r"(\w+)\s+$", before)  # right before it: "faltan 2", not "Faltan: 2"
    following = re.match(r"\s+(\w+)", after)
    return (previous[0].lower() if previous else "", following.group(1).lower() if following else "")


def test_doctests_of_t():
    assert doctest.testmod(toolkit.i18n, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0


@pytest.mark.parametrize(("lang", "one"), [("es", {1}), ("en", {1}), ("pt", {0, 1}), ("fr", {0, 1})], ids=LANGUAGES)
def test_cldr_forms(lang, one):
    assert {n for n in (0, 1, 2, 5, 21, 100) if plural_form(n, lang) == "one"} == one
    assert plural_form("1", lang) == "one" and plural_form("1.000", "es") == "other"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_t_uses_the_form_of_each_number(lang):
    texts = catalog(lang)
    wrong = []
    for key in _counted():
        for n in (0, 1, 2, 5):
            form = plural_form(n, lang)
            chosen = texts.get(f"{key}_{form}") or texts.get(f"{key}_other") or texts[key]
            expected = chosen.format(**{name: "«X»" for name in _fields(chosen) if name != "count"}, count=n)
            if _fill(key, lang, n) != expected:
                wrong.append((key, n))
    assert not wrong, f"{lang}: t() chose the wrong form for {wrong[:10]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_counted_noun_has_its_singular(lang):
    """A number followed by a word ("2 actores") or after a word that agrees with it ("faltan 2")
    needs the singular, in every language (a key lives in all four)."""
    texts, lacking = catalog(lang), []
    for key in _counted():
        before, after = _number_then_word(texts[key])
        agrees = before in AGREEING[lang] or (after and after not in INVARIANT)
        if agrees and f"{key}_one" not in texts:
            lacking.append(f"{key}: {texts[key]!r}")
    assert not lacking, f"{lang}: counted messages without a key_one:\n" + "\n".join(lacking)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("n", [0, 1, 2, 5])
def test_no_plural_noun_after_a_singular_number(lang, n):
    """With 1 (and 0 in French and Portuguese) no '1 actores'; the number is said, except that a
    text for exactly 1 may say it in words ('¿Eliminar esta fila?', 'once')."""
    texts, wrong = catalog(lang), []
    for key in _counted():
        shown = _fill(key, lang, n)
        if plural_form(n, lang) == "one":
            plural_word = _number_then_word(texts[key])[1]
            said = re.search(rf"(?<![\w.,]){n}\s+(\w+)", shown)
            # a plural noun after the number ("actores"), not "1 todavía no está" or "1 más"
            noun = plural_word.endswith(("s", "x")) and plural_word not in INVARIANT
            if noun and said and said.group(1).lower() == plural_word:
                wrong.append(f"{key}: {shown!r}")
            shows_count = "count" in _fields(texts[key])
            if shows_count and not said and not re.search(rf"(?<![\w.,]){n}(?![\w])", shown) and n != 1:
                wrong.append(f"{key} (the number is missing): {shown!r}")
        elif texts.get(f"{key}_one", texts[key]) != texts[key] and shown == _fill(f"{key}_one", lang, n):
            wrong.append(f"{key}: the singular shown for {n}")
    assert not wrong, f"{lang}, {n}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_other_numbers_stand_as_figures(lang):
    """A number passed under another name than count ("Eliminados: {deleted}") is a figure after
    its label, so it reads right whatever its value: no word after it that would agree with it."""
    wrong = []
    for key, text in catalog(lang).items():
        for field in _fields(text) & NUMBERS:
            for before, space, after in re.findall(r"(\w*)(\W*)\{" + field + r"\}(.{0,12})", text):
                if (before.lower() in AGREEING[lang] and not space.strip()) or not FIGURE.match(after):
                    wrong.append(f"{key} ({field}): {text!r}")
    assert not wrong, f"{lang}: numbers that need a count or a label:\n" + "\n".join(sorted(set(wrong)))


def test_variants_belong_to_a_counted_message():
    es = catalog("es")
    orphans = [k for k in es if _is_variant(k) and VARIANT.sub("", k) not in es]
    assert not orphans, f"plural forms without their message: {orphans}"
