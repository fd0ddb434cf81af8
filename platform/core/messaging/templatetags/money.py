"""``{% load money %}``: ``{{ amount|money }}`` in e-mails and PDFs (see ``core.money``)."""

from __future__ import annotations

from django import template

from core.money import format_money

register = template.Library()


@register.filter
def money(value) -> str:
    """« 12,50 € », « −1,20 € » (typographic minus), "" for a missing amount."""
    return format_money(value)
