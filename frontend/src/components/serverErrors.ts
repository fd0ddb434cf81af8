/** French messages for failed API calls of the back office: 403, DRF validation bodies, 404. */
import { ApiError, isPasswordChangeRequired } from "../api/client";
import { describeError, type FormErrorItem } from "./formErrors";

export const FORBIDDEN_MESSAGE = "Vous n'avez pas accès à cette fonction.";
export const REASON_REQUIRED = "Indiquez le motif du refus.";

/** A 403 for lack of permission (not the "change your password first" one). */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && !isPasswordChangeRequired(error);
}

function messagesOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  return [];
}

/**
 * Flattens a DRF validation body ({"reason": ["…"], "household": {"city": ["…"]},
 * "children": [{}, {"birth_date": ["…"]}]}) into [path, message] pairs:
 * "reason", "household.city", "children.1.birth_date".
 */
export function flattenDrfErrors(body: unknown, prefix = ""): Array<[string, string]> {
  const direct = messagesOf(body);
  if (direct.length) return direct.map((m) => [prefix, m]);
  const out: Array<[string, string]> = [];
  if (Array.isArray(body)) {
    body.forEach((item, index) => out.push(...flattenDrfErrors(item, prefix ? `${prefix}.${index}` : String(index))));
  } else if (body && typeof body === "object") {
    for (const [key, value] of Object.entries(body)) {
      const path = key === "non_field_errors" || key === "detail" ? prefix : prefix ? `${prefix}.${key}` : key;
      out.push(...flattenDrfErrors(value, path));
    }
  }
  return out;
}

/**
 * French messages for a failed staff call. `params` maps DRF field paths
 * ("reason", "household.city") to input ids, so that those messages are shown
 * next to their field; `labels` prefixes the others with a field name.
 */
export function staffErrors(
  error: unknown,
  params: Record<string, string> = {},
  labels: Record<string, string> = {},
): FormErrorItem[] {
  if (isForbidden(error)) return [{ message: FORBIDDEN_MESSAGE }];
  if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
    const body = error.body as { errors?: unknown; detail?: unknown } | null;
    if (body && typeof body === "object" && !("errors" in body)) {
      // A refusal's `code` (a string, not a field's messages) is for the code, never shown.
      const { code, ...messages } = body as Record<string, unknown>;
      const pairs = flattenDrfErrors(typeof code === "string" ? messages : body);
      if (pairs.length) {
        return pairs.map(([path, message]) => {
          const fieldId = params[path];
          const label = labels[path];
          return { message: !fieldId && label ? `${label} : ${message}` : message, fieldId };
        });
      }
    }
    if (error.status === 404) return [{ message: "Cet élément n'existe plus. Rechargez la page." }];
  }
  return describeError(error);
}
