import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import type { FormErrorItem } from "../../../components/formErrors";
import { CheckboxField, InputField, SelectField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatPeriod } from "../../../format/dates";
import { usePageTitle } from "../../../theme/usePageTitle";
import {
  addClosure,
  createEstablishment,
  fetchEstablishment,
  halfHours,
  KINDS,
  placesKeys,
  removeClosure,
  updateEstablishment,
  WEEKDAYS,
  type Establishment,
  type EstablishmentInput,
} from "./api";
import "./places.css";

const TIMES = halfHours("05:00", "22:00").map((t) => ({ value: t, label: t }));

const EMPTY: EstablishmentInput = {
  name: "",
  kind: "multi_accueil",
  address: "",
  phone: "",
  agrement: 20,
  min_age_months: 2,
  max_age_months: 48,
  occasional_care: true,
  active: true,
  hours: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, opens: "07:30", closes: "18:30" })),
  bands: [],
  sections: [],
};

function toInput(e: Establishment): EstablishmentInput {
  return {
    name: e.name,
    kind: e.kind,
    address: e.address,
    phone: e.phone,
    agrement: e.agrement,
    min_age_months: e.min_age_months,
    max_age_months: e.max_age_months,
    occasional_care: e.occasional_care,
    active: e.active,
    hours: e.hours,
    bands: e.bands,
    sections: e.sections,
  };
}

/** « Établissement »: its set-up (hours, capacity bands, sections) and its closures. */
export function EstablishmentPage() {
  const param = useParams().id ?? "nouveau";
  const id = param === "nouveau" ? null : Number(param);
  const query = useQuery({
    queryKey: placesKeys.establishment(id ?? 0),
    queryFn: ({ signal }) => fetchEstablishment(id!, signal),
    enabled: id !== null,
  });
  usePageTitle(id === null ? "Nouvel établissement" : (query.data?.name ?? "Établissement"));
  return (
    <section aria-labelledby="etablissement-titre" className="creche-places">
      <p>
        <Link to="/gestion/creche/etablissements">← Établissements</Link>
      </p>
      {id === null ? (
        <EstablishmentForm initial={EMPTY} establishment={null} />
      ) : (
        <QueryView query={query} loadingLabel="Chargement de l'établissement…">
          {(data) => (
            <>
              <EstablishmentForm key={data.id} initial={toInput(data)} establishment={data} />
              <Closures establishment={data} />
            </>
          )}
        </QueryView>
      )}
    </section>
  );
}

