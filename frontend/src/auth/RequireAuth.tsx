import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { FORCED_CHANGE_PATH, loginPathFor } from "./redirects";
import { useSessionUser } from "./session";

interface RequireAuthProps {
  children?: ReactNode;
  /** True only for the forced password change page itself. */
  allowPendingPasswordChange?: boolean;
}

/**
 * Protects a route: anonymous users go to /connexion?suivant=…, users who must
 * change their password go to /changer-mot-de-passe (whatever they asked for).
 */
export function RequireAuth({ children, allowPendingPasswordChange = false }: RequireAuthProps) {
  const user = useSessionUser();
  const location = useLocation();

  if (!user) return <Navigate to={loginPathFor(location)} replace />;

  // No ?suivant= here: once the password is changed the user lands on their
  // home page. (A ?suivant= given to the login page is kept, see postLoginPath.)
  if (user.must_change_password && !allowPendingPasswordChange) {
    return <Navigate to={FORCED_CHANGE_PATH} replace />;
  }

  return <>{children ?? <Outlet />}</>;
}
