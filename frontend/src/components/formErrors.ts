import { ApiError, NetworkError } from "../api/client";
import { MESSAGES } from "./errorMessages";

export interface FormErrorItem {
  message: string;
  /** id of the input the message is about, if any. */
  fieldId?: string;
}

export { MESSAGES };

/**
 * Turns an API failure into French messages for a form. `params` maps the
 * server's `param` names to input ids, so that those messages go next to
 * their field.
 */
export function describeError(error: unknown, params: Record<string, string> = {}): FormErrorItem[] {
  if (error instanceof NetworkError) return [{ message: MESSAGES.network }];
  if (!(error instanceof ApiError)) return [{ message: MESSAGES.unexpected }];
  if (error.status === 429) return [{ message: MESSAGES.throttled }];
  const items = error.errors.map((e) => ({
    message: e.message,
    fieldId: e.param ? params[e.param] : undefined,
  }));
  if (items.length) return items;
  if (error.status === 403) return [{ message: MESSAGES.csrf }];
  if (error.status >= 500) return [{ message: MESSAGES.server }];
  return [{ message: MESSAGES.unexpected }];
}

/** Messages for one field. */
export function fieldErrors(items: readonly FormErrorItem[], fieldId: string): string[] | undefined {
  const messages = items.filter((item) => item.fieldId === fieldId).map((item) => item.message);
  return messages.length ? messages : undefined;
}
