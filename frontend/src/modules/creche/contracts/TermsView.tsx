import { formatDate } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { WEEKDAY_NAMES, type ContractTerms } from "./api";

const hours = (value: string) => `${value.replace(".", ",")} h`;

/** The schedule of some terms as a list: « Lundi 08:00 – 17:00 ». */
export function ScheduleList({ terms }: { terms: ContractTerms }) {
  return (
    <ul className="creche-contract__schedule">
      {terms.schedule.map((day) => (
        <li key={`${day.week}-${day.weekday}`}>
          {terms.alternating ? `Semaine ${day.week} – ` : ""}
          {WEEKDAY_NAMES[day.weekday]} {day.arrival} – {day.departure}
        </li>
      ))}
    </ul>
  );
}

/** The rate computation of some terms, step by step, and its results. */
export function RateSteps({ steps }: { steps: string[] }) {
  return (
    <ol className="creche-contract__steps">
      {steps.map((step) => (
        <li key={step}>{step}</li>
      ))}
    </ol>
  );
}

interface TermsViewProps {
  terms: ContractTerms;
  monthsBilled: number;
  /** Heading level of the block's title. */
  level?: 2 | 3;
}

/**
 * One set of terms (the contract or an avenant): its date, the schedule, the
 * rate computed step by step, the hourly rate and the monthly fee.
 */
export function TermsView({ terms, monthsBilled, level = 3 }: TermsViewProps) {
  const Heading = `h${level}` as const;
  const title = terms.number === 0 ? "Contrat initial" : `Avenant n° ${terms.number}`;
  return (
    <article className="card creche-contract__terms" aria-labelledby={`conditions-${terms.id}`}>
      <Heading id={`conditions-${terms.id}`}>
        {title} — à partir du {formatDate(terms.effective_from)}
      </Heading>
      {terms.reason && <p>Motif : {terms.reason}</p>}
      <dl className="creche-contract__figures">
        <div>
          <dt>Tarif horaire</dt>
          <dd>{formatMoney(terms.hourly_rate)}</dd>
        </div>
        <div>
          <dt>Heures mensualisées</dt>
          <dd>{hours(terms.monthly_hours)}</dd>
        </div>
        <div>
          <dt>Mensualité ({monthsBilled} mois)</dt>
          <dd>{formatMoney(terms.monthly_fee)}</dd>
        </div>
      </dl>
      <h4 className="creche-contract__subtitle">Planning ({hours(terms.hours_per_week)} par semaine)</h4>
      <ScheduleList terms={terms} />
      <h4 className="creche-contract__subtitle">Calcul du tarif</h4>
      <RateSteps steps={terms.rate_steps} />
    </article>
  );
}
