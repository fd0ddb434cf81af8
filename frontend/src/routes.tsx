import type { RouteObject } from "react-router";
import { RequireAuth } from "./auth/RequireAuth";
import { AppShell } from "./components/AppShell";
import { LoadingState } from "./components/LoadingState";
import { RootLayout } from "./components/RootLayout";
import { PARENT_ROUTES_ID, PUBLIC_ROUTES_ID } from "./modules/mountModules";
import { ConsentsGate } from "./pages/family/ConsentsGate";
import { familyRoutes, publicFamilyRoutes } from "./pages/family/routes";
import { HomePage } from "./pages/HomePage";
import { RouteErrorPage } from "./pages/RouteErrorPage";
import { lazyPage } from "./routing/lazyPage";

/**
 * The route table. The parents' home is in the entry chunk; every other page
 * is loaded on its first visit (`lazy`): the public pages (sign-in, sign-up,
 * password), the 404, the back office, the family file and billing are chunks
 * of their own. The back office's and the communication layer's route tables
 * are mounted at their first visit (CORE_ROUTES in src/modules/mountModules.ts). Budget of the parents' home: scripts/check-bundle-budget.mjs. The modules' routes are mounted at run time under
 * PARENT_ROUTES_ID and STAFF_ROUTES_ID (src/modules/mountModules.ts).
 */
/** The back office's home (/gestion; it sends parents to theirs itself). */
const staffHomeRoute: RouteObject = { path: "gestion", lazy: lazyPage(() => import("./pages/staff/staffPages"), "StaffHomePage") };

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    // Shown while the first page's code loads.
    hydrateFallbackElement: <LoadingState />,
    children: [
      {
        lazy: lazyPage(() => import("./components/PublicLayout"), "PublicLayout"),
        children: [
          { path: "connexion", lazy: lazyPage(() => import("./pages/LoginPage"), "LoginPage") },
          { path: "mot-de-passe-oublie", lazy: lazyPage(() => import("./pages/ForgotPasswordPage"), "ForgotPasswordPage") },
          { path: "reinitialiser-mot-de-passe/:key", lazy: lazyPage(() => import("./pages/ResetPasswordPage"), "ResetPasswordPage") },
          ...publicFamilyRoutes,
          {
            path: "changer-mot-de-passe",
            lazy: async () => {
              const { ForcedPasswordChangePage } = await import("./pages/ForcedPasswordChangePage");
              return {
                element: (
                  <RequireAuth allowPendingPasswordChange>
                    <ForcedPasswordChangePage />
                  </RequireAuth>
                ),
              };
            },
          },
        ],
      },
      {
        // Pages anyone may read, signed in or not (a module's public catalogue).
        id: PUBLIC_ROUTES_ID,
        lazy: lazyPage(() => import("./components/OpenLayout"), "OpenLayout"),
        children: [],
      },
      {
        element: (
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        ),
        children: [
          {
            // Guardians answer their pending consents first (staff pass through).
            id: PARENT_ROUTES_ID,
            element: <ConsentsGate />,
            children: [
              { index: true, element: <HomePage /> },
              staffHomeRoute,
              ...familyRoutes,
              { path: "mon-compte", lazy: lazyPage(() => import("./pages/AccountPage"), "AccountPage") },
              // A module without pages of its own, or a path no enabled module claims.
              { path: ":moduleId", lazy: lazyPage(() => import("./pages/ModulePage"), "ModulePage") },
            ],
          },
        ],
      },
      { path: "*", lazy: lazyPage(() => import("./pages/NotFoundRoute"), "NotFoundRoute") },
    ],
  },
];
