import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, CheckboxField } from "../../../components/FormFields";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDayLabel } from "../../../format/calendar";
import { bookingKeys, updateOpening, type OccupancyCell } from "../../../pages/staff/booking/api";

export interface EditedOpening {
  cell: OccupancyCell;
  unitName: string;
  activityName: string;
}

const CAPACITY_ID = "ouverture-capacite";

/** Capacity and closing of one opening (PATCH openings/<id>/); a capacity under the places taken is refused (400). */
export function OpeningEditor({ opening, onDone }: { opening: EditedOpening; onDone: (message: string) => void }) {
  const { cell } = opening;
  const queryClient = useQueryClient();
  const [capacity, setCapacity] = useState(String(cell.capacity));
  const [closed, setClosed] = useState(cell.closed);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const title = `${opening.unitName}, ${formatDayLabel(cell.date)}`;

  const save = useMutation({
    mutationFn: () => updateOpening(cell.opening, { capacity: Number(capacity), closed }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      onDone(`Ouverture enregistrée (${title}) : ${saved.capacity} places${saved.closed ? ", fermée" : ""}.`);
    },
    onError: (error) => setErrors(staffErrors(error, { capacity: CAPACITY_ID }, { closed: "Fermé" })),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    if (!/^\d+$/.test(capacity.trim())) {
      setErrors([{ fieldId: CAPACITY_ID, message: "Indiquez un nombre de places (entier positif)." }]);
      return;
    }
    setErrors([]);
    save.mutate();
  }

  return (
    <form className="form card opening-editor" noValidate onSubmit={submit} aria-labelledby="ouverture-titre">
      <h2 id="ouverture-titre" ref={heading} tabIndex={-1}>
        Modifier l'ouverture : {title}
      </h2>
      <p className="field__hint">
        {opening.activityName} · {cell.booked} places prises
        {cell.waiting ? `, ${cell.waiting} en liste d'attente (ajouter des places les fait passer en réservé)` : ""}.
      </p>
      <ErrorSummary items={errors} />
      <InputField
        id={CAPACITY_ID}
        label="Nombre de places"
        type="number"
        inputMode="numeric"
        min={0}
        value={capacity}
        onChange={setCapacity}
        errors={fieldErrors(errors, CAPACITY_ID)}
      />
      <CheckboxField
        id="ouverture-fermee"
        label="Fermé ce jour"
        hint="Plus aucune réservation n'est possible ; celles déjà faites sont conservées."
        checked={closed}
        onChange={setClosed}
      />
      <div className="button-row">
        <SubmitButton busy={save.isPending} label="Enregistrer l'ouverture" busyLabel="Enregistrement…" />
        <button type="button" className="button button--secondary" onClick={() => onDone("")}>
          Annuler
        </button>
      </div>
    </form>
  );
}
