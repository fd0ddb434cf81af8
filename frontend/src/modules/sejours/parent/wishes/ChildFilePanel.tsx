import { Link } from "react-router";
import { PageError, PageLoading } from "../../../../pages/family/components/PageStates";
import { useChildFile } from "../wishesApi";

/** What the child's file still lacks for the stays, each item a link; or « complète ». */
export function ChildFilePanel({ childId, firstName, hasWishes }: { childId: string; firstName: string; hasWishes: boolean }) {
  const file = useChildFile(childId);
  return (
    <section className="card wishes-file" aria-labelledby="dossier-sejour">
      <h2 id="dossier-sejour">Dossier de {firstName} pour les séjours</h2>
      {file.isPending ? (
        <PageLoading />
      ) : file.isError ? (
        <PageError error={file.error} onRetry={() => void file.refetch()} />
      ) : file.data.complete ? (
        <p className="notice notice--success" role="status">
          {hasWishes ? file.data.message : `Le dossier de ${firstName} est complet : il ne reste qu'à choisir ses séjours.`}
        </p>
      ) : (
        <>
          <p>Pour que la demande soit étudiée par la commission, il reste à compléter :</p>
          <ul className="wishes-file__items">
            {file.data.items.map((item) => (
              <li key={item.code}>
                <Link to={item.link}>{item.label}</Link>
              </li>
            ))}
          </ul>
          <p className="field__hint">En cas de difficultés, adressez-vous au coordinateur séjours.</p>
        </>
      )}
    </section>
  );
}
