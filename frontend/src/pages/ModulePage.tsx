import { Link, useParams } from "react-router";
import { useStructure } from "../api/StructureContext";
import { homePathFor } from "../auth/redirects";
import { useAuthenticatedUser } from "../auth/session";
import { ActivityKindList } from "../components/ActivityKindList";
import { LegendTable } from "../components/LegendTable";
import { resolveModule } from "../navigation/navigation";
import { usePageTitle } from "../theme/usePageTitle";
import { NotFoundPage } from "./NotFoundPage";

/** Information page of one of the structure's modules ("/periscolaire"…). */
export function ModulePage() {
  const structure = useStructure();
  const user = useAuthenticatedUser();
  const { moduleId } = useParams();
  const module = resolveModule(structure, moduleId);
  // Unknown module: <NotFoundPage> sets its own title.
  usePageTitle(module?.label);
  if (!module) return <NotFoundPage />;

  const legend = structure.legend.filter((entry) => entry.module === module.id);

  return (
    <>
      <nav className="breadcrumb" aria-label="Fil d'Ariane">
        <Link to={homePathFor(user)}>Accueil</Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{module.label}</span>
      </nav>
      <h1>{module.label}</h1>
      <p className="lead">{module.description}</p>

      <section className="section card">
        <ActivityKindList kinds={module.activity_kinds} headingLevel={2} />
      </section>

      <section aria-labelledby="legende-module-titre" className="section">
        <h2 id="legende-module-titre">Légende</h2>
        {legend.length ? (
          <LegendTable entries={legend} caption={`Symboles utilisés pour le service « ${module.label} »`} />
        ) : (
          <p>Aucun symbole n'est défini pour ce service.</p>
        )}
      </section>
    </>
  );
}
