/** Row editors of the stay form: QF brackets, cancellation scale, departures. */
import { InputField, SelectField } from "../../../../components/FormFields";
import { EMPTY_BRACKET, EMPTY_TRANSPORT, type BracketRow, type ScaleRow, type TransportRow } from "./stayForm";

interface RowsProps<T> {
  rows: T[];
  onChange: (rows: T[]) => void;
  errors?: string[];
}

function update<T>(rows: T[], index: number, patch: Partial<T>): T[] {
  return rows.map((row, i) => (i === index ? { ...row, ...patch } : row));
}

function FieldsetErrors({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="field__error">
      <span className="visually-hidden">Erreur :</span> {errors.join(" ")}
    </p>
  ) : null;
}

export function BracketsEditor({ rows, onChange, errors }: RowsProps<BracketRow>) {
  return (
    <fieldset className="fieldset sejours-rows" id="sejour-tranches" tabIndex={-1} aria-describedby={errors?.length ? "sejour-tranches-erreur" : undefined}>
      <legend>Tranches de quotient familial</legend>
      <p className="field__hint">Du plus petit quotient au plus grand, sans trou : chaque tranche commence où la précédente s'arrête ; la dernière n'a pas de maximum.</p>
      <FieldsetErrors id="sejour-tranches-erreur" errors={errors} />
      {rows.map((row, index) => (
        <div className="sejours-row" key={index} role="group" aria-label={`Tranche ${index + 1}`}>
          <InputField id={`tranche-${index}-min`} label="QF de" inputMode="decimal" value={row.qf_min} onChange={(v) => onChange(update(rows, index, { qf_min: v }))} />
          <InputField id={`tranche-${index}-max`} label="à (exclu)" inputMode="decimal" value={row.qf_max} onChange={(v) => onChange(update(rows, index, { qf_max: v }))} />
          <InputField id={`tranche-${index}-prix`} label="Prix (€)" inputMode="decimal" value={row.amount} onChange={(v) => onChange(update(rows, index, { amount: v }))} />
          <InputField id={`tranche-${index}-ext`} label="Prix extérieur (€)" inputMode="decimal" value={row.amount_exterior} onChange={(v) => onChange(update(rows, index, { amount_exterior: v }))} />
          <button type="button" className="button button--secondary button--small" onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={`Retirer la tranche ${index + 1}`}>
            Retirer
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...rows, { ...EMPTY_BRACKET, qf_min: rows.length ? rows[rows.length - 1].qf_max : "0" }])}
      >
        Ajouter une tranche
      </button>
    </fieldset>
  );
}

export function ScaleEditor({ rows, onChange, errors }: RowsProps<ScaleRow>) {
  return (
    <fieldset className="fieldset sejours-rows" id="sejour-bareme" tabIndex={-1} aria-describedby={errors?.length ? "sejour-bareme-erreur" : undefined}>
      <legend>Barème d'annulation</legend>
      <p className="field__hint">À partir de combien de jours avant le départ la structure garde l'acompte ou un pourcentage du prix. Un certificat médical rembourse tout (décidé à l'annulation).</p>
      <FieldsetErrors id="sejour-bareme-erreur" errors={errors} />
      {rows.map((row, index) => (
        <div className="sejours-row" key={index} role="group" aria-label={`Palier ${index + 1}`}>
          <InputField id={`palier-${index}-jours`} label="Jours avant le départ (au moins)" type="number" min={0} value={row.days_min} onChange={(v) => onChange(update(rows, index, { days_min: v }))} />
          <SelectField
            id={`palier-${index}-type`}
            label="La structure garde"
            value={row.kind}
            onChange={(v) => onChange(update(rows, index, { kind: v as ScaleRow["kind"] }))}
            options={[
              { value: "deposit", label: "L'acompte" },
              { value: "percent", label: "Un pourcentage du prix" },
            ]}
          />
          {row.kind === "percent" && (
            <InputField id={`palier-${index}-pourcent`} label="Pourcentage (%)" inputMode="decimal" value={row.percent} onChange={(v) => onChange(update(rows, index, { percent: v }))} />
          )}
          <button type="button" className="button button--secondary button--small" onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={`Retirer le palier ${index + 1}`}>
            Retirer
          </button>
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={() => onChange([...rows, { days_min: "", kind: "percent", percent: "" }])}>
        Ajouter un palier
      </button>
    </fieldset>
  );
}

export function TransportsEditor({ rows, onChange, errors }: RowsProps<TransportRow>) {
  return (
    <fieldset className="fieldset sejours-rows" id="sejour-transports" tabIndex={-1} aria-describedby={errors?.length ? "sejour-transports-erreur" : undefined}>
      <legend>Départs et transport</legend>
      <p className="field__hint">Chaque ville de départ : son supplément, le lieu et l'heure du rendez-vous (repris sur la convocation).</p>
      <FieldsetErrors id="sejour-transports-erreur" errors={errors} />
      {rows.map((row, index) => (
        <div className="sejours-row sejours-row--wide" key={index} role="group" aria-label={`Départ ${index + 1}${row.city ? ` : ${row.city}` : ""}`}>
          <InputField id={`depart-${index}-ville`} label="Ville" value={row.city} onChange={(v) => onChange(update(rows, index, { city: v }))} />
          <InputField id={`depart-${index}-supplement`} label="Supplément (€)" inputMode="decimal" value={row.supplement} onChange={(v) => onChange(update(rows, index, { supplement: v }))} />
          <InputField id={`depart-${index}-lieu`} label="Lieu de rendez-vous" value={row.meeting_place} onChange={(v) => onChange(update(rows, index, { meeting_place: v }))} />
          <InputField id={`depart-${index}-heure`} label="Rendez-vous le" type="datetime-local" value={row.meeting_at} onChange={(v) => onChange(update(rows, index, { meeting_at: v }))} />
          <InputField id={`depart-${index}-retour`} label="Retour le" type="datetime-local" value={row.return_at} onChange={(v) => onChange(update(rows, index, { return_at: v }))} />
          <button type="button" className="button button--secondary button--small" onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={`Retirer le départ ${index + 1}`}>
            Retirer
          </button>
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={() => onChange([...rows, { ...EMPTY_TRANSPORT }])}>
        Ajouter un départ
      </button>
    </fieldset>
  );
}
