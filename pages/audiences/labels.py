"""How the audiences page names things: a vocabulary's term (or "unknown"), a level, why a member is one."""

from collections.abc import Callable

from pages._kit.context import PageContext
from toolkit.i18n import t

LEVELS = [None, 1, 2, 3, 4, 5]


def term_label(ctx: PageContext, vocabulary: str) -> Callable[[str | None], str]:
    """A vocabulary's term as the workspace calls it; "unknown" for none."""
    named = ctx.term_label(vocabulary)
    return lambda key: named(key) if key else t("audiences.unknown")


def vocab_label(vocabulary: str) -> Callable[[str | None], str]:
    return lambda key: t(f"vocab.{vocabulary}.{key}") if key else ""


def why_label(why: str) -> str:
    return t(f"audiences.members.why.{why}")


def level_label(level: int | None) -> str:
    return t("audiences.fields.level_unknown") if level is None else str(level)


def community_label(community_names: dict[int, list[str]]) -> Callable[[int], str]:
    return lambda number: t(
        "audiences.rule.community_label", number=number + 1, members=", ".join(community_names.get(number, []))
    )
