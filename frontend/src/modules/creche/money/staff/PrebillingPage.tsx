import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { InputField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { todayIso } from "../../../../format/dates";
import { formatMoney } from "../../../../format/money";
import { plural } from "../../../../format/text";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { fetchPrebilling, formatHoursValue, moneyKeys, type Prebilling, type PrebillingChild } from "../api";
import { EstablishmentPicker, useEstablishments } from "./EstablishmentPicker";

/** The month before the current one (« 2027-02 »): the month usually checked. */
function lastMonth(): string {
  const [year, month] = todayIso().split("-").map(Number);
  const previous = month === 1 ? [year - 1, 12] : [year, month - 1];
  return `${previous[0]}-${String(previous[1]).padStart(2, "0")}`;
}

function ChildCheck({ child }: { child: PrebillingChild }) {
  const headingId = `prefacturation-${child.child_id}-${child.contract_id ?? "occ"}`;
  return (
    <li className="creche-money__card">
      <h3 id={headingId}>
        {child.child_name} <span className="field__hint">({child.family_name} · {child.contract_state})</span>
      </h3>
      {child.warnings.length ? (
        <ul className="creche-money__warnings" aria-label={`Points à vérifier pour ${child.child_name}`}>
          {child.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
      <dl className="creche-money__figures">
        <div>
          <dt>Heures prévues</dt>
          <dd>{formatHoursValue(child.planned_hours)}</dd>
        </div>
        <div>
          <dt>Heures réalisées</dt>
          <dd>{formatHoursValue(child.attended_hours)}</dd>
        </div>
        <div>
          <dt>Heures en plus</dt>
          <dd>{formatHoursValue(child.extra_hours)}</dd>
        </div>
        <div>
          <dt>Heures déduites</dt>
          <dd>{formatHoursValue(child.deducted_hours)}</dd>
        </div>
      </dl>
      <div className="creche-money__table-wrap">
        <table className="creche-money__table">
          <caption className="visually-hidden">Lignes à facturer pour {child.child_name}</caption>
          <thead>
            <tr>
              <th scope="col">Ligne</th>
              <th scope="col" className="num">
                Quantité
              </th>
              <th scope="col" className="num">
                Montant
              </th>
            </tr>
          </thead>
          <tbody>
            {child.lines.map((line) => (
              <tr key={line.reference}>
                <td>
                  {line.label}
                  {line.already_billed ? <strong> (déjà facturée)</strong> : null}
                </td>
                <td className="num">{formatHoursValue(line.quantity)}</td>
                <td className="num">{formatMoney(line.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {child.details.length ? (
        <details className="creche-money__details">
          <summary>Détail jour par jour</summary>
          <ul>
            {child.details.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

function Check({ data }: { data: Prebilling }) {
  return (
    <>
      <h2>
        {data.establishment_name} — {data.month_label}
      </h2>
      <p>
        {plural(data.children.length, "enfant", "enfants")} · à facturer : <strong>{formatMoney(data.total)}</strong> ·{" "}
        {data.warning_count ? (
          <strong className="creche-money__alert">{plural(data.warning_count, "point à vérifier", "points à vérifier")}</strong>
        ) : (
          "aucun point à vérifier"
        )}
      </p>
      <p>
        Une fois le mois vérifié, lancez la facturation depuis <Link to="/gestion/facturation">l'écran de facturation</Link> (période du mois,
        activité « Places — {data.establishment_name} ») : elle reprend exactement ces lignes, sans jamais facturer deux fois la même.
      </p>
      {data.children.length === 0 ? (
        <p>Aucun contrat ni accueil occasionnel ce mois-ci.</p>
      ) : (
        <ul className="creche-money__list" role="list">
          {data.children.map((child) => (
            <ChildCheck key={`${child.child_id}-${child.contract_id ?? "occ"}`} child={child} />
          ))}
        </ul>
      )}
    </>
  );
}

/** /gestion/creche/prefacturation — the month's check before the invoice run. */
export function PrebillingPage() {
  usePageTitle("Préfacturation de la crèche");
  const establishments = useEstablishments();
  const [establishment, setEstablishment] = useState("");
  const [month, setMonth] = useState(lastMonth);
  useEffect(() => {
    if (!establishment && establishments.data?.length) setEstablishment(String(establishments.data[0].id));
  }, [establishment, establishments.data]);
  const ready = Boolean(establishment) && /^\d{4}-\d{2}$/.test(month);
  const query = useQuery({
    queryKey: moneyKeys.prebilling(Number(establishment), month),
    queryFn: ({ signal }) => fetchPrebilling(Number(establishment), month, signal),
    enabled: ready,
  });
  return (
    <section aria-labelledby="prefacturation-titre" className="creche-money">
      <p>
        <Link to="/gestion/creche">← Crèche</Link>
      </p>
      <h1 id="prefacturation-titre">Préfacturation</h1>
      <div className="creche-money__filters">
        <EstablishmentPicker id="prefacturation-etablissement" value={establishment} onChange={setEstablishment} />
        <InputField id="prefacturation-mois" label="Mois" type="month" value={month} onChange={setMonth} />
      </div>
      {ready ? (
        <QueryView query={query} loadingLabel="Calcul du mois…">
          {(data) => <Check data={data} />}
        </QueryView>
      ) : (
        <p>Choisissez un établissement et un mois.</p>
      )}
    </section>
  );
}
