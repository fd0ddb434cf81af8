import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { RadioGroupField, SelectField, TextAreaField } from "../../../../components/FormFields";
import { staffErrors } from "../../../../components/serverErrors";
import { SubmitButton } from "../../../../components/SubmitButton";
import { commissionKeys, moveChild, type ChildDecision, type MoveStatus, type RunDetail, type StayOverview } from "./api";

const DECISIONS = [
  { value: "placed", label: "Lui attribuer une place" },
  { value: "waitlisted", label: "Le mettre en liste d'attente" },
  { value: "refused", label: "Refuser" },
] as const;

interface MoveDialogProps {
  run: RunDetail;
  child: ChildDecision;
  stays: StayOverview[];
  campaignId: number;
  onClose: () => void;
  onDone: (effect: string[]) => void;
}

/**
 * « Déplacer » a child of the proposal: to one of the stays they wished for,
 * to its waiting list, or refused — always with a reason, kept with the run.
 * A non-modal dialog: focus goes to its title, Échap closes it.
 */
export function MoveDialog({ run, child, stays, campaignId, onClose, onDone }: MoveDialogProps) {
  const client = useQueryClient();
  const title = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<MoveStatus>("placed");
  const wished = child.wishes.filter((w) => w.status === "pending");
  const [stayId, setStayId] = useState(String(wished[0]?.stay_id ?? ""));
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const names = new Map(stays.map((s) => [s.id, s]));

  useEffect(() => title.current?.focus(), []);

  const move = useMutation({
    mutationFn: () =>
      moveChild(run.id, {
        child: child.id,
        to_stay: stayId ? Number(stayId) : null,
        to_status: status,
        reason: reason.trim(),
      }),
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: commissionKeys.commission(campaignId) });
      onDone(result.effect);
    },
    onError: (error) => setErrors(staffErrors(error, { reason: "deplacer-motif", to_stay: "deplacer-sejour" })),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FormErrorItem[] = [];
    if (!reason.trim()) problems.push({ message: "Indiquez le motif du changement.", fieldId: "deplacer-motif" });
    if (status !== "refused" && !stayId) problems.push({ message: "Choisissez le séjour.", fieldId: "deplacer-sejour" });
    setErrors(problems);
    if (!problems.length && !move.isPending) move.mutate();
  }

  const stayOptions = wished.map((w) => {
    const stay = names.get(w.stay_id);
    return { value: String(w.stay_id), label: `Vœu ${w.rank} : ${stay?.name ?? w.stay_id}${stay ? ` (${stay.places_left} places)` : ""}` };
  });

  return (
    <div
      role="dialog"
      aria-labelledby="deplacer-titre"
      className="sejours-commission__dialog"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <h3 id="deplacer-titre" tabIndex={-1} ref={title}>
        Déplacer {child.name}
      </h3>
      <ErrorSummary items={errors} />
      <form onSubmit={submit} noValidate>
        <RadioGroupField
          id="deplacer-decision"
          label="Décision"
          value={status}
          onChange={(v) => setStatus(v as MoveStatus)}
          options={DECISIONS}
        />
        <SelectField
          id="deplacer-sejour"
          label={status === "refused" ? "Séjour (vide : tous ses vœux)" : "Séjour"}
          required={status !== "refused"}
          value={stayId}
          onChange={setStayId}
          options={stayOptions}
          placeholder={status === "refused" ? "Tous ses vœux" : undefined}
          errors={fieldErrors(errors, "deplacer-sejour")}
        />
        <TextAreaField
          id="deplacer-motif"
          label="Motif"
          required
          hint="Gardé avec la proposition : la famille peut demander pourquoi."
          value={reason}
          onChange={setReason}
          errors={fieldErrors(errors, "deplacer-motif")}
        />
        <div className="sejours-commission__actions">
          <SubmitButton busy={move.isPending} label="Enregistrer le changement" busyLabel="Enregistrement…" />
          <button type="button" className="button button--secondary" onClick={onClose}>
            Annuler
          </button>
        </div>
      </form>
    </div>
  );
}
