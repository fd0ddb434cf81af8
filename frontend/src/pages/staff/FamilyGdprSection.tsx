import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { ErrorSummary } from "../../components/ErrorSummary";
import type { FormErrorItem } from "../../components/formErrors";
import { staffErrors } from "../../components/serverErrors";
import { anonymiseFamily, familyExportUrl, staffKeys } from "./api";
import { useFamilyFile } from "./FamilyFileLayout";

const CONFIRM_ID = "anonymiser-confirmation";

/** GDPR: export everything held (zip), or anonymise the file after an explicit confirmation. */
export function FamilyGdprSection() {
  const { familyId, file } = useFamilyFile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const openButton = useRef<HTMLButtonElement>(null);
  const checkbox = useRef<HTMLInputElement>(null);
  const { name, number } = file.family;

  useEffect(() => {
    if (confirming) checkbox.current?.focus();
  }, [confirming]);

  const mutation = useMutation({
    mutationFn: () => anonymiseFamily(familyId),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: staffKeys.family(familyId) });
      void queryClient.invalidateQueries({ queryKey: staffKeys.all });
      void navigate("/gestion/familles", { state: { flash: `Le dossier n° ${number} est anonymisé.` } });
    },
    onError: (error) => setErrors(staffErrors(error)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    if (!understood) {
      setErrors([{ fieldId: CONFIRM_ID, message: "Cochez la case pour confirmer que l'anonymisation est définitive." }]);
      return;
    }
    setErrors([]);
    mutation.mutate();
  }

  function cancel() {
    setConfirming(false);
    setUnderstood(false);
    setErrors([]);
    requestAnimationFrame(() => openButton.current?.focus());
  }

  return (
    <section aria-labelledby="rgpd-titre" className="stack">
      <h2 id="rgpd-titre">RGPD</h2>
      <section aria-labelledby="export-titre" className="card">
        <h3 id="export-titre">Exporter les données</h3>
        <p>Une archive zip avec toutes les informations détenues sur la famille et les documents déposés (droit d'accès et de portabilité).</p>
        <a className="button button--secondary" href={familyExportUrl(familyId)} download={`famille-${number}.zip`}>
          Télécharger l'archive de la famille {name} (zip)
        </a>
      </section>

      <section aria-labelledby="anonymiser-titre" className="danger-zone">
        <h3 id="anonymiser-titre">Anonymiser le dossier</h3>
        <p>
          <strong>Attention, cette action est définitive.</strong> Les noms, coordonnées, données de santé, documents et
          l'historique sont supprimés ; les comptes de connexion sont fermés. Seuls le numéro de famille (n° {number}) et les
          données financières (factures, paiements) sont conservés.
        </p>
        {!confirming ? (
          <button type="button" ref={openButton} className="button button--danger" onClick={() => setConfirming(true)}>
            Anonymiser le dossier…
          </button>
        ) : (
          <form className="form" noValidate onSubmit={submit}>
            <fieldset className="fieldset">
              <legend>Confirmer l'anonymisation de la famille {name}</legend>
              <ErrorSummary items={errors} />
              <div className={errors.some((e) => e.fieldId === CONFIRM_ID) ? "checkbox-field field--error" : "checkbox-field"}>
                <input
                  type="checkbox"
                  id={CONFIRM_ID}
                  ref={checkbox}
                  checked={understood}
                  onChange={(event) => setUnderstood(event.target.checked)}
                  aria-invalid={errors.some((e) => e.fieldId === CONFIRM_ID) || undefined}
                  aria-describedby={errors.some((e) => e.fieldId === CONFIRM_ID) ? `${CONFIRM_ID}-erreur` : undefined}
                />
                <label htmlFor={CONFIRM_ID}>
                  Je comprends que les données personnelles de la famille {name} seront effacées sans retour possible.
                </label>
                {errors.some((e) => e.fieldId === CONFIRM_ID) && (
                  <p id={`${CONFIRM_ID}-erreur`} className="field__error checkbox-field__hint">
                    <span className="visually-hidden">Erreur :</span> Cochez la case pour confirmer.
                  </p>
                )}
              </div>
              <div className="button-row">
                <button type="submit" className="button button--danger" aria-disabled={mutation.isPending || undefined}>
                  {mutation.isPending && <span className="spinner" aria-hidden="true" />}
                  Anonymiser définitivement
                </button>
                <button type="button" className="button button--secondary" onClick={cancel}>
                  Annuler
                </button>
              </div>
            </fieldset>
          </form>
        )}
      </section>
    </section>
  );
}
