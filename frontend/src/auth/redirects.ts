import type { AuthUser } from "../api/auth";

export const LOGIN_PATH = "/connexion";
export const FORCED_CHANGE_PATH = "/changer-mot-de-passe";
export const NEXT_PARAM = "suivant";

export function homePathFor(user: Pick<AuthUser, "is_staff_member">): string {
  return user.is_staff_member ? "/gestion" : "/";
}

/**
 * Returns `value` if it is a same-origin application path ("/…"), else null.
 * Rejects absolute and protocol-relative URLs, backslash tricks, API paths and
 * the login page itself.
 */
export function safeNextPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (/[\u0000-\u001f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, "http://marelle.invalid");
  } catch {
    return null;
  }
  if (url.origin !== "http://marelle.invalid") return null;
  if (url.pathname === LOGIN_PATH || url.pathname.startsWith("/api/") || url.pathname.startsWith("/static/")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where to send a user once authenticated. */
export function postLoginPath(user: Pick<AuthUser, "is_staff_member" | "must_change_password">, next?: string | null): string {
  const safe = safeNextPath(next);
  if (user.must_change_password) {
    return safe && safe !== FORCED_CHANGE_PATH ? withNext(FORCED_CHANGE_PATH, safe) : FORCED_CHANGE_PATH;
  }
  if (safe && !safe.startsWith(FORCED_CHANGE_PATH)) return safe;
  return homePathFor(user);
}

export function withNext(path: string, next: string | null | undefined): string {
  const safe = safeNextPath(next);
  return safe ? `${path}?${NEXT_PARAM}=${encodeURIComponent(safe)}` : path;
}

export function loginPathFor(location: { pathname: string; search: string; hash: string }): string {
  const current = `${location.pathname}${location.search}${location.hash}`;
  return location.pathname === "/" ? LOGIN_PATH : withNext(LOGIN_PATH, current);
}
