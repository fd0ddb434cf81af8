/**
 * The parent's account (balance, unpaid invoices): all the parents' home
 * needs of billing, apart from ./billing.ts so that the rest of billing loads
 * with the « Facturation » pages.
 */
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./client";
import type { components } from "./schema";

export type Account = components["schemas"]["Account"];

export const ACCOUNT_URL = "/api/v1/billing/account/";
export const accountQueryKey = ["billing", "account"] as const;

export function useAccount() {
  return useQuery({ queryKey: accountQueryKey, queryFn: ({ signal }) => apiFetch<Account>(ACCOUNT_URL, { signal }) });
}
