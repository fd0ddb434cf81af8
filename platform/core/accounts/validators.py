import re

from django.core.exceptions import ValidationError


class CharacterClassesValidator:
    """At least one upper-case letter, one lower-case letter and one digit."""

    rules = (
        (re.compile(r"[A-ZÀ-ÖØ-Þ]"), "une lettre majuscule"),
        (re.compile(r"[a-zß-öø-ÿ]"), "une lettre minuscule"),
        (re.compile(r"\d"), "un chiffre"),
    )
    # The same rules as the SPA's checklist shows them (core.accounts.passwords).
    checklist_rules = (
        ("majuscule", "Contient une majuscule"),
        ("minuscule", "Contient une minuscule"),
        ("chiffre", "Contient un chiffre"),
    )

    def checklist(self):
        """``(id, label, pattern)`` of each rule."""
        return [
            (rule_id, label, pattern)
            for (rule_id, label), (pattern, _) in zip(self.checklist_rules, self.rules, strict=True)
        ]

    def validate(self, password: str, user=None) -> None:
        missing = [label for pattern, label in self.rules if not pattern.search(password)]
        if missing:
            raise ValidationError(
                "Le mot de passe doit contenir au moins " + ", ".join(missing) + ".",
                code="password_character_classes",
            )

    def get_help_text(self) -> str:
        return (
            "Votre mot de passe doit contenir au moins une lettre majuscule, "
            "une lettre minuscule et un chiffre."
        )
