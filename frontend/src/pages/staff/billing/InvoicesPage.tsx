import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { InputField, SelectField } from "../../../components/FormFields";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { FilterForm } from "../../../components/list/FilterForm";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { formatDate } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { billingKeys, fetchInvoices, invoicePdfUrl, type InvoiceFilters, type InvoiceKind, type InvoiceStatus, type StaffInvoice } from "./api";
import { INVOICE_STATUS_LABELS } from "./labels";

/** The filters and their URL parameters (French). */
const FILTERS = {
  search: { param: "recherche" },
  kind: { param: "type" },
  status: { param: "etat" },
  family: { param: "famille" },
  run: { param: "facturation" },
  from: { param: "du" },
  to: { param: "au" },
};

const KIND_OPTIONS = [
  { value: "", label: "Factures et avoirs" },
  { value: "invoice", label: "Factures" },
  { value: "credit_note", label: "Avoirs" },
];
const STATUS_OPTIONS = [{ value: "", label: "Tous les états" }, ...Object.entries(INVOICE_STATUS_LABELS).map(([value, label]) => ({ value, label }))];

const COLUMNS: Column<StaffInvoice>[] = [
  {
    key: "number",
    header: "Numéro",
    rowHeader: true,
    cell: (invoice) => (
      <>
        <Link to={`/gestion/facturation/factures/${invoice.id}`}>
          {invoice.kind_label} {invoice.number}
        </Link>
        {invoice.refers_to_number ? <span className="field__hint"> (corrige {invoice.refers_to_number})</span> : null}
      </>
    ),
  },
  {
    key: "family",
    header: "Famille",
    cell: (invoice) => (
      <>
        <Link to={`/gestion/familles/${invoice.family_id}/facturation`}>Famille {invoice.family_name}</Link> (n° {invoice.family_number})
      </>
    ),
  },
  { key: "issued", header: "Émise le", cell: (invoice) => formatDate(invoice.issue_date) },
  { key: "due", header: "Échéance", cell: (invoice) => formatDate(invoice.due_date) || "—" },
  { key: "total", header: "Montant", className: "billing-amount", cell: (invoice) => formatMoney(invoice.total) },
  {
    key: "outstanding",
    header: "Reste dû",
    className: "billing-amount",
    cell: (invoice) => (invoice.kind === "invoice" ? formatMoney(invoice.outstanding) : "—"),
  },
  { key: "status", header: "État", cell: (invoice) => <span className="status-pill">{invoice.status_label}</span> },
  {
    key: "pdf",
    header: <span className="visually-hidden">Document</span>,
    cell: (invoice) => (
      <a href={invoicePdfUrl(invoice.id)} target="_blank" rel="noreferrer">
        PDF{" "}
        <span className="visually-hidden">
          {invoice.kind === "credit_note" ? "de l'avoir" : "de la facture"} {invoice.number} (nouvelle fenêtre)
        </span>
      </a>
    ),
  },
];

/** « Factures et avoirs »: every issued document, searchable. */
export function InvoicesPage() {
  const { filters: values, page, setFilters, setPage } = useListParams(FILTERS);
  const filters: InvoiceFilters = { ...values, kind: values.kind as InvoiceKind | "", status: values.status as InvoiceStatus | "", page };
  const query = useQuery({
    queryKey: billingKeys.invoices(filters),
    queryFn: ({ signal }) => fetchInvoices(filters, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <p className="lead">Une facture émise n'est jamais modifiée : un avoir la corrige. Ouvrez une facture pour émettre un avoir.</p>
      <FilterForm label="Filtrer les factures et avoirs" values={values} onApply={setFilters}>
        {({ draft, set }) => (
          <>
            <InputField id="factures-recherche" label="Rechercher" hint="N° de facture, nom ou n° de famille." type="search" value={draft.search} onChange={set("search")} />
            <SelectField id="factures-type" label="Type" value={draft.kind} onChange={set("kind")} options={KIND_OPTIONS} />
            <SelectField id="factures-etat" label="État" value={draft.status} onChange={set("status")} options={STATUS_OPTIONS} />
            <InputField id="factures-du" label="Émises du" type="date" value={draft.from} onChange={set("from")} />
            <InputField id="factures-au" label="Au" type="date" value={draft.to} onChange={set("to")} />
          </>
        )}
      </FilterForm>
      {(filters.run || filters.family) && (
        <p className="notice notice--info">
          {filters.run ? "Documents d'une facturation. " : "Documents d'une famille. "}
          <Link to="/gestion/facturation/factures">Voir tous les documents</Link>
        </p>
      )}
      <ListView
        query={query}
        loadingLabel="Chargement des factures…"
        empty="Aucune facture ni aucun avoir ne correspond à ces critères."
        pagination={{ label: "Pages des factures", page, onPage: setPage }}
      >
        {(data) => <DataTable caption={`Factures et avoirs (${data.count})`} columns={COLUMNS} rows={data.results} rowKey={(invoice) => invoice.id} />}
      </ListView>
    </>
  );
}
