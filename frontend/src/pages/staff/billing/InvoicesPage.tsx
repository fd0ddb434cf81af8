import { useState, type FormEvent } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { TextField } from "../../../components/TextField";
import { formatDate } from "../format";
import { pageParam, Pagination, QueryView, SelectField } from "../StaffUi";
import { billingKeys, fetchInvoices, invoicePdfUrl, type InvoiceFilters, type InvoiceKind, type InvoiceStatus } from "./api";
import { formatMoney, INVOICE_STATUS_LABELS } from "./format";

/** URL parameter (French) → filter. */
const PARAMS = { recherche: "search", type: "kind", etat: "status", famille: "family", facturation: "run", du: "from", au: "to" } as const;

function filtersOf(params: URLSearchParams): InvoiceFilters {
  return {
    search: params.get("recherche") ?? "",
    kind: (params.get("type") ?? "") as InvoiceKind | "",
    status: (params.get("etat") ?? "") as InvoiceStatus | "",
    family: params.get("famille") ?? "",
    run: params.get("facturation") ?? "",
    from: params.get("du") ?? "",
    to: params.get("au") ?? "",
    page: pageParam(params.get("page")),
  };
}

/** « Factures et avoirs »: every issued document, searchable. */
export function InvoicesPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const [draft, setDraft] = useState(filters);
  const query = useQuery({
    queryKey: billingKeys.invoices(filters),
    queryFn: ({ signal }) => fetchInvoices(filters, signal),
    placeholderData: keepPreviousData,
  });

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [param, key] of Object.entries(PARAMS)) {
      const value = String(draft[key] ?? "").trim();
      if (value) next.set(param, value);
    }
    setParams(next);
  }

  const set = (key: keyof InvoiceFilters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <>
      <p className="lead">Une facture émise n'est jamais modifiée : un avoir la corrige. Ouvrez une facture pour émettre un avoir.</p>
      <form className="filters" onSubmit={apply} aria-label="Filtrer les factures et avoirs">
        <TextField id="factures-recherche" label="Rechercher" hint="N° de facture, nom ou n° de famille." type="search" value={draft.search} onChange={set("search")} />
        <SelectField
          id="factures-type"
          label="Type"
          value={draft.kind}
          onChange={set("kind")}
          options={[
            { value: "", label: "Factures et avoirs" },
            { value: "invoice", label: "Factures" },
            { value: "credit_note", label: "Avoirs" },
          ]}
        />
        <SelectField
          id="factures-etat"
          label="État"
          value={draft.status}
          onChange={set("status")}
          options={[{ value: "", label: "Tous les états" }, ...Object.entries(INVOICE_STATUS_LABELS).map(([value, label]) => ({ value, label }))]}
        />
        <TextField id="factures-du" label="Émises du" type="date" value={draft.from} onChange={set("from")} />
        <TextField id="factures-au" label="Au" type="date" value={draft.to} onChange={set("to")} />
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            Filtrer
          </button>
        </div>
      </form>
      {(filters.run || filters.family) && (
        <p className="notice notice--info">
          {filters.run ? "Documents d'une facturation. " : "Documents d'une famille. "}
          <Link to="/gestion/facturation/factures">Voir tous les documents</Link>
        </p>
      )}
      <QueryView query={query} loadingLabel="Chargement des factures…">
        {(data) =>
          data.results.length === 0 ? (
            <p>Aucune facture ni aucun avoir ne correspond à ces critères.</p>
          ) : (
            <>
              <div className="table-wrapper">
                <table className="data-table data-table--reflow">
                  <caption>Factures et avoirs ({data.count})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Numéro</th>
                      <th scope="col">Famille</th>
                      <th scope="col">Émise le</th>
                      <th scope="col">Échéance</th>
                      <th scope="col" className="billing-amount">
                        Montant
                      </th>
                      <th scope="col" className="billing-amount">
                        Reste dû
                      </th>
                      <th scope="col">État</th>
                      <th scope="col">
                        <span className="visually-hidden">Document</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.results.map((invoice) => (
                      <tr key={invoice.id}>
                        <th scope="row" data-label="Numéro">
                          <Link to={`/gestion/facturation/factures/${invoice.id}`}>
                            {invoice.kind_label} {invoice.number}
                          </Link>
                          {invoice.refers_to_number ? <span className="field__hint"> (corrige {invoice.refers_to_number})</span> : null}
                        </th>
                        <td data-label="Famille">
                          <Link to={`/gestion/familles/${invoice.family_id}/facturation`}>Famille {invoice.family_name}</Link> (n° {invoice.family_number})
                        </td>
                        <td data-label="Émise le">{formatDate(invoice.issue_date)}</td>
                        <td data-label="Échéance">{formatDate(invoice.due_date) || "—"}</td>
                        <td data-label="Montant" className="billing-amount">
                          {formatMoney(invoice.total)}
                        </td>
                        <td data-label="Reste dû" className="billing-amount">
                          {invoice.kind === "invoice" ? formatMoney(invoice.outstanding) : "—"}
                        </td>
                        <td data-label="État">
                          <span className="status-pill">{invoice.status_label}</span>
                        </td>
                        <td>
                          <a href={invoicePdfUrl(invoice.id)} target="_blank" rel="noreferrer">
                            PDF{" "}
                            <span className="visually-hidden">
                              {invoice.kind === "credit_note" ? "de l'avoir" : "de la facture"} {invoice.number} (nouvelle fenêtre)
                            </span>
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination
                label="Pages des factures"
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
    </>
  );
}
