import type { RouteObject } from "react-router";
import { RequireAuth } from "./auth/RequireAuth";
import { AppShell } from "./components/AppShell";
import { PublicLayout } from "./components/PublicLayout";
import { RootLayout } from "./components/RootLayout";
import { AccountPage } from "./pages/AccountPage";
import { ForcedPasswordChangePage } from "./pages/ForcedPasswordChangePage";
import { ForgotPasswordPage } from "./pages/ForgotPasswordPage";
import { HomePage } from "./pages/HomePage";
import { LoginPage } from "./pages/LoginPage";
import { ModulePage } from "./pages/ModulePage";
import { NotFoundRoute } from "./pages/NotFoundRoute";
import { ResetPasswordPage } from "./pages/ResetPasswordPage";
import { RouteErrorPage } from "./pages/RouteErrorPage";
import { StaffHomePage } from "./pages/StaffHomePage";
import { ConsentsGate } from "./pages/family/ConsentsGate";
import { familyRoutes, publicFamilyRoutes } from "./pages/family/routes";
import { staffRoutes } from "./pages/staff/routes";

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: "connexion", element: <LoginPage /> },
          { path: "mot-de-passe-oublie", element: <ForgotPasswordPage /> },
          { path: "reinitialiser-mot-de-passe/:key", element: <ResetPasswordPage /> },
          ...publicFamilyRoutes,
          {
            path: "changer-mot-de-passe",
            element: (
              <RequireAuth allowPendingPasswordChange>
                <ForcedPasswordChangePage />
              </RequireAuth>
            ),
          },
        ],
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
            element: <ConsentsGate />,
            children: [
              { index: true, element: <HomePage /> },
              { path: "gestion", element: <StaffHomePage /> },
              ...staffRoutes,
              ...familyRoutes,
              { path: "mon-compte", element: <AccountPage /> },
              { path: ":moduleId", element: <ModulePage /> },
            ],
          },
        ],
      },
      { path: "*", element: <NotFoundRoute /> },
    ],
  },
];
