import { useQuery } from "@tanstack/react-query";
import { type Option } from "../../../components/FormFields";
import { bookingKeys, fetchConfig, fetchPricingMethods, type Activity, type Group, type Policy, type Unit } from "./api";

export const useActivities = () =>
  useQuery({
    queryKey: bookingKeys.config("activities"),
    queryFn: ({ signal }) => fetchConfig<Activity>("activities", {}, signal),
    staleTime: 60_000,
  });

export const usePolicies = () =>
  useQuery({
    queryKey: bookingKeys.config("policies"),
    queryFn: ({ signal }) => fetchConfig<Policy>("policies", {}, signal),
    staleTime: 60_000,
  });

/** The units of one activity (none when `activity` is empty). */
export const useUnits = (activity: string | number | null | undefined) =>
  useQuery({
    queryKey: bookingKeys.config("units", { activity: String(activity ?? "") }),
    queryFn: ({ signal }) => fetchConfig<Unit>("units", { activity: String(activity) }, signal),
    enabled: activity !== null && activity !== undefined && activity !== "",
  });

export const useAllUnits = () =>
  useQuery({
    queryKey: bookingKeys.config("units", { all: true }),
    queryFn: ({ signal }) => fetchConfig<Unit>("units", {}, signal),
  });

/** The pricing methods offered to the structure (they change only with its modules). */
export const usePricingMethods = () =>
  useQuery({
    queryKey: bookingKeys.pricingMethods,
    queryFn: ({ signal }) => fetchPricingMethods(signal),
    staleTime: 5 * 60_000,
  });

export const useGroups = () =>
  useQuery({
    queryKey: bookingKeys.config("groups"),
    queryFn: ({ signal }) => fetchConfig<Group>("groups", {}, signal),
  });

export function activityLabel(activity: Pick<Activity, "name" | "season">): string {
  return activity.season ? `${activity.name} (${activity.season})` : activity.name;
}

/** Options of an activity filter: "all" first, then the activities. */
export function activityOptions(activities: readonly Activity[] | undefined, allLabel = "Toutes les activités"): Option[] {
  return [{ value: "", label: allLabel }, ...(activities ?? []).map((a) => ({ value: String(a.id), label: activityLabel(a) }))];
}

export function policyOptions(policies: readonly Policy[] | undefined, emptyLabel: string): Option[] {
  return [{ value: "", label: emptyLabel }, ...(policies ?? []).map((p) => ({ value: String(p.id), label: p.name }))];
}
