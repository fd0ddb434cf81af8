/**
 * django-allauth "headless" API (browser client), mounted at /api/v1/.
 * Not part of the OpenAPI schema: types are written by hand.
 */
import { ApiError, apiFetch, type ServerErrorItem } from "./client";

export const STAFF_ROLES = ["administrateur", "gestionnaire", "coordinateur", "comptable", "animateur"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | "parent" | (string & {});

export interface AuthUser {
  id: number;
  display: string;
  email: string;
  has_usable_password: boolean;
  first_name: string;
  last_name: string;
  must_change_password: boolean;
  roles: Role[];
  role_labels: string[];
  is_staff_member: boolean;
}

export interface AuthMethod {
  method: string;
  at: number;
  email?: string;
  username?: string;
  reauthenticated?: boolean;
}

export interface AuthFlow {
  id: string;
  is_pending?: boolean;
  provider?: unknown;
  types?: string[];
}

export interface AuthenticatedResponse {
  status: 200;
  data: { user: AuthUser; methods: AuthMethod[] };
  meta: { is_authenticated: true; session_token?: string; access_token?: string };
}

export interface UnauthenticatedResponse {
  status: 401;
  data: { flows: AuthFlow[] };
  meta: { is_authenticated: false };
}

export interface AuthErrorResponse {
  status: 400 | 403 | 409 | 429;
  errors: ServerErrorItem[];
}

export interface LoginInput {
  email: string;
  password: string;
}

export interface ChangePasswordInput {
  /** Omitted when the user has no usable password yet. */
  current_password?: string;
  new_password: string;
}

export interface ResetPasswordInput {
  key: string;
  password: string;
}

const BASE = "/api/v1";
export const SESSION_URL = `${BASE}/auth/session`;
export const LOGIN_URL = `${BASE}/auth/login`;
export const PASSWORD_CHANGE_URL = `${BASE}/account/password/change`;
export const PASSWORD_REQUEST_URL = `${BASE}/auth/password/request`;
export const PASSWORD_RESET_URL = `${BASE}/auth/password/reset`;
export const EMAIL_VERIFY_URL = `${BASE}/auth/email/verify`;

export const sessionQueryKey = ["auth", "session"] as const;

/** Current user, or null when anonymous (401 / 410). */
export async function fetchSession(signal?: AbortSignal): Promise<AuthUser | null> {
  try {
    const response = await apiFetch<AuthenticatedResponse>(SESSION_URL, { signal });
    return response.data.user;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 410)) return null;
    throw error;
  }
}

/** Logs out. allauth answers 401 (now anonymous): that is the expected outcome. */
export async function logout(): Promise<void> {
  try {
    await apiFetch<unknown>(SESSION_URL, { method: "DELETE" });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    throw error;
  }
}
