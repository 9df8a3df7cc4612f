"""Actores: the register and its relations, one actor's record, the import wizard and the downloads;
one module per tab, each drawn by its ``show`` function (``page.py`` is the entry file)."""
