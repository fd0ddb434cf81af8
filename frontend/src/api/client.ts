/**
 * Minimal fetch wrapper for the Marelle API (same origin, session cookie +
 * Django CSRF). Non-2xx answers throw ApiError; a failed network call throws
 * NetworkError.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

export interface ServerErrorItem {
  message: string;
  code?: string;
  param?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
  }

  /** The `code` of a DRF-style body (e.g. "password_change_required"). */
  get code(): string | undefined {
    const body = this.body as { code?: unknown } | null;
    return body && typeof body.code === "string" ? body.code : undefined;
  }

  /**
   * Error messages in the body: allauth's `errors: [{message, code, param}]`
   * or DRF's `detail`.
   */
  get errors(): ServerErrorItem[] {
    const body = this.body as { errors?: unknown; detail?: unknown } | null;
    if (body && Array.isArray(body.errors)) {
      return body.errors
        .filter(
          (e): e is ServerErrorItem =>
            typeof e === "object" && e !== null && typeof (e as ServerErrorItem).message === "string",
        )
        .map((e) => ({ message: e.message, code: e.code, param: e.param }));
    }
    if (body && typeof body.detail === "string") {
      return [{ message: body.detail, code: this.code }];
    }
    return [];
  }
}

export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super("Network error", { cause });
    this.name = "NetworkError";
  }
}

export function isPasswordChangeRequired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.code === "password_change_required";
}

export function getCookie(name: string): string | null {
  if (typeof document === "undefined" || !document.cookie) return null;
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function parseBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = (options.method ?? "GET").toUpperCase();
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (!SAFE_METHODS.has(method)) {
    const token = getCookie("csrftoken");
    if (token) headers["X-CSRFToken"] = token;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new NetworkError(error);
  }

  const body = await parseBody(response);
  if (!response.ok) throw new ApiError(response.status, body);
  return body as T;
}

/**
 * Sends a multipart form (a file upload): the browser sets the Content-Type
 * with its boundary, so none is given here. Same errors as apiFetch.
 */
export async function apiUpload<T>(path: string, data: FormData, options: { method?: string; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = getCookie("csrftoken");
  if (token) headers["X-CSRFToken"] = token;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "POST",
      headers,
      body: data,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new NetworkError(error);
  }
  const body = await parseBody(response);
  if (!response.ok) throw new ApiError(response.status, body);
  return body as T;
}
