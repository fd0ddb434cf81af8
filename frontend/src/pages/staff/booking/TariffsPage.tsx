import { useQuery } from "@tanstack/react-query";
import { QueryView } from "../../../components/QueryView";
import { formatDate } from "../../../format/dates";
import { formatOptionalMoney } from "../../../format/money";
import { StatusMessage } from "../StaffUi";
import { bookingKeys, fetchConfig, type PricingMethod, type Tariff } from "./api";
import { bracketParams } from "./BracketsEditor";
import { RowActions, useConfigEditor } from "./configKit";
import { PriceSimulator } from "./PriceSimulator";
import { activityLabel, useActivities, useAllUnits, usePricingMethods } from "./queries";
import { ResidentCodesForm } from "./ResidentCodesForm";
import { TARIFF_IDS, TariffForm } from "./TariffForm";

function priceOf(tariff: Tariff, method: PricingMethod | undefined): string {
  if (method?.uses_brackets ?? tariff.method === "quotient") {
    const n = tariff.brackets?.length ?? 0;
    return `${n} tranche${n > 1 ? "s" : ""} de quotient`;
  }
  const exterior = tariff.amount_exterior ? ` (extérieur : ${formatOptionalMoney(tariff.amount_exterior)})` : "";
  return `${formatOptionalMoney(tariff.amount)}${exterior}`;
}

const validity = (t: Tariff) =>
  t.valid_until ? `du ${formatDate(t.valid_from)} au ${formatDate(t.valid_until)}` : `depuis le ${formatDate(t.valid_from)}`;

/** « Tarifs »: prices per activity or unit (single or by quotient), the simulator and the resident postal codes. */
export function TariffsPage() {
  const query = useQuery({ queryKey: bookingKeys.config("tariffs"), queryFn: ({ signal }) => fetchConfig<Tariff>("tariffs", {}, signal) });
  const activities = useActivities();
  const units = useAllUnits();
  const methods = usePricingMethods();
  const methodOf = (t: Tariff) => methods.data?.find((m) => m.code === t.method);
  const editor = useConfigEditor<Tariff>({
    collection: "tariffs",
    name: (t) => `Le tarif « ${t.name} »`,
    params: { ...TARIFF_IDS, ...bracketParams(30) },
    labels: { brackets: "Tranches" },
  });

  function appliesTo(tariff: Tariff): string {
    const unit = units.data?.find((u) => u.id === tariff.unit);
    const activity = activities.data?.find((a) => a.id === (tariff.activity ?? unit?.activity));
    const activityName = activity ? activityLabel(activity) : "";
    if (tariff.unit) return [activityName, unit?.name ?? `Prestation n° ${tariff.unit}`].filter(Boolean).join(" · ");
    return activityName ? `${activityName} · toutes les prestations` : "—";
  }

  return (
    <>
      <section aria-labelledby="tarifs-titre" className="stack">
        <h2 id="tarifs-titre">Tarifs</h2>
        <p>Le prix de chaque prestation : unique, selon le quotient familial, par jour ou à l'heure, avec le supplément repas et les réductions fratrie.</p>
        <StatusMessage message={editor.status} />
        <QueryView query={query} loadingLabel="Chargement des tarifs…">
          {(tariffs) =>
            tariffs.length === 0 ? (
              <p>Aucun tarif n'est défini.</p>
            ) : (
              <div className="table-wrapper">
                <table className="data-table data-table--reflow">
                  <caption>Tarifs ({tariffs.length})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Nom</th>
                      <th scope="col">S'applique à</th>
                      <th scope="col">Validité</th>
                      <th scope="col">Mode</th>
                      <th scope="col">Prix</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {tariffs.map((t) => (
                      <tr key={t.id}>
                        <th scope="row" data-label="Nom">
                          {t.name}
                        </th>
                        <td data-label="S'applique à">{appliesTo(t)}</td>
                        <td data-label="Validité">{validity(t)}</td>
                        <td data-label="Mode">{methodOf(t)?.label ?? t.method}</td>
                        <td data-label="Prix">{priceOf(t, methodOf(t))}</td>
                        <td data-label="Actions">
                          <RowActions item={t} label={t.name} editor={editor} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryView>
        <TariffForm key={editor.formKey} editor={editor} activities={activities.data} methods={methods.data} allUnits={units.data ?? []} />
      </section>
      <PriceSimulator activities={activities.data} />
      <ResidentCodesForm />
    </>
  );
}
