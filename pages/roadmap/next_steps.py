"""Próximos pasos: the next steps agreed with actors, overdue, this week and next week, each with
a link to the actor's record (drawn by :mod:`pages.contacts.steps`)."""

from pages._kit.context import PageContext
from pages.contacts import data, steps


def show(ctx: PageContext) -> None:
    """The section, after the milestones at a glance."""
    steps.team_steps(ctx, data.load(ctx))
