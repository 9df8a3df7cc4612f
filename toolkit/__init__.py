"""Hoja de Ruta: the toolkit behind the pages (never imports streamlit)."""
