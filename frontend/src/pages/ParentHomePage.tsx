import { useStructure } from "../api/StructureContext";
import { useAuthenticatedUser } from "../auth/session";
import { ModuleCard } from "../components/ModuleCard";
import { modulePath } from "../navigation/navigation";
import { usePageTitle } from "../theme/usePageTitle";

export function ParentHomePage() {
  const structure = useStructure();
  usePageTitle("Accueil");
  const user = useAuthenticatedUser();
  const name = user.first_name || user.display;

  return (
    <>
      <h1>Bonjour {name}</h1>
      <p className="lead">Bienvenue sur le portail familles de {structure.name}.</p>
      <section aria-labelledby="services-titre">
        <h2 id="services-titre" className="section-title">
          Vos services
        </h2>
        {structure.modules.length ? (
          <div className="card-grid">
            {structure.modules.map((module) => (
              <ModuleCard key={module.id} module={module} path={modulePath(structure, module)} />
            ))}
          </div>
        ) : (
          <p>Aucun service n'est encore proposé en ligne par votre structure.</p>
        )}
      </section>
    </>
  );
}
