import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { InputField, RadioGroupField, RequiredFieldsNote, SelectField, TextAreaField } from "../../../components/FormFields";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDate } from "../../../format/dates";
import { Breadcrumb } from "../../../pages/family/components/Breadcrumb";
import { PageError, PageLoading } from "../../../pages/family/components/PageStates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { createRequest, requestKeys, useRequestOptions, type Care, type RequestOptions, type ScheduleDay } from "./api";
import { ScheduleEditor } from "./ScheduleEditor";

const EXPECTED = "expected";
const IDS = {
  child: "demande-enfant",
  expectedName: "demande-prenom-prevu",
  dueDate: "demande-naissance-prevue",
  start: "demande-entree",
  care: "demande-accueil",
  choice: (n: number) => `demande-choix-${n}`,
  schedule: "demande-planning",
  comment: "demande-commentaire",
};
const PATHS: Record<string, string> = {
  child: IDS.child,
  expected_first_name: IDS.expectedName,
  due_date: IDS.dueDate,
  desired_start: IDS.start,
  care: IDS.care,
  establishments: IDS.choice(1),
  schedule: IDS.schedule,
  comment: IDS.comment,
};
const LABELS: Record<string, string> = {
  child: "Enfant",
  expected_first_name: "Prénom prévu",
  due_date: "Naissance prévue le",
  desired_start: "Entrée souhaitée le",
  care: "Type d'accueil",
  establishments: "Établissements",
  schedule: "Planning souhaité",
  comment: "Commentaire",
};

function RequestForm({ options }: { options: RequestOptions }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [child, setChild] = useState(options.children.length ? "" : EXPECTED);
  const [expectedName, setExpectedName] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [start, setStart] = useState("");
  const [care, setCare] = useState<Care>("regular");
  const [choices, setChoices] = useState<string[]>(Array.from({ length: options.max_choices }, () => ""));
  const [schedule, setSchedule] = useState<ScheduleDay[]>([]);
  const [alternating, setAlternating] = useState(false);
  const [comment, setComment] = useState("");
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [busy, setBusy] = useState(false);

  const childOptions = [
    ...options.children.map((c) => ({ value: String(c.id), label: `${c.first_name} ${c.last_name} (né·e le ${formatDate(c.birth_date)})` })),
    { value: EXPECTED, label: "Un enfant à naître" },
  ];

  function check(): FieldErrorItem[] {
    const found: FieldErrorItem[] = [];
    if (!child) found.push(requiredError(IDS.child, LABELS.child, "Choisissez l'enfant, ou « Un enfant à naître »."));
    if (child === EXPECTED && !dueDate) found.push(requiredError(IDS.dueDate, LABELS.due_date));
    if (!start) found.push(requiredError(IDS.start, LABELS.desired_start));
    if (!choices[0]) found.push(requiredError(IDS.choice(1), "Premier choix", "Choisissez au moins un établissement."));
    if (!schedule.length) found.push(requiredError(IDS.schedule, LABELS.schedule, "Indiquez au moins un jour d'accueil."));
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = check();
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      const created = await createRequest({
        ...(child === EXPECTED ? { child: null, expected_first_name: expectedName.trim(), due_date: dueDate } : { child: Number(child) }),
        desired_start: start,
        care,
        schedule,
        alternating,
        establishments: choices.filter(Boolean).map(Number),
        comment: comment.trim(),
      });
      await queryClient.invalidateQueries({ queryKey: requestKeys.all });
      void navigate(`/creche/demandes/${created.id}`, { state: { message: "Votre demande de place est envoyée. Un e-mail vous le confirme." } });
    } catch (caught) {
      setErrors(mapApiError(caught, { idFor: (path) => PATHS[path.split(".")[0]], labelFor: (path) => LABELS[path.split(".")[0]] }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="creche-request-form">
      <ErrorSummary items={errors} />
      <RequiredFieldsNote />
      <RadioGroupField id={IDS.child} label="Pour quel enfant ?" required value={child} onChange={setChild} options={childOptions} errors={messagesFor(errors, IDS.child)} />
      {child === EXPECTED && (
        <>
          <InputField id={IDS.expectedName} label="Prénom prévu" hint="Facultatif." value={expectedName} onChange={setExpectedName} errors={messagesFor(errors, IDS.expectedName)} />
          <InputField
            id={IDS.dueDate}
            label="Naissance prévue le"
            type="date"
            required
            min={options.today}
            value={dueDate}
            onChange={setDueDate}
            errors={messagesFor(errors, IDS.dueDate)}
          />
        </>
      )}
      <InputField
        id={IDS.start}
        label="Entrée souhaitée le"
        type="date"
        required
        min={options.today}
        value={start}
        onChange={setStart}
        errors={messagesFor(errors, IDS.start)}
      />
      <RadioGroupField
        id={IDS.care}
        label="Type d'accueil"
        required
        value={care}
        onChange={(value) => setCare(value as Care)}
        options={[
          { value: "regular", label: "Accueil régulier (un contrat, les mêmes jours chaque semaine)" },
          { value: "occasional", label: "Accueil occasionnel (quelques heures ou demi-journées)" },
        ]}
        errors={messagesFor(errors, IDS.care)}
      />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Établissements, par ordre de préférence</legend>
        <p className="field__hint">De 1 à {options.max_choices} établissements. La commission peut aussi vous proposer une place ailleurs.</p>
        {choices.map((value, index) => (
          <SelectField
            key={index}
            id={IDS.choice(index + 1)}
            label={index === 0 ? "Premier choix" : `Choix n° ${index + 1} (facultatif)`}
            required={index === 0}
            value={value}
            placeholder={index === 0 ? "Choisir un établissement" : "Aucun"}
            onChange={(next) => setChoices(choices.map((c, i) => (i === index ? next : c)))}
            options={options.establishments.map((e) => ({
              value: String(e.id),
              label: `${e.name} (${e.kind_label}, jusqu'à ${e.max_age_months} mois)`,
              disabled: choices.some((c, i) => i !== index && c === String(e.id)),
            }))}
            errors={index === 0 ? messagesFor(errors, IDS.choice(1)) : undefined}
          />
        ))}
      </fieldset>
      <ScheduleEditor
        legend="Planning souhaité"
        firstId={IDS.schedule}
        value={schedule}
        alternating={alternating}
        onChange={(days, alt) => {
          setSchedule(days);
          setAlternating(alt);
        }}
        errors={messagesFor(errors, IDS.schedule)}
      />
      <TextAreaField id={IDS.comment} label="Commentaire" hint="Facultatif : ce que la commission doit savoir." value={comment} onChange={setComment} maxLength={2000} errors={messagesFor(errors, IDS.comment)} />
      <SubmitButton busy={busy} label="Envoyer la demande" busyLabel="Envoi de la demande…" />
    </form>
  );
}

/** /creche/demandes/nouvelle — request a place in the structure's crèches. */
export function NewRequestPage() {
  usePageTitle("Demander une place en crèche");
  const options = useRequestOptions();
  return (
    <>
      <Breadcrumb trail={[{ label: "Demandes de place", path: "/creche/demandes" }, { label: "Nouvelle demande" }]} />
      <h1>Demander une place en crèche</h1>
      {options.isPending ? (
        <PageLoading label="Chargement du formulaire…" />
      ) : options.isError ? (
        <PageError error={options.error} onRetry={() => void options.refetch()} />
      ) : options.data.establishments.length === 0 ? (
        <p>Aucun établissement ne prend de demandes pour le moment.</p>
      ) : (
        <RequestForm options={options.data} />
      )}
    </>
  );
}
