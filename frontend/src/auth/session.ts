import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { fetchSession, logout, sessionQueryKey, type AuthUser } from "../api/auth";
import { structureQueryKey } from "../api/structure";
import { LOGIN_PATH } from "./redirects";

export function useSessionQuery() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 60 * 1000,
  });
}

/** The logged-in user, or null. Only meaningful below <RootLayout>. */
export function useSessionUser(): AuthUser | null {
  return useSessionQuery().data ?? null;
}

/** Like useSessionUser, for components rendered behind <RequireAuth>. */
export function useAuthenticatedUser(): AuthUser {
  const user = useSessionUser();
  if (!user) throw new Error("useAuthenticatedUser() utilisé hors d'une route protégée.");
  return user;
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Forget everything but the (public) structure.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== structureQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, null);
      navigate(LOGIN_PATH, { replace: true, state: { flash: "Vous êtes déconnecté." } });
    },
  });
}
