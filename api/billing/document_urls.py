"""Routes of the billing documents (PDFs, attestations, exports)."""

urlpatterns: list = []
