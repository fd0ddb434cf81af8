import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorSummary } from "../../components/ErrorSummary";
import type { FormErrorItem } from "../../components/formErrors";
import { ListView } from "../../components/list/ListView";
import { useListParams } from "../../components/list/useListParams";
import { staffErrors } from "../../components/serverErrors";
import { formatDateTime } from "../../format/dates";
import { usePageTitle } from "../../theme/usePageTitle";
import { fetchPendingAccounts, refuseAccount, staffKeys, validateAccount, type FamilySummary } from "./api";
import { ReasonForm, StatusMessage } from "./StaffUi";

/** Online sign-ups awaiting the structure's validation: validate, or refuse with a reason. */
export function AccountsPage() {
  usePageTitle("Comptes à valider");
  const { page, setPage } = useListParams({});
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: staffKeys.pendingAccounts(page),
    queryFn: ({ signal }) => fetchPendingAccounts(page, signal),
    placeholderData: keepPreviousData,
  });
  const [status, setStatus] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [refusing, setRefusing] = useState<number | null>(null);
  const refuseButtons = useRef(new Map<number, HTMLButtonElement>());
  const headingRef = useRef<HTMLHeadingElement>(null);

  const done = (message: string) => {
    setStatus(message);
    setErrors([]);
    setRefusing(null);
    void queryClient.invalidateQueries({ queryKey: staffKeys.all });
    headingRef.current?.focus();
  };

  const validate = useMutation({
    mutationFn: (family: FamilySummary) => validateAccount(family.id),
    onSuccess: (_, family) => done(`Le compte de la famille ${family.name} (n° ${family.number}) est validé. Un e-mail l'en informe.`),
    onError: (error) => setErrors(staffErrors(error)),
  });
  const refuse = useMutation({
    mutationFn: ({ family, reason }: { family: FamilySummary; reason: string }) => refuseAccount(family.id, reason),
    onSuccess: (_, { family }) => done(`Le compte de la famille ${family.name} (n° ${family.number}) est refusé. Le motif lui est envoyé par e-mail.`),
    onError: (error, { family }) => setErrors(staffErrors(error, { reason: `refus-${family.id}-motif` })),
  });

  const closeRefusal = (id: number) => {
    flushSync(() => {
      setRefusing(null);
      setErrors([]);
    });
    refuseButtons.current.get(id)?.focus();
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1 ref={headingRef} tabIndex={-1}>
        Comptes à valider
      </h1>
      <p className="lead">Familles inscrites en ligne qui attendent la validation de leur compte.</p>
      <StatusMessage message={status} />
      {refusing === null && <ErrorSummary items={errors} />}
      <ListView
        query={query}
        loadingLabel="Chargement des comptes…"
        empty="Aucun compte n'attend de validation."
        pagination={{ label: "Pages des comptes à valider", page, onPage: setPage }}
      >
        {(data) => (
          <>
            <p>{data.count > 1 ? `${data.count} comptes en attente.` : "1 compte en attente."}</p>
            <ul className="account-list">
              {data.results.map((family) => (
                <li key={family.id}>
                  <article className="card" aria-labelledby={`compte-${family.id}`}>
                    <h2 id={`compte-${family.id}`}>
                      Famille {family.name} <span className="status-pill">n° {family.number}</span>
                    </h2>
                    <dl className="definition-list">
                      <div>
                        <dt>Responsables</dt>
                        <dd>{family.guardians.join(", ") || "—"}</dd>
                      </div>
                      <div>
                        <dt>Enfants</dt>
                        <dd>{family.children.join(", ") || "Aucun enfant déclaré"}</dd>
                      </div>
                      <div>
                        <dt>E-mail</dt>
                        <dd>{family.email || "—"}</dd>
                      </div>
                      <div>
                        <dt>Inscrite le</dt>
                        <dd>{formatDateTime(family.created_at)}</dd>
                      </div>
                    </dl>
                    {refusing === family.id ? (
                      <ReasonForm
                        id={`refus-${family.id}`}
                        legend={`Refuser le compte de la famille ${family.name}`}
                        submitLabel="Confirmer le refus"
                        busy={refuse.isPending}
                        serverErrors={errors}
                        onSubmit={(reason) => refuse.mutate({ family, reason })}
                        onCancel={() => closeRefusal(family.id)}
                      />
                    ) : (
                      <div className="button-row">
                        <button
                          type="button"
                          className="button button--primary"
                          aria-disabled={validate.isPending || undefined}
                          onClick={() => {
                            if (!validate.isPending) validate.mutate(family);
                          }}
                        >
                          Valider le compte{" "}<span className="visually-hidden">de la famille {family.name}</span>
                        </button>
                        <button
                          type="button"
                          className="button button--secondary"
                          ref={(node) => {
                            if (node) refuseButtons.current.set(family.id, node);
                            else refuseButtons.current.delete(family.id);
                          }}
                          onClick={() => {
                            setErrors([]);
                            setRefusing(family.id);
                          }}
                        >
                          Refuser{" "}<span className="visually-hidden">le compte de la famille {family.name}</span>
                        </button>
                      </div>
                    )}
                  </article>
                </li>
              ))}
            </ul>
          </>
        )}
      </ListView>
    </>
  );
}
