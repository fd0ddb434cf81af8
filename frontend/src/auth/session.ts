import { useRef } from "react";
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

/**
 * Like useSessionUser, for components rendered behind <RequireAuth>. Right
 * after a logout such a component may render once more before its guard
 * unmounts it: it then gets the last known user.
 */
export function useAuthenticatedUser(): AuthUser {
  const user = useSessionUser();
  const last = useRef(user);
  if (user) last.current = user;
  if (!last.current) throw new Error("useAuthenticatedUser() utilisé hors d'une route protégée.");
  return last.current;
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Anonymous from now on; forget every other user data but the
      // (public) structure.
      queryClient.setQueryData(sessionQueryKey, null);
      queryClient.removeQueries({
        predicate: (q) => q.queryKey[0] !== structureQueryKey[0] && q.queryKey[0] !== sessionQueryKey[0],
      });
      // flushSync: render the login page now, in the same pass as the empty
      // session, so that the route guards don't redirect with ?suivant= first
      // (while the login page's code loads, <RequireAuth> waits for this
      // navigation).
      void navigate(LOGIN_PATH, { replace: true, flushSync: true, state: { flash: "Vous êtes déconnecté." } });
    },
  });
}
