import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { DataTable } from "../../../components/list/DataTable";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import type { FormErrorItem } from "../../../components/formErrors";
import { formatDateTime } from "../../../format/dates";
import { StatusMessage } from "../../staff/StaffUi";
import { DeleteButton } from "./DeleteButton";
import { deleteNews, newsKeys, useStaffNews, type StaffNewsItem } from "./api";

/** /gestion/actualites — every news item, drafts and expired ones included. */
export function StaffNewsListPage() {
  const news = useStaffNews();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const remove = useMutation({
    mutationFn: (item: StaffNewsItem) => deleteNews(item.id),
    onSuccess: async (_, item) => {
      setErrors([]);
      setStatus(`L'actualité « ${item.title} » est supprimée.`);
      await queryClient.invalidateQueries({ queryKey: newsKeys.staffNews });
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error));
    },
  });

  return (
    <section aria-labelledby="actualites-liste-titre">
      <h2 id="actualites-liste-titre">Actualités</h2>
      <p>
        <Link to="/gestion/actualites/nouvelle" className="button button--primary">
          Nouvelle actualité
        </Link>
      </p>
      <StatusMessage message={status} />
      <ErrorSummary items={errors} />
      <QueryView query={news} loadingLabel="Chargement des actualités…">
        {(items) =>
          items.length === 0 ? (
            <p>Aucune actualité pour le moment.</p>
          ) : (
            <DataTable
              caption={`Actualités (${items.length})`}
              rows={items}
              rowKey={(item) => item.id}
              columns={[
                {
                  key: "title",
                  header: "Titre",
                  rowHeader: true,
                  cell: (item) => (
                    <>
                      <Link to={`/gestion/actualites/${item.id}`}>{item.title}</Link>
                      {item.pinned && (
                        <>
                          {" "}
                          <span className="tag tag--small">Épinglée</span>
                        </>
                      )}
                    </>
                  ),
                },
                { key: "status", header: "État", cell: (item) => item.status },
                { key: "audience", header: "Destinataires", cell: (item) => `${item.audience_label}${item.public ? " · page publique" : ""}` },
                {
                  key: "dates",
                  header: "Publication",
                  cell: (item) => `${formatDateTime(item.publish_at)}${item.expire_at ? ` → ${formatDateTime(item.expire_at)}` : ""}`,
                },
                {
                  key: "actions",
                  header: <span className="visually-hidden">Actions</span>,
                  cell: (item) => <DeleteButton label={item.title} busy={remove.isPending} onConfirm={() => remove.mutate(item)} />,
                },
              ]}
            />
          )
        }
      </QueryView>
    </section>
  );
}
