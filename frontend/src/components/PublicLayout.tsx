import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { useSessionUser } from "../auth/session";
import { FORCED_CHANGE_PATH, LOGIN_PATH } from "../auth/redirects";
import { MAIN_ID } from "./SkipLink";

/** Layout of the pages shown outside the app shell (login, password pages). */
export function PublicLayout({ children }: { children?: ReactNode }) {
  const user = useSessionUser();
  const { pathname } = useLocation();
  // The login page does its own redirect (keeping ?suivant=).
  if (user?.must_change_password && pathname !== FORCED_CHANGE_PATH && pathname !== LOGIN_PATH) {
    return <Navigate to={FORCED_CHANGE_PATH} replace />;
  }
  return (
    <div className="public-layout">
      <main id={MAIN_ID} tabIndex={-1} className="public-layout__main">
        <div className="card public-layout__card">{children ?? <Outlet />}</div>
      </main>
    </div>
  );
}
