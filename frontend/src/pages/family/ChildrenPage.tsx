import { Link } from "react-router";
import { ageLabel, useChildren, useMissingItems } from "../../api/family";
import { StatusIcon } from "../../components/StatusIcon";
import { formatDate } from "../../format/dates";
import { usePageTitle } from "../../theme/usePageTitle";
import { Breadcrumb } from "./components/Breadcrumb";
import { PageError, PageLoading } from "./components/PageStates";

/** /mes-enfants — one card per child, and "Ajouter un enfant". */
export function ChildrenPage() {
  usePageTitle("Mes enfants");
  const children = useChildren();
  const missing = useMissingItems();

  return (
    <>
      <Breadcrumb trail={[{ label: "Mes enfants" }]} />
      <h1>Mes enfants</h1>
      <p>
        <Link to="/mes-enfants/nouveau" className="button button--primary">
          Ajouter un enfant
        </Link>
      </p>
      {children.isPending ? (
        <PageLoading />
      ) : children.isError ? (
        <PageError error={children.error} onRetry={() => void children.refetch()} />
      ) : children.data.length === 0 ? (
        <p>Aucun enfant n'est encore déclaré dans votre dossier.</p>
      ) : (
        <ul className="child-cards">
          {children.data.map((child) => {
            const todo = missing.data?.filter((item) => item.child_id === child.id).length ?? 0;
            const name = `${child.first_name} ${child.last_name}`;
            return (
              <li key={child.id} className="card child-card">
                <h2 className="child-card__title">
                  <Link to={`/mes-enfants/${child.id}`}>{name}</Link>
                </h2>
                <p>
                  {ageLabel(child.age)} · né(e) le {formatDate(child.birth_date)}
                </p>
                <p>
                  {child.school_level_label || child.school_name
                    ? [child.school_level_label, child.school_name].filter(Boolean).join(" · ")
                    : "Scolarité non renseignée"}
                </p>
                {todo > 0 ? (
                  <p className="badge-text badge-text--warning">
                    <StatusIcon name="warning" /> {todo} élément{todo > 1 ? "s" : ""} à compléter
                  </p>
                ) : missing.data ? (
                  <p className="badge-text badge-text--success">
                    <StatusIcon name="check" /> Fiche complète
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
