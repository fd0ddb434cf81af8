import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { TextField } from "../../../components/TextField";
import { usePageTitle } from "../../../theme/usePageTitle";
import { pageParam, SelectField } from "../StaffUi";
import type { ReservationFilters } from "./api";
import { isIsoDate } from "./labels";
import { activityOptions, useActivities } from "./queries";
import { ReservationQueue } from "./ReservationQueue";
import { Tabs } from "./Tabs";

const TABS = [
  { id: "reservations", label: "Demandes de réservation" },
  { id: "annulations", label: "Demandes d'annulation" },
] as const;

/** « Demandes de réservation » and « Demandes d'annulation », decided several at once. */
export function ReservationRequestsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get("onglet") === "annulations" ? "annulations" : "reservations";
  usePageTitle(tab === "annulations" ? "Demandes d'annulation" : "Demandes de réservation");
  const filters: ReservationFilters = {
    state: tab === "annulations" ? "cancel_requested" : "requested",
    activity: params.get("activite") ?? "",
    from: params.get("du") ?? "",
    to: params.get("au") ?? "",
    page: pageParam(params.get("page")),
  };
  const activities = useActivities();
  const [activityDraft, setActivityDraft] = useState(filters.activity);
  const [fromDraft, setFromDraft] = useState(filters.from);
  const [toDraft, setToDraft] = useState(filters.to);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FormErrorItem[] = [];
    if (fromDraft && !isIsoDate(fromDraft)) found.push({ fieldId: "filtre-du", message: "Date de début invalide." });
    if (toDraft && !isIsoDate(toDraft)) found.push({ fieldId: "filtre-au", message: "Date de fin invalide." });
    if (!found.length && fromDraft && toDraft && toDraft < fromDraft) found.push({ fieldId: "filtre-au", message: "La fin de la période doit suivre son début." });
    setErrors(found);
    if (found.length) return;
    const next: Record<string, string> = {};
    if (tab === "annulations") next.onglet = tab;
    if (activityDraft) next.activite = activityDraft;
    if (fromDraft) next.du = fromDraft;
    if (toDraft) next.au = toDraft;
    setParams(next);
  }

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

      <ErrorSummary items={errors} />
      <form className="filters" noValidate onSubmit={applyFilters} aria-label="Filtrer les demandes">
        <SelectField id="filtre-activite" label="Activité" value={activityDraft} onChange={setActivityDraft} options={activityOptions(activities.data)} />
        <TextField id="filtre-du" label="Jours du" type="date" value={fromDraft} onChange={setFromDraft} errors={fieldErrors(errors, "filtre-du")} />
        <TextField id="filtre-au" label="Au" type="date" value={toDraft} onChange={setToDraft} errors={fieldErrors(errors, "filtre-au")} />
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            Filtrer
          </button>
        </div>
      </form>

      <Tabs idPrefix="demandes" label="Type de demande" tabs={TABS} current={tab} onChange={changeTab}>
        <ReservationQueue
          key={tab}
          filters={filters}
          onPage={(page) => {
            const next = new URLSearchParams(params);
            if (page > 1) next.set("page", String(page));
            else next.delete("page");
            setParams(next);
          }}
        />
      </Tabs>
    </>
  );
}
