import { Link } from "react-router";
import { useEditions } from "../../api/documents";
import { usePageTitle } from "../../theme/usePageTitle";
import { Attestations } from "./billing/Attestations";
import { Breadcrumb } from "./components/Breadcrumb";
import { PageError, PageLoading } from "./components/PageStates";

/** /mes-editions — documents pre-filled from the file (fiche sanitaire per child). */
export function EditionsPage() {
  usePageTitle("Mes éditions");
  const editions = useEditions();
  return (
    <>
      <Breadcrumb trail={[{ label: "Mes éditions" }]} />
      <h1>Mes éditions</h1>
      <p className="lead">
        Téléchargez les documents pré-remplis avec les informations de votre dossier. Imprimez-les, signez-les puis déposez-les dans{" "}
        <Link to="/mes-documents">Mes documents</Link>.
      </p>
      {editions.isPending ? (
        <PageLoading />
      ) : editions.isError ? (
        <PageError error={editions.error} onRetry={() => void editions.refetch()} />
      ) : editions.data.length === 0 ? (
        <p>Aucun document à télécharger pour l'instant. Ajoutez vos enfants dans « Mes enfants ».</p>
      ) : (
        <ul className="plain-list">
          {editions.data.map((edition) => {
            const who = edition.child ? `${edition.child.first_name} ${edition.child.last_name}` : "la famille";
            return (
              <li key={edition.url} className="card edition">
                <h2 className="edition__title">{edition.label}</h2>
                <p>Pour {who}</p>
                <p>
                  <a href={edition.url} className="button button--secondary">
                    Télécharger (PDF){" "}<span className="visually-hidden">: {edition.label}, {who}</span>
                  </a>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <Attestations />
    </>
  );
}
