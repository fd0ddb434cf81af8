import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { mapApiError, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { StatusIcon } from "../../../components/StatusIcon";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDayLabel, formatLongDate } from "../../../format/calendar";
import { formatMoney, signedAmount } from "../../../format/money";
import { Breadcrumb } from "../../../pages/family/components/Breadcrumb";
import { PageError, PageLoading } from "../../../pages/family/components/PageStates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { bookingKeys, checkout, removeFromCart, useCart, type Cart, type CartLine, type Checkout } from "./api";

export const CART_INTRO =
  "Afin d'enregistrer définitivement votre saisie, cliquez sur « Terminer ». Si vous cliquez sur « Tout supprimer », vos modifications seront effacées.";

/** What the confirmation page receives through the router state. */
export interface ConfirmationState {
  result: Checkout;
  lines: CartLine[];
}

/** Signed amount of a line: a cancellation is a credit. */
export function lineAmount(line: Pick<CartLine, "action" | "amount">): number | null {
  return signedAmount(line.action, line.amount);
}

/** /panier — « Validation des modifications »: the recap of the cart, then "Terminer". */
export function CartPage() {
  usePageTitle("Validation des modifications");
  const cart = useCart();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [notice, setNotice] = useState("");

  const updated = (data: Cart, message: string) => {
    queryClient.setQueryData(bookingKeys.cart, data);
    void queryClient.invalidateQueries({ queryKey: bookingKeys.plannings });
    setErrors([]);
    setNotice(message);
  };
  const fail = (error: unknown) => {
    setNotice("");
    setErrors(mapApiError(error, { idFor: () => undefined }));
  };

  const clear = useMutation({
    mutationFn: () => removeFromCart(),
    onSuccess: (data) => updated(data, "Vos modifications ont été effacées."),
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (line: number) => removeFromCart(line),
    onSuccess: (data) => updated(data, "La ligne a été retirée."),
    onError: fail,
  });
  const finish = useMutation({
    mutationFn: checkout,
    onSuccess: (result) => {
      const state: ConfirmationState = { result, lines: cart.data?.lines ?? [] };
      queryClient.removeQueries({ queryKey: bookingKeys.cart });
      void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      navigate("/panier/confirmation", { state });
    },
    onError: fail,
  });
  const busy = clear.isPending || remove.isPending || finish.isPending;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!busy) finish.mutate();
  }

  return (
    <>
      <Breadcrumb trail={[{ label: "Planning", path: "/planning" }, { label: "Validation des modifications" }]} />
      <h1>Validation des modifications</h1>
      <div role="status">{notice && <p className="notice notice--success">{notice}</p>}</div>
      <ErrorSummary items={errors} />
      {cart.isPending ? (
        <PageLoading />
      ) : cart.isError ? (
        <PageError error={cart.error} onRetry={() => void cart.refetch()} />
      ) : cart.data.lines.length === 0 ? (
        <>
          <p>Aucune modification en attente.</p>
          <p>
            <Link to="/planning" className="button button--secondary">
              Retour
            </Link>
          </p>
        </>
      ) : (
        <form noValidate onSubmit={submit}>
          <p className="notice notice--info">{CART_INTRO}</p>
          <CartTable lines={cart.data.lines} busy={busy} onRemove={(id) => remove.mutate(id)} />
          <p className="cart-total">
            <strong>
              {cart.data.count > 1 ? `${cart.data.count} modifications` : "1 modification"} : {formatMoney(cart.data.total)}
            </strong>
          </p>
          <div className="form-actions cart-actions">
            <button type="button" className="button button--secondary" aria-disabled={busy || undefined} onClick={() => !busy && clear.mutate()}>
              Tout supprimer
            </button>
            <Link to="/planning" className="button button--secondary">
              Retour
            </Link>
            <SubmitButton busy={finish.isPending} label="Terminer" busyLabel="Enregistrement en cours…" />
          </div>
        </form>
      )}
    </>
  );
}

function CartTable({ lines, busy, onRemove }: { lines: CartLine[]; busy: boolean; onRemove: (id: number) => void }) {
  const withErrors = lines.some((line) => !line.ok);
  return (
    <div className="table-wrapper">
      <table className="data-table cart-table">
        <caption className="visually-hidden">Modifications en attente</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Enfant</th>
            <th scope="col">Élément</th>
            <th scope="col">Réservation / Annulation</th>
            <th scope="col">Tarification</th>
            <th scope="col">Coût</th>
            {withErrors && (
              <th scope="col">
                <span className="visually-hidden">Retirer</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const amount = lineAmount(line);
            const element = `${line.activity} – ${line.unit}`;
            return (
              <tr key={line.id ?? `${line.child}-${line.opening}`} className={line.ok ? "cart-line" : "cart-line cart-line--invalid"}>
                <td data-label="Date">
                  <span title={formatLongDate(line.date)}>{formatDayLabel(line.date)}</span>
                </td>
                <td data-label="Enfant">{line.child_name}</td>
                <td data-label="Élément">
                  {element}
                  {!line.ok && (
                    <p className="cart-line__error">
                      <StatusIcon name="warning" /> <strong>Impossible :</strong> {line.reason}
                    </p>
                  )}
                </td>
                <td data-label="Réservation / Annulation">
                  {line.action === "book" ? "Réservation" : "Annulation"}
                  {line.full && line.action === "book" && <span className="cart-line__hint"> (complet : liste d'attente)</span>}
                </td>
                <td data-label="Tarification">{line.tariff_name || "—"}</td>
                <td data-label="Coût" className="cart-line__amount">
                  {!line.ok ? (
                    <span>
                      — <span className="visually-hidden">(non compté)</span>
                    </span>
                  ) : amount === null ? (
                    "—"
                  ) : (
                    formatMoney(amount)
                  )}
                </td>
                {withErrors && (
                  <td data-label="">
                    {!line.ok && line.id !== null && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-disabled={busy || undefined}
                        aria-label={`Retirer : ${formatDayLabel(line.date)}, ${line.child_name}, ${element}`}
                        onClick={() => !busy && onRemove(line.id!)}
                      >
                        Retirer
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
