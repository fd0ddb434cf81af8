import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { checkPassword } from "../../auth/passwordPolicy";
import { ErrorSummary } from "../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../components/formErrors";
import { InputField, SelectField } from "../../components/FormFields";
import { staffErrors } from "../../components/serverErrors";
import { SubmitButton } from "../../components/SubmitButton";
import { usePageTitle } from "../../theme/usePageTitle";
import { createFamily, fetchDossierOptions, staffKeys, type AccountMode, type FamilyCreate } from "./api";

interface ChildDraft {
  key: number;
  first_name: string;
  last_name: string;
  birth_date: string;
  sex: string;
}

const HOUSEHOLD = [
  { name: "address_line1", id: "foyer-adresse", label: "Adresse", required: true, autoComplete: "address-line1" },
  { name: "address_line2", id: "foyer-complement", label: "Complément d'adresse", required: false, autoComplete: "address-line2" },
  { name: "postal_code", id: "foyer-code-postal", label: "Code postal", required: true, autoComplete: "postal-code" },
  { name: "city", id: "foyer-ville", label: "Ville", required: true, autoComplete: "address-level2" },
  { name: "phone", id: "foyer-telephone", label: "Téléphone du domicile", required: false, autoComplete: "tel" },
] as const;

const GUARDIAN = [
  { name: "first_name", id: "resp-prenom", label: "Prénom", required: true, type: "text" },
  { name: "last_name", id: "resp-nom", label: "Nom", required: true, type: "text" },
  { name: "phone_mobile", id: "resp-portable", label: "Téléphone portable", required: false, type: "tel" },
  { name: "email", id: "resp-email", label: "E-mail", required: false, type: "email" },
] as const;

const ACCOUNT_CHOICES: Array<{ value: AccountMode; label: string; hint: string }> = [
  { value: "invitation", label: "Invitation par e-mail", hint: "Le responsable reçoit un lien pour choisir son mot de passe." },
  {
    value: "temporary_password",
    label: "Mot de passe provisoire",
    hint: "Vous le communiquez au responsable ; il devra le changer à sa première connexion.",
  },
  { value: "none", label: "Pas de compte", hint: "Dossier géré par la structure seulement (compte créé plus tard)." },
];

const PASSWORD_ID = "mot-de-passe-provisoire";

