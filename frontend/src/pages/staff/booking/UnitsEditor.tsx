import type { FormEvent } from "react";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, CheckboxField, SelectField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { SubmitButton } from "../../../components/SubmitButton";
import { timeInputValue, WEEKDAYS } from "../../../format/calendar";
import { StatusMessage } from "../StaffUi";
import type { Activity, Unit, UnitInput } from "./api";
import { CheckboxGroup, isWholeNumber, optionalId, RowActions, useConfigEditor, useFormValues, type ConfigEditor } from "./configKit";
import { policyOptions, usePolicies, useUnits } from "./queries";

const IDS = {
  name: "prestation-nom",
  short_label: "prestation-abreviation",
  start_time: "prestation-debut",
  end_time: "prestation-fin",
  weekdays: "prestation-jours",
  capacity: "prestation-places",
  incompatible_with: "prestation-incompatible",
  requires: "prestation-necessite",
  booking_policy: "prestation-delai",
  cancel_policy: "prestation-delai-annulation",
  order: "prestation-ordre",
} as const;

const days = (weekdays: readonly number[] | undefined) => (weekdays?.length ? weekdays.map((d) => WEEKDAYS[d]?.slice(0, 3)).join(", ") : "—");

/** The units (« prestations ») of one activity: hours, days, places, incompatibilities and requirements. */
export function UnitsEditor({ activity }: { activity: Activity }) {
  const query = useUnits(activity.id);
  const editor = useConfigEditor<Unit>({ collection: "units", name: (u) => `La prestation « ${u.name} »`, params: IDS, feminine: true });
  const units = query.data ?? [];
  const nameOf = (ids: readonly number[] | undefined) => (ids?.length ? ids.map((id) => units.find((u) => u.id === id)?.name ?? `n° ${id}`).join(", ") : "—");
  return (
    <section aria-labelledby="prestations-titre" className="stack">
      <h3 id="prestations-titre">Prestations de « {activity.name} »</h3>
      <StatusMessage message={editor.status} />
      <QueryView query={query} loadingLabel="Chargement des prestations…">
        {(list) =>
          list.length === 0 ? (
            <p>Aucune prestation : ajoutez-en au moins une pour pouvoir générer les ouvertures.</p>
          ) : (
            <div className="table-wrapper">
              <table className="data-table data-table--reflow">
                <caption>Prestations ({list.length})</caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Horaires</th>
                    <th scope="col">Jours</th>
                    <th scope="col">Places</th>
                    <th scope="col">Incompatible avec</th>
                    <th scope="col">Nécessite</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((u) => (
                    <tr key={u.id}>
                      <th scope="row" data-label="Nom">
                        {u.name}
                        {u.short_label ? ` (${u.short_label})` : ""}
                        {u.with_meal ? " · avec repas" : ""}
                      </th>
                      <td data-label="Horaires">{u.start_time ? `${timeInputValue(u.start_time)} – ${timeInputValue(u.end_time)}` : "—"}</td>
                      <td data-label="Jours">{days(u.weekdays)}</td>
                      <td data-label="Places">{u.capacity ?? "—"}</td>
                      <td data-label="Incompatible avec">{nameOf(u.incompatible_with)}</td>
                      <td data-label="Nécessite">{nameOf(u.requires)}</td>
                      <td data-label="Actions">
                        <RowActions item={u} label={u.name} editor={editor} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      <UnitForm key={editor.formKey} editor={editor} activity={activity} units={units} />
    </section>
  );
}

function UnitForm({ editor, activity, units }: { editor: ConfigEditor<Unit>; activity: Activity; units: readonly Unit[] }) {
  const unit = editor.editing;
  const policies = usePolicies();
  const [values, set] = useFormValues(() => ({
    name: unit?.name ?? "",
    short_label: unit?.short_label ?? "",
    start_time: timeInputValue(unit?.start_time),
    end_time: timeInputValue(unit?.end_time),
    with_meal: unit?.with_meal ?? false,
    weekdays: unit?.weekdays ?? [0, 1, 2, 3, 4],
    capacity: String(unit?.capacity ?? 0),
    incompatible_with: unit?.incompatible_with ?? [],
    requires: unit?.requires ?? [],
    booking_policy: unit?.booking_policy ? String(unit.booking_policy) : "",
    cancel_policy: unit?.cancel_policy ? String(unit.cancel_policy) : "",
    booked_on_enrolment: unit?.booked_on_enrolment ?? false,
    order: String(unit?.order ?? units.length),
  }));
  const others = units.filter((u) => u.id !== unit?.id).map((u) => ({ value: u.id, label: u.name }));
  const err = (field: keyof typeof IDS) => fieldErrors(editor.errors, IDS[field]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (editor.save.isPending) return;
    const found: FormErrorItem[] = [];
    if (!values.name.trim()) found.push({ fieldId: IDS.name, message: "Saisissez le nom de la prestation." });
    if (!isWholeNumber(values.capacity)) found.push({ fieldId: IDS.capacity, message: "Places par jour : un nombre entier positif." });
    if (!isWholeNumber(values.order)) found.push({ fieldId: IDS.order, message: "Ordre : un nombre entier positif." });
    if (values.start_time && values.end_time && values.end_time <= values.start_time) found.push({ fieldId: IDS.end_time, message: "La fin doit suivre le début." });
    if (!values.weekdays.length) found.push({ fieldId: IDS.weekdays, message: "Cochez au moins un jour." });
    if (values.requires.some((id) => values.incompatible_with.includes(id)))
      found.push({ fieldId: IDS.requires, message: "Une prestation ne peut pas être à la fois nécessaire et incompatible." });
    editor.setErrors(found);
    editor.setStatus("");
    if (found.length) return;
    const body: UnitInput = {
      activity: activity.id,
      name: values.name.trim(),
      short_label: values.short_label.trim(),
      start_time: values.start_time || null,
      end_time: values.end_time || null,
      with_meal: values.with_meal,
      weekdays: values.weekdays,
      capacity: Number(values.capacity),
      incompatible_with: values.incompatible_with,
      requires: values.requires,
      booking_policy: optionalId(values.booking_policy),
      cancel_policy: optionalId(values.cancel_policy),
      booked_on_enrolment: values.booked_on_enrolment,
      order: Number(values.order),
    };
    editor.save.mutate(body);
  }

  return (
    <form className="form card" noValidate onSubmit={submit} aria-labelledby="prestation-form-titre">
      <h4 id="prestation-form-titre" ref={editor.formHeading} tabIndex={-1}>
        {unit ? `Modifier la prestation « ${unit.name} »` : "Ajouter une prestation"}
      </h4>
      <ErrorSummary items={editor.errors} />
      <div className="form-grid form-grid--2">
        <InputField id={IDS.name} label="Nom *" value={values.name} onChange={set("name")} errors={err("name")} required requiredMark={false} />
        <InputField
          id={IDS.short_label}
          label="Abréviation"
          hint="Affichée dans les plannings (ex. M, R, S)."
          maxLength={6}
          value={values.short_label}
          onChange={set("short_label")}
        />
        <InputField id={IDS.start_time} label="Début" type="time" value={values.start_time} onChange={set("start_time")} errors={err("start_time")} />
        <InputField id={IDS.end_time} label="Fin" type="time" value={values.end_time} onChange={set("end_time")} errors={err("end_time")} />
        <InputField
          id={IDS.capacity}
          label="Places par jour"
          type="number"
          inputMode="numeric"
          min={0}
          value={values.capacity}
          onChange={set("capacity")}
          errors={err("capacity")}
        />
        <InputField
          id={IDS.order}
          label="Ordre d'affichage"
          type="number"
          inputMode="numeric"
          min={0}
          value={values.order}
          onChange={set("order")}
          errors={err("order")}
        />
      </div>
      <CheckboxGroup
        id={IDS.weekdays}
        legend="Jours de la semaine"
        options={WEEKDAYS.map((label, value) => ({ value, label }))}
        value={values.weekdays}
        onChange={set("weekdays")}
        errors={err("weekdays")}
      />
      <CheckboxField id="prestation-repas" label="Avec repas" checked={values.with_meal} onChange={set("with_meal")} />
      <CheckboxGroup
        id={IDS.incompatible_with}
        legend="Incompatible avec"
        hint="Un enfant ne peut pas être réservé le même jour sur ces prestations."
        options={others}
        value={values.incompatible_with}
        onChange={set("incompatible_with")}
        errors={err("incompatible_with")}
        empty="Aucune autre prestation dans cette activité."
      />
      <CheckboxGroup
        id={IDS.requires}
        legend="Nécessite"
        hint="Réservable seulement avec ces prestations le même jour (ex. le repas avec la garderie du midi)."
        options={others}
        value={values.requires}
        onChange={set("requires")}
        errors={err("requires")}
        empty="Aucune autre prestation dans cette activité."
      />
      <div className="form-grid form-grid--2">
        <SelectField
          id={IDS.booking_policy}
          label="Délai de réservation"
          value={values.booking_policy}
          onChange={set("booking_policy")}
          options={policyOptions(policies.data, "Celui de l'activité")}
          errors={err("booking_policy")}
        />
        <SelectField
          id={IDS.cancel_policy}
          label="Délai d'annulation"
          value={values.cancel_policy}
          onChange={set("cancel_policy")}
          options={policyOptions(policies.data, "Celui de l'activité")}
          errors={err("cancel_policy")}
        />
      </div>
      <CheckboxField
        id="prestation-reservee-inscription"
        label="Réservée automatiquement à l'inscription"
        hint="L'inscription validée réserve chaque jour d'ouverture de la période."
        checked={values.booked_on_enrolment}
        onChange={set("booked_on_enrolment")}
      />
      <div className="button-row">
        <SubmitButton busy={editor.save.isPending} label={unit ? "Enregistrer la prestation" : "Ajouter la prestation"} busyLabel="Enregistrement…" />
        {unit && (
          <button type="button" className="button button--secondary" onClick={editor.cancelEdit}>
            Annuler la modification
          </button>
        )}
      </div>
    </form>
  );
}
