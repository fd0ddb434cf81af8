"""The operators' console: a Django admin site of its own, mounted on the root domain only.

Structures' hosts mount ``admin.site`` (their own schema's configuration); the platform's
models are registered here only, so no structure admin can ever reach them.
"""

from django.contrib import admin

from core.accounts.admin import UserAdmin
from core.accounts.admin_site import ThrottledLoginMixin
from core.accounts.models import User


class OperatorConsoleSite(ThrottledLoginMixin, admin.AdminSite):
    site_header = "Marelle — console des opérateurs"
    site_title = "Marelle"
    index_title = "Administration de la plateforme"


console_site = OperatorConsoleSite(name="console")
console_site.register(User, UserAdmin)
