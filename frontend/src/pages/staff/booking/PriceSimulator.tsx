import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, CheckboxField, SelectField } from "../../../components/FormFields";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { isIsoDate, todayIso } from "../../../format/dates";
import { formatOptionalMoney } from "../../../format/money";
import { simulatePrice, type Activity } from "./api";
import { activityOptions, useUnits } from "./queries";

const IDS = { activity: "simulation-activite", unit: "simulation-prestation", date: "simulation-date", quotient: "simulation-qf", rank: "simulation-rang" };

/** « Simulateur de prix »: the price of one unit on a day for a quotient, residence and sibling rank. */
export function PriceSimulator({ activities }: { activities: readonly Activity[] | undefined }) {
  const [activity, setActivity] = useState("");
  const [unit, setUnit] = useState("");
  const [date, setDate] = useState(todayIso);
  const [quotient, setQuotient] = useState("");
  const [resident, setResident] = useState(true);
  const [rank, setRank] = useState("1");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const units = useUnits(activity);
  const simulate = useMutation({
    mutationFn: simulatePrice,
    onSuccess: () => setErrors([]),
    onError: (error) => setErrors(staffErrors(error, IDS)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (simulate.isPending) return;
    const found: FormErrorItem[] = [];
    if (!unit) found.push({ fieldId: IDS.unit, message: activity ? "Choisissez la prestation." : "Choisissez l'activité puis la prestation." });
    if (!isIsoDate(date)) found.push({ fieldId: IDS.date, message: "Indiquez le jour." });
    if (quotient.trim() && !/^\d+$/.test(quotient.trim())) found.push({ fieldId: IDS.quotient, message: "Quotient familial : un nombre entier." });
    if (!/^\d+$/.test(rank) || Number(rank) < 1 || Number(rank) > 12) found.push({ fieldId: IDS.rank, message: "Rang dans la fratrie : de 1 à 12." });
    setErrors(found);
    if (found.length) {
      simulate.reset();
      return;
    }
    simulate.mutate({ unit: Number(unit), date, quotient: quotient.trim() ? Number(quotient) : null, resident, rank: Number(rank) });
  }

  const quote = simulate.data;
  return (
    <section aria-labelledby="simulateur-titre" className="stack">
      <h2 id="simulateur-titre">Simulateur de prix</h2>
      <form className="form card" noValidate onSubmit={submit}>
        <ErrorSummary items={errors} />
        <div className="form-grid form-grid--2">
          <SelectField
            id={IDS.activity}
            label="Activité"
            value={activity}
            onChange={(v) => {
              setActivity(v);
              setUnit("");
            }}
            options={activityOptions(activities, "Choisir une activité")}
          />
          <SelectField
            id={IDS.unit}
            label="Prestation"
            value={unit}
            onChange={setUnit}
            options={[{ value: "", label: "Choisir une prestation" }, ...(units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))]}
            errors={fieldErrors(errors, IDS.unit)}
          />
          <InputField id={IDS.date} label="Jour" type="date" value={date} onChange={setDate} errors={fieldErrors(errors, IDS.date)} />
          <InputField
            id={IDS.quotient}
            label="Quotient familial"
            hint="Vide : quotient inconnu."
            inputMode="numeric"
            value={quotient}
            onChange={setQuotient}
            errors={fieldErrors(errors, IDS.quotient)}
          />
          <InputField
            id={IDS.rank}
            label="Rang dans la fratrie"
            hint="1 pour l'aîné inscrit, 2 pour le suivant…"
            type="number"
            inputMode="numeric"
            min={1}
            max={12}
            value={rank}
            onChange={setRank}
            errors={fieldErrors(errors, IDS.rank)}
          />
        </div>
        <CheckboxField id="simulation-resident" label="Famille résidente" checked={resident} onChange={setResident} />
        <div className="button-row">
          <SubmitButton busy={simulate.isPending} label="Calculer le prix" busyLabel="Calcul…" />
        </div>
      </form>
      <div role="status" className="simulation-result">
        {quote && (
          <div className="card">
            <p className="simulation-result__amount">
              {quote.amount === null ? "Aucun tarif ne s'applique à ce jour." : <>Prix : <strong>{formatOptionalMoney(quote.amount)}</strong></>}
            </p>
            {quote.tariff_name && <p>Tarif appliqué : {quote.tariff_name}</p>}
            {quote.details.length > 0 && (
              <ul className="simulation-result__details">
                {quote.details.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
