import { useRef, useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, CheckboxField } from "../../../components/FormFields";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { FilterForm } from "../../../components/list/FilterForm";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { formatDate, formatDateTime, todayIso } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { plural } from "../../../format/text";
import { usePageTitle } from "../../../theme/usePageTitle";
import { StatusMessage } from "../StaffUi";
import {
  billingKeys,
  deleteRun,
  fetchRules,
  fetchRun,
  fetchRunFamilies,
  fetchRunLines,
  publishRun,
  recomputeRun,
  type PublishInput,
  type Run,
  type RunFamily,
  type RunFamilyFilters,
} from "./api";
import { BillingBreadcrumb } from "./BillingLayout";
import { ConfirmDialog } from "./ConfirmDialog";
import { isBusyRun, runPolling } from "./labels";

const runTitle = (run: Run) => run.label || `Facturation du ${formatDate(run.period_start)} au ${formatDate(run.period_end)}`;

/** A run: progress while it is computed or issued, then the draft to review and issue. */
export function RunPage() {
  const { runId: raw } = useParams();
  const runId = Number(raw);
  const query = useQuery({
    queryKey: billingKeys.run(runId),
    queryFn: ({ signal }) => fetchRun(runId, signal),
    enabled: Number.isInteger(runId) && runId > 0,
    refetchInterval: (q) => (q.state.data && isBusyRun(q.state.data.status) ? runPolling.interval : false),
  });
  usePageTitle(query.data ? `${runTitle(query.data)} — Facturation` : "Facturation");
  return (
    <>
      <BillingBreadcrumb />
      <QueryView query={query} loadingLabel="Chargement de la facturation…">
        {(run) => <RunReview run={run} />}
      </QueryView>
    </>
  );
}

