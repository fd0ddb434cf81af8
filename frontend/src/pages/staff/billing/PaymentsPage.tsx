import { useRef, useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { TextField } from "../../../components/TextField";
import { staffErrors } from "../errors";
import { formatDate } from "../format";
import { pageParam, Pagination, QueryView, SelectField, StatusMessage, TextAreaField } from "../StaffUi";
import { billingKeys, cancelPayment, fetchPayments, receiptPdfUrl, refundPayment, type PaidInvoice, type PaymentFilters, type PaymentMethod, type StaffPayment } from "./api";
import { ConfirmDialog } from "./ConfirmDialog";
import { ALL_PAYMENT_METHOD_LABELS, formatMoney } from "./format";

function filtersOf(params: URLSearchParams): PaymentFilters {
  return {
    family: params.get("famille") ?? "",
    method: (params.get("mode") ?? "") as PaymentMethod | "",
    from: params.get("du") ?? "",
    to: params.get("au") ?? "",
    page: pageParam(params.get("page")),
  };
}

/** « Règlements »: payments received, their receipts; cancel a bounced cheque or a mistake. */
export function PaymentsPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const [draft, setDraft] = useState(filters);
  const [status, setStatus] = useState("");
  const [cancelling, setCancelling] = useState<number | null>(null);
  const [refunding, setRefunding] = useState<StaffPayment | null>(null);
  const query = useQuery({
    queryKey: billingKeys.payments(filters),
    queryFn: ({ signal }) => fetchPayments(filters, signal),
    placeholderData: keepPreviousData,
  });

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (filters.family) next.set("famille", filters.family);
    if (draft.method) next.set("mode", draft.method);
    if (draft.from) next.set("du", draft.from);
    if (draft.to) next.set("au", draft.to);
    setParams(next);
  }

  return (
    <>
      <div className="toolbar">
        <p className="lead">Chèques, espèces, virements, aides et prélèvements reçus, avec leur reçu.</p>
        <Link className="button button--primary" to="/gestion/facturation/reglements/nouveau">
          Enregistrer un règlement
        </Link>
      </div>
      <form className="filters" onSubmit={apply} aria-label="Filtrer les règlements">
        <SelectField
          id="reglements-mode"
          label="Mode de règlement"
          value={draft.method}
          onChange={(v) => setDraft((d) => ({ ...d, method: v as PaymentMethod | "" }))}
          options={[{ value: "", label: "Tous les modes" }, ...Object.entries(ALL_PAYMENT_METHOD_LABELS).map(([value, label]) => ({ value, label }))]}
        />
        <TextField id="reglements-du" label="Reçus du" type="date" value={draft.from} onChange={(v) => setDraft((d) => ({ ...d, from: v }))} />
        <TextField id="reglements-au" label="Au" type="date" value={draft.to} onChange={(v) => setDraft((d) => ({ ...d, to: v }))} />
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            Filtrer
          </button>
        </div>
      </form>
      {filters.family && (
        <p className="notice notice--info">
          Règlements d'une famille. <Link to="/gestion/facturation/reglements">Voir tous les règlements</Link>
        </p>
      )}
      <StatusMessage message={status} />
      <QueryView query={query} loadingLabel="Chargement des règlements…">
        {(data) =>
          data.results.length === 0 ? (
            <p>Aucun règlement ne correspond à ces critères.</p>
          ) : (
            <>
              <div className="table-wrapper">
                <table className="data-table data-table--reflow">
                  <caption>Règlements ({data.count})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Reçu</th>
                      <th scope="col">Famille</th>
                      <th scope="col">Reçu le</th>
                      <th scope="col">Mode</th>
                      <th scope="col" className="billing-amount">
                        Montant
                      </th>
                      <th scope="col">Factures réglées</th>
                      <th scope="col">État</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.results.map((payment) => (
                      <PaymentRows
                        key={payment.id}
                        payment={payment}
                        cancelling={cancelling === payment.id}
                        onCancel={(open) => setCancelling(open ? payment.id : null)}
                        onRefund={() => setRefunding(payment)}
                        onDone={(message) => {
                          setCancelling(null);
                          setStatus(message);
                        }}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination
                label="Pages des règlements"
                page={filters.page}
                count={data.count}
                hasNext={Boolean(data.next)}
                hasPrevious={Boolean(data.previous)}
                onPage={(p) => {
                  const next = new URLSearchParams(params);
                  if (p > 1) next.set("page", String(p));
                  else next.delete("page");
                  setParams(next);
                }}
              />
            </>
          )
        }
      </QueryView>
      {refunding && (
        <RefundDialog
          payment={refunding}
          onClose={() => setRefunding(null)}
          onDone={(message) => {
            setRefunding(null);
            setStatus(message);
          }}
        />
      )}
    </>
  );
}

/** « Rembourser » an online payment: in full, through its provider; the payment is then cancelled. */
function RefundDialog({ payment, onClose, onDone }: { payment: StaffPayment; onClose: () => void; onDone: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState("");
  const mutation = useMutation({
    mutationFn: () => refundPayment(payment.id),
    onSuccess: (refund) => {
      void queryClient.invalidateQueries({ queryKey: billingKeys.all });
      onDone(`Le règlement ${refund.payment_number} est remboursé à la famille et annulé : les factures qu'il réglait sont de nouveau à payer.`);
    },
    onError: (err) => setError(staffErrors(err).map((e) => e.message).join(" ")),
  });
  return (
    <ConfirmDialog
      title="Rembourser le paiement en ligne ?"
      confirmLabel="Rembourser"
      danger
      busy={mutation.isPending}
      onConfirm={() => {
        setError("");
        mutation.mutate();
      }}
      onCancel={onClose}
    >
      <p>
        Les {formatMoney(payment.amount)} du règlement {payment.number} (famille {payment.family_name}) sont rendus en totalité par le prestataire de
        paiement. Le règlement est annulé et les factures qu'il réglait redeviennent à payer.
      </p>
      <div role="alert">{error ? <p className="notice notice--error">{error}</p> : null}</div>
    </ConfirmDialog>
  );
}

interface PaymentRowsProps {
  payment: StaffPayment;
  cancelling: boolean;
  onCancel: (open: boolean) => void;
  onRefund: () => void;
  onDone: (message: string) => void;
}

function PaymentRows({ payment, cancelling, onCancel, onRefund, onDone }: PaymentRowsProps) {
  const invoices = payment.invoices as unknown as PaidInvoice[];
  const button = useRef<HTMLButtonElement>(null);
  const cancelled = payment.status === "cancelled";
  return (
    <>
      <tr>
        <th scope="row" data-label="Reçu">
          {payment.number}
        </th>
        <td data-label="Famille">
          <Link to={`/gestion/familles/${payment.family_id}/facturation`}>Famille {payment.family_name}</Link>
        </td>
        <td data-label="Reçu le">{formatDate(payment.received_on)}</td>
        <td data-label="Mode">
          {payment.method_label}
          {payment.reference ? ` n° ${payment.reference}` : ""}
        </td>
        <td data-label="Montant" className="billing-amount">
          {formatMoney(payment.amount)}
        </td>
        <td data-label="Factures réglées">
          {invoices.length === 0
            ? "—"
            : invoices.map((invoice, index) => (
                <span key={invoice.id}>
                  {index > 0 && ", "}
                  <Link to={`/gestion/facturation/factures/${invoice.id}`}>{invoice.number}</Link> ({formatMoney(invoice.amount)})
                </span>
              ))}
          {!cancelled && Number(payment.unallocated) > 0 ? ` · ${formatMoney(payment.unallocated)} en avance` : ""}
        </td>
        <td data-label="État">
          <span className="status-pill">{payment.status_label}</span>
          {cancelled && payment.cancel_reason ? <span className="field__hint"> {payment.cancel_reason}</span> : null}
        </td>
        <td>
          <div className="button-row">
            <a href={receiptPdfUrl(payment.id)} target="_blank" rel="noreferrer">
              Reçu PDF{" "}<span className="visually-hidden">{payment.number} (nouvelle fenêtre)</span>
            </a>
            {!cancelled && payment.method === "online" && (
              <button type="button" className="button button--secondary" onClick={onRefund}>
                Rembourser{" "}<span className="visually-hidden">le règlement {payment.number}</span>
              </button>
            )}
            {!cancelled && (
              <button
                type="button"
                ref={button}
                className="button button--secondary"
                aria-expanded={cancelling}
                onClick={() => onCancel(!cancelling)}
              >
                Annuler (chèque impayé, erreur…){" "}<span className="visually-hidden">le règlement {payment.number}</span>
              </button>
            )}
          </div>
        </td>
      </tr>
      {cancelling && (
        <tr>
          <td colSpan={8}>
            <CancelPaymentForm
              payment={payment}
              onDone={onDone}
              onClose={() => {
                onCancel(false);
                button.current?.focus();
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}

function CancelPaymentForm({ payment, onDone, onClose }: { payment: StaffPayment; onDone: (message: string) => void; onClose: () => void }) {
  const queryClient = useQueryClient();
  const id = `annulation-${payment.id}-motif`;
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const mutation = useMutation({
    mutationFn: () => cancelPayment(payment.id, reason.trim()),
    onSuccess: (cancelled) => {
      void queryClient.invalidateQueries({ queryKey: billingKeys.all });
      onDone(`Le règlement ${cancelled.number} est annulé : les factures qu'il réglait sont de nouveau à payer.`);
    },
    onError: (error) => setErrors(staffErrors(error, { reason: id })),
  });
  return (
    <form
      className="form inline-edit"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (mutation.isPending) return;
        if (!reason.trim()) {
          setErrors([{ fieldId: id, message: "Indiquez le motif de l'annulation." }]);
          return;
        }
        setErrors([]);
        mutation.mutate();
      }}
    >
      <fieldset className="fieldset">
        <legend>
          Annuler le règlement {payment.number} ({formatMoney(payment.amount)})
        </legend>
        <ErrorSummary items={errors} />
        <TextAreaField
          id={id}
          label="Motif de l'annulation"
          hint="Chèque impayé, erreur de saisie… Le règlement garde son numéro ; ses affectations sont retirées."
          required
          rows={2}
          value={reason}
          onChange={setReason}
          errors={fieldErrors(errors, id)}
        />
        <div className="button-row">
          <button type="submit" className="button button--danger" aria-disabled={mutation.isPending || undefined}>
            {mutation.isPending && <span className="spinner" aria-hidden="true" />}
            Confirmer l'annulation
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Ne pas annuler
          </button>
        </div>
      </fieldset>
    </form>
  );
}
