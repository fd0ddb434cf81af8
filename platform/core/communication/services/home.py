"""Home messages (message d'accueil): one text per audience — families, staff, or the families
of a module — shown at the top of the home pages."""

from __future__ import annotations

from dataclasses import dataclass

from core.communication.models import HomeMessage
from core.communication.models.news import AUDIENCE_FAMILIES, AUDIENCE_STAFF
from core.communication.services.audiences import (
    audience_label,
    check_audience,
    enabled_modules,
    family_modules,
)
from core.families.models import Family


@dataclass(frozen=True)
class HomeMessageView:
    audience: str
    label: str
    text: str


def home_message_audiences() -> list[tuple[str, str]]:
    """(audience, label) staff may write for: families, staff, each enabled module."""
    modules = enabled_modules()
    labels = dict(modules)
    return [
        (AUDIENCE_FAMILIES, audience_label(AUDIENCE_FAMILIES)),
        (AUDIENCE_STAFF, audience_label(AUDIENCE_STAFF)),
        *[(module_id, audience_label(module_id, modules=labels)) for module_id, _ in modules],
    ]


def all_home_messages() -> list[HomeMessageView]:
    """Every audience staff may write for, with its text (empty when none yet)."""
    texts = dict(HomeMessage.objects.values_list("audience", "text"))
    return [
        HomeMessageView(audience=audience, label=label, text=texts.get(audience, ""))
        for audience, label in home_message_audiences()
    ]


def _messages(audiences: list[str]) -> list[HomeMessageView]:
    modules = dict(enabled_modules())
    texts = dict(
        HomeMessage.objects.filter(audience__in=audiences)
        .exclude(text="")
        .values_list("audience", "text")
    )
    return [
        HomeMessageView(
            audience=audience, label=audience_label(audience, modules=modules), text=texts[audience]
        )
        for audience in audiences
        if audience in texts
    ]


def home_messages_for_family(*, family: Family) -> list[HomeMessageView]:
    """The families' message, then those of the modules the family is enrolled in (enabled
    ones only); empty messages are left out."""
    enabled = [module_id for module_id, _ in enabled_modules()]
    mine = family_modules(family=family)
    return _messages([AUDIENCE_FAMILIES, *[m for m in enabled if m in mine]])


def home_messages_for_staff() -> list[HomeMessageView]:
    return _messages([AUDIENCE_STAFF])


def family_home_message(*, family: Family) -> str:
    """The family home's single text: its messages joined by a blank line."""
    return "\n\n".join(message.text for message in home_messages_for_family(family=family))


def set_home_message(*, audience: str, text: str) -> HomeMessageView:
    """Write the message of ``audience`` (families, staff or an enabled module); an empty text
    hides it."""
    audience = check_audience(audience, allowed=(AUDIENCE_FAMILIES, AUDIENCE_STAFF))
    text = _normalise(text)
    HomeMessage.objects.update_or_create(audience=audience, defaults={"text": text})
    return HomeMessageView(audience=audience, label=audience_label(audience), text=text)


def _normalise(text: str) -> str:
    # Plain text shown with its line breaks: unify them and trim each end.
    return "\n".join(
        line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")
    ).strip()
