import { ApiError } from "../api/client";
import { describeError, type FormErrorItem } from "./formErrors";

/**
 * An error of a form: `message` is shown in the ErrorSummary (prefixed with
 * the field's label), `fieldMessage` next to the field.
 */
export interface FieldErrorItem extends FormErrorItem {
  fieldMessage?: string;
  /** The server's path of the field ("guardian.phone_mobile", "children.1.birth_date"). */
  path?: string;
}

/** Flattens DRF's nested error body into (path, message) pairs. */
export function flattenDrfErrors(body: unknown, prefix = ""): { path: string; message: string }[] {
  if (typeof body === "string") return [{ path: prefix, message: body }];
  if (Array.isArray(body)) {
    if (body.every((item) => typeof item === "string")) return body.map((message) => ({ path: prefix, message }));
    return body.flatMap((item, index) => flattenDrfErrors(item, prefix ? `${prefix}.${index}` : String(index)));
  }
  if (body && typeof body === "object") {
    return Object.entries(body as Record<string, unknown>).flatMap(([key, value]) =>
      flattenDrfErrors(value, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [];
}

const GENERAL_KEYS = new Set(["", "detail", "non_field_errors", "code"]);

export interface ErrorMapping {
  /** The input id of a server path, if that field is on screen. */
  idFor: (path: string) => string | undefined;
  /** The label of a server path (for the summary). */
  labelFor?: (path: string) => string | undefined;
}

/**
 * Turns an API failure into form errors: a DRF 400 body goes next to each
 * field (by path); anything else as describeError does.
 */
export function mapApiError(error: unknown, mapping: ErrorMapping): FieldErrorItem[] {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.body || typeof error.body !== "object") {
    return describeError(error);
  }
  const body = error.body as Record<string, unknown>;
  if (Array.isArray(body.errors)) return describeError(error);
  const pairs = flattenDrfErrors(body).filter((p) => p.path !== "code");
  if (!pairs.length) return describeError(error);
  return pairs.map(({ path, message }) => {
    const last = path.split(".").pop() ?? "";
    if (GENERAL_KEYS.has(path) || GENERAL_KEYS.has(last)) return { message, path };
    const label = mapping.labelFor?.(path);
    return {
      message: label ? `${label} : ${message}` : message,
      fieldMessage: message,
      fieldId: mapping.idFor(path),
      path,
    };
  });
}

/** The messages shown next to one field. */
export function messagesFor(items: readonly FieldErrorItem[], fieldId: string): string[] | undefined {
  const messages = items.filter((item) => item.fieldId === fieldId).map((item) => item.fieldMessage ?? item.message);
  return messages.length ? messages : undefined;
}

export const REQUIRED_MESSAGE = "Ce champ est obligatoire.";

/** A client-side "required" error for a field. */
export function requiredError(fieldId: string, label: string, message = REQUIRED_MESSAGE): FieldErrorItem {
  return { fieldId, message: `${label} : ${message}`, fieldMessage: message };
}

/**
 * A refusal said in one sentence, for a button's action without a form (accept a place,
 * book a stay): the French messages of a DRF body (its `code` left out), else what
 * describeError says (network, server, session).
 */
export function refusalMessage(error: unknown): string {
  if (error instanceof ApiError && error.body && typeof error.body === "object") {
    const messages = flattenDrfErrors(error.body).filter((p) => p.path !== "code");
    if (messages.length) return messages.map((m) => m.message).join(" ");
  }
  return describeError(error)[0]?.message ?? "Une erreur est survenue.";
}
