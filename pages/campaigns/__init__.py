"""Campañas, one module per tab: the dashboard, the plan, the activities, the KPIs (see page.py)."""
