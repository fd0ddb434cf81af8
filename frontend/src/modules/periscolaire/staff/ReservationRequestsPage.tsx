import { Link } from "react-router";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, SelectField } from "../../../components/FormFields";
import { FilterForm } from "../../../components/list/FilterForm";
import { useListParams } from "../../../components/list/useListParams";
import { Tabs } from "../../../components/Tabs";
import { isIsoDate } from "../../../format/dates";
import type { ReservationFilters } from "../../../pages/staff/booking/api";
import { activityOptions, useActivities } from "../../../pages/staff/booking/queries";
import { usePageTitle } from "../../../theme/usePageTitle";
import { ReservationQueue } from "./ReservationQueue";

const TABS = [
  { id: "reservations", label: "Demandes de réservation" },
  { id: "annulations", label: "Demandes d'annulation" },
] as const;

const FILTERS = { activity: { param: "activite" }, from: { param: "du" }, to: { param: "au" } };

/** The period's dates must be real days, the end after the start. */
function validatePeriod(draft: { from: string; to: string }): FormErrorItem[] {
  const found: FormErrorItem[] = [];
  if (draft.from && !isIsoDate(draft.from)) found.push({ fieldId: "filtre-du", message: "Date de début invalide." });
  if (draft.to && !isIsoDate(draft.to)) found.push({ fieldId: "filtre-au", message: "Date de fin invalide." });
  if (!found.length && draft.from && draft.to && draft.to < draft.from) found.push({ fieldId: "filtre-au", message: "La fin de la période doit suivre son début." });
  return found;
}

/** « Demandes de réservation » and « Demandes d'annulation », decided several at once. */
export function ReservationRequestsPage() {
  const { filters: values, page, params, setParams, setFilters, setPage } = useListParams(FILTERS);
  const tab = params.get("onglet") === "annulations" ? "annulations" : "reservations";
  usePageTitle(tab === "annulations" ? "Demandes d'annulation" : "Demandes de réservation");
  const filters: ReservationFilters = { ...values, state: tab === "annulations" ? "cancel_requested" : "requested", page };
  const activities = useActivities();

  function changeTab(id: string) {
    const next = new URLSearchParams(params);
    next.delete("page");
    if (id === "annulations") next.set("onglet", id);
    else next.delete("onglet");
    setParams(next);
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Demandes de réservation et d'annulation</h1>
      <p className="lead">Les réservations à valider et les annulations hors délai demandées par les familles.</p>

      <FilterForm label="Filtrer les demandes" values={values} validate={validatePeriod} onApply={setFilters}>
        {({ draft, set, errors }) => (
          <>
            <SelectField id="filtre-activite" label="Activité" value={draft.activity} onChange={set("activity")} options={activityOptions(activities.data)} />
            <InputField id="filtre-du" label="Jours du" type="date" value={draft.from} onChange={set("from")} errors={fieldErrors(errors, "filtre-du")} />
            <InputField id="filtre-au" label="Au" type="date" value={draft.to} onChange={set("to")} errors={fieldErrors(errors, "filtre-au")} />
          </>
        )}
      </FilterForm>

      <Tabs idPrefix="demandes" label="Type de demande" tabs={TABS} current={tab} onChange={changeTab}>
        <ReservationQueue key={tab} filters={filters} onPage={setPage} />
      </Tabs>
    </>
  );
}
