import { Fragment } from "react";
import { Link } from "react-router";

/** "Accueil › Mes enfants › Léa": the last entry is the current page. */
export function Breadcrumb({ trail }: { trail: readonly { label: string; path?: string }[] }) {
  const all = [{ label: "Accueil", path: "/" }, ...trail];
  return (
    <nav className="breadcrumb" aria-label="Fil d'Ariane">
      {all.map((entry, index) => (
        <Fragment key={`${index}-${entry.label}`}>
          {index > 0 && <span aria-hidden="true"> › </span>}
          {index === all.length - 1 || !entry.path ? <span aria-current="page">{entry.label}</span> : <Link to={entry.path}>{entry.label}</Link>}
        </Fragment>
      ))}
    </nav>
  );
}
