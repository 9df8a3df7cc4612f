"""The cells of an edited table (a pandas frame's rows) back to plain Python values."""

from __future__ import annotations


def cell_value(value: object) -> object:
    """A table cell back to a Python value (NaN and pandas' NA are empty).

    >>> cell_value(float("nan")), cell_value(3.0), cell_value(("a",))
    (None, 3, ['a'])
    """
    if value is None:
        return None
    try:
        import pandas as pd  # heavy: loaded when a table is saved, not whenever toolkit is imported

        if not isinstance(value, (list, tuple)) and pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, tuple):
        return list(value)
    return value
