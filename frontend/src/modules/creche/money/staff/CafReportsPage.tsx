import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { InputField, SelectField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { todayIso } from "../../../../format/dates";
import { formatMoney } from "../../../../format/money";
import { usePageTitle } from "../../../../theme/usePageTitle";
import {
  fetchFiloue,
  fetchReport,
  filoueCsv,
  formatHoursValue,
  moneyKeys,
  reportExport,
  reportQuery,
  type CafReport,
  type FilouePreview,
} from "../api";
import { EstablishmentPicker, useEstablishments } from "./EstablishmentPicker";

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

const percent = (value: string | null) => (value === null ? "—" : `${value.replace(".", ",")} %`);

function Report({ report, query }: { report: CafReport; query: string }) {
  return (
    <>
      <h2>
        {report.establishment_name} — {report.period_label}
      </h2>
      <dl className="creche-money__figures">
        <div>
          <dt>Heures réalisées</dt>
          <dd>{formatHoursValue(report.attended_hours)}</dd>
        </div>
        <div>
          <dt>Heures facturées</dt>
          <dd>{formatHoursValue(report.billed_hours)}</dd>
        </div>
        <div>
          <dt>Taux de facturation</dt>
          <dd className={report.billing_rate_alert ? "creche-money__alert" : undefined}>{percent(report.billing_rate)}</dd>
        </div>
        <div>
          <dt>Participations familiales</dt>
          <dd>{formatMoney(report.participations)}</dd>
        </div>
        <div>
          <dt>Enfants accueillis</dt>
          <dd>{report.children}</dd>
        </div>
      </dl>
      {report.billing_rate_alert ? (
        <p className="creche-money__alert" role="status">
          Taux de facturation supérieur à 117 % : la Cnaf demande d'en vérifier les causes (contrats plus longs que la présence réelle).
        </p>
      ) : null}
      <p>
        <a className="button button--secondary" href={reportExport(query, "csv")}>
          Télécharger (CSV)
        </a>{" "}
        <a className="button button--secondary" href={reportExport(query, "pdf")}>
          Télécharger (PDF)
        </a>
      </p>
      <div className="creche-money__table-wrap">
        <table className="creche-money__table">
          <caption>Par tranche d'âge (âge au jour de l'accueil)</caption>
          <thead>
            <tr>
              <th scope="col">Tranche</th>
              <th scope="col" className="num">
                Enfants
              </th>
              <th scope="col" className="num">
                Heures réalisées
              </th>
              <th scope="col" className="num">
                Heures facturées
              </th>
            </tr>
          </thead>
          <tbody>
            {report.age_bands.map((band) => (
              <tr key={band.code}>
                <th scope="row">{band.label}</th>
                <td className="num">{band.children}</td>
                <td className="num">{formatHoursValue(band.attended_hours)}</td>
                <td className="num">{formatHoursValue(band.billed_hours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.months.length > 1 ? (
        <div className="creche-money__table-wrap">
          <table className="creche-money__table">
            <caption>Par mois</caption>
            <thead>
              <tr>
                <th scope="col">Mois</th>
                <th scope="col" className="num">
                  Réalisées
                </th>
                <th scope="col" className="num">
                  Facturées
                </th>
                <th scope="col" className="num">
                  Participations
                </th>
              </tr>
            </thead>
            <tbody>
              {report.months.map((row) => (
                <tr key={row.month}>
                  <th scope="row">{row.label}</th>
                  <td className="num">{formatHoursValue(row.attended_hours)}</td>
                  <td className="num">{formatHoursValue(row.billed_hours)}</td>
                  <td className="num">{formatMoney(row.participations)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

function Filoue({ preview, query }: { preview: FilouePreview; query: string }) {
  return (
    <>
      <p>
        {preview.consenting_children} enfant(s) dans le fichier {preview.year} ; {preview.excluded_children} enfant(s) exclu(s) faute de
        consentement de la famille (« {preview.consent_label} »).
      </p>
      <p>
        <a className="button button--secondary" href={filoueCsv(query)}>
          Télécharger le fichier FILOUÉ {preview.year} (CSV)
        </a>
      </p>
    </>
  );
}

/** /gestion/creche/rapports-caf — the Caf's figures and the FILOUÉ file. */
export function CafReportsPage() {
  usePageTitle("Rapports Caf");
  const establishments = useEstablishments();
  const [establishment, setEstablishment] = useState("");
  const [year, setYear] = useState(todayIso().slice(0, 4));
  const [month, setMonth] = useState("");
  useEffect(() => {
    if (!establishment && establishments.data?.length) setEstablishment(String(establishments.data[0].id));
  }, [establishment, establishments.data]);
  const ready = Boolean(establishment) && /^\d{4}$/.test(year);
  const query = ready ? reportQuery(Number(establishment), Number(year), month ? Number(month) : null) : "";
  const yearQuery = ready ? reportQuery(Number(establishment), Number(year), null) : "";
  const report = useQuery({ queryKey: moneyKeys.report(query), queryFn: ({ signal }) => fetchReport(query, signal), enabled: ready });
  const filoue = useQuery({ queryKey: moneyKeys.filoue(yearQuery), queryFn: ({ signal }) => fetchFiloue(yearQuery, signal), enabled: ready });
  return (
    <section aria-labelledby="rapports-titre" className="creche-money">
      <p>
        <Link to="/gestion/creche">← Crèche</Link>
      </p>
      <h1 id="rapports-titre">Rapports Caf</h1>
      <div className="creche-money__filters">
        <EstablishmentPicker id="rapports-etablissement" value={establishment} onChange={setEstablishment} />
        <InputField id="rapports-annee" label="Année" inputMode="numeric" value={year} onChange={setYear} />
        <SelectField
          id="rapports-mois"
          label="Mois"
          value={month}
          onChange={setMonth}
          options={[{ value: "", label: "Toute l'année" }, ...MONTHS.map((label, index) => ({ value: String(index + 1), label }))]}
        />
      </div>
      {ready ? (
        <>
          <QueryView query={report} loadingLabel="Calcul du rapport…">
            {(data) => <Report report={data} query={query} />}
          </QueryView>
          <section aria-labelledby="filoue-titre">
            <h2 id="filoue-titre">Fichier FILOUÉ</h2>
            <QueryView query={filoue} loadingLabel="Préparation du fichier FILOUÉ…">
              {(data) => <Filoue preview={data} query={yearQuery} />}
            </QueryView>
          </section>
        </>
      ) : (
        <p>Choisissez un établissement et une année.</p>
      )}
    </section>
  );
}
