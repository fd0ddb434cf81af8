import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { refusalMessage } from "../../../../components/apiErrors";
import { QueryView } from "../../../../components/QueryView";
import { StatusIcon } from "../../../../components/StatusIcon";
import { formatDate, formatDateTime, todayIso } from "../../../../format/dates";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { describeSchedule, formatHours, refuseRequest, requestKeys, useStaffRequest, waitlistRequest, type StaffPlaceRequest } from "../api";
import { RequestDetails } from "../RequestDetails";
import { OfferForm } from "./OfferForm";

const OPEN = new Set(["submitted", "waitlisted", "offered"]);

function RefuseForm({ request, onDone }: { request: StaffPlaceRequest; onDone: (message: string) => void }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError("Indiquez le motif du refus : il est communiqué à la famille.");
      return;
    }
    setBusy(true);
    setError("");
    try {
      await refuseRequest(request.id, reason.trim());
      onDone("La demande est refusée : la famille est prévenue par e-mail, avec le motif.");
    } catch (caught) {
      setError(refusalMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="refus-titre">
      <h3 id="refus-titre">Refuser la demande</h3>
      <div className={error ? "field field--error" : "field"}>
        <label className="field__label" htmlFor="refus-motif">
          Motif communiqué à la famille
        </label>
        {error && (
          <p id="refus-erreur" className="field__error" role="alert">
            {error}
          </p>
        )}
        <textarea id="refus-motif" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? "refus-erreur" : undefined} />
      </div>
      <button type="submit" className="button button--danger" disabled={busy}>
        {busy ? "Envoi…" : "Refuser la demande"}
      </button>
    </form>
  );
}

function Commission({ request, onDone }: { request: StaffPlaceRequest; onDone: (message: string) => void }) {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function waitlist() {
    setBusy(true);
    setError("");
    try {
      await waitlistRequest(request.id);
      onDone("La demande est en liste d'attente : la famille est prévenue par e-mail.");
    } catch (caught) {
      setError(refusalMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="commission-titre" className="card">
      <h2 id="commission-titre">Décision de la commission</h2>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {request.state !== "offered" && <OfferForm request={request} today={todayIso()} onDone={onDone} />}
      {request.state !== "waitlisted" && (
        <>
          <h3>Liste d'attente</h3>
          <button type="button" className="button button--secondary" onClick={() => void waitlist()} disabled={busy}>
            {request.state === "offered" ? "Reprendre la proposition (liste d'attente)" : "Mettre en liste d'attente"}
          </button>
        </>
      )}
      {request.state !== "offered" && <RefuseForm request={request} onDone={onDone} />}
    </section>
  );
}

function Request({ request, onDone }: { request: StaffPlaceRequest; onDone: (message: string) => void }) {
  return (
    <>
      <h1 id="demande-titre">
        Demande de place n° {request.id} — {request.child_name}
      </h1>
      <p>
        <StatusIcon name="circle" /> <strong>{request.state_label}</strong>
        {request.decided_at && ` — décidée le ${formatDateTime(request.decided_at)}${request.decided_by ? ` par ${request.decided_by}` : ""}`}
      </p>
      {request.reason && <p>Motif : {request.reason}</p>}
      {request.renewal_asked_at && <p>Renouvellement demandé à la famille le {formatDateTime(request.renewal_asked_at)}.</p>}
      <p>
        Famille :{" "}
        <Link to={`/gestion/familles/${request.family.id}`}>
          {request.family.name} (n° {request.family.number})
        </Link>
        {request.child_birth_date && ` · enfant né·e le ${formatDate(request.child_birth_date)}`}
      </p>
      {request.offer && (
        <section aria-labelledby="offre-faite-titre">
          <h2 id="offre-faite-titre">Place proposée</h2>
          <p>
            {request.offer.establishment_name}
            {request.offer.section_name ? `, section ${request.offer.section_name}` : ""}, entrée le {formatDate(request.offer.start)} ; {describeSchedule(request.offer.schedule)} (
            {formatHours(request.offer.hours_per_week)} par semaine).
          </p>
          {request.state === "offered" && <p>Réponse attendue au plus tard le {formatDate(request.offer.answer_by)}.</p>}
          {request.answered_at && <p>Réponse de la famille le {formatDateTime(request.answered_at)}.</p>}
        </section>
      )}
      {request.state === "accepted" && (
        <p>
          <Link className="button button--primary" to={`/gestion/creche/contrats/nouveau?demande=${request.id}`}>
            Établir le contrat
          </Link>
        </p>
      )}
      {OPEN.has(request.state) && <Commission request={request} onDone={onDone} />}
      <h2>La demande de la famille</h2>
      <RequestDetails request={request} />
    </>
  );
}

/** /gestion/creche/demandes/:requestId — one request, its family, the commission's decision. */
export function StaffRequestPage() {
  const { requestId = "" } = useParams();
  const query = useStaffRequest(requestId);
  const queryClient = useQueryClient();
  const [message, setMessage] = useState("");
  usePageTitle(query.data ? `Demande de place — ${query.data.child_name}` : "Demande de place");

  async function done(text: string) {
    setMessage(text);
    await queryClient.invalidateQueries({ queryKey: requestKeys.staff });
  }

  return (
    <section aria-labelledby="demande-titre">
      <p>
        <Link to="/gestion/creche/demandes">← Demandes de place</Link>
      </p>
      <div role="status" aria-live="polite">
        {message && (
          <p className="notice notice--success">
            <StatusIcon name="check" /> {message}
          </p>
        )}
      </div>
      <QueryView query={query} loadingLabel="Chargement de la demande…">
        {(request) => <Request request={request} onDone={(text) => void done(text)} />}
      </QueryView>
    </section>
  );
}
