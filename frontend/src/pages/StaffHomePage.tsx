import { lazy, Suspense } from "react";
import { Link, Navigate } from "react-router";
import { useStructure } from "../api/StructureContext";
import { homePathFor } from "../auth/redirects";
import { useAuthenticatedUser } from "../auth/session";
import { ActivityKindList } from "../components/ActivityKindList";
import { HomeTiles } from "../components/HomeTiles";
import { LegendTable } from "../components/LegendTable";
import { ModuleStaffHomeSections } from "../modules/ModuleStaffHomeSections";
import { modulePath } from "../navigation/navigation";
import { usePageTitle } from "../theme/usePageTitle";
import { StaffCounters } from "./staff/StaffCounters";

// The staff's home message and latest news (communication layer), a chunk of its own.
const StaffHomeNewsBlock = lazy(() => import("./communication/news/StaffHomeNewsBlock"));

export function StaffHomePage() {
  const structure = useStructure();
  usePageTitle("Espace de gestion");
  const user = useAuthenticatedUser();
  if (!user.is_staff_member) return <Navigate to={homePathFor(user)} replace />;

  return (
    <>
      <h1>Espace de gestion</h1>
      <p className="lead">
        {structure.name} · {structure.kind_label}
      </p>

      <Suspense fallback={null}>
        <StaffHomeNewsBlock />
      </Suspense>

      <StaffCounters />

      <HomeTiles />

      <ModuleStaffHomeSections />

      <section aria-labelledby="roles-titre" className="section">
        <h2 id="roles-titre">Vos rôles</h2>
        {user.role_labels.length ? (
          <ul className="tag-list">
            {user.role_labels.map((label) => (
              <li key={label} className="tag">
                {label}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun rôle ne vous est attribué.</p>
        )}
      </section>

      <section aria-labelledby="services-titre" className="section">
        <h2 id="services-titre">Services activés</h2>
        {structure.modules.length ? (
          <div className="card-grid">
            {structure.modules.map((module) => (
              <article key={module.id} className="card">
                <h3>
                  <Link to={modulePath(structure, module)}>{module.label}</Link>
                </h3>
                <p>{module.description}</p>
                <ActivityKindList kinds={module.activity_kinds} headingLevel={4} />
              </article>
            ))}
          </div>
        ) : (
          <p>Aucun service n'est activé pour cette structure.</p>
        )}
      </section>

      <section aria-labelledby="legende-titre" className="section">
        <h2 id="legende-titre">Légende</h2>
        {structure.legend.length ? (
          <LegendTable entries={structure.legend} modules={structure.modules} caption="Symboles utilisés dans les plannings" />
        ) : (
          <p>Aucune légende n'est définie.</p>
        )}
      </section>
    </>
  );
}
