"""OVHcloud SMS (decision 0025: a French operator, data kept in the EU, bought by communes
through UGAP, priced per SMS). Credentials come from the settings (``OVH_*``, environment)."""

from __future__ import annotations

from django.conf import settings

from core.communication.sms.base import SmsError, SmsProvider, SmsRefused, international


def _client():
    import ovh

    return ovh.Client(
        endpoint=settings.OVH_ENDPOINT,
        application_key=settings.OVH_APPLICATION_KEY,
        application_secret=settings.OVH_APPLICATION_SECRET,
        consumer_key=settings.OVH_CONSUMER_KEY,
    )


class OvhSmsProvider(SmsProvider):
    def __init__(self, *, sender: str = "", client=None) -> None:
        super().__init__(sender=sender)
        self.client = client or _client()
        self.service = settings.OVH_SMS_SERVICE

    def send(self, *, to: str, text: str) -> str:
        import ovh

        payload = {
            "message": text,
            "receivers": [international(to)],
            "noStopClause": False,  # the « STOP » mention French law requires
            "priority": "high",
        }
        if self.sender:
            payload["sender"] = self.sender
        else:
            payload["senderForResponse"] = True
        try:
            answer = self.client.post(f"/sms/{self.service}/jobs", **payload)
        except ovh.exceptions.BadParametersError as exc:  # this message or number: for good
            raise SmsRefused(str(exc)) from exc
        except ovh.exceptions.APIError as exc:  # network, credentials, credit: may pass
            raise SmsError(str(exc)) from exc
        ids = answer.get("ids") or []
        if not ids:
            raise SmsRefused(f"OVHcloud n'a pas pris le SMS : {answer.get('invalidReceivers')}")
        return str(ids[0])
