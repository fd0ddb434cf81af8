import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { useConsents } from "../../api/familyHome";
import { withNext } from "../../auth/redirects";
import { useAuthenticatedUser } from "../../auth/session";

export const CONSENTS_PATH = "/consentements";

/**
 * Around the authenticated routes: a guardian who has consents left to answer
 * answers them first (/consentements). Staff are not concerned. If the list
 * cannot be loaded the pages show as usual (the server enforces the rules).
 */
export function ConsentsGate({ children }: { children?: ReactNode }) {
  const user = useAuthenticatedUser();
  const location = useLocation();
  const concerned = !user.is_staff_member;
  const consents = useConsents(concerned);

  if (concerned && location.pathname !== CONSENTS_PATH) {
    if (consents.isPending) {
      return (
        <p role="status" className="page-loading">
          <span className="spinner" aria-hidden="true" /> Chargement…
        </p>
      );
    }
    if (consents.data?.some((consent) => consent.accepted === null)) {
      const here = `${location.pathname}${location.search}${location.hash}`;
      return <Navigate to={location.pathname === "/" ? CONSENTS_PATH : withNext(CONSENTS_PATH, here)} replace />;
    }
  }
  return <>{children ?? <Outlet />}</>;
}
