import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { structureQueryKey } from "../../../api/structure";
import { useStructure } from "../../../api/StructureContext";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDecimal } from "../../../format/numbers";
import { AA_NORMAL_TEXT, contrastRatio, parseHexColor, WHITE } from "../../../theme/contrast";
import { StatusMessage } from "../StaffUi";
import { bookingKeys, fetchLegend, updateLegend, type LegendItem } from "./api";

const IDS = { label: "legende-libelle", short_label: "legende-abreviation", color: "legende-couleur" };

/** A chip with white text on the colour, as shown in the plannings. */
function Chip({ color, text }: { color: string; text: string }) {
  const valid = parseHexColor(color) !== null;
  return (
    <span className="legend-chip" style={valid ? { backgroundColor: color, color: WHITE } : undefined}>
      {text || "?"}
    </span>
  );
}

/** « Légende »: labels, short codes and colours of the reservation states and conditions. */
export function LegendPage() {
  const structure = useStructure();
  const query = useQuery({ queryKey: bookingKeys.legend, queryFn: ({ signal }) => fetchLegend(signal) });
  const [editing, setEditing] = useState<LegendItem | null>(null);
  const [status, setStatus] = useState("");
  const editButtons = useRef(new Map<number, HTMLButtonElement>());
  const moduleLabel = (id: string) => (id ? (structure.modules.find((m) => m.id === id)?.label ?? id) : "Tous les services");

  function close(message: string) {
    const was = editing;
    setEditing(null);
    setStatus(message);
    if (was) requestAnimationFrame(() => editButtons.current.get(was.id)?.focus());
  }

  return (
    <section aria-labelledby="legende-titre" className="stack">
      <h2 id="legende-titre">Légende</h2>
      <p>Les libellés, abréviations et couleurs des états (réservé, absent…) affichés dans les plannings des familles et de la structure.</p>
      <StatusMessage message={status} />
      {editing && <LegendForm key={editing.id} entry={editing} onDone={close} />}
      <QueryView query={query} loadingLabel="Chargement de la légende…">
        {(entries) =>
          entries.length === 0 ? (
            <p>La légende est vide.</p>
          ) : (
            <div className="table-wrapper">
              <table className="data-table data-table--reflow">
                <caption>Légende ({entries.length})</caption>
                <thead>
                  <tr>
                    <th scope="col">Aperçu</th>
                    <th scope="col">Libellé</th>
                    <th scope="col">Couleur</th>
                    <th scope="col">Service</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.id}>
                      <td data-label="Aperçu">
                        <Chip color={entry.color} text={entry.short_label} />
                      </td>
                      <th scope="row" data-label="Libellé">
                        {entry.label}
                      </th>
                      <td data-label="Couleur">{entry.color}</td>
                      <td data-label="Service">{moduleLabel(entry.module)}</td>
                      <td data-label="Actions">
                        <button
                          type="button"
                          className="button button--secondary"
                          ref={(node) => {
                            if (node) editButtons.current.set(entry.id, node);
                            else editButtons.current.delete(entry.id);
                          }}
                          onClick={() => {
                            setStatus("");
                            setEditing(entry);
                          }}
                        >
                          Modifier{" "}<span className="visually-hidden">« {entry.label} »</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </section>
  );
}

function LegendForm({ entry, onDone }: { entry: LegendItem; onDone: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [label, setLabel] = useState(entry.label);
  const [shortLabel, setShortLabel] = useState(entry.short_label);
  const [color, setColor] = useState(entry.color);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const valid = parseHexColor(color) !== null;
  const ratio = valid ? contrastRatio(color, WHITE) : null;

  const save = useMutation({
    mutationFn: () => updateLegend(entry.id, { label: label.trim(), short_label: shortLabel.trim(), color: color.trim().toLowerCase() }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: bookingKeys.legend });
      void queryClient.invalidateQueries({ queryKey: structureQueryKey });
      onDone(`« ${saved.label} » est enregistré dans la légende.`);
    },
    onError: (error) => setErrors(staffErrors(error, IDS)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const found: FormErrorItem[] = [];
    if (!label.trim()) found.push({ fieldId: IDS.label, message: "Saisissez le libellé." });
    if (!shortLabel.trim()) found.push({ fieldId: IDS.short_label, message: "Saisissez l'abréviation." });
    if (!/^#[0-9a-fA-F]{6}$/.test(color.trim())) found.push({ fieldId: IDS.color, message: "Couleur : le format est #rrggbb (ex. #1d4ed8)." });
    setErrors(found);
    if (!found.length) save.mutate();
  }

  return (
    <form className="form card" noValidate onSubmit={submit} aria-labelledby="legende-form-titre">
      <h3 id="legende-form-titre" ref={heading} tabIndex={-1}>
        Modifier « {entry.label} »
      </h3>
      <ErrorSummary items={errors} />
      <InputField id={IDS.label} label="Libellé" value={label} onChange={setLabel} errors={fieldErrors(errors, IDS.label)} />
      <InputField
        id={IDS.short_label}
        label="Abréviation"
        hint="Une ou deux lettres affichées dans les plannings."
        maxLength={4}
        value={shortLabel}
        onChange={setShortLabel}
        errors={fieldErrors(errors, IDS.short_label)}
      />
      <InputField
        id={IDS.color}
        label="Couleur"
        hint="Format #rrggbb."
        value={color}
        onChange={setColor}
        errors={fieldErrors(errors, IDS.color)}
        after={
          <input
            type="color"
            aria-label="Choisir la couleur dans la palette"
            value={valid ? color : "#000000"}
            onChange={(e) => setColor(e.target.value)}
            className="color-input"
          />
        }
      />
      <div className="legend-preview">
        <span>Aperçu :</span> <Chip color={color} text={shortLabel} /> <span>{label}</span>
      </div>
      {ratio !== null && ratio < AA_NORMAL_TEXT && (
        <p className="notice notice--warning" role="note">
          Contraste insuffisant avec un texte blanc : {formatDecimal(ratio)}:1 (il faut au moins 4,5:1). Choisissez une couleur plus foncée.
        </p>
      )}
      <div className="button-row">
        <SubmitButton busy={save.isPending} label="Enregistrer la légende" busyLabel="Enregistrement…" />
        <button type="button" className="button button--secondary" onClick={() => onDone("")}>
          Annuler
        </button>
      </div>
    </form>
  );
}
