"""How Campañas names things: channels, statuses, amounts, activities in a table, and its own refusals."""

from collections.abc import Callable
from typing import TypeVar

import pandas as pd

from pages._kit.context import PageContext, notify
from pages._kit.outcome import show_error
from pages._kit.table import forget
from toolkit.domain import Activity
from toolkit.i18n import format_date, format_number, has, label, t
from toolkit.store import StoreError

Result = TypeVar("Result")
DATE_FORMAT = "DD/MM/YYYY"
NOTICE = "campaigns"


def channel_label(ctx: PageContext) -> Callable[[str | None], str]:
    """A ``format_func`` naming a channel as the workspace calls it; no channel is said so."""
    names = ctx.custom.get("channels")
    return lambda key: label("channels", key, names) if key else t("campaigns.no_channel")


def vocab_label(vocabulary: str) -> Callable[[str | None], str]:
    return lambda key: t(f"vocab.{vocabulary}.{key}") if key else ""


def money(value: float | None) -> str:
    return "—" if value is None else format_number(value)


def activity_table(ctx: PageContext, chosen: list[Activity], titles: dict[int, str] | None = None) -> pd.DataFrame:
    """Activities to read (late, upcoming); with ``titles`` of campaigns, the campaign of each first."""
    channel = channel_label(ctx)
    columns = {
        t("campaigns.columns.due_on"): [format_date(a.due_on) for a in chosen],
        t("campaigns.columns.title"): [a.title for a in chosen],
        t("campaigns.columns.channel"): [channel(a.channel) for a in chosen],
        t("campaigns.columns.owner"): [a.owner for a in chosen],
        t("campaigns.columns.status"): [t(f"vocab.activity_statuses.{a.status}") for a in chosen],
    }
    if titles is not None:
        columns = {t("campaigns.columns.campaign"): [titles.get(a.campaign_id, "") for a in chosen], **columns}
    return pd.DataFrame(columns)


class WordedError(StoreError):
    """A refusal in this page's words (``campaigns.errors.<reason>``) where it has its own: the kit's
    blocks (run, the editable table) show it through ``message_key``."""

    def __init__(self, error: StoreError) -> None:
        super().__init__(error.reason, **error.details)

    @property
    def message_key(self) -> str:
        own = f"campaigns.errors.{self.reason}"
        return own if has(own) else super().message_key


def worded(use_case: Callable[..., Result]) -> Callable[..., Result]:
    """``use_case`` whose refusals carry this page's words."""

    def call(*args, **kwargs) -> Result:
        try:
            return use_case(*args, **kwargs)
        except WordedError:
            raise
        except StoreError as error:
            raise WordedError(error) from error

    return call


def run(use_case: Callable[..., Result], *args, **kwargs) -> Result | None:
    """The kit's ``run`` in this page's words: the result, or ``None`` after saying why it was refused."""
    try:
        return worded(use_case)(*args, **kwargs)
    except StoreError as error:
        show_error(error)
        return None


def table_save(key: str, use_case: Callable, message: str, count: Callable) -> Callable:
    """An editable table's save that, when stored, says so in this page's words with their singular
    (``message`` with ``count=count(result)``): the kit's own notice knows no ``count``."""

    def save(edits: list, to_delete: list[int]):
        result = worded(use_case)(edits, to_delete)
        if result.ok:
            forget(key)
            notify(NOTICE, t(message, count=count(result)))
        return result

    return save


def done(use_case: Callable[..., object], *args, **kwargs) -> bool:
    """Whether ``use_case`` was carried out (for those that return nothing); a refusal is shown."""
    return run(lambda: use_case(*args, **kwargs) or True) is not None
