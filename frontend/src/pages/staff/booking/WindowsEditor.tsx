import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField } from "../../../components/FormFields";

export interface WindowDraft {
  key: number;
  label: string;
  opens_at: string;
  closes_at: string;
  first_date: string;
  last_date: string;
}

/** Input ids of window `index` (errors "windows.0.closes_at" go next to their field). */
export const windowFieldId = (index: number, field: keyof Omit<WindowDraft, "key">) => `fenetre-${index}-${field.replace("_", "-")}`;

export const windowParams = (count: number) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) =>
      (["label", "opens_at", "closes_at", "first_date", "last_date"] as const).map((f) => [`windows.${i}.${f}`, windowFieldId(i, f)]),
    ).flat(),
  );

/** "2026-09-01T08:00" for a datetime-local input, from the API's ISO date-time (kept in the structure's time). */
export const localDateTime = (value: string) => value.slice(0, 16);

export function validateWindows(windows: readonly WindowDraft[]): FormErrorItem[] {
  const found: FormErrorItem[] = [];
  if (!windows.length) found.push({ fieldId: "fenetres-ajouter", message: "Ajoutez au moins une fenêtre de réservation." });
  windows.forEach((w, i) => {
    const n = i + 1;
    if (!w.label.trim()) found.push({ fieldId: windowFieldId(i, "label"), message: `Fenêtre ${n} : saisissez la période (ex. Toussaint).` });
    if (!w.opens_at) found.push({ fieldId: windowFieldId(i, "opens_at"), message: `Fenêtre ${n} : indiquez l'ouverture.` });
    if (!w.closes_at) found.push({ fieldId: windowFieldId(i, "closes_at"), message: `Fenêtre ${n} : indiquez la fermeture.` });
    else if (w.opens_at && w.closes_at <= w.opens_at) found.push({ fieldId: windowFieldId(i, "closes_at"), message: `Fenêtre ${n} : la fermeture doit suivre l'ouverture.` });
    if (!w.first_date) found.push({ fieldId: windowFieldId(i, "first_date"), message: `Fenêtre ${n} : indiquez le premier jour concerné.` });
    if (!w.last_date) found.push({ fieldId: windowFieldId(i, "last_date"), message: `Fenêtre ${n} : indiquez le dernier jour concerné.` });
    else if (w.first_date && w.last_date < w.first_date)
      found.push({ fieldId: windowFieldId(i, "last_date"), message: `Fenêtre ${n} : le dernier jour doit suivre le premier.` });
  });
  return found;
}

interface WindowsEditorProps {
  windows: WindowDraft[];
  onChange: (windows: WindowDraft[]) => void;
  errors: readonly FormErrorItem[];
}

/** The dated windows of a "fixed windows" policy: when families may book which days. */
export function WindowsEditor({ windows, onChange, errors }: WindowsEditorProps) {
  const update = (index: number, patch: Partial<WindowDraft>) => onChange(windows.map((w, i) => (i === index ? { ...w, ...patch } : w)));
  const add = () => {
    const key = Math.max(0, ...windows.map((w) => w.key)) + 1;
    onChange([...windows, { key, label: "", opens_at: "", closes_at: "", first_date: "", last_date: "" }]);
    requestAnimationFrame(() => document.getElementById(windowFieldId(windows.length, "label"))?.focus());
  };
  return (
    <fieldset className="fieldset windows-editor">
      <legend>Fenêtres de réservation</legend>
      <p className="field__hint">Pour chaque période, les dates entre lesquelles les familles peuvent réserver ses jours.</p>
      {windows.length === 0 && <p>Aucune fenêtre pour l'instant.</p>}
      {windows.map((w, i) => {
        const id = (f: keyof Omit<WindowDraft, "key">) => windowFieldId(i, f);
        return (
          <fieldset key={w.key} className="fieldset subform">
            <legend>Fenêtre {i + 1}{w.label ? ` : ${w.label}` : ""}</legend>
            <InputField
              id={id("label")}
              label="Période"
              hint="Ex. Toussaint, Mercredis de septembre."
              value={w.label}
              onChange={(v) => update(i, { label: v })}
              errors={fieldErrors(errors, id("label"))}
            />
            <div className="form-grid form-grid--2">
              <InputField
                id={id("opens_at")}
                label="Ouverture des réservations"
                type="datetime-local"
                value={w.opens_at}
                onChange={(v) => update(i, { opens_at: v })}
                errors={fieldErrors(errors, id("opens_at"))}
              />
              <InputField
                id={id("closes_at")}
                label="Fermeture des réservations"
                type="datetime-local"
                value={w.closes_at}
                onChange={(v) => update(i, { closes_at: v })}
                errors={fieldErrors(errors, id("closes_at"))}
              />
              <InputField
                id={id("first_date")}
                label="Pour les jours du"
                type="date"
                value={w.first_date}
                onChange={(v) => update(i, { first_date: v })}
                errors={fieldErrors(errors, id("first_date"))}
              />
              <InputField
                id={id("last_date")}
                label="Au"
                type="date"
                value={w.last_date}
                onChange={(v) => update(i, { last_date: v })}
                errors={fieldErrors(errors, id("last_date"))}
              />
            </div>
            <div className="button-row">
              <button type="button" className="button button--secondary" onClick={() => onChange(windows.filter((_, j) => j !== i))}>
                Retirer la fenêtre {i + 1}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="button-row">
        <button type="button" id="fenetres-ajouter" className="button button--secondary" onClick={add}>
          Ajouter une fenêtre
        </button>
      </div>
    </fieldset>
  );
}
