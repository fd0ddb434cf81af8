"""Accounts of one structure (tenant app): parents and staff log in with their e-mail."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from core.accounts.roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields) -> User:
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in to one structure's portal (or, in public, a platform operator).

    The e-mail is the identifier, unique per schema, case-insensitively. ``is_staff`` keeps
    Django's meaning (may open the Django admin); the roles are groups (``roles.py``).
    """

    email = models.EmailField("adresse e-mail", max_length=254, unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("accès à l'administration Django", default=False)
    must_change_password = models.BooleanField(
        "doit changer son mot de passe",
        default=False,
        help_text="Le mot de passe est temporaire : il devra être changé à la prochaine connexion.",
    )
    date_joined = models.DateTimeField("inscrit le", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def roles(self) -> list[Role]:
        names = {g.name for g in self.groups.all()}
        return [role for role in Role if role.group_name in names]

    @property
    def is_staff_member(self) -> bool:
        """True for the structure's staff roles (not parents)."""
        return any(role.is_staff_role for role in self.roles)

    # State transitions ---------------------------------------------------------------------
    def set_temporary_password(self, raw_password: str) -> None:
        self.set_password(raw_password)
        self.must_change_password = True

    def password_changed(self) -> None:
        if self.must_change_password:
            self.must_change_password = False
            self.save(update_fields=["must_change_password"])
