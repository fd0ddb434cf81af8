"""The password policy as a checklist: every rule of ``AUTH_PASSWORD_VALIDATORS``, each passed
or failed for a candidate password, with the very messages ``validate_password`` gives.

The SPA's checklist shows these rules (``POST /api/v1/password/check/``), so that it never
shows all green for a password the server refuses. Nothing here looks an account up: the
similarity rule compares the password with the values given (an unsaved user).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    UserAttributeSimilarityValidator,
    get_default_password_validators,
)
from django.core.exceptions import ValidationError

from core.accounts.models import User
from core.accounts.validators import CharacterClassesValidator

SIMILARITY_LABEL = "Ne ressemble pas à votre nom ou à votre adresse e-mail"
COMMON_LABEL = "N'est pas un mot de passe trop courant"
NUMERIC_LABEL = "N'est pas composé uniquement de chiffres"
# The checklist's order (a rule of a validator added later comes last).
ORDER = ("longueur", "majuscule", "minuscule", "chiffre", "ressemblance", "courant", "numerique")


@dataclass(frozen=True)
class RuleResult:
    id: str
    label: str
    passed: bool
    message: str = ""


@dataclass(frozen=True)
class PasswordCheck:
    rules: list[RuleResult]
    # What validate_password raises for this password (empty when it is accepted).
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


def candidate_user(*, email: str = "", first_name: str = "", last_name: str = "") -> User:
    """An unsaved user holding what the similarity rule compares (never saved)."""
    return User(email=email.strip(), first_name=first_name.strip(), last_name=last_name.strip())


def check_password(password: str, *, user: User | None = None) -> PasswordCheck:
    """Run each of the settings' validators on ``password`` for ``user``: one or more rules
    per validator, in the checklist's order; ``errors`` in the settings' order, as
    ``validate_password`` gives them."""
    rules: list[RuleResult] = []
    errors: list[str] = []
    for validator in get_default_password_validators():
        try:
            validator.validate(password, user)
            messages: list[str] = []
        except ValidationError as exc:
            messages = list(exc.messages)
        errors.extend(messages)
        rules.extend(_rules(validator, password, messages))
    rank = {rule_id: n for n, rule_id in enumerate(ORDER)}
    rules.sort(key=lambda rule: rank.get(rule.id, len(ORDER)))
    return PasswordCheck(rules=rules, errors=errors)


def _rules(validator, password: str, messages: list[str]) -> list[RuleResult]:
    message = " ".join(messages)
    passed = not messages
    if isinstance(validator, CharacterClassesValidator):
        return [
            RuleResult(
                id=rule_id,
                label=label,
                passed=bool(pattern.search(password)),
                message="" if pattern.search(password) else message,
            )
            for rule_id, label, pattern in validator.checklist()
        ]
    if isinstance(validator, MinimumLengthValidator):
        label = f"Contient au moins {validator.min_length} caractères"
        return [RuleResult("longueur", label, passed, message)]
    if isinstance(validator, UserAttributeSimilarityValidator):
        return [RuleResult("ressemblance", SIMILARITY_LABEL, passed, message)]
    if isinstance(validator, CommonPasswordValidator):
        return [RuleResult("courant", COMMON_LABEL, passed, message)]
    if isinstance(validator, NumericPasswordValidator):
        return [RuleResult("numerique", NUMERIC_LABEL, passed, message)]
    # A validator added to the settings later: its own help text is its rule.
    rule_id = type(validator).__name__.lower()
    return [RuleResult(rule_id, str(validator.get_help_text()), passed, message)]
