import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { CHOOSE, InputField, SelectField, type Option } from "../../../components/FormFields";
import { staffErrors } from "../../../components/serverErrors";
import { announcementKeys, searchFamilies, type Criterion, type CriterionKind, type TargetOptions } from "./api";
import { criterionKey, criterionLabel, KIND_OPTIONS, type FamilyNames } from "./targetLabels";

interface TargetBuilderProps {
  id: string;
  target: Criterion[];
  onChange: (target: Criterion[]) => void;
  options: TargetOptions | undefined;
  names: FamilyNames;
  /** Labels of saved criteria (the server's), by JSON criterion. */
  known?: Record<string, string>;
  onName: (id: number, name: string) => void;
  errors?: string[];
}

const ALL = "";

/**
 * The announcement's recipients: a list of criteria (their union) and a form
 * adding one criterion of each kind with its selects, date or family search.
 */
export function TargetBuilder({ id, target, onChange, options, names, known = {}, onName, errors }: TargetBuilderProps) {
  const labelOf = (criterion: Criterion) => known[criterionKey(criterion)] ?? criterionLabel(criterion, options, names);
  const [kind, setKind] = useState<CriterionKind | "">("");
  const [module, setModule] = useState("");
  const [activity, setActivity] = useState("");
  const [group, setGroup] = useState("");
  const [unit, setUnit] = useState("");
  const [date, setDate] = useState("");
  const [problem, setProblem] = useState("");

  const activityOptions: Option[] = (options?.activities ?? []).map((item) => ({
    value: String(item.id),
    label: item.season ? `${item.name} (${item.season})` : item.name,
  }));
  const groupOptions: Option[] = (options?.groups ?? []).map((item) => ({
    value: String(item.id),
    label: `${item.name} – ${options?.activities.find((a) => a.id === item.activity_id)?.name ?? ""}`,
  }));
  const unitOptions: Option[] = (options?.units ?? [])
    .filter((item) => !activity || String(item.activity_id) === activity)
    .map((item) => ({ value: String(item.id), label: item.name }));

  function add(criterion: Criterion) {
    if (target.some((item) => criterionKey(item) === criterionKey(criterion))) {
      setProblem("Ce critère est déjà dans la liste.");
      return;
    }
    setProblem("");
    onChange([...target, criterion]);
  }

  function addFamily(familyId: number, name: string) {
    onName(familyId, name);
    const existing = target.find((item) => item.kind === "families");
    if (existing && existing.kind === "families") {
      if (existing.families.includes(familyId)) return;
      onChange(target.map((item) => (item === existing ? { kind: "families", families: [...existing.families, familyId] } : item)));
    } else {
      onChange([...target, { kind: "families", families: [familyId] }]);
    }
  }

  function submit() {
    const need = (value: string, message: string) => {
      if (!value) setProblem(message);
      return Boolean(value);
    };
    switch (kind) {
      case "":
        setProblem("Choisissez le type de destinataires à ajouter.");
        return;
      case "all":
      case "unpaid":
        add({ kind });
        return;
      case "module":
        if (need(module, "Choisissez le module.")) add({ kind, module });
        return;
      case "activity":
        if (need(activity, "Choisissez l'activité.")) add({ kind, activity: Number(activity) });
        return;
      case "group":
        if (need(group, "Choisissez le groupe.")) add({ kind, group: Number(group) });
        return;
      case "reservation":
        if (need(date, "Indiquez le jour des réservations."))
          add({ kind, date, unit: unit ? Number(unit) : null, activity: activity ? Number(activity) : null });
        return;
      case "families":
        return;
    }
  }

  const removeFamily = (criterion: Criterion, familyId: number) => {
    if (criterion.kind !== "families") return;
    const rest = criterion.families.filter((item) => item !== familyId);
    onChange(rest.length ? target.map((item) => (item === criterion ? { kind: "families", families: rest } : item)) : target.filter((item) => item !== criterion));
  };

  return (
    <fieldset className={errors?.length ? "fieldset field--error" : "fieldset"} aria-describedby={errors?.length ? `${id}-erreur` : undefined}>
      <legend className="fieldset__legend">Destinataires</legend>
      {errors?.length ? (
        <p id={`${id}-erreur`} className="field__error">
          <span className="visually-hidden">Erreur :</span> {errors.join(" ")}
        </p>
      ) : null}
      <p className="field__hint">L'annonce part vers les familles d'au moins un des critères (une famille retenue deux fois ne la reçoit qu'une fois).</p>
      {target.length === 0 ? (
        <p id={id} tabIndex={-1}>
          Aucun destinataire pour l'instant.
        </p>
      ) : (
        <ul id={id} tabIndex={-1} className="plain-list announcement-criteria" aria-label="Critères retenus">
          {target.map((criterion, index) => (
            <li key={`${index}-${criterionKey(criterion)}`} className="card">
              <span>{labelOf(criterion)}</span>
              {criterion.kind === "families" && criterion.families.length > 1 ? (
                <ul className="plain-list">
                  {criterion.families.map((familyId) => (
                    <li key={familyId}>
                      {names[familyId] ?? `Famille n° ${familyId}`}{" "}
                      <button type="button" className="button button--link" onClick={() => removeFamily(criterion, familyId)}
                        aria-label={`Retirer ${names[familyId] ?? `la famille n° ${familyId}`}`}
                      >
                        Retirer
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
              <button type="button" className="button button--secondary button--small" onClick={() => onChange(target.filter((item) => item !== criterion))}
                aria-label={`Retirer le critère « ${labelOf(criterion)} »`}
              >
                Retirer
              </button>
            </li>
          ))}
        </ul>
      )}

      <fieldset className="fieldset announcement-add card">
        <legend className="fieldset__legend">Ajouter des destinataires</legend>
        <SelectField
          id={`${id}-type`}
          label="Type de destinataires"
          value={kind}
          onChange={(value) => {
            setKind(value as CriterionKind | "");
            setProblem("");
          }}
          options={KIND_OPTIONS}
          placeholder={CHOOSE}
        />
        {kind === "module" && (
          <SelectField
            id={`${id}-module`}
            label="Module"
            value={module}
            onChange={setModule}
            options={(options?.modules ?? []).map((item) => ({ value: item.id, label: item.label }))}
            placeholder={CHOOSE}
          />
        )}
        {(kind === "activity" || kind === "reservation") && (
          <SelectField
            id={`${id}-activite`}
            label={kind === "reservation" ? "Activité (facultatif)" : "Activité"}
            value={activity}
            onChange={(value) => {
              setActivity(value);
              setUnit("");
            }}
            options={activityOptions}
            placeholder={kind === "reservation" ? "Toutes les activités" : CHOOSE}
          />
        )}
        {kind === "group" && <SelectField id={`${id}-groupe`} label="Groupe" value={group} onChange={setGroup} options={groupOptions} placeholder={CHOOSE} />}
        {kind === "reservation" && (
          <>
            <InputField id={`${id}-jour`} label="Jour" type="date" value={date} onChange={setDate} />
            <SelectField id={`${id}-unite`} label="Unité (facultatif)" value={unit} onChange={setUnit} options={unitOptions} placeholder="Toutes les unités" />
          </>
        )}
        {kind === "families" ? (
          <FamilyPicker id={`${id}-familles`} picked={target.flatMap((item) => (item.kind === "families" ? item.families : []))} onPick={addFamily} />
        ) : (
          <button type="button" className="button button--secondary" onClick={submit}>
            Ajouter ce critère
          </button>
        )}
        <div role="alert">{problem && <p className="field__error">{problem}</p>}</div>
      </fieldset>
    </fieldset>
  );
}

/** Search the families (the back office's family search) and pick some, one by one. */
function FamilyPicker({ id, picked, onPick }: { id: string; picked: number[]; onPick: (id: number, name: string) => void }) {
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState(ALL);
  const query = useQuery({
    queryKey: announcementKeys.families(q),
    queryFn: ({ signal }) => searchFamilies(q, signal),
    enabled: q !== ALL,
  });

  return (
    <div className="announcement-family-picker">
      <InputField
        id={id}
        label="Rechercher une famille"
        type="search"
        value={draft}
        onChange={setDraft}
        hint="Nom, prénom d'un enfant, n° de famille ou e-mail"
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            setQ(draft.trim());
          }
        }}
      />
      <button type="button" className="button button--secondary" onClick={() => setQ(draft.trim())}>
        Rechercher
      </button>
      {q !== ALL && (
        <div role="status">
          {query.isPending ? (
            <p className="inline-status">
              <span className="spinner" aria-hidden="true" /> Recherche en cours…
            </p>
          ) : query.isError ? (
            <p className="field__error">{staffErrors(query.error)[0]?.message}</p>
          ) : query.data.results.length === 0 ? (
            <p>Aucune famille ne correspond à « {q} ».</p>
          ) : (
            <ul className="plain-list" aria-label={`Familles trouvées pour « ${q} »`}>
              {query.data.results.map((family) => {
                const name = `${family.name} (n° ${family.number})`;
                const chosen = picked.includes(family.id);
                return (
                  <li key={family.id}>
                    {name}
                    {family.guardians.length ? ` – ${family.guardians.join(", ")}` : ""}{" "}
                    {chosen ? (
                      <strong>ajoutée</strong>
                    ) : (
                      <button type="button" className="button button--secondary button--small" onClick={() => onPick(family.id, name)}
                        aria-label={`Ajouter la famille ${name}`}
                      >
                        Ajouter
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
