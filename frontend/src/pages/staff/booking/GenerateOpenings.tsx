import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField } from "../../../components/FormFields";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDate, isIsoDate } from "../../../format/dates";
import { plural } from "../../../format/text";
import { bookingKeys, generateOpenings, type Activity, type GenerateInput } from "./api";

const IDS = { start: "generation-debut", end: "generation-fin" };

/** « Générer les ouvertures »: creates the days of every unit from the calendar, then reports. */
export function GenerateOpenings({ activity }: { activity: Activity }) {
  const queryClient = useQueryClient();
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const generate = useMutation({
    mutationFn: (input: GenerateInput) => generateOpenings(activity.id, input),
    onSuccess: () => {
      setErrors([]);
      void queryClient.invalidateQueries({ queryKey: bookingKeys.occupancyAll });
    },
    onError: (error) => setErrors(staffErrors(error, IDS)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (generate.isPending) return;
    const found: FormErrorItem[] = [];
    if (start && !isIsoDate(start)) found.push({ fieldId: IDS.start, message: "Date de début invalide." });
    if (end && !isIsoDate(end)) found.push({ fieldId: IDS.end, message: "Date de fin invalide." });
    if (!found.length && start && end && end < start) found.push({ fieldId: IDS.end, message: "La fin doit suivre le début." });
    setErrors(found);
    if (found.length) return;
    generate.mutate({ ...(start ? { start } : {}), ...(end ? { end } : {}) });
  }

  const report = generate.data;
  return (
    <section aria-labelledby="generation-titre" className="stack">
      <h3 id="generation-titre">Générer les ouvertures</h3>
      <p>
        Crée les jours d'ouverture de chaque prestation selon le calendrier (du {formatDate(activity.start_date)} au {formatDate(activity.end_date)} par défaut),
        sans toucher à ceux qui existent. Les fermetures et jours fériés sont sautés.
      </p>
      <form className="form" noValidate onSubmit={submit} aria-labelledby="generation-titre">
        <ErrorSummary items={errors} />
        <div className="form-grid form-grid--2">
          <InputField
            id={IDS.start}
            label="À partir du"
            hint="Vide : début de l'activité."
            type="date"
            value={start}
            onChange={setStart}
            errors={fieldErrors(errors, IDS.start)}
          />
          <InputField id={IDS.end} label="Jusqu'au" hint="Vide : fin de l'activité." type="date" value={end} onChange={setEnd} errors={fieldErrors(errors, IDS.end)} />
        </div>
        <div className="button-row">
          <SubmitButton busy={generate.isPending} label="Générer les ouvertures" busyLabel="Génération…" />
        </div>
      </form>
      <div role="status">
        {report && (
          <div className="notice notice--success">
            <p>
              {plural(report.created, "ouverture créée", "ouvertures créées")}, {plural(report.existing, "existait déjà", "existaient déjà")}.
            </p>
            {Object.keys(report.skipped).length > 0 && (
              <>
                <p>Jours sautés :</p>
                <ul>
                  {Object.entries(report.skipped).map(([reason, days]) => (
                    <li key={reason}>
                      {reason} : {plural(days, "jour", "jours")}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
