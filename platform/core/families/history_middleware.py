"""pghistory's request context (who, from where) for the requests that change family files.

pghistory prefixes every SQL statement of a request with a ``set_config`` of its context. The
booking endpoints write no audited model (reservations carry their own ``created_by`` /
``decided_by``), and they are the ones that must stay fast when a booking window opens: they
skip it.
"""

from __future__ import annotations

from pghistory.middleware import HistoryMiddleware

UNAUDITED_PREFIXES = ("/api/v1/booking/", "/api/v1/staff/booking/")


class AuditHistoryMiddleware(HistoryMiddleware):
    def __call__(self, request):
        if request.path.startswith(UNAUDITED_PREFIXES) and request.path != (
            "/api/v1/booking/absences/"  # uploads a justification: touches the family file
        ):
            return self.get_response(request)
        return super().__call__(request)
