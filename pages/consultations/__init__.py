"""Consultas: plan a multi-actor consultation, choose who takes part, convene, record what was
said, and synthesise it. ``page.py`` is the screen; each tab is a module with ``show(chosen)``."""
