"""``{{ child.first_name|de }}``: « d'Emma », « de Léo » in the e-mails and documents."""

from django import template

from core.tenancy.grammar import with_de

register = template.Library()


@register.filter(name="de")
def de(value) -> str:
    return with_de(str(value))
