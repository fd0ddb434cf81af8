import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useMutation } from "@tanstack/react-query";
import { Link } from "react-router";
import { ApiError, apiFetch } from "../../api/client";
import {
  URLS,
  useDossierOptions,
  type DossierOptions,
  type SignupChild,
  type SignupGuardian,
  type SignupHousehold,
  type SignupRequest,
  type SignupResult,
} from "../../api/family";
import { useStructure } from "../../api/StructureContext";
import { usePasswordCheck } from "../../auth/usePasswordCheck";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../components/apiErrors";
import { ErrorSummary } from "../../components/ErrorSummary";
import { CheckboxField, InputField, RequiredFieldsNote, SelectField, CHOOSE } from "../../components/FormFields";
import { PasswordChecklist } from "../../components/PasswordChecklist";
import { PasswordField } from "../../components/PasswordField";
import { StepIndicator } from "../../components/StepIndicator";
import { SubmitButton } from "../../components/SubmitButton";
import { usePageTitle } from "../../theme/usePageTitle";
import {
  checkRequired,
  displayValue,
  DossierFields,
  fieldId,
  fieldState,
  fromFormValue,
  toFormValues,
  type DossierFieldDef,
  type FormValues,
} from "./components/DossierForm";
import {
  childIdentityDefs,
  childSchoolDefs,
  choiceOptions,
  guardianContactDefs,
  guardianIdentityDefs,
  householdAddressDefs,
  householdCafDefs,
  householdSituationDefs,
} from "./fieldDefs";

export const SIGNUP_STEPS = ["Identité", "Coordonnées", "Adresse", "Foyer", "Enfants", "Récapitulatif"] as const;
const RECAP = SIGNUP_STEPS.length - 1;

export const EMAIL_ID = "inscription-courriel";
export const PASSWORD_ID = "inscription-mot-de-passe";
export const CONFIRMATION_ID = "inscription-confirmation";
const RELATION_ID = "guardian-relation";
const SECOND_RELATION_ID = "second-relation";
const SECOND_TOGGLE_ID = "second-responsable";

interface Definitions {
  identity: DossierFieldDef[];
  contact: DossierFieldDef[];
  address: DossierFieldDef[];
  household: DossierFieldDef[];
  second: DossierFieldDef[];
  child: DossierFieldDef[];
}

function definitions(options: DossierOptions | undefined): Definitions {
  const identity = guardianIdentityDefs(options);
  return {
    identity,
    contact: guardianContactDefs(),
    address: householdAddressDefs(),
    household: [...householdSituationDefs(options), ...householdCafDefs(options)],
    second: [...identity, guardianContactDefs()[0]],
    child: [...childIdentityDefs(options), ...childSchoolDefs(options)],
  };
}

/** The visible fields as the API wants them (hidden ones are not sent). */
function collect(defs: readonly DossierFieldDef[], values: FormValues, options: DossierOptions | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    if (!fieldState(def, options, true).visible) continue;
    if (def.showIf && !def.showIf(values)) continue;
    out[def.name] = fromFormValue(def, values[def.name] ?? "");
  }
  return out;
}

function SignupClosed() {
  return (
    <>
      <h1>Créer un compte</h1>
      <p className="notice notice--info">
        La création de compte en ligne n'est pas ouverte : contactez la structure pour obtenir vos identifiants.
      </p>
      <p className="form-footer">
        <Link to="/connexion">Retour à la connexion</Link>
      </p>
    </>
  );
}

/** Online sign-up in 5 steps and a recap (public). */
export function SignupPage() {
  const optionsQuery = useDossierOptions();
  const options = optionsQuery.data;
  if (optionsQuery.isPending) {
    return (
      <p role="status">
        <span className="spinner" aria-hidden="true" /> Chargement…
      </p>
    );
  }
  if (!options) {
    return (
      <div role="alert">
        <h1>Créer un compte</h1>
        <p>Le formulaire n'a pas pu être chargé. Rechargez la page pour réessayer.</p>
      </div>
    );
  }
  if (!options.signup_enabled) return <SignupClosed />;
  return <SignupWizard options={options} />;
}

