import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { sessionQueryKey } from "./auth";
import { ApiError, NetworkError, isPasswordChangeRequired } from "./client";

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof NetworkError) return failureCount < 2;
  if (error instanceof ApiError && error.status >= 500) return failureCount < 1;
  return false;
}

/**
 * The app's QueryClient. Any API call refused with 403
 * "password_change_required" makes the session refetch, so that the guards
 * send the user to the forced password change page.
 */
export function createQueryClient({ retry = true }: { retry?: boolean } = {}): QueryClient {
  const onError = (error: unknown) => {
    if (isPasswordChangeRequired(error)) void client.invalidateQueries({ queryKey: sessionQueryKey });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: retry ? shouldRetry : false },
      mutations: { retry: false },
    },
  });
  return client;
}