/** Create a family: household, main guardian, their account, children. */
export function FamilyCreatePage() {
  usePageTitle("Créer une famille");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const options = useQuery({ queryKey: staffKeys.options, queryFn: ({ signal }) => fetchDossierOptions(signal), staleTime: 5 * 60 * 1000 });

  const [household, setHousehold] = useState<Record<string, string>>({});
  const [guardian, setGuardian] = useState<Record<string, string>>({ civility: "" });
  const [account, setAccount] = useState<AccountMode>("invitation");
  const [password, setPassword] = useState("");
  const [children, setChildren] = useState<ChildDraft[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);

  const params: Record<string, string> = { temporary_password: PASSWORD_ID, account: "compte-invitation", "guardian.civility": "resp-civilite" };
  HOUSEHOLD.forEach((f) => (params[`household.${f.name}`] = f.id));
  GUARDIAN.forEach((f) => (params[`guardian.${f.name}`] = f.id));
  children.forEach((child, index) => {
    for (const name of ["first_name", "last_name", "birth_date", "sex"]) params[`children.${index}.${name}`] = `enfant-${child.key}-${name}`;
  });

  const mutation = useMutation({
    mutationFn: createFamily,
    onSuccess: (family) => {
      void queryClient.invalidateQueries({ queryKey: staffKeys.all });
      const how =
        account === "invitation"
          ? " Une invitation a été envoyée par e-mail."
          : account === "temporary_password"
            ? " Communiquez le mot de passe provisoire au responsable."
            : "";
      void navigate(`/gestion/familles/${family.id}`, { state: { flash: `La famille ${family.name} (n° ${family.number}) est créée.${how}` } });
    },
    onError: (error) => setErrors(staffErrors(error, params)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FormErrorItem[] = [];
    for (const f of HOUSEHOLD) if (f.required && !household[f.name]?.trim()) found.push({ fieldId: f.id, message: `Saisissez : ${f.label.toLowerCase()} du foyer.` });
    for (const f of GUARDIAN) if (f.required && !guardian[f.name]?.trim()) found.push({ fieldId: f.id, message: `Saisissez le ${f.label.toLowerCase()} du responsable.` });
    if (account !== "none" && !guardian.email?.trim())
      found.push({ fieldId: "resp-email", message: "Saisissez l'e-mail du responsable : il sert d'identifiant de connexion." });
    if (account === "temporary_password") {
      const unmet = checkPassword(password).filter((r) => !r.met);
      if (unmet.length) found.push({ fieldId: PASSWORD_ID, message: `Le mot de passe provisoire doit contenir : ${unmet.map((r) => r.label).join(", ")}.` });
    }
    children.forEach((child, index) => {
      const n = index + 1;
      if (!child.first_name.trim()) found.push({ fieldId: `enfant-${child.key}-first_name`, message: `Saisissez le prénom de l'enfant ${n}.` });
      if (!child.last_name.trim()) found.push({ fieldId: `enfant-${child.key}-last_name`, message: `Saisissez le nom de l'enfant ${n}.` });
      if (!child.birth_date) found.push({ fieldId: `enfant-${child.key}-birth_date`, message: `Saisissez la date de naissance de l'enfant ${n}.` });
    });
    setErrors(found);
    if (found.length) return;

    const body: FamilyCreate = {
      household: Object.fromEntries(Object.entries(household).map(([k, v]) => [k, v.trim()])),
      guardian: {
        ...Object.fromEntries(Object.entries(guardian).map(([k, v]) => [k, v.trim()])),
        first_name: guardian.first_name.trim(),
        last_name: guardian.last_name.trim(),
      } as FamilyCreate["guardian"],
      account,
      children: children.map((c) => ({
        first_name: c.first_name.trim(),
        last_name: c.last_name.trim(),
        birth_date: c.birth_date,
        sex: c.sex as NonNullable<FamilyCreate["children"]>[number]["sex"],
      })),
    };
    if (account === "temporary_password") body.temporary_password = password;
    mutation.mutate(body);
  }

  const updateChild = (key: number, name: keyof ChildDraft, value: string) =>
    setChildren((list) => list.map((c) => (c.key === key ? { ...c, [name]: value } : c)));

  const civilities = options.data?.civilities ?? [
    { value: "mme", label: "Madame" },
    { value: "m", label: "Monsieur" },
  ];
  const sexes = options.data?.sexes ?? [
    { value: "F", label: "Fille" },
    { value: "M", label: "Garçon" },
  ];

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion/familles">Familles</Link>
      </p>
      <h1>Créer une famille</h1>
      <p className="lead">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={submit}>
        <fieldset className="fieldset">
          <legend>Foyer</legend>
          <div className="form-grid form-grid--2">
            {HOUSEHOLD.map((f) => (
              <InputField
                key={f.id}
                id={f.id}
                label={f.required ? `${f.label} *` : f.label}
                required={f.required} requiredMark={false}
                autoComplete={f.autoComplete}
                inputMode={f.name === "postal_code" ? "numeric" : undefined}
                value={household[f.name] ?? ""}
                onChange={(value) => setHousehold((h) => ({ ...h, [f.name]: value }))}
                errors={fieldErrors(errors, f.id)}
              />
            ))}
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>Responsable principal</legend>
          <div className="form-grid form-grid--2">
            <SelectField
              id="resp-civilite"
              label="Civilité"
              value={guardian.civility ?? ""}
              onChange={(value) => setGuardian((g) => ({ ...g, civility: value }))}
              options={[{ value: "", label: "Non précisée" }, ...civilities]}
              errors={fieldErrors(errors, "resp-civilite")}
            />
            {GUARDIAN.map((f) => (
              <InputField
                key={f.id}
                id={f.id}
                type={f.type}
                label={f.required || (f.name === "email" && account !== "none") ? `${f.label} *` : f.label}
                required={f.required} requiredMark={false}
                value={guardian[f.name] ?? ""}
                onChange={(value) => setGuardian((g) => ({ ...g, [f.name]: value }))}
                errors={fieldErrors(errors, f.id)}
                hint={f.name === "email" ? "Identifiant de connexion du responsable." : undefined}
              />
            ))}
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>Compte de connexion du responsable</legend>
          {ACCOUNT_CHOICES.map((choice) => (
            <div className="checkbox-field" key={choice.value}>
              <input
                type="radio"
                id={`compte-${choice.value}`}
                name="compte"
                value={choice.value}
                checked={account === choice.value}
                onChange={() => setAccount(choice.value)}
                aria-describedby={`compte-${choice.value}-aide`}
              />
              <label htmlFor={`compte-${choice.value}`}>{choice.label}</label>
              <p id={`compte-${choice.value}-aide`} className="field__hint checkbox-field__hint">
                {choice.hint}
              </p>
            </div>
          ))}
          {account === "temporary_password" && (
            <InputField
              id={PASSWORD_ID}
              label="Mot de passe provisoire *"
              type="text"
              autoComplete="off"
              spellCheck={false}
              required requiredMark={false}
              value={password}
              onChange={setPassword}
              hint="8 caractères minimum, avec une majuscule, une minuscule et un chiffre."
              errors={fieldErrors(errors, PASSWORD_ID)}
            />
          )}
        </fieldset>

        <fieldset className="fieldset">
          <legend>Enfants</legend>
          {children.length === 0 && <p>Aucun enfant ajouté. Vous pourrez aussi les ajouter plus tard.</p>}
          {children.map((child, index) => (
            <fieldset className="fieldset" key={child.key}>
              <legend>Enfant {index + 1}</legend>
              <div className="form-grid form-grid--2">
                <InputField
                  id={`enfant-${child.key}-first_name`}
                  label="Prénom *"
                  required requiredMark={false}
                  value={child.first_name}
                  onChange={(v) => updateChild(child.key, "first_name", v)}
                  errors={fieldErrors(errors, `enfant-${child.key}-first_name`)}
                />
                <InputField
                  id={`enfant-${child.key}-last_name`}
                  label="Nom *"
                  required requiredMark={false}
                  value={child.last_name}
                  onChange={(v) => updateChild(child.key, "last_name", v)}
                  errors={fieldErrors(errors, `enfant-${child.key}-last_name`)}
                />
                <InputField
                  id={`enfant-${child.key}-birth_date`}
                  label="Date de naissance *"
                  type="date"
                  required requiredMark={false}
                  value={child.birth_date}
                  onChange={(v) => updateChild(child.key, "birth_date", v)}
                  errors={fieldErrors(errors, `enfant-${child.key}-birth_date`)}
                />
                <SelectField
                  id={`enfant-${child.key}-sex`}
                  label="Sexe"
                  value={child.sex}
                  onChange={(v) => updateChild(child.key, "sex", v)}
                  options={[{ value: "", label: "Non précisé" }, ...sexes]}
                  errors={fieldErrors(errors, `enfant-${child.key}-sex`)}
                />
              </div>
              <div className="button-row">
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setChildren((list) => list.filter((c) => c.key !== child.key));
                    document.getElementById("ajouter-enfant")?.focus();
                  }}
                >
                  Retirer l'enfant {index + 1}
                </button>
              </div>
            </fieldset>
          ))}
          <div className="button-row">
            <button
              type="button"
              id="ajouter-enfant"
              className="button button--secondary"
              onClick={() => {
                const key = nextKey;
                setNextKey(key + 1);
                setChildren((list) => [...list, { key, first_name: "", last_name: guardian.last_name ?? "", birth_date: "", sex: "" }]);
                requestAnimationFrame(() => document.getElementById(`enfant-${key}-first_name`)?.focus());
              }}
            >
              Ajouter un enfant
            </button>
          </div>
        </fieldset>

        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Créer la famille" busyLabel="Création en cours…" />
          <Link to="/gestion/familles" className="button button--secondary">
            Annuler
          </Link>
        </div>
      </form>
    </>
  );
}