function RunReview({ run }: { run: Run }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [publishing, setPublishing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const publishButton = useRef<HTMLButtonElement>(null);
  const editable = run.status === "draft" || run.status === "failed";
  const invoiced = run.family_count - run.error_count;

  const onRun = (next: Run) => {
    queryClient.setQueryData(billingKeys.run(run.id), next);
    void queryClient.invalidateQueries({ queryKey: ["staff", "billing", "runs", "list"] });
  };
  const recompute = useMutation({
    mutationFn: () => recomputeRun(run.id),
    onSuccess: (next) => {
      setErrors([]);
      setStatus("Le brouillon est en cours de recalcul.");
      onRun(next);
    },
    onError: (error) => setErrors(staffErrors(error)),
  });
  const remove = useMutation({
    mutationFn: () => deleteRun(run.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: billingKeys.run(run.id) });
      void queryClient.invalidateQueries({ queryKey: ["staff", "billing", "runs", "list"] });
      void navigate("/gestion/facturation");
    },
    onError: (error) => {
      setConfirmDelete(false);
      setErrors(staffErrors(error));
    },
  });

  return (
    <>
      <h1>{runTitle(run)}</h1>
      <p className="lead">
        Période du {formatDate(run.period_start)} au {formatDate(run.period_end)} · <span className="status-pill">{run.status_label}</span>
        {run.series_name ? ` · Série ${run.series_name}` : ""}
      </p>
      <StatusMessage message={status} />
      <ErrorSummary items={errors} />

      {run.status === "computing" && (
        <div className="billing-progress" role="status">
          <span className="spinner" aria-hidden="true" />
          <p>Calcul du brouillon en cours… Cette page se met à jour toute seule ; vous pouvez aussi la quitter et revenir plus tard.</p>
        </div>
      )}
      {run.status === "publishing" && (
        <div className="billing-progress" role="status">
          <span className="spinner" aria-hidden="true" />
          <p>Émission des factures et envoi des e-mails aux familles en cours… Cette page se met à jour toute seule.</p>
        </div>
      )}
      {run.failure && (run.status === "failed" || run.status === "draft") && (
        <div className="notice notice--error">
          <p>
            <strong>{run.status === "failed" ? "Le calcul a échoué." : "L'émission a été refusée."}</strong> {run.failure}
          </p>
        </div>
      )}
      {run.status === "published" && (
        <p className="notice notice--success">
          {plural(run.invoice_count, "document émis", "documents émis")} le {formatDate(run.issue_date)}
          {run.due_date ? `, à payer avant le ${formatDate(run.due_date)}` : ""}.{" "}
          <Link to={`/gestion/facturation/factures?facturation=${run.id}`}>Voir les factures et avoirs de cette facturation</Link>
        </p>
      )}

      {run.status !== "computing" && (
        <dl className="billing-totals" aria-label="Totaux de la facturation">
          <div>
            <dt>À facturer</dt>
            <dd>{formatMoney(run.total)}</dd>
          </div>
          <div>
            <dt>Avoirs</dt>
            <dd>{formatMoney(run.credit_total)}</dd>
          </div>
          <div>
            <dt>Familles</dt>
            <dd>{run.family_count}</dd>
          </div>
          <div>
            <dt>Familles en erreur</dt>
            <dd>{run.error_count}</dd>
          </div>
          <div>
            <dt>Lignes</dt>
            <dd>{run.line_count}</dd>
          </div>
        </dl>
      )}
      {run.computed_at && run.status !== "computing" && <p className="field__hint">Calculé le {formatDateTime(run.computed_at)}.</p>}

      {editable && (
        <div className="button-row">
          {run.status === "draft" && (
            <button
              type="button"
              ref={publishButton}
              className="button button--primary"
              aria-expanded={publishing}
              aria-controls="emission"
              onClick={() => {
                setStatus("");
                setPublishing((open) => !open);
              }}
            >
              Émettre…
            </button>
          )}
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={recompute.isPending || undefined}
            onClick={() => {
              if (!recompute.isPending) recompute.mutate();
            }}
          >
            {recompute.isPending && <span className="spinner" aria-hidden="true" />}
            Recalculer
          </button>
          <button type="button" className="button button--danger" onClick={() => setConfirmDelete(true)}>
            Supprimer le brouillon
          </button>
        </div>
      )}
      {confirmDelete && (
        <ConfirmDialog
          title="Supprimer le brouillon ?"
          confirmLabel="Supprimer le brouillon"
          danger
          busy={remove.isPending}
          onConfirm={() => remove.mutate()}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>Le brouillon et ses lignes sont supprimés. Aucune facture n'a été émise : vous pourrez relancer une facturation pour cette période.</p>
        </ConfirmDialog>
      )}
      {publishing && run.status === "draft" && (
        <PublishForm
          run={run}
          invoiced={invoiced}
          onDone={(next) => {
            setPublishing(false);
            setStatus("L'émission des factures a commencé.");
            onRun(next);
          }}
          onCancel={() => {
            setPublishing(false);
            publishButton.current?.focus();
          }}
        />
      )}

      {run.status !== "computing" && <RunFamilies run={run} />}
      <RulesSection />
    </>
  );
}

const PUBLISH_IDS = { issue_date: "emission-date", due_date: "emission-echeance" } as const;

