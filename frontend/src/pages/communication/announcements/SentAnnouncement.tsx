import { useEffect } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { FilterForm } from "../../../components/list/FilterForm";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { QueryView } from "../../../components/QueryView";
import { SelectField } from "../../../components/FormFields";
import { formatDateTime } from "../../../format/dates";
import {
  announcementKeys,
  fetchProgress,
  fetchReceipts,
  formatSize,
  isSending,
  sendPolling,
  type ReadFilter,
  type Receipt,
  type SendProgress,
  type StaffAnnouncementDetail,
} from "./api";
import { SendProgressBar } from "./SendProgressBar";

/** An announcement once sent (or being sent): what left, to whom, the progress, then who read it. */
export function SentAnnouncement({ announcement }: { announcement: StaffAnnouncementDetail }) {
  return (
    <>
      <dl className="definition-list card">
        <div>
          <dt>État</dt>
          <dd>{announcement.state_label}</dd>
        </div>
        {announcement.sent_at && (
          <div>
            <dt>Envoyée le</dt>
            <dd>{formatDateTime(announcement.sent_at)}</dd>
          </div>
        )}
        <div>
          <dt>Destinataires</dt>
          <dd>
            <ul className="plain-list">
              {announcement.target_labels.map((label) => (
                <li key={label}>{label}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>Canaux</dt>
          <dd>
            Portail{announcement.by_email ? ", e-mail" : ""}
            {announcement.urgent ? ", SMS (annonce urgente)" : ""}
          </dd>
        </div>
      </dl>
      <ProgressSection announcement={announcement} />
      <section aria-labelledby="annonce-texte-titre" className="section">
        <h2 id="annonce-texte-titre">Texte envoyé</h2>
        {/* Cleaned by the server (core/communication/services/rich_text.py) when it was saved. */}
        <div className="announcement-text card" dangerouslySetInnerHTML={{ __html: announcement.text }} />
        {announcement.attachments.length > 0 && (
          <ul className="plain-list announcement-attachments" aria-label="Pièces jointes">
            {announcement.attachments.map((attachment) => (
              <li key={attachment.id}>
                <a href={attachment.url}>{attachment.name}</a> ({formatSize(attachment.size)})
              </li>
            ))}
          </ul>
        )}
      </section>
      <ReceiptsSection announcement={announcement} />
    </>
  );
}

function ProgressSection({ announcement }: { announcement: StaffAnnouncementDetail }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: announcementKeys.progress(announcement.id),
    queryFn: ({ signal }) => fetchProgress(announcement.id, signal),
    refetchInterval: (q) => (!q.state.data || isSending(q.state.data.state) ? sendPolling.interval : false),
  });
  const finished = query.data?.state === "sent";
  // Once delivered, the detail (its state, sent_at) and the list are stale.
  useEffect(() => {
    if (finished && announcement.state !== "sent") {
      void queryClient.invalidateQueries({ queryKey: announcementKeys.staffDetail(announcement.id) });
      void queryClient.invalidateQueries({ queryKey: announcementKeys.staffListAll });
    }
  }, [finished, announcement.state, announcement.id, queryClient]);

  return (
    <section aria-labelledby="annonce-envoi-titre" className="section">
      <h2 id="annonce-envoi-titre">Envoi</h2>
      <QueryView query={query} loadingLabel="Chargement de l'avancement…">
        {(progress) => <ProgressView progress={progress} />}
      </QueryView>
    </section>
  );
}

function ProgressView({ progress }: { progress: SendProgress }) {
  const sending = isSending(progress.state);
  return (
    <>
      <div role="status">
        {sending ? (
          <p className="inline-status">
            <span className="spinner" aria-hidden="true" /> {progress.state_label} : les e-mails partent par lots.
          </p>
        ) : (
          <p className="notice notice--success">Envoi terminé.</p>
        )}
      </div>
      <SendProgressBar done={progress.emailed + progress.email_skipped} total={progress.recipients} label="Avancement de l'envoi" />
      <dl className="definition-list announcement-counters">
        <div>
          <dt>Familles</dt>
          <dd>{progress.families}</dd>
        </div>
        <div>
          <dt>Responsables</dt>
          <dd>{progress.recipients}</dd>
        </div>
        <div>
          <dt>E-mails envoyés</dt>
          <dd>{progress.emailed}</dd>
        </div>
        <div>
          <dt>Sans e-mail (refusé ou sans adresse)</dt>
          <dd>{progress.email_skipped}</dd>
        </div>
        <div>
          <dt>SMS envoyés</dt>
          <dd>{progress.sms_sent}</dd>
        </div>
        <div>
          <dt>Familles qui l'ont lue</dt>
          <dd>
            {progress.read_families} / {progress.families}
          </dd>
        </div>
      </dl>
    </>
  );
}

const READ_FILTERS = { read: { param: "lue", values: ["oui", "non"] } } as const;
const READ_OPTIONS = [
  { value: "", label: "Toutes les familles" },
  { value: "oui", label: "Lue" },
  { value: "non", label: "Non lue" },
];
const toApi = (value: string): ReadFilter => (value === "oui" ? "yes" : value === "non" ? "no" : "");

const RECEIPT_COLUMNS: Column<Receipt>[] = [
  {
    key: "family",
    header: "Famille",
    rowHeader: true,
    cell: (row) => (
      <>
        {row.family.name} <span className="field__hint">(n° {row.family.number})</span>
      </>
    ),
  },
  { key: "read", header: "Lue", cell: (row) => (row.read_at ? `Lue le ${formatDateTime(row.read_at)}` : <strong>Non lue</strong>) },
  {
    key: "guardians",
    header: "Responsables",
    cell: (row) => (
      <ul className="plain-list">
        {row.guardians.map((guardian, index) => (
          <li key={`${index}-${guardian.name}`}>
            {guardian.name} : {guardian.emailed_at ? `e-mail envoyé le ${formatDateTime(guardian.emailed_at)}` : "pas d'e-mail"}
            {guardian.read_at ? `, lue le ${formatDateTime(guardian.read_at)}` : ", non lue"}
          </li>
        ))}
      </ul>
    ),
  },
];

function ReceiptsSection({ announcement }: { announcement: StaffAnnouncementDetail }) {
  const { filters, page, setFilters, setPage } = useListParams(READ_FILTERS);
  const read = toApi(filters.read);
  const query = useQuery({
    queryKey: announcementKeys.receipts(announcement.id, read, page),
    queryFn: ({ signal }) => fetchReceipts(announcement.id, read, page, signal),
    placeholderData: keepPreviousData,
    refetchInterval: isSending(announcement.state) ? sendPolling.interval * 5 : false,
  });
  return (
    <section aria-labelledby="annonce-lecture-titre" className="section">
      <h2 id="annonce-lecture-titre">Accusés de lecture</h2>
      <FilterForm label="Filtrer les accusés de lecture" values={filters} onApply={setFilters} submitLabel="Filtrer">
        {({ draft, set }) => <SelectField id="annonce-lecture-filtre" label="Lecture" value={draft.read} onChange={set("read")} options={READ_OPTIONS} />}
      </FilterForm>
      <ListView
        query={query}
        loadingLabel="Chargement des accusés de lecture…"
        empty={<p role="status">{read === "yes" ? "Aucune famille ne l'a encore lue." : read === "no" ? "Toutes les familles l'ont lue." : "Aucune famille destinataire."}</p>}
        pagination={{ label: "Pages des accusés de lecture", page, onPage: setPage }}
      >
        {(data) => (
          <DataTable
            caption={`Familles destinataires${read === "yes" ? " qui l'ont lue" : read === "no" ? " qui ne l'ont pas lue" : ""} (${data.count})`}
            columns={RECEIPT_COLUMNS}
            rows={data.results}
            rowKey={(row) => row.family.id}
          />
        )}
      </ListView>
    </section>
  );
}
