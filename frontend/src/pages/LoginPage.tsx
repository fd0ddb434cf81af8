import { lazy, Suspense, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, Navigate, useSearchParams } from "react-router";
import { fetchSession, sessionQueryKey } from "../api/auth";
import { isEmailVerificationPending, login } from "../api/authFlows";
import { ApiError } from "../api/client";
import { useDossierOptions } from "../api/family";
import { useStructure } from "../api/StructureContext";
import { NEXT_PARAM, postLoginPath } from "../auth/redirects";
import { useSessionUser } from "../auth/session";
import { ErrorSummary } from "../components/ErrorSummary";
import { FlashMessage } from "../components/FlashMessage";
import { describeError, fieldErrors, MESSAGES, type FormErrorItem } from "../components/formErrors";
import { InputField } from "../components/FormFields";
import { PasswordField } from "../components/PasswordField";
import { StructureLogo } from "../components/StructureLogo";
import { SubmitButton } from "../components/SubmitButton";
import { usePageTitle } from "../theme/usePageTitle";

const EMAIL_ID = "courriel";
const PASSWORD_ID = "mot-de-passe";
const PARAMS = { email: EMAIL_ID, login: EMAIL_ID, password: PASSWORD_ID };
export const VERIFY_EMAIL_MESSAGE = "Confirmez votre adresse e-mail : nous vous avons renvoyé un lien.";

// Public news of the structure (communication layer), loaded after the form.
const PublicNewsBlock = lazy(() => import("./communication/news/PublicNewsBlock"));

export function LoginPage() {
  const structure = useStructure();
  // Pages the structure's modules open to everyone (a stays' catalogue).
  const openPages = structure.navigation.filter((entry) => entry.audience === "all" && !entry.path.startsWith("/gestion"));
  usePageTitle("Connexion");
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const next = searchParams.get(NEXT_PARAM);

  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [verifyEmail, setVerifyEmail] = useState(false);
  const options = useDossierOptions();

  const mutation = useMutation({
    mutationFn: login,
    // The session changes: the <Navigate> below takes over.
    onSuccess: (loggedIn) => queryClient.setQueryData(sessionQueryKey, loggedIn),
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        // Already logged in (e.g. in another tab): reload the session.
        const current = await queryClient.fetchQuery({ queryKey: sessionQueryKey, queryFn: () => fetchSession(), staleTime: 0 });
        if (!current) setErrors([{ message: MESSAGES.unexpected }]);
        return;
      }
      if (isEmailVerificationPending(error)) {
        setErrors([]);
        setVerifyEmail(true);
        return;
      }
      if (error instanceof ApiError && error.status === 401) {
        setErrors([{ message: "Votre connexion nécessite une étape supplémentaire. Contactez votre structure si le problème persiste." }]);
        return;
      }
      setErrors(describeError(error, PARAMS));
    },
  });

  if (user) return <Navigate to={postLoginPath(user, next)} replace />;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FormErrorItem[] = [];
    const trimmed = email.trim();
    if (!trimmed) found.push({ fieldId: EMAIL_ID, message: "Saisissez votre adresse électronique." });
    if (!password) found.push({ fieldId: PASSWORD_ID, message: "Saisissez votre mot de passe." });
    setErrors(found);
    setVerifyEmail(false);
    if (!found.length) mutation.mutate({ email: trimmed, password });
  }

  return (
    <>
      <div className="brand-block">
        <StructureLogo src={structure.logo_url} alt={structure.name} className="brand-block__logo" />
        <h1 className="brand-block__name">{structure.name}</h1>
        <p className="brand-block__subtitle">Portail familles</p>
      </div>
      <h2>Connexion</h2>
      <FlashMessage />
      <div role="status">{verifyEmail && <p className="notice notice--info">{VERIFY_EMAIL_MESSAGE}</p>}</div>
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={handleSubmit}>
        <InputField
          id={EMAIL_ID}
          label="Adresse électronique"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="off"
          spellCheck={false}
          required requiredMark={false}
          value={email}
          onChange={setEmail}
          errors={fieldErrors(errors, EMAIL_ID)}
          hint="Exemple : prenom.nom@exemple.fr"
        />
        <PasswordField
          id={PASSWORD_ID}
          label="Mot de passe"
          autoComplete="current-password"
          required requiredMark={false}
          value={password}
          onChange={setPassword}
          errors={fieldErrors(errors, PASSWORD_ID)}
        />
        <SubmitButton busy={mutation.isPending} label="Se connecter" busyLabel="Connexion en cours…" />
      </form>
      <p className="form-footer">
        <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
      </p>
      {options.data?.signup_enabled && (
        <p className="form-footer">
          Pas encore de compte ? <Link to="/inscription">Créer un compte</Link>
        </p>
      )}
      {openPages.length > 0 && (
        <nav aria-label="Sans compte" className="form-footer">
          Sans compte :{" "}
          {openPages.map((entry, index) => (
            <span key={entry.id}>
              {index > 0 && " · "}
              <Link to={entry.path}>{entry.label}</Link>
            </span>
          ))}
        </nav>
      )}
      <Suspense fallback={null}>
        <PublicNewsBlock />
      </Suspense>
    </>
  );
}
