import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { staffErrors } from "../../../components/serverErrors";
import { plural } from "../../../format/text";
import { announcementKeys, previewTarget, type Criterion, type TargetPreview } from "./api";

/** « 12 familles (18 responsables) ». */
export function countLabel(preview: TargetPreview): string {
  return `${plural(preview.families, "famille", "familles")} (${plural(preview.guardians, "responsable", "responsables")})`;
}

/** The recipients' count of the current criteria, asked again whenever they change. */
export function LiveCount({ target }: { target: Criterion[] }) {
  const query = useQuery({
    queryKey: announcementKeys.preview(target),
    queryFn: ({ signal }) => previewTarget(target, signal),
    enabled: target.length > 0,
    placeholderData: keepPreviousData,
  });
  let content;
  if (target.length === 0) content = <p>Ajoutez au moins un critère pour voir le nombre de destinataires.</p>;
  else if (query.isError) content = <p className="field__error">{staffErrors(query.error)[0]?.message}</p>;
  else if (!query.data)
    content = (
      <p className="inline-status">
        <span className="spinner" aria-hidden="true" /> Calcul du nombre de destinataires…
      </p>
    );
  else
    content = (
      <>
        <p>
          Destinataires : <strong>{countLabel(query.data)}</strong>
          {query.isPlaceholderData ? " (mise à jour…)" : ""}
        </p>
        {query.data.families_without_login > 0 && (
          <p className="field__hint">
            {plural(query.data.families_without_login, "famille retenue n'a", "familles retenues n'ont")} aucun responsable avec un compte sur le
            portail : {query.data.families_without_login > 1 ? "elles ne recevront" : "elle ne recevra"} pas l'annonce.
          </p>
        )}
      </>
    );
  return (
    <div role="status" className="announcement-count card">
      {content}
    </div>
  );
}
