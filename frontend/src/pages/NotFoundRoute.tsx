import { RequireAuth } from "../auth/RequireAuth";
import { useSessionUser } from "../auth/session";
import { AppShell } from "../components/AppShell";
import { PublicLayout } from "../components/PublicLayout";
import { NotFoundPage } from "./NotFoundPage";

/**
 * Catch-all route: the 404 page, in the app shell when logged in.
 * The document title ("Page introuvable — …") is set by <NotFoundPage>.
 */
export function NotFoundRoute() {
  const user = useSessionUser();
  if (!user) {
    return (
      <PublicLayout>
        <NotFoundPage />
      </PublicLayout>
    );
  }
  return (
    <RequireAuth>
      <AppShell>
        <NotFoundPage />
      </AppShell>
    </RequireAuth>
  );
}
