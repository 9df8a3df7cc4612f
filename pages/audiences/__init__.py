"""Audiencias, one module per tab: :mod:`segments` (build, describe and adjust a segment or a
public) and :mod:`reach` (what reaches whom); :mod:`page` is the entry file."""
