import type { FormErrorItem } from "../../../components/formErrors";
import { decimalInput, isDecimal } from "./labels";

export interface BracketDraft {
  key: number;
  qf_min: string;
  qf_max: string;
  amount: string;
  amount_exterior: string;
}

type Field = keyof Omit<BracketDraft, "key">;

const COLUMNS: Array<[Field, string]> = [
  ["qf_min", "QF de"],
  ["qf_max", "QF jusqu'à (exclu)"],
  ["amount", "Prix résident (€)"],
  ["amount_exterior", "Prix extérieur (€)"],
];

export const bracketFieldId = (index: number, field: Field) => `tranche-${index}-${field.replace("_", "-")}`;

export const bracketParams = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => COLUMNS.map(([f]) => [`brackets.${i}.${f}`, bracketFieldId(i, f)])).flat());

export function validateBrackets(brackets: readonly BracketDraft[]): FormErrorItem[] {
  const found: FormErrorItem[] = [];
  if (!brackets.length) found.push({ fieldId: "tranches-ajouter", message: "Ajoutez au moins une tranche de quotient." });
  brackets.forEach((b, i) => {
    const n = i + 1;
    if (b.qf_min.trim() && !isDecimal(b.qf_min)) found.push({ fieldId: bracketFieldId(i, "qf_min"), message: `Tranche ${n} : « QF de » doit être un nombre.` });
    if (b.qf_max.trim() && !isDecimal(b.qf_max)) found.push({ fieldId: bracketFieldId(i, "qf_max"), message: `Tranche ${n} : « QF jusqu'à » doit être un nombre.` });
    else if (b.qf_max.trim() && Number(decimalInput(b.qf_max)) <= Number(decimalInput(b.qf_min || "0")))
      found.push({ fieldId: bracketFieldId(i, "qf_max"), message: `Tranche ${n} : « QF jusqu'à » doit dépasser « QF de ».` });
    if (!isDecimal(b.amount)) found.push({ fieldId: bracketFieldId(i, "amount"), message: `Tranche ${n} : indiquez le prix résident (ex. 3,50).` });
    if (b.amount_exterior.trim() && !isDecimal(b.amount_exterior))
      found.push({ fieldId: bracketFieldId(i, "amount_exterior"), message: `Tranche ${n} : le prix extérieur doit être un montant (ex. 4,20).` });
  });
  return found;
}

export function bracketsBody(brackets: readonly BracketDraft[]) {
  return brackets.map((b) => ({
    qf_min: b.qf_min.trim() ? decimalInput(b.qf_min) : "0",
    qf_max: b.qf_max.trim() ? decimalInput(b.qf_max) : null,
    amount: decimalInput(b.amount),
    amount_exterior: b.amount_exterior.trim() ? decimalInput(b.amount_exterior) : null,
  }));
}

interface BracketsEditorProps {
  brackets: BracketDraft[];
  onChange: (brackets: BracketDraft[]) => void;
  errors: readonly FormErrorItem[];
}

/** The quotient brackets of a tariff: one row each, added and removed freely. */
export function BracketsEditor({ brackets, onChange, errors }: BracketsEditorProps) {
  const update = (index: number, field: Field, value: string) => onChange(brackets.map((b, i) => (i === index ? { ...b, [field]: value } : b)));
  const add = () => {
    const last = brackets.at(-1);
    const key = Math.max(0, ...brackets.map((b) => b.key)) + 1;
    onChange([...brackets, { key, qf_min: last?.qf_max ?? "", qf_max: "", amount: "", amount_exterior: "" }]);
    requestAnimationFrame(() => document.getElementById(bracketFieldId(brackets.length, "qf_max"))?.focus());
  };
  const messageOf = (id: string) => errors.filter((e) => e.fieldId === id).map((e) => e.message).join(" ");
  return (
    <fieldset className="fieldset brackets-editor">
      <legend>Tranches de quotient familial</legend>
      <p className="field__hint">
        Chaque tranche va de « QF de » (inclus) à « QF jusqu'à » (exclu, vide pour la dernière). Prix extérieur vide : le même que résident.
      </p>
      {brackets.length > 0 && (
        <div className="table-wrapper">
          <table className="data-table brackets-editor__table">
            <caption className="visually-hidden">Tranches de quotient</caption>
            <thead>
              <tr>
                <th scope="col">Tranche</th>
                {COLUMNS.map(([f, label]) => (
                  <th scope="col" key={f}>
                    {label}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {brackets.map((b, i) => (
                <tr key={b.key}>
                  <th scope="row">{i + 1}</th>
                  {COLUMNS.map(([f, label]) => {
                    const id = bracketFieldId(i, f);
                    const message = messageOf(id);
                    const bad = Boolean(message);
                    return (
                      <td key={f} className={bad ? "field--error" : undefined}>
                        <label htmlFor={id} className="visually-hidden">
                          Tranche {i + 1} : {label}
                        </label>
                        <input
                          id={id}
                          name={id}
                          className="brackets-editor__input"
                          inputMode="decimal"
                          value={b[f]}
                          aria-invalid={bad || undefined}
                          aria-describedby={bad ? `${id}-erreur` : undefined}
                          onChange={(event) => update(i, f, event.target.value)}
                        />
                        {bad && (
                          <p id={`${id}-erreur`} className="field__error">
                            <span className="visually-hidden">Erreur :</span> {message}
                          </p>
                        )}
                      </td>
                    );
                  })}
                  <td>
                    <button type="button" className="button button--secondary" onClick={() => onChange(brackets.filter((_, j) => j !== i))}>
                      Retirer{" "}<span className="visually-hidden">la tranche {i + 1}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="button-row">
        <button type="button" id="tranches-ajouter" className="button button--secondary" onClick={add}>
          Ajouter une tranche
        </button>
      </div>
    </fieldset>
  );
}
