from django.contrib.admin.apps import AdminConfig


class MarelleAdminConfig(AdminConfig):
    """``django.contrib.admin`` with the throttled structure site as ``admin.site``."""

    default_site = "core.accounts.admin_site.StructureAdminSite"
