"""French grammar of a structure's name in a sentence: « le portail des Colos du Vercors »,
« d'Enfance Val de Brenne », « de la Mairie de Saint-Alban » (``Tenant.name_with_de``)."""

from __future__ import annotations

import re

from core.tenancy.constants import NameArticle

# Elision before a vowel or a (mute, as we assume) h; the operator corrects the exceptions.
_ELIDES = re.compile(r"^[aeiouyhàâäéèêëîïôöùûüÿæœ]", re.IGNORECASE)
# The article the name starts with (as typed), dropped once « de » contracts with it.
_LEADING = {
    NameArticle.DES: re.compile(r"^les\s+", re.IGNORECASE),
    NameArticle.DU: re.compile(r"^le\s+", re.IGNORECASE),
    NameArticle.DE_LA: re.compile(r"^la\s+", re.IGNORECASE),
    NameArticle.DE_L: re.compile(r"^l['’]\s*", re.IGNORECASE),
}


def default_article(name: str) -> str:
    """« Les … » → des, « Le … » → du, « La … » → de la, « L'… » → de l', a vowel or h → d',
    otherwise de."""
    name = (name or "").strip()
    for article, leading in _LEADING.items():
        if leading.match(name):
            return article
    return NameArticle.ELISION if _ELIDES.match(name) else NameArticle.DE


def name_with_de(name: str, article: str = NameArticle.AUTO) -> str:
    """The name after « de » contracted with ``article`` (guessed when empty):
    « des Colos du Vercors », « d'Enfance Val de Brenne », « de Marelle »."""
    name = (name or "").strip()
    article = article or default_article(name)
    leading = _LEADING.get(article)
    rest = leading.sub("", name, count=1) if leading else name
    if article == NameArticle.ELISION:
        return f"d'{rest}"
    if article == NameArticle.DE_L:
        return f"de l'{rest}"
    return f"{article} {rest}"


def with_de(name: str) -> str:
    """A first name or a title after « de »: « d'Emma », « d'Hugo », « de Léo »."""
    name = (name or "").strip()
    return f"d'{name}" if _ELIDES.match(name) else f"de {name}"
