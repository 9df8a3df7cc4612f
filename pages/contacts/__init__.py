"""Contactos: the contact history with its filters, recording a contact, importing a calendar or
e-mail file; one module per tab, each drawn by its ``show`` function (``page.py`` is the entry
file). ``steps`` draws the next steps and the silent actors for Hoja de ruta and Inicio."""
