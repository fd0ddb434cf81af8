/**
 * allauth "headless" flows of the public and account screens: log in, change
 * or reset a password, confirm an e-mail address. Apart from ./auth.ts (the
 * session), which every page needs, so that they load with those screens.
 */
import {
  EMAIL_VERIFY_URL,
  LOGIN_URL,
  PASSWORD_CHANGE_URL,
  PASSWORD_REQUEST_URL,
  PASSWORD_RESET_URL,
  type AuthenticatedResponse,
  type AuthUser,
  type ChangePasswordInput,
  type LoginInput,
  type ResetPasswordInput,
  type UnauthenticatedResponse,
} from "./auth";
import { ApiError, apiFetch } from "./client";

export async function login(input: LoginInput): Promise<AuthUser> {
  const response = await apiFetch<AuthenticatedResponse>(LOGIN_URL, { method: "POST", body: input });
  return response.data.user;
}

export async function changePassword(input: ChangePasswordInput): Promise<void> {
  await apiFetch<unknown>(PASSWORD_CHANGE_URL, { method: "POST", body: input });
}

export async function requestPasswordReset(email: string): Promise<void> {
  await apiFetch<unknown>(PASSWORD_REQUEST_URL, { method: "POST", body: { email } });
}

/** The account a valid reset key belongs to: what the password checklist's similarity rule
 * compares the new password with. */
export interface ResetKeyAccount {
  email: string;
  first_name: string;
  last_name: string;
}

/** The key's account if the reset key is valid (200), false if not (400). */
export async function checkPasswordResetKey(key: string, signal?: AbortSignal): Promise<ResetKeyAccount | false> {
  try {
    const response = await apiFetch<{ data?: { user?: Partial<ResetKeyAccount> } } | null>(PASSWORD_RESET_URL, {
      headers: { "X-Password-Reset-Key": key },
      signal,
    });
    const user = response?.data?.user ?? {};
    return { email: user.email ?? "", first_name: user.first_name ?? "", last_name: user.last_name ?? "" };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 404)) return false;
    throw error;
  }
}

/**
 * Resets the password. Returns the user when allauth logged them in, or null
 * when the reset succeeded but the session is anonymous (401 with
 * meta.is_authenticated false): they must then log in.
 */
export async function resetPassword(input: ResetPasswordInput): Promise<AuthUser | null> {
  try {
    const response = await apiFetch<AuthenticatedResponse>(PASSWORD_RESET_URL, { method: "POST", body: input });
    return response.data?.user ?? null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      const body = error.body as Partial<UnauthenticatedResponse> | null;
      if (body?.meta?.is_authenticated === false && !error.errors.length) return null;
    }
    throw error;
  }
}

/** True when a 401 of allauth says the login waits for the e-mail to be confirmed. */
export function isEmailVerificationPending(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 401) return false;
  const body = error.body as Partial<UnauthenticatedResponse> | null;
  return Boolean(body?.data?.flows?.some((flow) => flow.id === "verify_email" && flow.is_pending));
}

/**
 * Confirms an e-mail address with the key of the link. Returns the user when
 * allauth logged them in, null when the address is confirmed but the session
 * stays anonymous (401 without errors). Throws ApiError 400 for a bad key.
 */
export async function verifyEmail(key: string): Promise<AuthUser | null> {
  try {
    const response = await apiFetch<AuthenticatedResponse>(EMAIL_VERIFY_URL, { method: "POST", body: { key } });
    return response.data?.user ?? null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && !error.errors.length) return null;
    throw error;
  }
}
