import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { useChildren } from "../../../api/family";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { RadioGroupField, RequiredFieldsNote, SelectField, type Option, CHOOSE } from "../../../components/FormFields";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatPeriod, formatDate } from "../../../format/dates";
import { PageError, PageLoading } from "../../../pages/family/components/PageStates";
import { bookingKeys, incompleteDossier, requestEnrolment, useCatalog, type Activity, type Enrolment, type IncompleteDossier } from "./api";
import { unitTitle } from "./cells";

const IDS = {
  child: "inscription-enfant",
  module: "inscription-service",
  kind: "inscription-type",
  name: "inscription-activite",
  period: "inscription-periode",
  group: "inscription-groupe",
} as const;

function unique(items: readonly Activity[], value: (a: Activity) => string, label: (a: Activity) => string): Option[] {
  const seen = new Map<string, string>();
  for (const item of items) if (!seen.has(value(item))) seen.set(value(item), label(item));
  return [...seen].map(([v, l]) => ({ value: v, label: l }));
}

export const periodLabel = (a: Activity) => [a.season, formatPeriod(a.start_date, a.end_date)].filter(Boolean).join(" — ");

/** Child, then service → type d'activité → activité → période (and group), then "Envoyer la demande". */
export function EnrolmentForm({ onClose }: { onClose: () => void }) {
  const catalog = useCatalog();
  const children = useChildren();
  const queryClient = useQueryClient();
  const [child, setChild] = useState("");
  const [module, setModule] = useState("");
  const [kind, setKind] = useState("");
  const [name, setName] = useState("");
  const [period, setPeriod] = useState("");
  const [group, setGroup] = useState("");
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [incomplete, setIncomplete] = useState<IncompleteDossier | null>(null);
  const [done, setDone] = useState<Enrolment | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done || incomplete) outcomeRef.current?.focus();
  }, [done, incomplete]);

  const mutation = useMutation({
    mutationFn: requestEnrolment,
    onSuccess: (enrolment) => {
      setErrors([]);
      setIncomplete(null);
      setDone(enrolment);
      void queryClient.invalidateQueries({ queryKey: bookingKeys.enrolments });
      void queryClient.invalidateQueries({ queryKey: bookingKeys.plannings });
    },
    onError: (error) => {
      const missing = incompleteDossier(error);
      setIncomplete(missing);
      setErrors(
        missing
          ? []
          : mapApiError(error, {
              idFor: (path) => (path === "group" ? IDS.group : path === "child" ? IDS.child : path === "activity" ? IDS.period : undefined),
              labelFor: (path) => (path === "group" ? "Groupe" : path === "child" ? "Enfant" : path === "activity" ? "Période" : undefined),
            }),
      );
    },
  });

  if (catalog.isPending || children.isPending) return <PageLoading />;
  if (catalog.isError) return <PageError error={catalog.error} onRetry={() => void catalog.refetch()} />;
  if (children.isError) return <PageError error={children.error} onRetry={() => void children.refetch()} />;
  if (!catalog.data.length) return <p>Aucune activité n'est proposée pour l'instant.</p>;
  if (!children.data.length) {
    return (
      <p>
        Déclarez d'abord vos enfants dans <Link to="/mes-enfants">Mes enfants</Link>.
      </p>
    );
  }

  if (done) {
    const validated = done.status === "validated";
    return (
      <div ref={outcomeRef} tabIndex={-1} className={validated ? "notice notice--success" : "notice notice--pending"} role="status">
        <p>
          <strong>
            {validated
              ? "Inscription validée : vous pouvez réserver."
              : done.status === "waitlisted"
                ? "Demande d'inscription enregistrée, sur liste d'attente."
                : "Demande d'inscription enregistrée."}
          </strong>
        </p>
        {!validated && <p>La structure va étudier votre demande : vous serez prévenu(e) par e-mail.</p>}
        <p>
          {done.child_name} — {done.activity_name}
        </p>
        <p className="inline-actions">
          <Link to="/planning">Aller au planning</Link>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Fermer
          </button>
        </p>
      </div>
    );
  }

  const activities = catalog.data;
  const childValue = child || (children.data.length === 1 ? String(children.data[0].id) : "");
  const modules = unique(activities, (a) => a.module, (a) => a.module_label);
  const inModule = activities.filter((a) => a.module === module);
  const kinds = unique(inModule, (a) => a.kind, (a) => a.kind_label);
  const inKind = inModule.filter((a) => a.kind === kind);
  const names = unique(inKind, (a) => a.name, (a) => a.name);
  const periods = inKind.filter((a) => a.name === name);
  const periodValue = period || (periods.length === 1 ? String(periods[0].id) : "");
  const chosen = periods.find((a) => String(a.id) === periodValue);

  function reset(level: "module" | "kind" | "name" | "period") {
    if (level === "module") setKind("");
    if (level === "module" || level === "kind") setName("");
    if (level !== "period") setPeriod("");
    setGroup("");
    setIncomplete(null);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FieldErrorItem[] = [];
    if (!childValue) found.push(requiredError(IDS.child, "Enfant"));
    if (!module) found.push(requiredError(IDS.module, "Service"));
    else if (!kind) found.push(requiredError(IDS.kind, "Type d'activité"));
    else if (!name) found.push(requiredError(IDS.name, "Activité"));
    else if (!chosen) found.push(requiredError(IDS.period, "Période"));
    else if (chosen.groups.length && !group) found.push(requiredError(IDS.group, "Groupe"));
    else if (!chosen.enrolment_open) {
      found.push({ fieldId: IDS.period, message: "Période : les inscriptions ne sont pas ouvertes.", fieldMessage: "Les inscriptions ne sont pas ouvertes." });
    }
    setErrors(found);
    setIncomplete(null);
    if (found.length || !chosen) return;
    mutation.mutate({ child: Number(childValue), activity: chosen.id, ...(chosen.groups.length ? { group: Number(group) } : {}) });
  }

  return (
    <form className="form" noValidate onSubmit={submit}>
      <RequiredFieldsNote />
      <ErrorSummary items={errors} />
      <div role="alert" className="outcome-region">
        {incomplete && (
          <div ref={outcomeRef} tabIndex={-1} className="notice notice--error">
            <p>
              <strong>{incomplete.message}</strong>
            </p>
            <ul>
              {incomplete.missing.map((item) => (
                <li key={item.code}>
                  <Link to={item.link}>{item.label}</Link>
                  {item.child_name ? ` (${item.child_name})` : ""}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <SelectField
        placeholder={CHOOSE}
        id={IDS.child}
        label="Enfant"
        required
        value={childValue}
        onChange={(value) => {
          setChild(value);
          setIncomplete(null);
        }}
        options={children.data.map((c) => ({ value: String(c.id), label: `${c.first_name} ${c.last_name}` }))}
        errors={messagesFor(errors, IDS.child)}
      />
      <SelectField
        placeholder={CHOOSE}
        id={IDS.module}
        label="Service"
        required
        value={module}
        onChange={(value) => {
          setModule(value);
          reset("module");
        }}
        options={modules}
        errors={messagesFor(errors, IDS.module)}
      />
      {module && (
        <SelectField
          placeholder={CHOOSE}
          id={IDS.kind}
          label="Type d'activité"
          required
          value={kind}
          onChange={(value) => {
            setKind(value);
            reset("kind");
          }}
          options={kinds}
          errors={messagesFor(errors, IDS.kind)}
        />
      )}
      {kind && (
        <SelectField
          placeholder={CHOOSE}
          id={IDS.name}
          label="Activité"
          required
          value={name}
          onChange={(value) => {
            setName(value);
            reset("name");
          }}
          options={names}
          errors={messagesFor(errors, IDS.name)}
        />
      )}
      {name && (
        <RadioGroupField
          id={IDS.period}
          label="Période"
          required
          value={periodValue}
          onChange={(value) => {
            setPeriod(value);
            reset("period");
          }}
          options={periods.map((a) => ({ value: String(a.id), label: periodLabel(a) }))}
          errors={messagesFor(errors, IDS.period)}
        />
      )}
      {chosen && <ActivityDetails activity={chosen} />}
      {chosen && chosen.groups.length > 0 && (
        <SelectField
          placeholder={CHOOSE}
          id={IDS.group}
          label="Groupe"
          required
          value={group}
          onChange={setGroup}
          options={chosen.groups.map((g) => ({ value: String(g.id), label: g.name }))}
          errors={messagesFor(errors, IDS.group)}
        />
      )}
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Envoyer la demande" busyLabel="Envoi de la demande en cours…" />
        <button type="button" className="button button--secondary" onClick={onClose}>
          Annuler
        </button>
      </div>
    </form>
  );
}

function ActivityDetails({ activity }: { activity: Activity }) {
  const ages =
    activity.min_age != null && activity.max_age != null
      ? `de ${activity.min_age} à ${activity.max_age} ans`
      : activity.min_age != null
        ? `à partir de ${activity.min_age} ans`
        : activity.max_age != null
          ? `jusqu'à ${activity.max_age} ans`
          : "";
  const opening =
    activity.enrolment_opens_on || activity.enrolment_closes_on
      ? [activity.enrolment_opens_on && `à partir du ${formatDate(activity.enrolment_opens_on)}`, activity.enrolment_closes_on && `jusqu'au ${formatDate(activity.enrolment_closes_on)}`]
          .filter(Boolean)
          .join(" ")
      : "";
  return (
    <section className="subcard activity-details" aria-label={`Détails : ${activity.name}`}>
      <dl className="definition-list">
        <div>
          <dt>Dates</dt>
          <dd>{formatPeriod(activity.start_date, activity.end_date)}</dd>
        </div>
        <div>
          <dt>Réservations</dt>
          <dd>{activity.booking_rule}</dd>
        </div>
        {activity.units.length > 0 && (
          <div>
            <dt>Prestations</dt>
            <dd>{activity.units.map(unitTitle).join(", ")}</dd>
          </div>
        )}
        {activity.place && (
          <div>
            <dt>Lieu</dt>
            <dd>{activity.place}</dd>
          </div>
        )}
        {ages && (
          <div>
            <dt>Âge</dt>
            <dd>{ages}</dd>
          </div>
        )}
        <div>
          <dt>Inscriptions</dt>
          <dd>
            {activity.enrolment_open ? "Ouvertes" : "Fermées"}
            {opening ? ` (${opening})` : ""}
            {activity.enrolment_validation === "auto" ? " · validées immédiatement" : " · soumises à validation par la structure"}
          </dd>
        </div>
      </dl>
      {activity.description && <p className="preserve-lines">{activity.description}</p>}
    </section>
  );
}
