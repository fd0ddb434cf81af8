"""A fake PayFiP SOAP endpoint (pytest-httpserver) answering eopayment's zeep client."""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from werkzeug import Request, Response

NS = (
    "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/"
    "contrat_paiement_securise/PaiementSecuriseService"
)
_ids = itertools.count(1)


def _envelope(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>'
        f"{body}</S:Body></S:Envelope>"
    )


def _tag(xml: str, name: str) -> str:
    found = re.search(rf"<(?:\w+:)?{name}>([^<]*)</(?:\w+:)?{name}>", xml)
    return found.group(1) if found else ""


class FakePayFiP:
    def __init__(self, httpserver) -> None:
        self.operations: dict[str, dict] = {}  # idop → what creerPaiementSecurise received
        self.results: dict[str, str] = {}  # idop → resultrans (P paid, R refused, A cancelled)
        self.amounts: dict[str, str] = {}  # idop → montant reported (cents), to fake a mismatch
        self.calls: list[str] = []
        httpserver.expect_request("/tpa/services/securite", method="POST").respond_with_handler(
            self._handle
        )
        self.url = httpserver.url_for("/tpa/services/securite")

    def _handle(self, request: Request) -> Response:
        xml = request.get_data(as_text=True)
        if "creerPaiementSecurise" in xml:
            self.calls.append("creerPaiementSecurise")
            idop = f"idop{next(_ids):08d}"
            self.operations[idop] = {
                name: _tag(xml, name)
                for name in (
                    "numcli",
                    "saisie",
                    "montant",
                    "mel",
                    "refdet",
                    "urlnotif",
                    "urlredirect",
                    "objet",
                )
            }
            body = (
                f'<ns2:creerPaiementSecuriseResponse xmlns:ns2="{NS}">'
                f"<return><idOp>{idop}</idOp></return></ns2:creerPaiementSecuriseResponse>"
            )
            return Response(_envelope(body), content_type="text/xml; charset=utf-8")
        if "recupererDetailPaiementSecurise" in xml:
            self.calls.append("recupererDetailPaiementSecurise")
            idop = _tag(xml, "idOp")
            sent = self.operations[idop]
            if idop not in self.results:
                # P5: "paiement en cours" (the idop exists, nothing paid yet).
                fault = (
                    "<S:Fault><faultcode>S:Server</faultcode>"
                    "<faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions."
                    "FonctionnelleErreur</faultstring><detail>"
                    f'<ns2:FonctionnelleErreur xmlns:ns2="{NS}"><code>P5</code>'
                    "<descriptif>Résultat de la transaction non connu</descriptif>"
                    "<libelle>Transaction en cours</libelle><severite>2</severite>"
                    "</ns2:FonctionnelleErreur></detail></S:Fault>"
                )
                return Response(_envelope(fault), status=500, content_type="text/xml")
            # The fake DGFiP server stamps the transaction with its own clock, as the real one
            # does; it runs in the test's process, so that clock is the test's frozen one.
            now = datetime.now(ZoneInfo("Europe/Paris"))
            detail = {
                "dattrans": now.strftime("%d%m%Y"),
                "exer": str(now.year),
                "heurtrans": now.strftime("%H%M"),
                "idOp": idop,
                "mel": sent["mel"],
                "montant": self.amounts.get(idop, sent["montant"]),
                "numauto": "112233",
                "numcli": sent["numcli"],
                "objet": sent["objet"],
                "refdet": sent["refdet"],
                "resultrans": self.results[idop],
                "saisie": sent["saisie"],
            }
            fields = "".join(f"<{k}>{v}</{k}>" for k, v in detail.items())
            body = (
                f'<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2="{NS}">'
                f"<return>{fields}</return></ns2:recupererDetailPaiementSecuriseResponse>"
            )
            return Response(_envelope(body), content_type="text/xml; charset=utf-8")
        return Response("unknown operation", status=400)
