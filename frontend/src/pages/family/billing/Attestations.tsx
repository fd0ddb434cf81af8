import { useId, useState } from "react";
import { presenceUrl, useAttestations, type AttestationChild, type AttestationList } from "../../../api/billing";
import { ApiError } from "../../../api/client";
import { formatMoney } from "../../../format/money";
import { PageError, PageLoading } from "../components/PageStates";

/**
 * « Mes éditions »: the attestations of payment and of childcare costs (per
 * year) and the attestation of presence of a child. Hidden when the
 * structure does not offer them (403/404).
 */
export function Attestations() {
  const attestations = useAttestations();
  if (attestations.isError && attestations.error instanceof ApiError && [403, 404].includes(attestations.error.status)) return null;

  return (
    <section aria-labelledby="attestations-titre" className="section">
      <h2 id="attestations-titre">Attestations</h2>
      {attestations.isPending ? (
        <PageLoading label="Chargement des attestations…" />
      ) : attestations.isError ? (
        <PageError error={attestations.error} onRetry={() => void attestations.refetch()} />
      ) : (
        <AttestationContent list={attestations.data} />
      )}
    </section>
  );
}

function AttestationContent({ list }: { list: AttestationList }) {
  const years = [...list.years].sort((a, b) => b.year - a.year);
  return (
    <>
      {years.length === 0 ? (
        <p>Aucun règlement enregistré pour l'instant : les attestations de paiement apparaîtront ici.</p>
      ) : (
        <ul className="plain-list">
          {years.map((item) => (
            <li key={item.year} className="card edition">
              <h3 className="edition__title">Année {item.year}</h3>
              <p>
                <a href={item.payments_url} download className="button button--secondary">
                  Attestation de paiement {item.year} (PDF)
                </a>
              </p>
              <p className="form-note">Total des règlements reçus : {formatMoney(item.payments_total)}.</p>
              {item.childcare_url && (
                <>
                  <p>
                    <a href={item.childcare_url} download className="button button--secondary">
                      Attestation de frais de garde {item.year} (PDF)
                    </a>
                  </p>
                  <p className="form-note">
                    Pour la déclaration de revenus (enfants de moins de 6 ans :{" "}
                    {item.children_under_six.map((child) => childName(child)).join(", ")}).
                  </p>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {list.children.length > 0 && <PresenceForm list={list} />}
    </>
  );
}

function PresenceForm({ list }: { list: AttestationList }) {
  const [child, setChild] = useState(String(list.children[0].id));
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const childId = useId();
  const fromId = useId();
  const toId = useId();
  const hintId = useId();
  const invalid = Boolean(from && to && from > to);
  const name = childName(list.children.find((c) => String(c.id) === child));

  return (
    <div className="card edition billing-presence">
      <h3 className="edition__title">Attestation de présence</h3>
      <p id={hintId} className="form-note">
        Sans dates, l'attestation couvre l'année scolaire en cours jusqu'à aujourd'hui.
      </p>
      <div className="billing-period">
        <div className="field">
          <label className="field__label" htmlFor={childId}>
            Enfant
          </label>
          <select id={childId} className="field__control" value={child} onChange={(event) => setChild(event.target.value)}>
            {list.children.map((c) => (
              <option key={c.id} value={c.id}>
                {childName(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={fromId}>
            Du
          </label>
          <input id={fromId} type="date" className="field__control" value={from} aria-describedby={hintId} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={toId}>
            Au
          </label>
          <input id={toId} type="date" className="field__control" value={to} aria-describedby={hintId} onChange={(event) => setTo(event.target.value)} />
        </div>
      </div>
      <div role="status">{invalid && <p className="field__error">La date de début doit précéder la date de fin.</p>}</div>
      {!invalid && (
        <p>
          <a href={presenceUrl(list.presence_url, child, from, to)} download className="button button--secondary">
            Télécharger l'attestation de présence de {name} (PDF)
          </a>
        </p>
      )}
    </div>
  );
}

function childName(child: AttestationChild | undefined): string {
  return child ? `${child.first_name} ${child.last_name}` : "";
}
