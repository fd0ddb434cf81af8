import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { fieldErrors } from "../../../components/formErrors";
import { InputField } from "../../../components/FormFields";
import { FilterForm } from "../../../components/list/FilterForm";
import { QueryView } from "../../../components/QueryView";
import { formatLongDate } from "../../../format/calendar";
import { isIsoDate, todayIso } from "../../../format/dates";
import { plural } from "../../../format/text";
import { bookingKeys, fetchOccupancy } from "../../../pages/staff/booking/api";
import { usePageTitle } from "../../../theme/usePageTitle";

/** « Présences »: pick a day, then the unit whose attendance sheet to open. */
export function AttendancePickerPage() {
  usePageTitle("Présences");
  const [params, setParams] = useSearchParams();
  const requested = params.get("date") ?? "";
  const date = isIsoDate(requested) ? requested : todayIso();
  const filters = { from: date, to: date, activity: "" };
  const query = useQuery({ queryKey: bookingKeys.occupancy(filters), queryFn: ({ signal }) => fetchOccupancy(filters, signal) });

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Présences</h1>
      <p className="lead">Choisissez le jour puis la prestation pour ouvrir sa feuille de présence.</p>
      <FilterForm
        label="Jour des présences"
        values={{ date }}
        validate={({ date: day }) => (isIsoDate(day) ? [] : [{ fieldId: "presences-date", message: "Indiquez un jour (JJ/MM/AAAA)." }])}
        submitLabel="Afficher"
        onApply={(draft) => setParams({ date: draft.date })}
      >
        {({ draft, set, errors }) => (
          <InputField id="presences-date" label="Jour" type="date" value={draft.date} onChange={set("date")} errors={fieldErrors(errors, "presences-date")} />
        )}
      </FilterForm>
      <h2>Accueils du {formatLongDate(date)}</h2>
      <QueryView query={query} loadingLabel="Chargement des accueils du jour…">
        {(rows) => {
          const open = rows.flatMap((row) => row.cells.filter((c) => c.date === date).map((cell) => ({ row, cell })));
          return open.length === 0 ? (
            <p>Aucun accueil ce jour.</p>
          ) : (
            <ul className="sheet-list" role="list">
              {open.map(({ row, cell }) => (
                <li key={cell.opening} className="card sheet-list__item">
                  <Link to={`/gestion/presences/${cell.opening}`} className="sheet-list__link">
                    {row.unit_name}
                    {row.group_name ? ` (${row.group_name})` : ""}
                  </Link>
                  <span className="field__hint">
                    {row.activity_name} · {plural(cell.booked, "enfant attendu", "enfants attendus")}
                    {cell.closed ? " · fermé" : ""}
                  </span>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryView>
    </>
  );
}
