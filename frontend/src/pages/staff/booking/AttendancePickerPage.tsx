import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { TextField } from "../../../components/TextField";
import { usePageTitle } from "../../../theme/usePageTitle";
import { plural } from "../format";
import { QueryView } from "../StaffUi";
import { bookingKeys, fetchOccupancy } from "./api";
import { isIsoDate, longDate, today } from "./labels";

/** « Présences »: pick a day, then the unit whose attendance sheet to open. */
export function AttendancePickerPage() {
  usePageTitle("Présences");
  const [params, setParams] = useSearchParams();
  const requested = params.get("date") ?? "";
  const date = isIsoDate(requested) ? requested : today();
  const filters = { from: date, to: date, activity: "" };
  const query = useQuery({ queryKey: bookingKeys.occupancy(filters), queryFn: ({ signal }) => fetchOccupancy(filters, signal) });
  const [draft, setDraft] = useState(date);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isIsoDate(draft)) {
      setErrors([{ fieldId: "presences-date", message: "Indiquez un jour (JJ/MM/AAAA)." }]);
      return;
    }
    setErrors([]);
    setParams({ date: draft });
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Présences</h1>
      <p className="lead">Choisissez le jour puis la prestation pour ouvrir sa feuille de présence.</p>
      <ErrorSummary items={errors} />
      <form className="filters" noValidate onSubmit={submit} aria-label="Jour des présences">
        <TextField id="presences-date" label="Jour" type="date" value={draft} onChange={setDraft} errors={fieldErrors(errors, "presences-date")} />
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            Afficher
          </button>
        </div>
      </form>
      <h2>Accueils du {longDate(date)}</h2>
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
