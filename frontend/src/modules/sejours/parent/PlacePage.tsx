import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { refusalMessage } from "../../../components/apiErrors";
import { StatusIcon } from "../../../components/StatusIcon";
import { formatDate, formatPeriod } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { Breadcrumb } from "../../../pages/family/components/Breadcrumb";
import { PageError, PageLoading } from "../../../pages/family/components/PageStates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { PlaceStatusBadge, placeDetail } from "./MyStaysPage";
import { acceptPlace, cancelPlace, declinePlace, placesKeys, usePlace, usePlaceAccount, type Place, type PlaceAccount } from "./placesApi";

/** The service's refusal in French ("Le délai … est dépassé."), else the generic message. */
type Answer = "accept" | "decline";

function AnswerPanel({ place, onDone }: { place: Place; onDone: (message: string) => void }) {
  const [confirming, setConfirming] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const confirmRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function answer(kind: Answer) {
    setBusy(true);
    setError("");
    try {
      await (kind === "accept" ? acceptPlace(place.id) : declinePlace(place.id));
      onDone(kind === "accept" ? "Place confirmée. Suivez maintenant les étapes ci-dessous." : "Vous avez refusé la place : elle est proposée à la famille suivante.");
    } catch (caught) {
      setError(refusalMessage(caught));
      setConfirming(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card sejours-answer" aria-labelledby="sejours-answer-title">
      <h2 id="sejours-answer-title">Votre réponse</h2>
      <p>
        Une place est attribuée à {place.child_first_name}. Confirmez-la au plus tard le <strong>{formatDate(place.accept_by)}</strong> : sans réponse passé
        cette date, elle sera proposée à la famille suivante.
      </p>
      {error && (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {confirming === null ? (
        <div className="sejours-actions">
          <button type="button" className="button button--primary" onClick={() => setConfirming("accept")}>
            Accepter la place
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirming("decline")}>
            Refuser la place
          </button>
        </div>
      ) : (
        <div className="sejours-confirm">
          <h3 ref={confirmRef} tabIndex={-1}>
            {confirming === "accept" ? "Confirmer l'inscription au séjour ?" : "Refuser cette place ?"}
          </h3>
          <p>
            {confirming === "accept"
              ? "La facture d'acompte est émise dès la confirmation ; le contrat d'accueil est à signer et à déposer."
              : "La place sera proposée à une autre famille : vous ne pourrez pas revenir sur ce choix."}
          </p>
          {confirming === "accept" && (place.swaps ?? []).length > 0 && (
            <p className="notice notice--warning">
              Cette place remplace celle déjà confirmée pour {place.child_first_name} sur{" "}
              {(place.swaps ?? []).map((name) => `« ${name} »`).join(", ")} : elle sera annulée et son montant entièrement remboursé (avoir).
            </p>
          )}
          <div className="sejours-actions">
            <button
              type="button"
              className={confirming === "accept" ? "button button--primary" : "button button--danger"}
              disabled={busy}
              onClick={() => void answer(confirming)}
            >
              {busy ? "Envoi…" : confirming === "accept" ? "Oui, je confirme la place" : "Oui, je refuse la place"}
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => setConfirming(null)}>
              Revenir
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function AccountRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="sejours-account__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function AccountSummary({ account }: { account: PlaceAccount }) {
  return (
    <dl className="sejours-account">
      {account.price !== null && <AccountRow label="Prix du séjour">{formatMoney(account.price)}</AccountRow>}
      {account.aids.map((aid) => (
        <AccountRow key={aid.label} label={aid.label}>
          −{formatMoney(aid.amount)}
        </AccountRow>
      ))}
      {account.deposit && (
        <AccountRow label={`Acompte${account.deposit.number ? ` (facture ${account.deposit.number})` : ""}`}>{formatMoney(account.deposit.amount)}</AccountRow>
      )}
      {account.balance && (
        <AccountRow label={`Solde${account.balance.due_on ? `, à régler au plus tard le ${formatDate(account.balance.due_on)}` : ""}`}>
          {formatMoney(account.balance.amount)}
        </AccountRow>
      )}
      {account.left_to_pay !== null && (
        <AccountRow label="Reste à payer">
          <strong>{formatMoney(account.left_to_pay)}</strong>
        </AccountRow>
      )}
    </dl>
  );
}

function CancelForm({ place, account, onDone }: { place: Place; account: PlaceAccount; onDone: (message: string) => void }) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [medical, setMedical] = useState(false);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const preview = account.cancellation;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError("Indiquez le motif de l'annulation.");
      return;
    }
    setBusy(true);
    setError("");
    try {
      await cancelPlace(place.id, { reason: reason.trim(), medical });
      onDone("L'inscription est annulée. Le détail du remboursement figure dans votre espace Facturation.");
    } catch (caught) {
      setError(refusalMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="sejours-cancel">
      <summary>Annuler l'inscription</summary>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {preview && (preview.preview_kept !== null || preview.preview_refund !== null) && (
          <p>
            Selon le barème d'annulation, aujourd'hui : {preview.preview_kept !== null && <>{formatMoney(preview.preview_kept)} reste dû</>}
            {preview.preview_kept !== null && preview.preview_refund !== null && ", "}
            {preview.preview_refund !== null && <>{formatMoney(preview.preview_refund)} remboursé</>}. Sur certificat médical, la structure peut tout rembourser.
          </p>
        )}
        {error && (
          <div className="notice notice--error" role="alert">
            <p>{error}</p>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-reason`}>Motif de l'annulation</label>
          <textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} required rows={3} />
        </div>
        <div className="field field--checkbox">
          <input id={`${id}-medical`} type="checkbox" checked={medical} onChange={(e) => setMedical(e.target.checked)} />
          <label htmlFor={`${id}-medical`}>Annulation pour raison médicale (certificat à déposer dans « Mes documents »)</label>
        </div>
        <button type="submit" className="button button--danger" disabled={busy}>
          {busy ? "Envoi…" : "Confirmer l'annulation"}
        </button>
      </form>
    </details>
  );
}

function Steps({ place, onDone }: { place: Place; onDone: (message: string) => void }) {
  const account = usePlaceAccount(String(place.id), place.status === "accepted");
  const deposit = place.deposit_invoice;
  return (
    <section aria-labelledby="sejours-steps-title">
      <h2 id="sejours-steps-title">Le dossier du séjour</h2>
      <ol className="sejours-steps">
        <li>
          <h3>1. Télécharger le contrat d'accueil</h3>
          <p>
            {place.contract_url && (
              <a href={place.contract_url} download>
                Télécharger le contrat pré-rempli (PDF)
              </a>
            )}{" "}
            — il est aussi dans <Link to="/mes-editions">« Mes éditions »</Link>.
          </p>
        </li>
        <li>
          <h3>2. Le déposer signé</h3>
          <p>
            Imprimez-le, signez-le et déposez-le (scan ou photo lisible) dans <Link to="/mes-documents">« Mes documents »</Link>.
          </p>
        </li>
        <li>
          <h3>3. Payer l'acompte</h3>
          {deposit ? (
            <p>
              Facture <Link to={`/facturation/factures/${deposit.id}`}>{deposit.number}</Link> : {formatMoney(deposit.total)} — {deposit.status_label}.{" "}
              {deposit.status !== "paid" && (
                <Link className="button button--secondary" to="/facturation">
                  Payer en ligne
                </Link>
              )}
            </p>
          ) : (
            <p>Aucun acompte à régler pour cette place.</p>
          )}
        </li>
      </ol>
      <h2>Les montants</h2>
      {account.isPending ? (
        <PageLoading label="Chargement des montants…" />
      ) : account.isError ? (
        <p className="muted">Le détail des montants n'est pas disponible pour le moment.</p>
      ) : (
        <AccountSummary account={account.data} />
      )}
      {place.convocation_url && (
        <>
          <h2>Avant le départ</h2>
          <p>
            <a href={place.convocation_url} download>
              Télécharger la convocation (rendez-vous, trousseau, fiche pratique)
            </a>
          </p>
        </>
      )}
      {account.data?.cancellation?.can_cancel && <CancelForm place={place} account={account.data} onDone={onDone} />}
    </section>
  );
}

/** /mes-sejours/places/:wishId — a place: accept or decline it, then the contract, the deposit, the convocation. */
export function PlacePage() {
  const { wishId = "" } = useParams();
  const place = usePlace(wishId);
  const queryClient = useQueryClient();
  const [message, setMessage] = useState("");
  const title = place.data ? `${place.data.stay.name} – ${place.data.child_first_name}` : "Place en séjour";
  usePageTitle(title);

  async function done(text: string) {
    setMessage(text);
    // The place, the list and the money all change: « sejours/places » prefixes every key.
    await queryClient.invalidateQueries({ queryKey: placesKeys.all });
  }

  return (
    <>
      <Breadcrumb trail={[{ label: "Mes séjours", path: "/mes-sejours" }, { label: title }]} />
      <h1>{title}</h1>
      <div role="status" aria-live="polite">
        {message && (
          <p className="notice notice--success">
            <StatusIcon name="check" /> {message}
          </p>
        )}
      </div>
      {place.isPending ? (
        <PageLoading label="Chargement de la place…" />
      ) : place.isError ? (
        <PageError error={place.error} onRetry={() => void place.refetch()} />
      ) : (
        <>
          <p>
            {place.data.stay.destination} · {formatPeriod(place.data.stay.start_date, place.data.stay.end_date)}
            {place.data.transport_city ? ` · départ de ${place.data.transport_city}` : ""}
          </p>
          <p>
            <PlaceStatusBadge place={place.data} />
          </p>
          {placeDetail(place.data) && <p>{placeDetail(place.data)}</p>}
          {place.data.status === "offered" && place.data.can_answer && <AnswerPanel place={place.data} onDone={(text) => void done(text)} />}
          {place.data.status === "accepted" && <Steps place={place.data} onDone={(text) => void done(text)} />}
          <p>
            <Link to="/mes-sejours">Retour à mes séjours</Link>
          </p>
        </>
      )}
    </>
  );
}
