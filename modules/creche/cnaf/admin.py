"""The Cnaf's PSU parameters in the operators' console (root domain, public schema).

Registered on ``console_site`` only: a structure's admin (``admin.site``) never lists them. A set
and its rates are checked together, as the engine will read them (``psu.PsuParameters``): an
incoherent set is refused with the engine's French message, and nothing is saved.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from modules.creche.cnaf.models import PsuEffortRate, PsuParameterSet
from tenants.console import console_site


class EffortRatesFormSet(BaseInlineFormSet):
    """The rates as posted, checked with the set's posted floor, ceiling and care tables."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # The new lines prefilled with the latest set's rates (``initial``, see the admin).
        extra_index = i - self.initial_form_count()
        form.prefilled = 0 <= extra_index < len(self.initial_extra or ())
        return form

    def clean(self) -> None:
        super().clean()  # per-row errors and duplicated bands first
        if any(self.errors):
            return
        parameter_set = self.instance  # carries the posted fields (ModelForm._post_clean)
        if None in (parameter_set.effective_from, parameter_set.floor, parameter_set.ceiling):
            return  # the set's own form reports what is missing
        rates = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or (self.can_delete and self._should_delete_form(form)):
                continue
            rates.append((data["table"], data["children_from"], data["rate"]))
        try:
            parameter_set.check_coherence(rates)
        except ValidationError as error:
            raise ValidationError(error.messages) from error


class EffortRateForm(forms.ModelForm):
    prefilled = False

    def has_changed(self) -> bool:
        # A new set's lines are prefilled with the latest set's rates: kept as shown, they are
        # still the new set's rates (Django would otherwise drop an unchanged extra line). A
        # blank line added by hand stays ignored.
        return self.prefilled or super().has_changed()


def latest_set() -> PsuParameterSet | None:
    return PsuParameterSet.objects.prefetch_related("rates").order_by("-effective_from").first()


def latest_rates() -> list[dict]:
    latest = latest_set()
    if latest is None:
        return []
    return [
        {"table": rate.table, "children_from": rate.children_from, "rate": rate.rate}
        for rate in sorted(latest.rates.all(), key=lambda r: (r.table, r.children_from))
    ]


class EffortRateInline(admin.TabularInline):
    model = PsuEffortRate
    form = EffortRateForm
    formset = EffortRatesFormSet
    fields = ["table", "children_from", "rate"]

    def get_extra(self, request, obj=None, **kwargs):
        # A new set: one line per band of the latest set, prefilled (see get_formset_kwargs).
        if obj is not None and obj.pk is not None:
            return 0
        return len(latest_rates()) or 7


@admin.register(PsuParameterSet, site=console_site)
class PsuParameterSetAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "floor", "ceiling", "source", "updated_at", "updated_by"]
    ordering = ["-effective_from"]
    date_hierarchy = "effective_from"
    search_fields = ["source"]
    inlines = [EffortRateInline]
    readonly_fields = ["updated_at", "updated_by"]
    fields = [
        "effective_from",
        "floor",
        "ceiling",
        "care_tables",
        "source",
        "updated_at",
        "updated_by",
    ]

    def get_changeform_initial_data(self, request):
        """A new set starts as a copy of the latest one: a circular usually moves one value
        (the floor in January, the ceiling in 2024 and 2025), the operator changes just it."""
        initial = super().get_changeform_initial_data(request)
        latest = latest_set()
        if latest is not None:
            for field in ("floor", "ceiling", "care_tables"):
                initial.setdefault(field, getattr(latest, field))
        return initial

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, EffortRateInline) and (obj is None or obj.pk is None):
            kwargs["initial"] = latest_rates()
        return kwargs

    def save_model(self, request, obj, form, change):
        obj.updated_by = getattr(request.user, "email", "") or ""
        super().save_model(request, obj, form, change)
