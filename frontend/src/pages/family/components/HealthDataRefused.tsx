import { Link, useLocation } from "react-router";
import { withNext } from "../../../auth/redirects";
import { CONSENTS_PATH } from "../ConsentsGate";

/**
 * Shown instead of the health form when the medical-data consent was refused
 * (`health_data_allowed: false` on the family and child payloads): the server
 * refuses health data then, so the form would only lead to errors.
 */
export function HealthDataRefused({ childName }: { childName?: string }) {
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <p className="notice notice--info">
      Vous avez refusé la saisie des données médicales : modifiez votre choix dans{" "}
      <Link to={withNext(CONSENTS_PATH, here)}>Consentements</Link> pour renseigner la santé de {childName || "votre enfant"}{" "}
      (médecin, allergies, PAI, vaccinations…).
    </p>
  );
}
