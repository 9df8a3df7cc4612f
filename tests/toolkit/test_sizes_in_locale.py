"""A file refused for its size says its megabytes as the reader's locale writes them (issue 16):
"20,1 MB" in a Spanish message, "20.1 MB" in an English one, never a decimal point in Spanish."""

import pytest

from toolkit.i18n import t
from toolkit.spreadsheets.reading import MIB, ReadLimits, UnreadableFile, read_workbook


@pytest.mark.parametrize(("lang", "size", "limit"), [("es", "1,1", "1"), ("en", "1.1", "1"), ("fr", "1,1", "1")])
def test_a_file_too_large_says_its_size_in_the_locale(lang, size, limit):
    from toolkit import i18n

    i18n.set_language(lang)
    try:
        with pytest.raises(UnreadableFile) as refused:
            read_workbook(b"a;b\n" * (MIB // 4 + 20_000), "grande.csv", ReadLimits(max_bytes=MIB))
    finally:
        i18n.set_language("es")
    details = refused.value.details
    assert (details["size_mb"], details["limit_mb"]) == (size, limit)
    message = t(refused.value.message_key, lang=lang, **details)
    assert size in message
