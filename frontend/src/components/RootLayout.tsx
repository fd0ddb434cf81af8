import { Outlet } from "react-router";
import { StructureContext } from "../api/StructureContext";
import { useStructureQuery } from "../api/structure";
import { useSessionQuery } from "../auth/session";
import { useStructureTheme } from "../theme/useStructureTheme";
import { ErrorState } from "./ErrorState";
import { LoadingState } from "./LoadingState";
import { SkipLink } from "./SkipLink";
import { useFocusOnNavigate } from "./useFocusOnNavigate";

/**
 * Loads the structure (theme, title, CSRF cookie) and the session before any
 * page renders; shows a loading or an error state meanwhile.
 */
export function RootLayout() {
  const structureQuery = useStructureQuery();
  const sessionQuery = useSessionQuery();
  useStructureTheme(structureQuery.data);
  useFocusOnNavigate();

  const structure = structureQuery.data;
  if (structure === undefined) {
    if (structureQuery.isError) return <ErrorState error={structureQuery.error} onRetry={() => void structureQuery.refetch()} />;
    return <LoadingState />;
  }
  if (sessionQuery.data === undefined) {
    if (sessionQuery.isError) return <ErrorState error={sessionQuery.error} onRetry={() => void sessionQuery.refetch()} />;
    return <LoadingState />;
  }

  return (
    <StructureContext.Provider value={structure}>
      <SkipLink />
      <Outlet />
    </StructureContext.Provider>
  );
}
