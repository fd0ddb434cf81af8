import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import type { FormErrorItem } from "../../../components/formErrors";
import { DataTable } from "../../../components/list/DataTable";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { staffErrors } from "../../../components/serverErrors";
import { StatusIcon } from "../../../components/StatusIcon";
import { formatDateTime } from "../../../format/dates";
import { formatFileSize } from "../../../format/numbers";
import { StatusMessage } from "../../staff/StaffUi";
import { markSubmissionSeen, useStaffSubmissions, type StaffSubmission } from "./api";

const SEEN_CHOICES = [
  { value: "non", label: "Non vus" },
  { value: "oui", label: "Vus" },
  { value: "tous", label: "Tous" },
] as const;

const SPEC = {
  seen: { param: "vu", default: "non", values: SEEN_CHOICES.map((c) => c.value) },
  family: { param: "famille" },
};

/** The API's query of the filters in the URL. */
function apiSearch(seen: string, family: string, page: number): string {
  const search = new URLSearchParams();
  if (family && /^\d+$/.test(family)) search.set("family", family);
  if (seen === "non") search.set("seen", "false");
  if (seen === "oui") search.set("seen", "true");
  if (page > 1) search.set("page", String(page));
  return search.toString();
}

/** /gestion/actualites/envois — files the families sent (« Mes envois »): open, mark seen. */
export function StaffSubmissionsPage() {
  const { filters, page, setFilters, setPage } = useListParams(SPEC);
  const query = useStaffSubmissions(apiSearch(filters.seen, filters.family, page));
  const queryClient = useQueryClient();
  const [status, setStatus] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const seen = useMutation({
    mutationFn: (item: StaffSubmission) => markSubmissionSeen(item.id),
    onSuccess: async (_, item) => {
      setErrors([]);
      setStatus(`L'envoi « ${item.title} » de la famille ${item.family.name} est marqué comme vu.`);
      await queryClient.invalidateQueries({ queryKey: ["staff", "communication", "submissions"] });
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error));
    },
  });
  const familyName = query.data?.results.find((r) => String(r.family.id) === filters.family)?.family.name;

  return (
    <section aria-labelledby="envois-gestion-titre">
      <h2 id="envois-gestion-titre">Envois des familles</h2>
      <p>Les fichiers que les familles envoient depuis « Mes envois » (hors documents demandés).</p>
      <div className="button-row" role="group" aria-label="Envois à afficher">
        {SEEN_CHOICES.map((choice) => (
          <button
            key={choice.value}
            type="button"
            className="button button--secondary button--small"
            aria-pressed={filters.seen === choice.value}
            onClick={() => setFilters({ seen: choice.value })}
          >
            {choice.label}
          </button>
        ))}
      </div>
      {filters.family && (
        <p>
          Envois de la famille {familyName ?? `n° ${filters.family}`} seulement.{" "}
          <button type="button" className="button button--link" onClick={() => setFilters({ family: "" })}>
            Voir toutes les familles
          </button>
        </p>
      )}
      <StatusMessage message={status} />
      <ErrorSummary items={errors} />
      <ListView
        query={query}
        loadingLabel="Chargement des envois…"
        empty={filters.seen === "non" ? "Aucun envoi à voir." : "Aucun envoi."}
        pagination={{ label: "Pages des envois", page, onPage: setPage }}
      >
        {(data) => (
          <DataTable
            caption={`Envois des familles (${data.count})`}
            rows={data.results}
            rowKey={(item) => item.id}
            columns={[
              {
                key: "title",
                header: "Envoi",
                rowHeader: true,
                cell: (item) => (
                  <>
                    <a href={item.url}>
                      {item.title} <span className="visually-hidden">(ouvrir le fichier)</span>
                    </a>
                    <br />
                    <span className="download__meta">
                      {item.original_name} ({formatFileSize(item.size)})
                    </span>
                    {item.comment && <p className="preserve-lines">{item.comment}</p>}
                  </>
                ),
              },
              {
                key: "family",
                header: "Famille",
                cell: (item) => (
                  <>
                    <Link to={`/gestion/familles/${item.family.id}`}>
                      {item.family.name} (n° {item.family.number})
                    </Link>
                    {item.child ? <>, pour {item.child.name}</> : null}
                    {filters.family !== String(item.family.id) && (
                      <>
                        <br />
                        <button type="button" className="button button--link" onClick={() => setFilters({ family: String(item.family.id) })}>
                          Ses envois seulement <span className="visually-hidden">({item.family.name})</span>
                        </button>
                      </>
                    )}
                  </>
                ),
              },
              { key: "date", header: "Reçu le", cell: (item) => formatDateTime(item.created_at) },
              {
                key: "seen",
                header: "Vu",
                cell: (item) =>
                  item.seen ? (
                    <span>
                      <StatusIcon name="check" /> Vu
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-disabled={seen.isPending || undefined}
                      onClick={() => {
                        if (!seen.isPending) seen.mutate(item);
                      }}
                    >
                      Marquer comme vu <span className="visually-hidden">: « {item.title} », famille {item.family.name}</span>
                    </button>
                  ),
              },
            ]}
          />
        )}
      </ListView>
    </section>
  );
}
