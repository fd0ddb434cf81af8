import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { CheckboxField, InputField, RequiredFieldsNote, SelectField, TextAreaField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { staffErrors } from "../../../../components/serverErrors";
import { SubmitButton } from "../../../../components/SubmitButton";
import { StatusMessage } from "../../../../pages/staff/StaffUi";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { createStay, fetchCampaigns, fetchChildDocumentTypes, fetchSchoolLevels, fetchStay, PRICE_LABELS, staysKeys, updateStay, type PriceMethod, type Stay } from "./api";
import { BracketsEditor, ScaleEditor, TransportsEditor } from "./editors";
import { MediaSection } from "./MediaSection";
import { toForm, toInput, type StayForm } from "./stayForm";

/** Server field → input id (the services answer on these fields). */
const IDS: Record<string, string> = {
  name: "sejour-nom",
  theme: "sejour-theme",
  destination: "sejour-destination",
  country: "sejour-pays",
  campaign: "sejour-campagne",
  start_date: "sejour-debut",
  end_date: "sejour-fin",
  min_age: "sejour-age-min",
  max_age: "sejour-age-max",
  capacity: "sejour-places",
  price_method: "sejour-tarif",
  price_amount: "sejour-prix",
  price_amount_exterior: "sejour-prix-ext",
  price_brackets: "sejour-tranches",
  deposit_amount: "sejour-acompte",
  deposit_percent: "sejour-acompte",
  balance_days_before: "sejour-solde",
  cancellation_scale: "sejour-bareme",
  transports: "sejour-transports",
  document_types: "sejour-documents",
};

/** Nested DRF paths ("transports.0.meeting_at") go to their editor. */
const NESTED: Record<string, string[]> = {
  transports: ["city", "supplement", "meeting_place", "meeting_at", "return_at"],
  price_brackets: ["qf_min", "qf_max", "amount", "amount_exterior"],
  cancellation_scale: ["days_min", "percent", "deposit"],
};
const PARAMS: Record<string, string> = { ...IDS };
for (const [list, fields] of Object.entries(NESTED))
  for (let row = 0; row < 20; row += 1) for (const field of fields) PARAMS[`${list}.${row}.${field}`] = IDS[list];

/** `/gestion/sejours/nouveau` and `/gestion/sejours/:stayId`: the stay form, in sections. */
export function StayEditPage() {
  const { stayId } = useParams();
  const id = stayId && /^\d+$/.test(stayId) ? Number(stayId) : null;
  usePageTitle(id === null ? "Nouveau séjour" : "Modifier le séjour");
  const query = useQuery({ queryKey: staysKeys.stay(id ?? 0), queryFn: ({ signal }) => fetchStay(id ?? 0, signal), enabled: id !== null });
  return (
    <section aria-labelledby="sejour-titre" className="sejours-staff">
      <p>
        <Link to="/gestion/sejours">Retour aux séjours</Link>
      </p>
      {id === null ? (
        <>
          <h1 id="sejour-titre">Nouveau séjour</h1>
          <StayFormView />
        </>
      ) : (
        <QueryView query={query} loadingLabel="Chargement du séjour…">
          {(stay) => (
            <>
              <h1 id="sejour-titre">{stay.name}</h1>
              <p className="sejours-staff__links">
                <Link to={`/gestion/sejours/${stay.id}/suivi`}>Suivi du séjour</Link>
              </p>
              <StayFormView key={stay.id} stay={stay} />
              <MediaSection stay={stay} />
            </>
          )}
        </QueryView>
      )}
    </section>
  );
}

function StayFormView({ stay }: { stay?: Stay }) {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<StayForm>(() => toForm(stay));
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState<string>((location.state as { flash?: string } | null)?.flash ?? "");
  const campaigns = useQuery({ queryKey: staysKeys.campaigns, queryFn: ({ signal }) => fetchCampaigns(signal) });
  const documents = useQuery({ queryKey: staysKeys.documentTypes, queryFn: ({ signal }) => fetchChildDocumentTypes(signal) });
  const levels = useQuery({ queryKey: staysKeys.schoolLevels, queryFn: ({ signal }) => fetchSchoolLevels(signal) });
  const set =
    <K extends keyof StayForm>(key: K) =>
    (value: StayForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const mutation = useMutation({
    mutationFn: () => (stay ? updateStay(stay.id, toInput(form)) : createStay(toInput(form))),
    onSuccess: (saved) => {
      setErrors([]);
      queryClient.setQueryData(staysKeys.stay(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ["sejours", "staff", "stays"] });
      if (!stay) void navigate(`/gestion/sejours/${saved.id}`, { state: { flash: "Le séjour est créé. Ajoutez ses photos et sa brochure." } });
      else setStatus("Le séjour est enregistré.");
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error, PARAMS));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FormErrorItem[] = [];
    if (!form.name.trim()) found.push({ fieldId: IDS.name, message: "Donnez un nom au séjour." });
    if (!form.start_date) found.push({ fieldId: IDS.start_date, message: "Indiquez la date de départ." });
    if (!form.end_date) found.push({ fieldId: IDS.end_date, message: "Indiquez la date de retour." });
    else if (form.start_date && form.end_date < form.start_date) found.push({ fieldId: IDS.end_date, message: "Le retour ne peut pas précéder le départ." });
    if (!(Number(form.capacity) >= 1)) found.push({ fieldId: IDS.capacity, message: "Un séjour a au moins une place." });
    setErrors(found);
    setStatus("");
    if (!found.length) mutation.mutate();
  }

  const err = (key: string) => fieldErrors(errors, IDS[key]);
  const money = { inputMode: "decimal" as const };
  return (
    <>
      <StatusMessage message={status} />
      <ErrorSummary items={errors} />
      <form className="form sejours-form" noValidate onSubmit={submit}>
        <RequiredFieldsNote />
        <fieldset className="fieldset">
          <legend>Le séjour</legend>
          <InputField id={IDS.name} label="Nom" required value={form.name} onChange={set("name")} errors={err("name")} maxLength={150} />
          <div className="form-grid form-grid--2">
            <InputField id={IDS.theme} label="Thème" required value={form.theme} onChange={set("theme")} errors={err("theme")} hint="Montagne, mer, équitation…" />
            <InputField id={IDS.destination} label="Destination" required value={form.destination} onChange={set("destination")} errors={err("destination")} />
            <InputField id={IDS.country} label="Pays" value={form.country} onChange={set("country")} errors={err("country")} hint="Hors de France : pensez à l'autorisation de sortie du territoire." />
            <InputField id="sejour-lieu" label="Hébergement" value={form.place} onChange={set("place")} />
          </div>
          <TextAreaField id="sejour-description" label="Présentation" rows={4} value={form.description} onChange={set("description")} />
          <CheckboxField id="sejour-nautique" label="Activités nautiques" hint="Le test d'aisance aquatique est alors à demander (Pièces à fournir)." checked={form.nautical} onChange={set("nautical")} />
          <CheckboxField id="sejour-publie" label="Visible dans le catalogue des familles" checked={form.published} onChange={set("published")} />
        </fieldset>

        <fieldset className="fieldset">
          <legend>Dates, âges et places</legend>
          <div className="form-grid form-grid--2">
            <InputField id={IDS.start_date} label="Départ" type="date" required value={form.start_date} onChange={set("start_date")} errors={err("start_date")} />
            <InputField id={IDS.end_date} label="Retour" type="date" required value={form.end_date} onChange={set("end_date")} errors={err("end_date")} />
            <InputField id={IDS.min_age} label="Âge minimum (au départ)" type="number" min={0} value={form.min_age} onChange={set("min_age")} errors={err("min_age")} />
            <InputField id={IDS.max_age} label="Âge maximum (au départ)" type="number" min={0} value={form.max_age} onChange={set("max_age")} errors={err("max_age")} />
            <InputField id={IDS.capacity} label="Places" type="number" min={1} required value={form.capacity} onChange={set("capacity")} errors={err("capacity")} hint="Jamais moins que les places déjà attribuées." />
            <SelectField
              id={IDS.campaign}
              label="Campagne de vœux"
              value={form.campaign}
              onChange={set("campaign")}
              placeholder="Aucune : réservation directe"
              options={(campaigns.data ?? []).map((c) => ({ value: String(c.id), label: c.label }))}
              errors={err("campaign")}
            />
          </div>
          {(levels.data ?? []).length > 0 && (
            <fieldset className="fieldset sejours-levels">
              <legend>Classes admises</legend>
              <p className="field__hint">Aucune cochée : toutes les classes, selon l'âge seulement.</p>
              {(levels.data ?? []).map((level) => (
                <CheckboxField
                  key={level.id}
                  id={`sejour-classe-${level.id}`}
                  label={level.label}
                  checked={form.school_levels.includes(level.id)}
                  onChange={(checked) => set("school_levels")(checked ? [...form.school_levels, level.id] : form.school_levels.filter((l) => l !== level.id))}
                />
              ))}
            </fieldset>
          )}
        </fieldset>

        <fieldset className="fieldset">
          <legend>Prix, acompte et solde</legend>
          <SelectField
            id={IDS.price_method}
            label="Tarification"
            value={form.price_method}
            onChange={(v) => set("price_method")(v as PriceMethod)}
            options={(Object.entries(PRICE_LABELS) as Array<[PriceMethod, string]>).map(([value, label]) => ({ value, label }))}
          />
          {form.price_method === "quotient" ? (
            <BracketsEditor rows={form.brackets} onChange={set("brackets")} errors={err("price_brackets")} />
          ) : (
            <div className="form-grid form-grid--2">
              <InputField id={IDS.price_amount} label={form.price_method === "per_day" ? "Prix par jour (€)" : "Prix du séjour (€)"} required {...money} value={form.price_amount} onChange={set("price_amount")} errors={err("price_amount")} />
              <InputField id={IDS.price_amount_exterior} label="Prix pour les familles extérieures (€)" {...money} value={form.price_amount_exterior} onChange={set("price_amount_exterior")} errors={err("price_amount_exterior")} hint="Vide : le même prix." />
            </div>
          )}
          <div className="form-grid form-grid--2">
            <SelectField
              id="sejour-acompte-type"
              label="Acompte"
              value={form.deposit_kind}
              onChange={(v) => set("deposit_kind")(v as StayForm["deposit_kind"])}
              options={[
                { value: "percent", label: "Un pourcentage du prix" },
                { value: "amount", label: "Un montant fixe" },
              ]}
            />
            <InputField id={IDS.deposit_amount} label={form.deposit_kind === "percent" ? "Acompte (%)" : "Acompte (€)"} {...money} value={form.deposit_value} onChange={set("deposit_value")} errors={fieldErrors(errors, IDS.deposit_amount)} />
            <InputField id={IDS.balance_days_before} label="Solde facturé (jours avant le départ)" type="number" min={0} value={form.balance_days_before} onChange={set("balance_days_before")} errors={err("balance_days_before")} />
          </div>
          <ScaleEditor rows={form.scale} onChange={set("scale")} errors={err("cancellation_scale")} />
        </fieldset>

        <TransportsEditor rows={form.transports} onChange={set("transports")} errors={err("transports")} />

        <fieldset className="fieldset" id={IDS.document_types} tabIndex={-1}>
          <legend>Pièces à fournir pour ce séjour</legend>
          <p className="field__hint">En plus des pièces demandées à toutes les familles : test d'aisance aquatique, autorisation de sortie du territoire, pièce d'identité…</p>
          {documents.isError ? (
            <p className="notice notice--error">Les types de documents n'ont pas pu être chargés.</p>
          ) : (
            (documents.data ?? []).map((type) => (
              <CheckboxField
                key={type.id}
                id={`sejour-document-${type.id}`}
                label={type.name}
                checked={form.document_types.includes(type.id)}
                onChange={(checked) => set("document_types")(checked ? [...form.document_types, type.id] : form.document_types.filter((d) => d !== type.id))}
              />
            ))
          )}
        </fieldset>

        <fieldset className="fieldset">
          <legend>Trousseau et informations pratiques</legend>
          <TextAreaField id="sejour-trousseau" label="Trousseau" rows={5} value={form.trousseau} onChange={set("trousseau")} />
          <TextAreaField id="sejour-infos" label="Informations pratiques" rows={5} value={form.practical_info} onChange={set("practical_info")} hint="Courrier, argent de poche, téléphone, nouvelles du séjour…" />
        </fieldset>

        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label={stay ? "Enregistrer" : "Créer le séjour"} busyLabel="Enregistrement…" />
        </div>
      </form>
    </>
  );
}
