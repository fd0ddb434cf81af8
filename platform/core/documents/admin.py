from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile

from core.documents.models import Document, DocumentType
from core.documents.services import check_document_type, review_document
from core.documents.uploads import check_upload
from core.families.models import DossierSettings


class DocumentTypeForm(forms.ModelForm):
    class Meta:
        model = DocumentType
        fields = [
            "name",
            "description",
            "scope",
            "order",
            "active",
            "modules",
            "activity_kinds",
            "required",
            "validity",
            "requires_review",
            "template",
            "edition",
        ]

    def clean_template(self):
        # Served to families: the same content checks as their own uploads, and a stored
        # extension that matches the content.
        template = self.cleaned_data.get("template")
        if template and not isinstance(template, FieldFile):
            try:
                checked = check_upload(
                    template, max_mb=DossierSettings.current().max_upload_mb, field="template"
                )
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["template"]) from exc
            template.name = f"template.{checked.extension}"
        return template

    def clean(self):
        # The same rules as the back office's API (modules enabled, per-child health form…).
        data = super().clean()
        check_document_type(
            scope=data.get("scope") or "",
            modules=data.get("modules") or [],
            activity_kinds=data.get("activity_kinds") or [],
            edition=data.get("edition") or "",
            instance=self.instance if self.instance.pk else None,
        )
        return data


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    form = DocumentTypeForm
    list_display = ["name", "scope", "modules", "validity", "required", "requires_review", "active"]
    list_filter = ["active", "scope", "required", "requires_review", "validity"]
    list_editable = ["active"]
    search_fields = ["name", "description"]
    readonly_fields = ["default_key"]
    fieldsets = (
        (None, {"fields": ("name", "description", "scope", "order", "active")}),
        ("Exigé pour", {"fields": ("modules", "activity_kinds", "required")}),
        ("Dépôt", {"fields": ("validity", "requires_review", "template", "edition")}),
        ("Origine", {"fields": ("default_key",), "classes": ("collapse",)}),
    )


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-only: files come from families through the portal, where the upload checks run
    (type sniffing, size), and a review goes through ``review_document`` (a rejection needs a
    reason and is e-mailed), so the only change offered here is the "accept" action."""

    list_display = ["original_name", "document_type", "family", "child", "status", "uploaded_at"]
    list_filter = ["status", "document_type"]
    search_fields = ["original_name", "family__name", "=family__number", "child__first_name"]
    date_hierarchy = "uploaded_at"
    list_select_related = ["document_type", "family", "child"]
    fields = [
        "uuid",
        "family",
        "child",
        "document_type",
        "original_name",
        "content_type",
        "size",
        "valid_until",
        "uploaded_at",
        "uploaded_by",
        "status",
        "rejection_reason",
        "reviewed_at",
        "reviewed_by",
    ]
    readonly_fields = fields
    actions = ["accept_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Accepter les documents sélectionnés", permissions=["change"])
    def accept_selected(self, request, queryset) -> None:
        accepted = 0
        for document in queryset.filter(status=Document.STATUS_AWAITING_REVIEW):
            try:
                review_document(document=document, accept=True, by=request.user)
            except ValidationError:
                continue  # reviewed by someone else meanwhile
            accepted += 1
        self.message_user(request, f"{accepted} document(s) accepté(s).", messages.SUCCESS)
