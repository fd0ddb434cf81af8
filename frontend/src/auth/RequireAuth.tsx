import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation, useNavigation } from "react-router";
import { FORCED_CHANGE_PATH, LOGIN_PATH, loginPathFor } from "./redirects";
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
  const navigation = useNavigation();

  if (!user) {
    // Logging out navigates to the login page while its code loads: keep that
    // navigation (and its message) rather than redirecting with ?suivant=.
    if (navigation.location?.pathname === LOGIN_PATH) return null;
    return <Navigate to={loginPathFor(location)} replace />;
  }

  // No ?suivant= here: once the password is changed the user lands on their
  // home page. (A ?suivant= given to the login page is kept, see postLoginPath.)
  if (user.must_change_password && !allowPendingPasswordChange) {
    return <Navigate to={FORCED_CHANGE_PATH} replace />;
  }

  return <>{children ?? <Outlet />}</>;
}
