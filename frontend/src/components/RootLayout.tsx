import { Outlet, useLocation, useNavigate } from "react-router";
import { StructureContext } from "../api/StructureContext";
import { useStructureQuery } from "../api/structure";
import { useSessionQuery } from "../auth/session";
import { useStructureTheme } from "../theme/useStructureTheme";
import { ErrorState } from "./ErrorState";
import { LoadingState } from "./LoadingState";
import { NavigationStatus } from "./NavigationStatus";
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
  const navigate = useNavigate();
  const location = useLocation();

  async function retryStructure() {
    const { isSuccess } = await structureQuery.refetch();
    // Without the structure no module's pages could be mounted: match the
    // address again now that they can (src/modules/mountModules.ts).
    if (isSuccess) void navigate(location, { replace: true });
  }

  const structure = structureQuery.data;
  if (structure === undefined) {
    if (structureQuery.isError) return <ErrorState error={structureQuery.error} onRetry={() => void retryStructure()} />;
    return <LoadingState />;
  }
  if (sessionQuery.data === undefined) {
    if (sessionQuery.isError) return <ErrorState error={sessionQuery.error} onRetry={() => void sessionQuery.refetch()} />;
    return <LoadingState />;
  }

  return (
    <StructureContext.Provider value={structure}>
      <SkipLink />
      <NavigationStatus />
      <Outlet />
    </StructureContext.Provider>
  );
}
