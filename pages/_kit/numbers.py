"""Number fields that show no false precision: ``st.number_input(label, **FIGURE)`` for a figure that
may have decimals (a percentage, an amount: 2.5 stays 2.5, nothing shows 0 and not 0.00),
``**WHOLE`` for a count (people, actors, rows). Streamlit's number field writes a decimal point
whatever the language (README, "What remains in English, and numbers")."""

WHOLE = {"step": 1, "format": "%d"}
FIGURE = {"format": "%g"}  # the shortest form of the number: 0, 2.5, 1234567
