import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { CheckboxField, TextAreaField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { staffErrors } from "../../../../components/serverErrors";
import { SubmitButton } from "../../../../components/SubmitButton";
import { formatPeriod } from "../../../../format/dates";
import { formatMoney } from "../../../../format/money";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { cancelStay, fetchStayCancel, moneyKeys, type StayCancelPreview } from "./api";
import "./money.css";

const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

/** « Annuler le séjour »: who is affected, the reason, then every place refunded. */
export function StayCancelPage() {
  const stayId = Number(useParams().stayId);
  const query = useQuery({
    queryKey: moneyKeys.stayCancel(stayId),
    queryFn: ({ signal }) => fetchStayCancel(stayId, signal),
  });
  usePageTitle(query.data ? `Annuler « ${query.data.stay.name} »` : "Annuler un séjour");

  return (
    <section aria-labelledby="annuler-sejour-titre" className="sejours-money">
      <p>
        <Link to={`/gestion/sejours/${stayId}`}>← Le séjour</Link>
      </p>
      <QueryView query={query} loadingLabel="Chargement du séjour…">
        {(preview) => <CancelForm preview={preview} />}
      </QueryView>
    </section>
  );
}

function CancelForm({ preview }: { preview: StayCancelPreview }) {
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const { stay } = preview;
  const cancel = useMutation({
    mutationFn: () => cancelStay(stay.id, reason),
    onSuccess: () => {
      setErrors([]);
      void client.invalidateQueries({ queryKey: moneyKeys.stayCancel(stay.id) });
    },
    onError: (error) => setErrors(staffErrors(error, { reason: "sejour-motif" })),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FormErrorItem[] = [];
    if (!reason.trim()) problems.push({ message: "Indiquez le motif de l'annulation.", fieldId: "sejour-motif" });
    if (!confirmed) problems.push({ message: "Confirmez l'annulation du séjour.", fieldId: "sejour-confirmation" });
    setErrors(problems);
    if (!problems.length && !cancel.isPending) cancel.mutate();
  }

  return (
    <>
      <h1 id="annuler-sejour-titre">Annuler « {stay.name} »</h1>
      <p className="sejours-money__facts">Séjour {formatPeriod(stay.start_date, stay.end_date)}</p>
      <div role="status">
        {cancel.data && (
          <p className="notice notice--success">
            Séjour annulé : {plural(cancel.data.cancelled, "vœu ou place annulé", "vœux ou places annulés")}, avoirs pour{" "}
            {formatMoney(cancel.data.credited)}. Les familles sont prévenues par courriel.
          </p>
        )}
      </div>
      {stay.status === "cancelled" ? (
        !cancel.data && <p className="notice">Ce séjour est annulé.</p>
      ) : (
        <form onSubmit={submit} noValidate className="sejours-money__card sejours-money__card--danger">
          <h2>Familles concernées</h2>
          <ul className="sejours-money__counts">
            <li>{plural(preview.places, "place attribuée ou confirmée", "places attribuées ou confirmées")}</li>
            <li>{plural(preview.waiting, "autre vœu en cours", "autres vœux en cours")} (commission, liste d'attente)</li>
            <li>{plural(preview.families, "famille prévenue", "familles prévenues")} par courriel</li>
            <li>Déjà facturé, remboursé par avoir : {formatMoney(preview.invoiced)}</li>
          </ul>
          <ErrorSummary items={errors} />
          <TextAreaField
            id="sejour-motif"
            label="Motif (communiqué aux familles)"
            required
            value={reason}
            onChange={setReason}
            errors={fieldErrors(errors, "sejour-motif")}
          />
          <CheckboxField
            id="sejour-confirmation"
            label="Je confirme : toutes les places sont libérées et remboursées, sans retour possible."
            checked={confirmed}
            onChange={setConfirmed}
            errors={fieldErrors(errors, "sejour-confirmation")}
          />
          <SubmitButton busy={cancel.isPending} label="Annuler le séjour" busyLabel="Annulation en cours…" />
        </form>
      )}
    </>
  );
}
