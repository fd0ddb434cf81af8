import { Link } from "react-router";
import { useDossierOptions, useGuardians } from "../../api/family";
import { usePageTitle } from "../../theme/usePageTitle";
import { Breadcrumb } from "./components/Breadcrumb";
import { GuardianEditor } from "./components/GuardianEditor";
import { PageError, PageLoading } from "./components/PageStates";

/** /mon-profil — the logged-in guardian's own information. */
export function ProfilePage() {
  usePageTitle("Mon profil");
  const guardians = useGuardians();
  const options = useDossierOptions();
  const me = guardians.data?.find((g) => g.is_me);

  return (
    <>
      <Breadcrumb trail={[{ label: "Mon profil" }]} />
      <h1>Mon profil</h1>
      <p className="lead">
        Vos informations personnelles. Pour votre mot de passe, rendez-vous dans <Link to="/mon-compte">Mon compte</Link>.
      </p>
      {guardians.isPending || options.isPending ? (
        <PageLoading />
      ) : guardians.isError ? (
        <PageError error={guardians.error} onRetry={() => void guardians.refetch()} />
      ) : !me ? (
        <p className="notice notice--info">Votre fiche de responsable n'est pas encore rattachée à un dossier famille.</p>
      ) : (
        <section aria-labelledby="profil-titre" className="section card">
          <h2 id="profil-titre">
            {me.first_name} {me.last_name}
          </h2>
          <GuardianEditor guardian={me} options={options.data} idPrefix="profil" />
        </section>
      )}
    </>
  );
}
