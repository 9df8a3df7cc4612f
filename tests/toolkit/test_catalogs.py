"""Every word the user reads comes from the catalogs: all four languages carry every key,
every key the code asks for exists, and no key lies unused."""

import re
import string
import tomllib
from pathlib import Path

import pytest

from toolkit.i18n import LANGUAGES, catalog

ROOT = Path(__file__).parents[2]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py")), *sorted((ROOT / "toolkit").rglob("*.py"))]
PLURAL_FORM = re.compile(r"_(one|many|other)$")
LITERAL = re.compile(r"""(f?)["']([a-z_]+(?:\.[a-z0-9_{}\[\]'"]+)+)["']""")


def _used() -> tuple[set[str], list[re.Pattern]]:
    literals, patterns = set(), []
    for path in SOURCES:
        for is_f, text in LITERAL.findall(path.read_text("utf-8")):
            if is_f and "{" in text:
                regex = re.sub(r"\\\{[^}]*\\\}", r"[A-Za-z0-9_]+", re.escape(text))
                patterns.append(re.compile(regex + "$"))
            else:
                literals.add(text)
    return literals, patterns


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "es"])
def test_every_language_has_every_key(lang):
    missing = sorted(set(catalog("es")) - set(catalog(lang)))
    extra = sorted(set(catalog(lang)) - set(catalog("es")))
    assert not missing, f"{lang}.toml lacks {missing[:10]}"
    assert not extra, f"{lang}.toml has keys es.toml does not: {extra[:10]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match_spanish(lang):
    fields = lambda text: {name for _, name, _, _ in string.Formatter().parse(text) if name}  # noqa: E731
    # a plural form may say its number in words in one language ("¿Eliminar esta fila?", "once")
    same = lambda key, a, b: a == b or (PLURAL_FORM.search(key) and a - {"count"} == b - {"count"})  # noqa: E731
    wrong = [
        key for key, text in catalog("es").items() if not same(key, fields(text), fields(catalog(lang).get(key, text)))
    ]
    assert not wrong, f"{lang}: placeholders differ in {wrong[:10]}"


def test_every_key_is_used():
    literals, patterns = _used()
    used = lambda key: key in literals or any(p.match(key) for p in patterns)  # noqa: E731
    # a plural form "key_one" ("key_many", "key_other") is asked for through its key, with a count
    unused = [key for key in catalog("es") if not used(PLURAL_FORM.sub("", key))]
    assert not unused, f"keys nobody asks for: {unused}"


def test_every_literal_key_exists():
    literals, _ = _used()
    known = set(catalog("es"))
    prefixes = (
        "import.",
        "errors.",
        "home.",
        "actors.",
        "settings.",
        "export.",
        "cli.",
        "columns.",
        "vocab.",
        "nav.",
        "sidebar.",
        "placeholder.",
        "record.",
        "relations.",
        "quadrants.",
        "languages.",
        "common.",
    )
    asked = {key for key in literals if key.startswith(prefixes) and not key.endswith((".py", ".toml", ".db"))}
    missing = sorted(asked - known - {"actors.id"})  # a foreign key, not a message
    assert not missing, f"keys used in code but missing from es.toml: {missing}"


def test_catalogs_are_valid_toml_and_split_the_same_way():
    from toolkit.i18n import catalog_files

    for lang in LANGUAGES:
        for path in catalog_files(lang):
            tomllib.loads(path.read_text("utf-8"))
        assert [p.name for p in catalog_files(lang)][1:] == [p.name for p in catalog_files("es")][1:]
