import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { apiFetch } from "../../../api/client";
import { refusalMessage } from "../../../components/apiErrors";
import { SelectField } from "../../../components/FormFields";
import { formatMoney } from "../../../format/money";
import type { StayChildChoice, StayDetail } from "./api";

interface Booked {
  wish_id: number;
  status: string;
}

/**
 * A stay booked directly (no wishes: no campaign, or its decisions are
 * published): the parent picks the child and the departure city, confirms,
 * and the whole stay is booked at once — the place is then theirs, with the
 * contract to sign and the deposit to pay (its page).
 */
export function BookStay({ stay }: { stay: StayDetail }) {
  const eligible = stay.children.filter((child) => child.eligible && child.wish_rank === null);
  const [childId, setChildId] = useState(eligible.length === 1 ? String(eligible[0].id) : "");
  const [transport, setTransport] = useState(stay.transports.length === 1 ? String(stay.transports[0].id) : "");
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const book = useMutation({
    mutationFn: () =>
      apiFetch<Booked>(`/api/v1/sejours/stays/${stay.id}/book`, {
        method: "POST",
        body: { child: Number(childId), transport: transport ? Number(transport) : null },
      }),
    onSuccess: async (booked) => {
      await queryClient.invalidateQueries({ queryKey: ["sejours"] });
      navigate(`/mes-sejours/places/${booked.wish_id}`);
    },
  });

  const taken = stay.children.filter((child) => child.wish_rank !== null);
  const others = stay.children.filter((child) => !child.eligible && child.wish_rank === null);
  const child: StayChildChoice | undefined = stay.children.find((c) => String(c.id) === childId);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!childId || (stay.transports.length > 0 && !transport)) return;
    setConfirming(true);
  }

  return (
    <>
      {taken.map((c) => (
        <p key={c.id}>{c.first_name} a déjà une place ou une demande pour ce séjour.</p>
      ))}
      {others.map((c) => (
        <p key={c.id} className="sejour-choices__reason">
          {c.reason}
        </p>
      ))}
      {stay.availability === "full" ? (
        <p>Ce séjour est complet.</p>
      ) : eligible.length === 0 ? null : (
        <form onSubmit={submit} aria-label="Réserver ce séjour" noValidate>
          <SelectField
            id="reserver-enfant"
            label="Pour"
            required
            placeholder="— Choisir l'enfant —"
            value={childId}
            onChange={(value) => {
              setChildId(value);
              setConfirming(false);
            }}
            options={eligible.map((c) => ({ value: String(c.id), label: c.first_name }))}
          />
          {stay.transports.length > 0 && (
            <SelectField
              id="reserver-depart"
              label="Ville de départ"
              required
              placeholder="— Choisir —"
              value={transport}
              onChange={(value) => {
                setTransport(value);
                setConfirming(false);
              }}
              options={stay.transports.map((t) => ({
                value: String(t.id),
                label: Number(t.supplement) > 0 ? `${t.city} (supplément ${formatMoney(t.supplement)})` : t.city,
              }))}
            />
          )}
          {!confirming ? (
            <button type="submit" className="button button--primary" disabled={!childId || (stay.transports.length > 0 && !transport)}>
              Réserver le séjour
            </button>
          ) : (
            <div className="sejour-confirm" role="group" aria-label="Confirmer la réservation">
              <p>
                Réserver « {stay.title} » pour {child?.first_name} : toutes les journées du séjour sont réservées, la facture
                d'acompte est émise et le contrat d'accueil est à signer.
              </p>
              <p className="inline-actions">
                <button type="button" className="button button--primary" disabled={book.isPending} onClick={() => book.mutate()}>
                  {book.isPending ? "Réservation…" : "Oui, je réserve"}
                </button>
                <button type="button" className="button button--secondary" disabled={book.isPending} onClick={() => setConfirming(false)}>
                  Revenir
                </button>
              </p>
            </div>
          )}
          <div role="alert">{book.isError && <p className="field__error">{refusalMessage(book.error)}</p>}</div>
        </form>
      )}
    </>
  );
}
