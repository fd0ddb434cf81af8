import { useEffect } from "react";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { UNREAD_KEY } from "./unread";

/**
 * Opening a thread marks it read on the server: once its detail has loaded,
 * the counters that depend on it (menu badge, home, lists) are refetched.
 */
export function useMarkedRead(loadedAt: number, extraKeys: readonly QueryKey[]) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!loadedAt) return;
    void queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
    for (const key of extraKeys) void queryClient.invalidateQueries({ queryKey: key });
    // extraKeys is a constant of the caller.
  }, [loadedAt, queryClient]);
}
