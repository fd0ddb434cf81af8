import { useState } from "react";
import { InputField } from "../../../components/FormFields";
import { formatDate } from "../../../format/dates";
import { exportUrl, type ExportName } from "./api";

const EXPORTS: Array<{ name: ExportName; title: string; text: string }> = [
  { name: "invoices", title: "Factures", text: "Une ligne par facture émise : numéro, famille, dates, montant, reste dû." },
  { name: "credit-notes", title: "Avoirs", text: "Une ligne par avoir : numéro, facture corrigée, motif, montant." },
  { name: "payments", title: "Règlements", text: "Une ligne par règlement reçu (les annulés restent, signalés comme tels)." },
];

function monthStart(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-01`;
}

/** « Exports »: CSV files for the accountant (trésorerie, comptabilité). */
export function ExportsPage() {
  const [from, setFrom] = useState(monthStart);
  const [to, setTo] = useState("");
  const invalid = Boolean(from && to && to < from);
  return (
    <>
      <p className="lead">Des fichiers CSV à ouvrir dans un tableur ou à transmettre à la trésorerie, pour la période choisie.</p>
      <form className="filters" aria-label="Période des exports" onSubmit={(event) => event.preventDefault()}>
        <InputField id="exports-du" label="Du" type="date" value={from} onChange={setFrom} />
        <InputField
          id="exports-au"
          label="Au"
          type="date"
          value={to}
          onChange={setTo}
          hint="Vide : jusqu'à aujourd'hui."
          errors={invalid ? ["La fin de la période doit suivre son début."] : undefined}
        />
      </form>
      <ul className="card-grid counter-list" role="list">
        {EXPORTS.map((item) => (
          <li key={item.name} className="card">
            <h2 className="counter-card__label">{item.title}</h2>
            <p>{item.text}</p>
            {invalid ? (
              <p className="field__hint">Corrigez la période pour télécharger.</p>
            ) : (
              <a className="button button--secondary" href={exportUrl(item.name, from, to)} download>
                Télécharger ({item.title.toLowerCase()}
                {from ? ` du ${formatDate(from)}` : ""}
                {to ? ` au ${formatDate(to)}` : ""}, CSV)
              </a>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
