import { Navigate, Outlet } from "react-router";
import { homePathFor } from "../../auth/redirects";
import { useAuthenticatedUser } from "../../auth/session";

/** Layout route: only staff members get through (parents go to their home page). */
export function StaffOnly() {
  const user = useAuthenticatedUser();
  if (!user.is_staff_member) return <Navigate to={homePathFor(user)} replace />;
  return <Outlet />;
}
