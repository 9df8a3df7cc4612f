"""Debian's Chromium as the browser tests and the browser benchmarks start it (``playwright install``
cannot download a browser on this project's machines)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # without these Chromium phones home at start-up, and a closed network refuses it
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
