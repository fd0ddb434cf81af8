"""Routes of online payment (parent checkout, attempts, provider settings)."""

urlpatterns: list = []
