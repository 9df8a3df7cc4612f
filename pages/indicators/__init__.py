"""Indicadores: a dashboard per dimension, the indicators table, the dated measurements."""