function SignupWizard({ options }: { options: DossierOptions }) {
  const structure = useStructure();
  const defs = definitions(options);
  const [step, setStep] = useState(0);
  usePageTitle(`Créer un compte — étape ${step + 1} sur ${SIGNUP_STEPS.length} : ${SIGNUP_STEPS[step]}`);

  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [guardian, setGuardian] = useState<FormValues>(() => ({
    ...toFormValues([...defs.identity, ...defs.contact], {}),
    relation: "",
  }));
  const [household, setHousehold] = useState<FormValues>(() => toFormValues([...defs.address, ...defs.household], {}));
  const [hasSecond, setHasSecond] = useState(false);
  const [second, setSecond] = useState<FormValues>(() => ({ ...toFormValues(defs.second, {}), relation: "" }));
  const [children, setChildren] = useState<FormValues[]>([]);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [done, setDone] = useState<SignupResult | null>(null);
  const [checking, setChecking] = useState(false);
  // The server's password rules, the similarity one with the name and e-mail typed here
  // (what the sign-up itself compares).
  const text = (value: string | boolean | undefined) => (typeof value === "string" ? value : "");
  const passwordCheck = usePasswordCheck(password, {
    email,
    first_name: text(guardian.first_name),
    last_name: text(guardian.last_name),
  });

  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step, done]);

  const relations = choiceOptions(options.relations);

  // --- payloads ---
  const guardianPayload = (): SignupGuardian =>
    ({
      ...collect([...defs.identity, ...defs.contact], guardian, options),
      relation: guardian.relation || "other",
    }) as SignupGuardian;
  const householdPayload = (part: "address" | "all"): SignupHousehold =>
    collect(part === "address" ? defs.address : [...defs.address, ...defs.household], household, options) as SignupHousehold;
  const secondPayload = (): SignupGuardian =>
    ({ ...collect(defs.second, second, options), relation: second.relation || "other" }) as SignupGuardian;
  const childrenPayload = (): SignupChild[] => children.map((child) => collect(defs.child, child, options) as SignupChild);

  function payloadFor(current: number): Partial<SignupRequest> {
    switch (current) {
      case 0:
        return { email: email.trim(), password };
      case 1:
        return { guardian: guardianPayload() };
      case 2:
        return { household: householdPayload("address") };
      case 3:
        return { household: householdPayload("all"), ...(hasSecond ? { second_guardian: secondPayload() } : {}) };
      case 4:
        return { children: childrenPayload() };
      default:
        return fullPayload(false);
    }
  }

  function fullPayload(dryRun: boolean): SignupRequest {
    return {
      email: email.trim(),
      password,
      guardian: guardianPayload(),
      household: householdPayload("all"),
      second_guardian: hasSecond ? secondPayload() : null,
      children: childrenPayload(),
      dry_run: dryRun,
    };
  }

  // --- errors: server paths → inputs and steps ---
  const guardianIdentityNames = new Set(defs.identity.map((d) => d.name));
  const addressNames = new Set(defs.address.map((d) => d.name));

  function locate(path: string): { id?: string; step: number; label?: string } {
    const [head, a, b] = path.split(".");
    const label = (list: DossierFieldDef[], name: string | undefined) => {
      const def = list.find((d) => d.name === name);
      return def ? fieldState(def, options, true).label : undefined;
    };
    if (head === "email") return { id: EMAIL_ID, step: 0, label: "Adresse électronique" };
    if (head === "password") return { id: PASSWORD_ID, step: 0, label: "Mot de passe" };
    if (head === "guardian") {
      if (a === "relation") return { id: RELATION_ID, step: 0, label: "Votre lien avec les enfants" };
      const onIdentity = guardianIdentityNames.has(a ?? "");
      return { id: fieldId("guardian", a ?? ""), step: onIdentity ? 0 : 1, label: label([...defs.identity, ...defs.contact], a) };
    }
    if (head === "household") {
      return { id: fieldId("household", a ?? ""), step: addressNames.has(a ?? "") ? 2 : 3, label: label([...defs.address, ...defs.household], a) };
    }
    if (head === "second_guardian") {
      if (a === "relation") return { id: SECOND_RELATION_ID, step: 3, label: "Lien avec les enfants (second responsable)" };
      const l = label(defs.second, a);
      return { id: fieldId("second", a ?? ""), step: 3, label: l ? `${l} (second responsable)` : undefined };
    }
    if (head === "children") {
      const l = label(defs.child, b);
      return { id: fieldId(`child-${a}`, b ?? ""), step: 4, label: l ? `Enfant ${Number(a) + 1} — ${l}` : undefined };
    }
    return { step: RECAP };
  }

  function clientErrors(current: number): FieldErrorItem[] {
    const found: FieldErrorItem[] = [];
    if (current === 0) {
      if (!email.trim()) found.push(requiredError(EMAIL_ID, "Adresse électronique", "Saisissez votre adresse électronique."));
      if (!password) found.push(requiredError(PASSWORD_ID, "Mot de passe", "Choisissez un mot de passe."));
      if (password && confirmation !== password) {
        found.push(requiredError(CONFIRMATION_ID, "Confirmation", "Les deux mots de passe ne correspondent pas."));
      }
      found.push(...checkRequired(defs.identity, guardian, options, "guardian", true));
    }
    if (current === 1) found.push(...checkRequired(defs.contact, guardian, options, "guardian", true));
    if (current === 2) found.push(...checkRequired(defs.address, household, options, "household", true));
    if (current === 3) {
      found.push(...checkRequired(defs.household, household, options, "household", true));
      if (hasSecond) {
        found.push(
          ...checkRequired(defs.second, second, options, "second", true).map((e) => ({ ...e, message: `${e.message} (second responsable)` })),
        );
      }
    }
    if (current === 4) {
      children.forEach((child, index) => {
        found.push(
          ...checkRequired(defs.child, child, options, `child-${index}`, true).map((e) => ({ ...e, message: `Enfant ${index + 1} — ${e.message}` })),
        );
      });
    }
    return found;
  }

  const mutation = useMutation({
    mutationFn: (body: Partial<SignupRequest>) => apiFetch<SignupResult>(URLS.signup, { method: "POST", body }),
  });

  function handleServerError(error: unknown) {
    if (error instanceof ApiError && error.status === 403) {
      setErrors(error.errors.length ? error.errors : [{ message: "La création de compte en ligne n'est pas ouverte." }]);
      return;
    }
    const items = mapApiError(error, {
      idFor: (path) => locate(path).id,
      labelFor: (path) => locate(path).label,
    });
    const steps = items.filter((i) => i.path).map((i) => locate(i.path!).step);
    const target = steps.length ? Math.min(...steps) : step;
    if (target !== step) setStep(target);
    setErrors(items);
  }

  async function goNext(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending || checking) return;
    const found = clientErrors(step);
    if ((step === 0 || step === RECAP) && password) {
      // Not before the server's password rules pass (when it could not be asked, the sign-up
      // itself checks the password).
      setChecking(true);
      const verdict = await passwordCheck.verify();
      setChecking(false);
      if (verdict === "invalid") {
        found.push(requiredError(PASSWORD_ID, "Mot de passe", "Le mot de passe ne respecte pas tous les critères."));
        if (step !== 0) setStep(0);
      }
    }
    setErrors(found);
    if (found.length) return;
    if (step === RECAP) {
      mutation.mutate(fullPayload(false), { onSuccess: setDone, onError: handleServerError });
      return;
    }
    if (step === 4 && !children.length) {
      setStep(RECAP);
      return;
    }
    mutation.mutate(
      { ...payloadFor(step), dry_run: true },
      {
        onSuccess: () => {
          setErrors([]);
          setStep(step + 1);
        },
        onError: handleServerError,
      },
    );
  }

  function goBack() {
    setErrors([]);
    setStep((s) => Math.max(0, s - 1));
  }

  if (done) {
    return (
      <>
        <h1 ref={headingRef} tabIndex={-1}>
          Vérifiez votre messagerie
        </h1>
        <p className="notice notice--success">{done.detail}</p>
        <p>
          Nous avons envoyé un lien de confirmation à <strong>{done.email || email}</strong>. Cliquez dessus pour activer votre
          compte. <strong>Pensez à vérifier vos courriers indésirables (spams).</strong>
        </p>
        <p className="form-footer">
          <Link to="/connexion">Aller à la page de connexion</Link>
        </p>
      </>
    );
  }

  const childLabel = (i: number) => `Enfant ${i + 1}`;

  return (
    <>
      <h1>Créer un compte</h1>
      <p className="lead">Portail familles — {structure.name}</p>
      <StepIndicator steps={SIGNUP_STEPS} current={step} label="Étapes de l'inscription" />
      <h2 ref={headingRef} tabIndex={-1} className="step-title">
        Étape {step + 1} sur {SIGNUP_STEPS.length} : {SIGNUP_STEPS[step]}
      </h2>
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={(event) => void goNext(event)}>
        {step < RECAP && <RequiredFieldsNote />}

        {step === 0 && (
          <>
            <InputField
              id={EMAIL_ID}
              label="Adresse électronique"
              type="email"
              inputMode="email"
              autoComplete="email"
              autoCapitalize="off"
              spellCheck={false}
              required
              value={email}
              onChange={setEmail}
              hint="Elle sera votre identifiant de connexion. Exemple : prenom.nom@exemple.fr"
              errors={messagesFor(errors, EMAIL_ID)}
            />
            <PasswordField
              id={PASSWORD_ID}
              label="Mot de passe *"
              autoComplete="new-password"
              required requiredMark={false}
              value={password}
              onChange={setPassword}
              describedBy={`${PASSWORD_ID}-criteres`}
              errors={messagesFor(errors, PASSWORD_ID)}
            />
            <PasswordChecklist id={`${PASSWORD_ID}-criteres`} check={passwordCheck} />
            <PasswordField
              id={CONFIRMATION_ID}
              label="Confirmation du mot de passe *"
              autoComplete="new-password"
              required requiredMark={false}
              value={confirmation}
              onChange={setConfirmation}
              errors={messagesFor(errors, CONFIRMATION_ID)}
            />
            <fieldset className="fieldset">
              <legend className="fieldset__legend">Vous</legend>
              <DossierFields
                defs={defs.identity}
                values={guardian}
                onChange={(name, value) => setGuardian((g) => ({ ...g, [name]: value }))}
                options={options}
                prefix="guardian"
                errors={errors}
                creating
              />
              <SelectField
                placeholder={CHOOSE}
                id={RELATION_ID}
                label="Votre lien avec les enfants"
                value={String(guardian.relation)}
                options={relations}
                onChange={(value) => setGuardian((g) => ({ ...g, relation: value }))}
                errors={messagesFor(errors, RELATION_ID)}
              />
            </fieldset>
          </>
        )}

        {step === 1 && (
          <DossierFields
            defs={defs.contact}
            values={guardian}
            onChange={(name, value) => setGuardian((g) => ({ ...g, [name]: value }))}
            options={options}
            prefix="guardian"
            errors={errors}
            creating
          />
        )}

        {step === 2 && (
          <DossierFields
            defs={defs.address}
            values={household}
            onChange={(name, value) => setHousehold((h) => ({ ...h, [name]: value }))}
            options={options}
            prefix="household"
            errors={errors}
            creating
          />
        )}

        {step === 3 && (
          <>
            <DossierFields
              defs={defs.household}
              values={household}
              onChange={(name, value) => setHousehold((h) => ({ ...h, [name]: value }))}
              options={options}
              prefix="household"
              errors={errors}
              creating
            />
            <CheckboxField
              id={SECOND_TOGGLE_ID}
              label="Déclarer un second responsable (conjoint, autre parent…)"
              checked={hasSecond}
              onChange={setHasSecond}
            />
            {hasSecond && (
              <fieldset className="fieldset">
                <legend className="fieldset__legend">Second responsable</legend>
                <DossierFields
                  defs={defs.second}
                  values={second}
                  onChange={(name, value) => setSecond((s) => ({ ...s, [name]: value }))}
                  options={options}
                  prefix="second"
                  errors={errors}
                  creating
                />
                <SelectField
                  placeholder={CHOOSE}
                  id={SECOND_RELATION_ID}
                  label="Son lien avec les enfants"
                  value={String(second.relation)}
                  options={relations}
                  onChange={(value) => setSecond((s) => ({ ...s, relation: value }))}
                  errors={messagesFor(errors, SECOND_RELATION_ID)}
                />
              </fieldset>
            )}
          </>
        )}

        {step === 4 && (
          <>
            <p>Déclarez vos enfants. Vous pourrez aussi les ajouter plus tard, depuis « Mes enfants ».</p>
            {children.map((child, index) => (
              <fieldset className="fieldset" key={index}>
                <legend className="fieldset__legend">{childLabel(index)}</legend>
                <DossierFields
                  defs={defs.child}
                  values={child}
                  onChange={(name, value) => setChildren((list) => list.map((c, i) => (i === index ? { ...c, [name]: value } : c)))}
                  options={options}
                  prefix={`child-${index}`}
                  errors={errors}
                  creating
                />
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setErrors([]);
                    setChildren((list) => list.filter((_, i) => i !== index));
                  }}
                >
                  Retirer l'enfant {index + 1}
                </button>
              </fieldset>
            ))}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                const next = children.length;
                setChildren((list) => [...list, { ...toFormValues(defs.child, {}), last_name: String(guardian.last_name ?? "") }]);
                window.setTimeout(() => document.getElementById(fieldId(`child-${next}`, "first_name"))?.focus(), 0);
              }}
            >
              Ajouter un enfant
            </button>
          </>
        )}

        {step === RECAP && (
          <SignupRecap
            email={email}
            guardian={guardian}
            household={household}
            second={hasSecond ? second : null}
            children={children}
            defs={defs}
            options={options}
            onEdit={(target) => {
              setErrors([]);
              setStep(target);
            }}
          />
        )}

        <div className="form-actions form-actions--split">
          {step > 0 && (
            <button type="button" className="button button--secondary" onClick={goBack}>
              Précédent
            </button>
          )}
          {step === RECAP ? (
            <SubmitButton busy={mutation.isPending || checking} label="Créer mon compte" busyLabel="Création du compte…" />
          ) : (
            <SubmitButton busy={mutation.isPending || checking} label="Suivant" busyLabel="Vérification…" />
          )}
        </div>
      </form>
      <p className="form-footer">
        Déjà inscrit ? <Link to="/connexion">Se connecter</Link>
      </p>
    </>
  );
}

