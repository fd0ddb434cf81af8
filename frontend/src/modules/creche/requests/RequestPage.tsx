import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { refusalMessage } from "../../../components/apiErrors";
import { StatusIcon } from "../../../components/StatusIcon";
import { formatDate } from "../../../format/dates";
import { Breadcrumb } from "../../../pages/family/components/Breadcrumb";
import { PageError, PageLoading } from "../../../pages/family/components/PageStates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { describeSchedule, formatHours, requestAction, requestKeys, STATE_TEXT, usePlaceRequest, type PlaceRequest } from "./api";
import { nextStep } from "./MyPlaceRequests";
import { RequestDetails } from "./RequestDetails";
import "./requests.css";

type Action = "accept" | "decline" | "withdraw" | "renew";

const CONFIRM: Record<Action, { title: string; text: string; yes: string; done: string; danger: boolean }> = {
  accept: {
    title: "Accepter la place proposée ?",
    text: "La crèche établira ensuite avec vous le contrat d'accueil (horaires, tarif horaire selon vos ressources).",
    yes: "Oui, j'accepte la place",
    done: "Vous avez accepté la place. La crèche vous contactera pour établir le contrat d'accueil.",
    danger: false,
  },
  decline: {
    title: "Décliner la place proposée ?",
    text: "La place sera proposée à une autre famille et votre demande sera close.",
    yes: "Oui, je décline la place",
    done: "Vous avez décliné la place proposée.",
    danger: true,
  },
  withdraw: {
    title: "Retirer votre demande ?",
    text: "La commission ne l'étudiera plus. Vous pourrez en déposer une nouvelle.",
    yes: "Oui, je retire ma demande",
    done: "Votre demande est retirée.",
    danger: true,
  },
  renew: {
    title: "Confirmer votre demande ?",
    text: "Votre demande reste étudiée par la commission.",
    yes: "Je confirme ma demande",
    done: "Merci : votre demande est confirmée.",
    danger: false,
  },
};

function Actions({ request, onDone }: { request: PlaceRequest; onDone: (message: string) => void }) {
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const confirmRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function run(action: Action) {
    setBusy(true);
    setError("");
    try {
      await requestAction(request.id, action);
      setConfirming(null);
      onDone(CONFIRM[action].done);
    } catch (caught) {
      setError(refusalMessage(caught));
      setConfirming(null);
    } finally {
      setBusy(false);
    }
  }

  const available: Action[] = [
    ...(request.can_answer ? (["accept", "decline"] as const) : []),
    ...(request.can_renew ? (["renew"] as const) : []),
    ...(request.can_withdraw ? (["withdraw"] as const) : []),
  ];
  if (!available.length && !error) return null;

  return (
    <section className="card creche-request-actions" aria-labelledby="creche-actions-titre">
      <h2 id="creche-actions-titre">Votre réponse</h2>
      {error && (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {confirming ? (
        <div>
          <h3 ref={confirmRef} tabIndex={-1}>
            {CONFIRM[confirming].title}
          </h3>
          <p>{CONFIRM[confirming].text}</p>
          <div className="creche-actions">
            <button type="button" className={CONFIRM[confirming].danger ? "button button--danger" : "button button--primary"} disabled={busy} onClick={() => void run(confirming)}>
              {busy ? "Envoi…" : CONFIRM[confirming].yes}
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => setConfirming(null)}>
              Revenir
            </button>
          </div>
        </div>
      ) : (
        <div className="creche-actions">
          {request.can_answer && (
            <>
              <button type="button" className="button button--primary" onClick={() => setConfirming("accept")}>
                Accepter la place
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming("decline")}>
                Décliner la place
              </button>
            </>
          )}
          {request.can_renew && (
            <button type="button" className="button button--primary" onClick={() => void run("renew")} disabled={busy}>
              {busy ? "Envoi…" : "Je confirme ma demande"}
            </button>
          )}
          {request.can_withdraw && (
            <button type="button" className="button button--secondary" onClick={() => setConfirming("withdraw")}>
              Retirer ma demande
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** /creche/demandes/:requestId — a place request: its state, the place offered, the family's answer. */
export function RequestPage() {
  const { requestId = "" } = useParams();
  const location = useLocation();
  const request = usePlaceRequest(requestId);
  const queryClient = useQueryClient();
  const [message, setMessage] = useState((location.state as { message?: string } | null)?.message ?? "");
  const title = request.data ? `Demande de place pour ${request.data.child_name}` : "Demande de place";
  usePageTitle(title);

  async function done(text: string) {
    setMessage(text);
    await queryClient.invalidateQueries({ queryKey: requestKeys.all });
  }

  return (
    <>
      <Breadcrumb trail={[{ label: "Demandes de place", path: "/creche/demandes" }, { label: title }]} />
      <h1>{title}</h1>
      <div role="status" aria-live="polite">
        {message && (
          <p className="notice notice--success">
            <StatusIcon name="check" /> {message}
          </p>
        )}
      </div>
      {request.isPending ? (
        <PageLoading label="Chargement de la demande…" />
      ) : request.isError ? (
        <PageError error={request.error} onRetry={() => void request.refetch()} />
      ) : (
        <>
          <p className="creche-state">
            <StatusIcon name={STATE_TEXT[request.data.state].icon} /> <strong>{STATE_TEXT[request.data.state].label}</strong>
          </p>
          {nextStep(request.data) && <p>{nextStep(request.data)}</p>}
          {request.data.offer && (
            <section className="card" aria-labelledby="creche-offre-titre">
              <h2 id="creche-offre-titre">La place proposée</h2>
              <p>
                {request.data.offer.establishment_name}
                {request.data.offer.section_name ? `, section ${request.data.offer.section_name}` : ""}, à partir du {formatDate(request.data.offer.start)}.
              </p>
              <p>
                Planning : {describeSchedule(request.data.offer.schedule)} ({formatHours(request.data.offer.hours_per_week)} par semaine en moyenne).
              </p>
              {request.data.state === "offered" && request.data.offer.answer_by && (
                <p>
                  Répondez au plus tard le <strong>{formatDate(request.data.offer.answer_by)}</strong> : sans réponse passé cette date, la place sera proposée à une autre famille.
                </p>
              )}
            </section>
          )}
          <Actions request={request.data} onDone={(text) => void done(text)} />
          <h2>Votre demande</h2>
          <RequestDetails request={request.data} />
          <p>
            <Link to="/creche/demandes">Retour à mes demandes</Link>
          </p>
        </>
      )}
    </>
  );
}