function EstablishmentForm({ initial, establishment }: { initial: EstablishmentInput; establishment: Establishment | null }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [notice, setNotice] = useState("");
  const set = <K extends keyof EstablishmentInput>(key: K, value: EstablishmentInput[K]) => setForm((f) => ({ ...f, [key]: value }));
  const save = useMutation({
    mutationFn: () => (establishment ? updateEstablishment(establishment.id, form) : createEstablishment(form)),
    onSuccess: (saved) => {
      setErrors([]);
      setNotice(["Établissement enregistré : les places sont à jour sur un an.", saved.message].filter(Boolean).join(" "));
      client.setQueryData(placesKeys.establishment(saved.establishment.id), saved.establishment);
      void client.invalidateQueries({ queryKey: placesKeys.establishments });
      if (!establishment) void navigate(`/gestion/creche/etablissements/${saved.establishment.id}`);
    },
    onError: (error) => setErrors(staffErrors(error, { name: "etab-nom", agrement: "etab-agrement" })),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FormErrorItem[] = [];
    if (!form.name.trim()) problems.push({ message: "Indiquez le nom de l'établissement.", fieldId: "etab-nom" });
    if (!(form.agrement > 0)) problems.push({ message: "Indiquez l'agrément (nombre de places).", fieldId: "etab-agrement" });
    setErrors(problems);
    setNotice("");
    if (!problems.length && !save.isPending) save.mutate();
  }

  const hoursOf = (weekday: number) => form.hours.find((h) => h.weekday === weekday);
  const setHours = (weekday: number, value: { opens: string; closes: string } | null) =>
    set(
      "hours",
      [...form.hours.filter((h) => h.weekday !== weekday), ...(value ? [{ weekday, ...value }] : [])].sort((a, b) => a.weekday - b.weekday),
    );

  return (
    <form onSubmit={submit} noValidate>
      <h1 id="etablissement-titre">{establishment ? establishment.name : "Nouvel établissement"}</h1>
      <ErrorSummary items={errors} />
      <div role="status">{notice && <p className="notice notice--success">{notice}</p>}</div>
      <InputField id="etab-nom" label="Nom" required value={form.name} onChange={(v) => set("name", v)} />
      <SelectField id="etab-type" label="Type" value={form.kind} onChange={(v) => set("kind", v)} options={KINDS} />
      <InputField id="etab-adresse" label="Adresse" value={form.address} onChange={(v) => set("address", v)} />
      <InputField id="etab-telephone" label="Téléphone" type="tel" value={form.phone} onChange={(v) => set("phone", v)} />
      <InputField
        id="etab-agrement"
        label="Agrément (places)"
        type="number"
        min={1}
        required
        value={String(form.agrement)}
        onChange={(v) => set("agrement", Number(v))}
      />
      <InputField id="etab-age-min" label="Âge minimum (mois)" type="number" min={0} value={String(form.min_age_months)} onChange={(v) => set("min_age_months", Number(v))} />
      <InputField id="etab-age-max" label="Âge maximum (mois)" type="number" min={1} value={String(form.max_age_months)} onChange={(v) => set("max_age_months", Number(v))} />
      <CheckboxField id="etab-occasionnel" label="Accueil occasionnel proposé aux familles" checked={form.occasional_care} onChange={(v) => set("occasional_care", v)} />
      <CheckboxField id="etab-actif" label="Ouvert aux demandes" checked={form.active} onChange={(v) => set("active", v)} />

      <fieldset>
        <legend>Horaires d'ouverture</legend>
        <div className="creche-places__rows">
          {WEEKDAYS.map((label, weekday) => {
            const hours = hoursOf(weekday);
            return (
              <div key={label} className="creche-places__row">
                <CheckboxField
                  id={`etab-jour-${weekday}`}
                  label={`${label} : ouvert`}
                  checked={Boolean(hours)}
                  onChange={(open) => setHours(weekday, open ? { opens: "07:30", closes: "18:30" } : null)}
                />
                {hours && (
                  <>
                    <SelectField id={`etab-ouvre-${weekday}`} label={`${label}, ouverture`} value={hours.opens} options={TIMES} onChange={(v) => setHours(weekday, { ...hours, opens: v })} />
                    <SelectField id={`etab-ferme-${weekday}`} label={`${label}, fermeture`} value={hours.closes} options={TIMES} onChange={(v) => setHours(weekday, { ...hours, closes: v })} />
                  </>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>

      <fieldset>
        <legend>Capacité horaire (hors tranches : l'agrément)</legend>
        <div className="creche-places__rows">
          {form.bands.map((band, index) => (
            <div key={index} className="creche-places__row">
              <SelectField id={`tranche-debut-${index}`} label={`Tranche ${index + 1}, de`} value={band.start} options={TIMES} onChange={(v) => set("bands", form.bands.map((b, i) => (i === index ? { ...b, start: v } : b)))} />
              <SelectField id={`tranche-fin-${index}`} label={`Tranche ${index + 1}, à`} value={band.end} options={TIMES} onChange={(v) => set("bands", form.bands.map((b, i) => (i === index ? { ...b, end: v } : b)))} />
              <InputField id={`tranche-places-${index}`} label={`Tranche ${index + 1}, places`} type="number" min={0} value={String(band.places)} onChange={(v) => set("bands", form.bands.map((b, i) => (i === index ? { ...b, places: Number(v) } : b)))} />
              <button type="button" className="button button--secondary" onClick={() => set("bands", form.bands.filter((_, i) => i !== index))}>
                Retirer la tranche {index + 1}
              </button>
            </div>
          ))}
        </div>
        <button type="button" className="button button--secondary" onClick={() => set("bands", [...form.bands, { start: "07:30", end: "08:30", places: Math.min(form.agrement, 12) }])}>
          Ajouter une tranche
        </button>
      </fieldset>

      <fieldset>
        <legend>Sections</legend>
        <div className="creche-places__rows">
          {form.sections.map((section, index) => {
            const change = (patch: Partial<typeof section>) => set("sections", form.sections.map((s, i) => (i === index ? { ...s, ...patch } : s)));
            return (
              <div key={section.id ?? `n${index}`} className="creche-places__row">
                <InputField id={`section-nom-${index}`} label={`Section ${index + 1}, nom`} value={section.name} onChange={(v) => change({ name: v })} />
                <InputField id={`section-min-${index}`} label="De (mois)" type="number" min={0} value={String(section.min_age_months)} onChange={(v) => change({ min_age_months: Number(v) })} />
                <InputField id={`section-max-${index}`} label="À (mois)" type="number" min={1} value={String(section.max_age_months)} onChange={(v) => change({ max_age_months: Number(v) })} />
                <InputField id={`section-places-${index}`} label="Places" type="number" min={0} value={String(section.places)} onChange={(v) => change({ places: Number(v) })} />
                <button type="button" className="button button--secondary" onClick={() => set("sections", form.sections.filter((_, i) => i !== index))}>
                  Retirer la section {index + 1}
                </button>
              </div>
            );
          })}
        </div>
        <button type="button" className="button button--secondary" onClick={() => set("sections", [...form.sections, { name: "", min_age_months: 0, max_age_months: 48, places: 8 }])}>
          Ajouter une section
        </button>
      </fieldset>
      <p className="form-note">Enregistrer met à jour les places sur un an ; une demi-heure n'a jamais moins de places que d'enfants déjà accueillis.</p>
      <SubmitButton busy={save.isPending} label="Enregistrer" busyLabel="Enregistrement…" />
    </form>
  );
}

function Closures({ establishment }: { establishment: Establishment }) {
  const client = useQueryClient();
  const [label, setLabel] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [deducted, setDeducted] = useState(false);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [notice, setNotice] = useState("");
  const done = (saved: { establishment: Establishment; message: string }, text: string) => {
    setErrors([]);
    setNotice([text, saved.message].filter(Boolean).join(" "));
    client.setQueryData(placesKeys.establishment(establishment.id), saved.establishment);
  };
  const add = useMutation({
    mutationFn: () => addClosure(establishment.id, { label, start_date: start, end_date: end || start, deducted }),
    onSuccess: (saved) => {
      setLabel("");
      setStart("");
      setEnd("");
      setDeducted(false);
      done(saved, "Fermeture ajoutée : les demi-heures de ces jours sont fermées.");
    },
    onError: (error) => setErrors(staffErrors(error, { label: "fermeture-motif", start_date: "fermeture-debut", end_date: "fermeture-fin" })),
  });
  const remove = useMutation({
    mutationFn: (closureId: number) => removeClosure(establishment.id, closureId),
    onSuccess: (saved) => done(saved, "Fermeture retirée : les jours sont rouverts."),
    onError: (error) => setErrors(staffErrors(error)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FormErrorItem[] = [];
    if (!label.trim()) problems.push({ message: "Indiquez le motif de la fermeture.", fieldId: "fermeture-motif" });
    if (!start) problems.push({ message: "Indiquez le premier jour de fermeture.", fieldId: "fermeture-debut" });
    setErrors(problems);
    if (!problems.length && !add.isPending) add.mutate();
  }

  return (
    <section aria-labelledby="fermetures-titre">
      <h2 id="fermetures-titre">Fermetures</h2>
      <div role="status">{notice && <p className="notice notice--success">{notice}</p>}</div>
      {establishment.closures.length ? (
        <ul>
          {establishment.closures.map((c) => (
            <li key={c.id}>
              {c.label} — {formatPeriod(c.start_date, c.end_date)} —{" "}
              {c.deducted ? "exceptionnelle (heures déduites)" : "prévue (hors contrat)"}{" "}
              <button type="button" className="button button--secondary" onClick={() => remove.mutate(c.id)}>
                Retirer « {c.label} »
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune fermeture.</p>
      )}
      <form onSubmit={submit} noValidate>
        <h3>Ajouter une fermeture</h3>
        <ErrorSummary items={errors} />
        <InputField id="fermeture-motif" label="Motif" required value={label} onChange={setLabel} />
        <InputField id="fermeture-debut" label="Du" type="date" required value={start} onChange={setStart} />
        <InputField id="fermeture-fin" label="Au (vide : un seul jour)" type="date" value={end} onChange={setEnd} />
        <CheckboxField
          id="fermeture-deduite"
          label="Fermeture exceptionnelle (grève, travaux) : heures déduites des contrats"
          hint="Non cochée : fermeture prévue (été, Noël), hors des semaines d'accueil et jamais facturée."
          checked={deducted}
          onChange={setDeducted}
        />
        <SubmitButton busy={add.isPending} label="Ajouter la fermeture" busyLabel="Ajout…" />
      </form>
    </section>
  );
}