interface RecapProps {
  email: string;
  guardian: FormValues;
  household: FormValues;
  second: FormValues | null;
  children: FormValues[];
  defs: Definitions;
  options: DossierOptions;
  onEdit: (step: number) => void;
}

function RecapList({ defs, values, options }: { defs: DossierFieldDef[]; values: FormValues; options: DossierOptions }) {
  return (
    <>
      {defs
        .filter((def) => fieldState(def, options, true).visible && (!def.showIf || def.showIf(values)))
        .map((def) => (
          <div key={def.name}>
            <dt>{fieldState(def, options, true).label}</dt>
            <dd>{displayValue(def, values[def.name] ?? "") || "Non renseigné"}</dd>
          </div>
        ))}
    </>
  );
}

function SignupRecap({ email, guardian, household, second, children, defs, options, onEdit }: RecapProps) {
  const relation = (value: string | boolean) => choiceOptions(options.relations).find((o) => o.value === value)?.label ?? "Non renseigné";
  const section = (title: string, step: number, content: ReactNode) => (
    <section className="recap-section" aria-label={title}>
      <div className="recap-section__head">
        <h3>{title}</h3>
        <button type="button" className="button button--link" onClick={() => onEdit(step)}>
          Modifier <span className="visually-hidden">: {title}</span>
        </button>
      </div>
      {content}
    </section>
  );
  return (
    <>
      <p>Vérifiez vos informations avant de créer votre compte.</p>
      {section(
        "Identité",
        0,
        <dl className="definition-list">
          <div>
            <dt>Adresse électronique</dt>
            <dd>{email}</dd>
          </div>
          <RecapList defs={defs.identity} values={guardian} options={options} />
          <div>
            <dt>Lien avec les enfants</dt>
            <dd>{relation(guardian.relation)}</dd>
          </div>
        </dl>,
      )}
      {section(
        "Coordonnées",
        1,
        <dl className="definition-list">
          <RecapList defs={defs.contact} values={guardian} options={options} />
        </dl>,
      )}
      {section(
        "Adresse",
        2,
        <dl className="definition-list">
          <RecapList defs={defs.address} values={household} options={options} />
        </dl>,
      )}
      {section(
        "Foyer",
        3,
        <dl className="definition-list">
          <RecapList defs={defs.household} values={household} options={options} />
          <div>
            <dt>Second responsable</dt>
            <dd>{second ? `${second.first_name} ${second.last_name} (${relation(second.relation)})` : "Aucun"}</dd>
          </div>
        </dl>,
      )}
      {section(
        "Enfants",
        4,
        children.length ? (
          <ul>
            {children.map((child, index) => (
              <li key={index}>
                {String(child.first_name)} {String(child.last_name)}
                {child.birth_date ? `, né(e) le ${displayValue({ name: "birth_date", policy: "", kind: "date" }, child.birth_date)}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun enfant déclaré pour l'instant.</p>
        ),
      )}
    </>
  );
}
