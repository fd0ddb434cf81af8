import { Navigate } from "react-router";
import { homePathFor } from "../auth/redirects";
import { useAuthenticatedUser } from "../auth/session";
import { ParentHomePage } from "./ParentHomePage";

/**
 * "/": the parents' home; staff members have theirs at /gestion.
 * The document title ("Accueil — …") is set by <ParentHomePage>.
 */
export function HomePage() {
  const user = useAuthenticatedUser();
  if (user.is_staff_member) return <Navigate to={homePathFor(user)} replace />;
  return <ParentHomePage />;
}
