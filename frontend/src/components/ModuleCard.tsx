import { Link } from "react-router";
import type { StructureModule } from "../api/structure";

interface ModuleCardProps {
  module: StructureModule;
  path: string;
}

/** A service offered by the structure, linking to its page. */
export function ModuleCard({ module, path }: ModuleCardProps) {
  return (
    <article className="card module-card">
      <h2 className="module-card__title">
        <Link to={path} className="module-card__link">
          {module.label}
        </Link>
      </h2>
      <p className="module-card__description">{module.description}</p>
    </article>
  );
}
