import { useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField } from "../../../components/FormFields";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDate, formatDateTime, todayIso } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { StatusMessage } from "../StaffUi";
import { billingKeys, confirmSepaBatch, createSepaBatch, fetchSepaBatches, sepaBatchXmlUrl, type SepaBatch, type SepaBatchInput } from "./api";
import { ConfirmDialog } from "./ConfirmDialog";

const SETTINGS_PATH = "/gestion/configuration/facturation";

const IDS = { collection_date: "prelevement-date", due_until: "prelevement-echues" } as const;

/** The day after todayIso, as "YYYY-MM-DD" (the earliest collection date). */
function tomorrow(): string {
  const [y, m, d] = todayIso().split("-").map(Number);
  const next = new Date(y, m - 1, d + 1);
  return `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, "0")}-${String(next.getDate()).padStart(2, "0")}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** « Prélèvements SEPA »: build the bank file from the unpaid invoices, then confirm the collection. */
export function SepaPage() {
  const [status, setStatus] = useState("");
  return (
    <>
      <p className="lead">
        Les factures impayées des familles ayant un mandat actif et un IBAN sont regroupées dans un fichier de prélèvement (norme SEPA) à transmettre à la
        banque.
      </p>
      <StatusMessage message={status} />
      <NewBatchForm onCreated={setStatus} />
      <BatchesSection onStatus={setStatus} />
    </>
  );
}

function NewBatchForm({ onCreated }: { onCreated: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ collection_date: "", due_until: "" });
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const mutation = useMutation({
    mutationFn: createSepaBatch,
    onSuccess: (batch) => {
      void queryClient.invalidateQueries({ queryKey: billingKeys.all });
      setErrors([]);
      setValues({ collection_date: "", due_until: "" });
      onCreated(
        `Le lot du ${formatDate(batch.collection_date)} est généré : ${plural(batch.count, "prélèvement", "prélèvements")} pour ${formatMoney(batch.total)}. Téléchargez son fichier et transmettez-le à la banque.`,
      );
    },
    onError: (error) => setErrors(staffErrors(error, IDS)),
  });
  const creditorMissing = errors.some((e) => /créancier|réglages de facturation/i.test(e.message));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FormErrorItem[] = [];
    if (!values.collection_date) found.push({ fieldId: IDS.collection_date, message: "Indiquez la date de prélèvement." });
    else if (values.collection_date <= todayIso())
      found.push({ fieldId: IDS.collection_date, message: "La date de prélèvement doit être postérieure à aujourd'hui." });
    setErrors(found);
    onCreated("");
    if (found.length) return;
    const input: SepaBatchInput = { collection_date: values.collection_date };
    if (values.due_until) input.due_until = values.due_until;
    mutation.mutate(input);
  }

  return (
    <section aria-labelledby="prelevement-nouveau-titre" className="section">
      <h2 id="prelevement-nouveau-titre">Nouveau lot</h2>
      <ErrorSummary items={errors} />
      {creditorMissing && (
        <p className="notice notice--error">
          Complétez le créancier SEPA (nom, ICS, IBAN, BIC) dans <Link to={SETTINGS_PATH}>Configuration › Facturation</Link>, puis générez le lot.
        </p>
      )}
      <form className="form" noValidate onSubmit={submit} aria-labelledby="prelevement-nouveau-titre">
        <div className="form-grid form-grid--2">
          <InputField
            id={IDS.collection_date}
            label="Date de prélèvement"
            type="date"
            required requiredMark={false}
            min={tomorrow()}
            hint="Postérieure à aujourd'hui, en laissant à la banque son délai de traitement."
            value={values.collection_date}
            onChange={(v) => setValues((s) => ({ ...s, collection_date: v }))}
            errors={fieldErrors(errors, IDS.collection_date)}
          />
          <InputField
            id={IDS.due_until}
            label="Factures échues jusqu'au"
            type="date"
            hint="Vide : toutes les factures échues à la date de prélèvement."
            value={values.due_until}
            onChange={(v) => setValues((s) => ({ ...s, due_until: v }))}
            errors={fieldErrors(errors, IDS.due_until)}
          />
        </div>
        <p className="field__hint">
          Le créancier (nom, ICS, IBAN, BIC) se règle dans <Link to={SETTINGS_PATH}>Configuration › Facturation</Link> ; le mandat de chaque famille,
          dans la rubrique Facturation de son dossier.
        </p>
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Générer le lot de prélèvement" busyLabel="Génération du lot…" />
        </div>
      </form>
    </section>
  );
}

function BatchesSection({ onStatus }: { onStatus: (message: string) => void }) {
  const { page: pageNumber, setPage } = useListParams({});
  const [confirming, setConfirming] = useState<SepaBatch | null>(null);
  const [error, setError] = useState("");
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: billingKeys.sepaBatches(pageNumber),
    queryFn: ({ signal }) => fetchSepaBatches(pageNumber, signal),
    placeholderData: keepPreviousData,
  });
  const confirm = useMutation({
    mutationFn: (batch: SepaBatch) => confirmSepaBatch(batch.id),
    onSuccess: (batch) => {
      void queryClient.invalidateQueries({ queryKey: billingKeys.all });
      setConfirming(null);
      onStatus(
        `L'encaissement du lot ${batch.message_id} est confirmé : ${plural(batch.count, "règlement « Prélèvement » est enregistré", "règlements « Prélèvement » sont enregistrés")}.`,
      );
    },
    onError: (err) => setError(staffErrors(err).map((e) => e.message).join(" ")),
  });

  const columns: Column<SepaBatch>[] = [
    { key: "collection", header: "Prélevé le", rowHeader: true, cell: (batch) => formatDate(batch.collection_date) },
    { key: "reference", header: "Référence", cell: (batch) => batch.message_id },
    { key: "count", header: "Prélèvements", cell: (batch) => batch.count },
    { key: "total", header: "Montant", className: "billing-amount", cell: (batch) => formatMoney(batch.total) },
    { key: "status", header: "État", cell: (batch) => <span className="status-pill">{batch.status_label}</span> },
    { key: "created", header: "Généré le", cell: (batch) => formatDateTime(batch.created_at) || "—" },
    {
      key: "actions",
      header: <span className="visually-hidden">Actions</span>,
      cell: (batch) => (
        <div className="button-row">
          <a href={batch.download_url || sepaBatchXmlUrl(batch.id)} download>
            Fichier XML <span className="visually-hidden">du lot {batch.message_id}</span>
          </a>
          {batch.status === "generated" && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setError("");
                setConfirming(batch);
              }}
            >
              Confirmer l'encaissement <span className="visually-hidden">du lot {batch.message_id}</span>
            </button>
          )}
        </div>
      ),
    },
  ];

  return (
    <section aria-labelledby="prelevement-lots-titre" className="section">
      <h2 id="prelevement-lots-titre">Lots de prélèvement</h2>
      <ListView
        query={query}
        loadingLabel="Chargement des lots de prélèvement…"
        empty="Aucun lot de prélèvement pour l'instant."
        pagination={{ label: "Pages des lots de prélèvement", page: pageNumber, onPage: setPage }}
      >
        {(data) => <DataTable caption={`Lots de prélèvement (${data.count})`} columns={columns} rows={data.results} rowKey={(batch) => batch.id} />}
      </ListView>
      {confirming && (
        <ConfirmDialog
          title="Confirmer l'encaissement ?"
          confirmLabel="Confirmer l'encaissement"
          busy={confirm.isPending}
          onConfirm={() => confirm.mutate(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            La banque a-t-elle crédité le lot du {formatDate(confirming.collection_date)} ({plural(confirming.count, "prélèvement", "prélèvements")},{" "}
            {formatMoney(confirming.total)}) ? Un règlement « Prélèvement » est alors enregistré pour chaque facture du lot.
          </p>
          <div role="alert">{error ? <p className="notice notice--error">{error}</p> : null}</div>
        </ConfirmDialog>
      )}
    </section>
  );
}
