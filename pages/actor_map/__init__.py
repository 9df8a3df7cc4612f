"""Mapa de actores: the interactive map, what it says, the power-interest grid, and its files."""
