import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { CheckboxField, InputField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { staffErrors } from "../../../../components/serverErrors";
import { SubmitButton } from "../../../../components/SubmitButton";
import { formatDateTime } from "../../../../format/dates";
import { StatusMessage } from "../../../../pages/staff/StaffUi";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { CRITERIA_LABELS, fetchCampaigns, saveCampaign, staysKeys, type Campaign, type Criterion } from "./api";
import { isoFromLocal, localInput } from "./stayForm";

const ALL_CRITERIA = Object.keys(CRITERIA_LABELS) as Criterion[];

/** Moves `criteria[index]` by `delta` (−1: up, +1: down). */
export function moveCriterion(criteria: Criterion[], index: number, delta: number): Criterion[] {
  const target = index + delta;
  if (target < 0 || target >= criteria.length) return criteria;
  const next = [...criteria];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

/** `/gestion/sejours/campagnes`: the wish campaigns, their window and priority rules. */
export function CampaignsPage() {
  usePageTitle("Campagnes de vœux");
  const query = useQuery({ queryKey: staysKeys.campaigns, queryFn: ({ signal }) => fetchCampaigns(signal) });
  const [editing, setEditing] = useState<Campaign | "new" | null>(null);
  const [status, setStatus] = useState("");
  function done(message = "") {
    setEditing(null);
    setStatus(message);
  }
  return (
    <section aria-labelledby="campagnes-titre" className="sejours-staff">
      <p>
        <Link to="/gestion/sejours">Retour aux séjours</Link>
      </p>
      <h1 id="campagnes-titre">Campagnes de vœux</h1>
      <StatusMessage message={status} />
      <QueryView query={query} loadingLabel="Chargement des campagnes…">
        {(campaigns) => (
          <>
            {campaigns.length === 0 ? (
              <p className="empty-state">Aucune campagne. Créez-en une pour recueillir les vœux des familles.</p>
            ) : (
              <ul className="sejours-campaigns" role="list">
                {campaigns.map((campaign) => (
                  <li key={campaign.id} className="card">
                    <h2>{campaign.label}</h2>
                    <p>
                      Vœux du {formatDateTime(campaign.opens_at)} au {formatDateTime(campaign.closes_at)} ·{" "}
                      {campaign.status === "published" ? "décisions publiées" : campaign.is_open ? "ouverte" : "fermée"}
                    </p>
                    <p>
                      {campaign.stays_count} séjour(s), {campaign.wishes_count} vœu(x) en cours, {campaign.max_wishes} vœu(x) par enfant.
                    </p>
                    <button type="button" className="button button--secondary" onClick={() => setEditing(campaign)} aria-label={`Modifier « ${campaign.label} »`}>
                      Modifier
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {editing === null ? (
              <button type="button" className="button button--primary" onClick={() => setEditing("new")}>
                Nouvelle campagne
              </button>
            ) : (
              <CampaignForm key={editing === "new" ? "new" : editing.id} campaign={editing === "new" ? null : editing} onDone={done} />
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

const IDS = {
  label: "campagne-intitule",
  season: "campagne-periode",
  opens_at: "campagne-ouverture",
  closes_at: "campagne-cloture",
  max_wishes: "campagne-voeux",
  max_stays_per_child: "campagne-sejours",
  criteria: "campagne-criteres",
};

function CampaignForm({ campaign, onDone }: { campaign: Campaign | null; onDone: (message?: string) => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    label: campaign?.label ?? "",
    season: campaign?.season ?? "",
    opens_at: localInput(campaign?.opens_at),
    closes_at: localInput(campaign?.closes_at),
    max_wishes: String(campaign?.max_wishes ?? 3),
    max_stays_per_child: String(campaign?.max_stays_per_child ?? 1),
    keep_on_better_waitlists: campaign?.keep_on_better_waitlists ?? true,
  });
  const [criteria, setCriteria] = useState<Criterion[]>(campaign?.criteria ?? ALL_CRITERIA);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const mutation = useMutation({
    mutationFn: () =>
      saveCampaign(campaign?.id ?? null, {
        label: values.label.trim(),
        season: values.season.trim(),
        opens_at: isoFromLocal(values.opens_at) ?? undefined,
        closes_at: isoFromLocal(values.closes_at) ?? undefined,
        max_wishes: Number(values.max_wishes),
        max_stays_per_child: Number(values.max_stays_per_child),
        criteria,
        keep_on_better_waitlists: values.keep_on_better_waitlists,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: staysKeys.campaigns });
      onDone("La campagne est enregistrée.");
    },
    onError: (error) => setErrors(staffErrors(error, IDS)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FormErrorItem[] = [];
    if (!values.label.trim()) found.push({ fieldId: IDS.label, message: "Donnez un intitulé à la campagne." });
    if (!values.opens_at) found.push({ fieldId: IDS.opens_at, message: "Indiquez l'ouverture des vœux." });
    if (!values.closes_at) found.push({ fieldId: IDS.closes_at, message: "Indiquez la clôture des vœux." });
    else if (values.opens_at && values.closes_at <= values.opens_at) found.push({ fieldId: IDS.closes_at, message: "La clôture des vœux suit leur ouverture." });
    const wishes = Number(values.max_wishes);
    if (!Number.isInteger(wishes) || wishes < 1 || wishes > 5) found.push({ fieldId: IDS.max_wishes, message: "Entre 1 et 5 vœux par enfant." });
    setErrors(found);
    if (!found.length && !mutation.isPending) mutation.mutate();
  }

  const set = (key: keyof typeof values) => (value: string | boolean) => setValues((v) => ({ ...v, [key]: value }));
  const unused = ALL_CRITERIA.filter((c) => !criteria.includes(c));
  return (
    <form className="form" noValidate onSubmit={submit} aria-labelledby="campagne-form-titre">
      <h2 id="campagne-form-titre">{campaign ? `Modifier « ${campaign.label} »` : "Nouvelle campagne"}</h2>
      <ErrorSummary items={errors} />
      <div className="form-grid form-grid--2">
        <InputField id={IDS.label} label="Intitulé" required value={values.label} onChange={set("label")} errors={fieldErrors(errors, IDS.label)} />
        <InputField id={IDS.season} label="Période" required hint="Par exemple « Été 2027 »." value={values.season} onChange={set("season")} errors={fieldErrors(errors, IDS.season)} />
        <InputField id={IDS.opens_at} label="Vœux à partir du" type="datetime-local" required value={values.opens_at} onChange={set("opens_at")} errors={fieldErrors(errors, IDS.opens_at)} />
        <InputField id={IDS.closes_at} label="Vœux jusqu'au" type="datetime-local" required value={values.closes_at} onChange={set("closes_at")} errors={fieldErrors(errors, IDS.closes_at)} />
        <InputField id={IDS.max_wishes} label="Nombre de vœux par enfant" type="number" min={1} max={5} value={values.max_wishes} onChange={set("max_wishes")} errors={fieldErrors(errors, IDS.max_wishes)} />
        <InputField
          id={IDS.max_stays_per_child}
          label="Séjours attribués au plus par enfant"
          type="number"
          min={1}
          max={5}
          value={values.max_stays_per_child}
          onChange={set("max_stays_per_child")}
          errors={fieldErrors(errors, IDS.max_stays_per_child)}
        />
      </div>
      <CheckboxField
        id="campagne-listes"
        label="Garder en liste d'attente des vœux mieux classés"
        hint="Un enfant placé sur son vœu 2 reste en attente sur son vœu 1."
        checked={values.keep_on_better_waitlists}
        onChange={set("keep_on_better_waitlists")}
      />
      <fieldset className="fieldset" id={IDS.criteria} tabIndex={-1}>
        <legend>Critères de priorité, dans l'ordre</legend>
        <p className="field__hint">Le premier critère départage d'abord ; les suivants départagent les égalités.</p>
        {fieldErrors(errors, IDS.criteria)?.map((m) => (
          <p key={m} className="field__error">
            {m}
          </p>
        ))}
        <ol className="sejours-criteria">
          {criteria.map((criterion, index) => (
            <li key={criterion}>
              <span>{CRITERIA_LABELS[criterion]}</span>
              <span className="sejours-criteria__buttons">
                <button type="button" className="button button--secondary button--small" disabled={index === 0} onClick={() => setCriteria(moveCriterion(criteria, index, -1))} aria-label={`Monter « ${CRITERIA_LABELS[criterion]} »`}>
                  Monter
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={index === criteria.length - 1}
                  onClick={() => setCriteria(moveCriterion(criteria, index, 1))}
                  aria-label={`Descendre « ${CRITERIA_LABELS[criterion]} »`}
                >
                  Descendre
                </button>
                <button type="button" className="button button--secondary button--small" onClick={() => setCriteria(criteria.filter((c) => c !== criterion))} aria-label={`Retirer « ${CRITERIA_LABELS[criterion]} »`}>
                  Retirer
                </button>
              </span>
            </li>
          ))}
        </ol>
        {unused.map((criterion) => (
          <button key={criterion} type="button" className="button button--secondary button--small" onClick={() => setCriteria([...criteria, criterion])}>
            Ajouter « {CRITERIA_LABELS[criterion]} »
          </button>
        ))}
      </fieldset>
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Enregistrer la campagne" busyLabel="Enregistrement…" />
        <button type="button" className="button button--secondary" onClick={() => onDone()}>
          Annuler
        </button>
      </div>
    </form>
  );
}
