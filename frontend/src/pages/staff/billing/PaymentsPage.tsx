import { useRef, useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, SelectField, TextAreaField } from "../../../components/FormFields";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { FilterForm } from "../../../components/list/FilterForm";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { staffErrors } from "../../../components/serverErrors";
import { formatDate } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { StatusMessage } from "../StaffUi";
import { billingKeys, cancelPayment, fetchPayments, receiptPdfUrl, refundPayment, type PaidInvoice, type PaymentFilters, type PaymentMethod, type StaffPayment } from "./api";
import { ConfirmDialog } from "./ConfirmDialog";
import { ALL_PAYMENT_METHOD_LABELS } from "./labels";

const FILTERS = { family: { param: "famille" }, method: { param: "mode" }, from: { param: "du" }, to: { param: "au" } };

const METHOD_OPTIONS = [{ value: "", label: "Tous les modes" }, ...Object.entries(ALL_PAYMENT_METHOD_LABELS).map(([value, label]) => ({ value, label }))];

/** « Règlements »: payments received, their receipts; cancel a bounced cheque or a mistake. */
export function PaymentsPage() {
  const { filters: values, page, setFilters, setPage } = useListParams(FILTERS);
  const filters: PaymentFilters = { ...values, method: values.method as PaymentMethod | "", page };
  const [status, setStatus] = useState("");
  const [cancelling, setCancelling] = useState<number | null>(null);
  const [refunding, setRefunding] = useState<StaffPayment | null>(null);
  const cancelButtons = useRef(new Map<number, HTMLButtonElement>());
  const query = useQuery({
    queryKey: billingKeys.payments(filters),
    queryFn: ({ signal }) => fetchPayments(filters, signal),
    placeholderData: keepPreviousData,
  });

  const columns: Column<StaffPayment>[] = [
    { key: "number", header: "Reçu", rowHeader: true, cell: (payment) => payment.number },
    {
      key: "family",
      header: "Famille",
      cell: (payment) => <Link to={`/gestion/familles/${payment.family_id}/facturation`}>Famille {payment.family_name}</Link>,
    },
    { key: "received", header: "Reçu le", cell: (payment) => formatDate(payment.received_on) },
    {
      key: "method",
      header: "Mode",
      cell: (payment) => (
        <>
          {payment.method_label}
          {payment.reference ? ` n° ${payment.reference}` : ""}
        </>
      ),
    },
    { key: "amount", header: "Montant", className: "billing-amount", cell: (payment) => formatMoney(payment.amount) },
    {
      key: "invoices",
      header: "Factures réglées",
      cell: (payment) => {
        const invoices = payment.invoices as unknown as PaidInvoice[];
        return (
          <>
            {invoices.length === 0
              ? "—"
              : invoices.map((invoice, index) => (
                  <span key={invoice.id}>
                    {index > 0 && ", "}
                    <Link to={`/gestion/facturation/factures/${invoice.id}`}>{invoice.number}</Link> ({formatMoney(invoice.amount)})
                  </span>
                ))}
            {payment.status !== "cancelled" && Number(payment.unallocated) > 0 ? ` · ${formatMoney(payment.unallocated)} en avance` : ""}
          </>
        );
      },
    },
    {
      key: "status",
      header: "État",
      cell: (payment) => (
        <>
          <span className="status-pill">{payment.status_label}</span>
          {payment.status === "cancelled" && payment.cancel_reason ? <span className="field__hint"> {payment.cancel_reason}</span> : null}
        </>
      ),
    },
    {
      key: "actions",
      header: <span className="visually-hidden">Actions</span>,
      cell: (payment) => {
        const cancelled = payment.status === "cancelled";
        return (
          <div className="button-row">
            <a href={receiptPdfUrl(payment.id)} target="_blank" rel="noreferrer">
              Reçu PDF{" "}<span className="visually-hidden">{payment.number} (nouvelle fenêtre)</span>
            </a>
            {!cancelled && payment.method === "online" && (
              <button type="button" className="button button--secondary" onClick={() => setRefunding(payment)}>
                Rembourser{" "}<span className="visually-hidden">le règlement {payment.number}</span>
              </button>
            )}
            {!cancelled && (
              <button
                type="button"
                ref={(node) => {
                  if (node) cancelButtons.current.set(payment.id, node);
                  else cancelButtons.current.delete(payment.id);
                }}
                className="button button--secondary"
                aria-expanded={cancelling === payment.id}
                onClick={() => setCancelling(cancelling === payment.id ? null : payment.id)}
              >
                Annuler (chèque impayé, erreur…){" "}<span className="visually-hidden">le règlement {payment.number}</span>
              </button>
            )}
          </div>
        );
      },
    },
  ];

  return (
    <>
      <div className="toolbar">
        <p className="lead">Chèques, espèces, virements, aides et prélèvements reçus, avec leur reçu.</p>
        <Link className="button button--primary" to="/gestion/facturation/reglements/nouveau">
          Enregistrer un règlement
        </Link>
      </div>
      <FilterForm
        label="Filtrer les règlements"
        values={values}
        // The family comes from a family file's link: it is kept.
        onApply={(draft) => setFilters({ method: draft.method, from: draft.from, to: draft.to })}
      >
        {({ draft, set }) => (
          <>
            <SelectField id="reglements-mode" label="Mode de règlement" value={draft.method} onChange={set("method")} options={METHOD_OPTIONS} />
            <InputField id="reglements-du" label="Reçus du" type="date" value={draft.from} onChange={set("from")} />
            <InputField id="reglements-au" label="Au" type="date" value={draft.to} onChange={set("to")} />
          </>
        )}
      </FilterForm>
      {filters.family && (
        <p className="notice notice--info">
          Règlements d'une famille. <Link to="/gestion/facturation/reglements">Voir tous les règlements</Link>
        </p>
      )}
      <StatusMessage message={status} />
      <ListView
        query={query}
        loadingLabel="Chargement des règlements…"
        empty="Aucun règlement ne correspond à ces critères."
        pagination={{ label: "Pages des règlements", page, onPage: setPage }}
      >
        {(data) => (
          <DataTable
            caption={`Règlements (${data.count})`}
            columns={columns}
            rows={data.results}
            rowKey={(payment) => payment.id}
            after={(payment) =>
              cancelling === payment.id && (
                <CancelPaymentForm
                  payment={payment}
                  onDone={(message) => {
                    setCancelling(null);
                    setStatus(message);
                  }}
                  onClose={() => {
                    setCancelling(null);
                    cancelButtons.current.get(payment.id)?.focus();
                  }}
                />
              )
            }
          />
        )}
      </ListView>
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
          required requiredMark={false}
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
