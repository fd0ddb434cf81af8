/**
 * The « Messagerie » entry's badge (loaded with the app shell: keep it tiny).
 * Parents: unread staff messages + unread announcements; staff: new threads.
 */
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../../../api/client";

export const UNREAD_KEY = ["communication", "unread"] as const;

export interface UnreadCounts {
  messages?: number;
  announcements?: number;
  new_threads?: number;
  unread?: number;
}

/** The badge's count for the entry `id` (0 for every other entry or while loading). */
export function useUnreadBadge(staff: boolean, enabled: boolean): number {
  const { data } = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) => apiFetch<UnreadCounts>(`/api/v1/${staff ? "staff/" : ""}communication/unread/`, { signal }),
    enabled,
    refetchOnWindowFocus: true,
  });
  if (!data) return 0;
  return staff ? (data.new_threads ?? 0) : (data.messages ?? 0) + (data.announcements ?? 0);
}