function PublishForm({ run, invoiced, onDone, onCancel }: { run: Run; invoiced: number; onDone: (run: Run) => void; onCancel: () => void }) {
  const [values, setValues] = useState({ issue_date: todayIso(), due_date: "" });
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [confirming, setConfirming] = useState(false);
  const mutation = useMutation({
    mutationFn: (input: PublishInput) => publishRun(run.id, input),
    onSuccess: (next) => {
      setConfirming(false);
      onDone(next);
    },
    onError: (error) => {
      setConfirming(false);
      setErrors(staffErrors(error, PUBLISH_IDS));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FormErrorItem[] = [];
    if (!values.issue_date) found.push({ fieldId: PUBLISH_IDS.issue_date, message: "Indiquez la date d'émission." });
    if (values.due_date && values.issue_date && values.due_date < values.issue_date)
      found.push({ fieldId: PUBLISH_IDS.due_date, message: "L'échéance ne peut précéder la date d'émission." });
    setErrors(found);
    if (!found.length) setConfirming(true);
  }

  return (
    <form id="emission" className="form inline-edit" noValidate onSubmit={submit}>
      <fieldset className="fieldset">
        <legend>Émettre les factures</legend>
        <ErrorSummary items={errors} />
        <div className="form-grid form-grid--2">
          <InputField
            id={PUBLISH_IDS.issue_date}
            label="Date d'émission"
            type="date"
            required requiredMark={false}
            value={values.issue_date}
            onChange={(v) => setValues((s) => ({ ...s, issue_date: v }))}
            errors={fieldErrors(errors, PUBLISH_IDS.issue_date)}
          />
          <InputField
            id={PUBLISH_IDS.due_date}
            label="Date d'échéance"
            type="date"
            hint="Facultative : par défaut, la date d'émission plus le délai de paiement de la structure."
            value={values.due_date}
            onChange={(v) => setValues((s) => ({ ...s, due_date: v }))}
            errors={fieldErrors(errors, PUBLISH_IDS.due_date)}
          />
        </div>
        {run.error_count > 0 && (
          <p className="notice notice--info">
            {plural(run.error_count, "famille en erreur n'est pas facturée", "familles en erreur ne sont pas facturées")} : corrigez leur dossier puis recalculez, ou
            facturez-les plus tard.
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary">
            Émettre les factures
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Annuler
          </button>
        </div>
      </fieldset>
      {confirming && (
        <ConfirmDialog
          title="Confirmer l'émission"
          confirmLabel="Émettre"
          busy={mutation.isPending}
          onConfirm={() => mutation.mutate({ issue_date: values.issue_date, due_date: values.due_date || null })}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Émettre {plural(invoiced, "facture", "factures")} pour un total de {formatMoney(run.total)} ? Les factures émises ne pourront plus être modifiées.
          </p>
          {Number(run.credit_total) > 0 && <p>Les avoirs du brouillon ({formatMoney(run.credit_total)}) sont émis en même temps.</p>}
        </ConfirmDialog>
      )}
    </form>
  );
}

const FAMILY_FILTERS = { search: { param: "recherche" }, errors: { param: "erreurs", values: ["1"] } };

function RunFamilies({ run }: { run: Run }) {
  const { filters: values, page, setFilters, setPage } = useListParams(FAMILY_FILTERS);
  const filters: RunFamilyFilters = { search: values.search, errors: values.errors === "1", page };
  const [open, setOpen] = useState<number | null>(null);
  const query = useQuery({
    queryKey: billingKeys.runFamilies(run.id, { ...filters, computed: run.computed_at, status: run.status }),
    queryFn: ({ signal }) => fetchRunFamilies(run.id, filters, signal),
    placeholderData: keepPreviousData,
  });

  const columns: Column<RunFamily>[] = [
    {
      key: "family",
      header: "Famille",
      rowHeader: true,
      cell: (family) => <Link to={`/gestion/familles/${family.family}`}>Famille {family.family_name}</Link>,
    },
    { key: "number", header: "N°", cell: (family) => family.family_number },
    { key: "lines", header: "Lignes", cell: (family) => family.line_count },
    { key: "total", header: "À facturer", className: "billing-amount", cell: (family) => formatMoney(family.total) },
    { key: "credits", header: "Avoirs", className: "billing-amount", cell: (family) => formatMoney(family.credit_total) },
    { key: "error", header: "Erreur", cell: (family) => (family.error ? <strong className="field__error">{family.error}</strong> : "—") },
    {
      key: "detail",
      header: <span className="visually-hidden">Détail</span>,
      cell: (family) => (
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={open === family.id}
          aria-controls={open === family.id ? `lignes-famille-${family.id}` : undefined}
          onClick={() => setOpen((current) => (current === family.id ? null : family.id))}
        >
          {open === family.id ? "Masquer les lignes" : "Voir les lignes"}
          {" "}<span className="visually-hidden">de la famille {family.family_name}</span>
        </button>
      ),
    },
  ];

  return (
    <section aria-labelledby="familles-titre" className="section">
      <h2 id="familles-titre">Familles</h2>
      <p>Les familles en erreur sont listées en premier, avec la raison pour laquelle elles ne peuvent pas être facturées.</p>
      <FilterForm
        label="Filtrer les familles"
        values={values}
        onApply={(draft) => {
          setOpen(null);
          setFilters(draft);
        }}
      >
        {({ draft, set }) => (
          <>
            <InputField id="familles-recherche" label="Rechercher une famille" hint="Nom ou numéro de famille." type="search" value={draft.search} onChange={set("search")} />
            <CheckboxField id="familles-erreurs" label="Seulement les familles en erreur" checked={draft.errors === "1"} onChange={(checked) => set("errors")(checked ? "1" : "")} />
          </>
        )}
      </FilterForm>
      <ListView
        query={query}
        loadingLabel="Chargement des familles…"
        empty={filters.search || filters.errors ? "Aucune famille ne correspond à ces critères." : "Aucune famille à facturer sur cette période."}
        pagination={{ label: "Pages des familles", page, onPage: setPage }}
      >
        {(data) => (
          <DataTable
            caption={`Familles de la facturation (${data.count})`}
            columns={columns}
            rows={data.results}
            rowKey={(family) => family.id}
            rowClassName={(family) => (family.error ? "billing-error-row" : undefined)}
            after={(family) =>
              open === family.id && (
                <div id={`lignes-famille-${family.id}`}>
                  <FamilyLines runId={run.id} family={family} />
                </div>
              )
            }
          />
        )}
      </ListView>
    </section>
  );
}

function FamilyLines({ runId, family }: { runId: number; family: RunFamily }) {
  const query = useQuery({
    queryKey: billingKeys.runLines(runId, family.id),
    queryFn: ({ signal }) => fetchRunLines(runId, family.id, signal),
  });
  return (
    <div className="billing-lines">
      <QueryView query={query} loadingLabel="Chargement des lignes…">
        {(lines) =>
          lines.length === 0 ? (
            <p>Aucune ligne pour cette famille.</p>
          ) : (
            <table className="data-table data-table--reflow">
              <caption>Lignes de la famille {family.family_name}</caption>
              <thead>
                <tr>
                  <th scope="col">Enfant</th>
                  <th scope="col">Activité</th>
                  <th scope="col">Date</th>
                  <th scope="col">Libellé</th>
                  <th scope="col">Tarification</th>
                  <th scope="col">État</th>
                  <th scope="col" className="billing-amount">
                    Montant
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.id}>
                    <td data-label="Enfant">{line.child_name || "—"}</td>
                    <td data-label="Activité">{line.activity_name || "—"}</td>
                    <td data-label="Date">{formatDate(line.date) || "—"}</td>
                    <td data-label="Libellé">
                      {line.label}
                      {line.kind === "correction" ? " (régularisation)" : line.kind === "manual" ? " (saisie manuelle)" : ""}
                    </td>
                    <td data-label="Tarification">{line.tariff_name || "—"}</td>
                    <td data-label="État">{line.state || "—"}</td>
                    <td data-label="Montant" className="billing-amount">
                      {formatMoney(line.amount)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </div>
  );
}

function RulesSection() {
  const query = useQuery({ queryKey: billingKeys.rules, queryFn: ({ signal }) => fetchRules(signal), staleTime: 5 * 60_000 });
  return (
    <section aria-labelledby="regles-titre" className="section">
      <h2 id="regles-titre">Règles de facturation</h2>
      <p>Ce que coûte chaque état d'une réservation au moment de la facturation.</p>
      <QueryView query={query} loadingLabel="Chargement des règles…">
        {(rules) => (
          <table className="data-table">
            <caption className="visually-hidden">Règles de facturation</caption>
            <thead>
              <tr>
                <th scope="col">État de la réservation</th>
                <th scope="col">Facturé</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={rule.state}>
                  <th scope="row">{rule.label}</th>
                  <td>{rule.billed ? "Oui" : "Non"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </section>
  );
}
