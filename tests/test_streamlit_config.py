"""The server's own settings that protect users (.streamlit/config.toml): no traceback in the browser,
no "Download as CSV" that bypasses the app's escaping, and one upload limit, counted as Streamlit does."""

import tomllib
from pathlib import Path

from toolkit.settings import Settings

CONFIG = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text("utf-8"))


def test_an_uncaught_exception_shows_no_details():
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_the_tables_offer_no_export_of_their_own():
    assert CONFIG["client"]["disableDataExport"] is True


def test_the_server_refuses_what_the_app_would_refuse_and_counts_megabytes_alike():
    settings = Settings.from_environment({})
    assert CONFIG["server"]["maxUploadSize"] == settings.upload_limit_mb == 20
    # Streamlit's megabyte is 2**20 bytes (the server refuses maxUploadSize * 1024 * 1024): a 19.9 MiB
    # file passes both checks
    assert settings.read_limits.max_bytes == 20 * 2**20 > int(19.9 * 2**20)
