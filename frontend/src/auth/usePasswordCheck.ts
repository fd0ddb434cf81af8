import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "../api/client";
import type { components } from "../api/schema";
import { SERVER_RULES } from "./passwordPolicy";

export type PasswordCheckResult = components["schemas"]["PasswordCheck"];
export const PASSWORD_CHECK_URL = "/api/v1/password/check/";
/** Pause in the typing before the server is asked. */
export const PASSWORD_CHECK_DELAY_MS = 350;

/** What the similarity rule compares with (ignored by the server once signed in). */
export interface PasswordAttributes {
  email?: string;
  first_name?: string;
  last_name?: string;
}

/** "met"/"unmet": the server's answer for this very password (or empty password); "pending":
 * not answered yet; "unverified": the server could not be asked. */
export type RuleState = "met" | "unmet" | "pending" | "unverified";

export interface PasswordRuleView {
  id: string;
  label: string;
  state: RuleState;
}

/** The server's verdict on submit: "invalid" also when a rule the browser checks alone fails;
 * "unavailable" when the server could not be asked (the form then lets the server's own
 * validation of the submit decide). */
export type PasswordVerdict = "valid" | "invalid" | "unavailable";

export interface PasswordCheck {
  rules: PasswordRuleView[];
  /** True once the server answered for the current password and accepts it. */
  valid: boolean;
  /** The server's messages for the current password when it refuses it. */
  errors: string[];
  /** The server's verdict for the current password, asked now if not known yet. */
  verify: () => Promise<PasswordVerdict>;
}

interface Answer {
  key: string;
  result: PasswordCheckResult | null;
}

function requestBody(password: string, attributes: PasswordAttributes) {
  return {
    password,
    email: attributes.email?.trim() ?? "",
    first_name: attributes.first_name?.trim() ?? "",
    last_name: attributes.last_name?.trim() ?? "",
  };
}

async function askServer(password: string, attributes: PasswordAttributes, signal?: AbortSignal): Promise<PasswordCheckResult> {
  return apiFetch<PasswordCheckResult>(PASSWORD_CHECK_URL, { method: "POST", body: requestBody(password, attributes), signal });
}

/**
 * The password policy as the server applies it: the checklist asks the server
 * (debounced) for each password typed, with the name and e-mail the similarity
 * rule compares; until it answers, only the rules the browser can check alone
 * show their state, the others wait. Never all green before the server said so.
 * The password is kept out of the query cache.
 */
export function usePasswordCheck(password: string, attributes: PasswordAttributes = {}): PasswordCheck {
  const body = requestBody(password, attributes);
  const key = JSON.stringify(body);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const latest = useRef({ key, password, attributes });
  latest.current = { key, password, attributes };

  useEffect(() => {
    if (!password) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      askServer(password, attributes, controller.signal).then(
        (result) => setAnswer({ key, result }),
        (error: unknown) => {
          if (!(error instanceof DOMException && error.name === "AbortError")) setAnswer({ key, result: null });
        },
      );
    }, PASSWORD_CHECK_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // The key holds the password and the attributes.
  }, [key]);

  const current = answer && answer.key === key ? answer : null;

  const verify = useCallback(async (): Promise<PasswordVerdict> => {
    const { key: asked, password: value, attributes: values } = latest.current;
    // What the browser sees alone is enough to refuse (and spares the server a call).
    if (SERVER_RULES.some((rule) => rule.test && !rule.test(value))) return "invalid";
    let result: PasswordCheckResult | null;
    if (answer && answer.key === asked) {
      result = answer.result;
    } else {
      try {
        result = await askServer(value, values);
      } catch {
        result = null;
      }
      setAnswer({ key: asked, result });
    }
    if (!result) return "unavailable";
    return result.valid ? "valid" : "invalid";
  }, [answer]);

  let rules: PasswordRuleView[];
  if (current?.result) {
    rules = current.result.rules.map((rule) => ({ id: rule.id, label: rule.label, state: rule.passed ? "met" : "unmet" }));
  } else {
    const waiting: RuleState = !password ? "unmet" : current ? "unverified" : "pending";
    rules = SERVER_RULES.map((rule) => ({
      id: rule.id,
      label: rule.label,
      state: !password ? "unmet" : rule.test ? (rule.test(password) ? "met" : "unmet") : waiting,
    }));
  }
  return {
    rules,
    valid: Boolean(current?.result?.valid),
    errors: current?.result && !current.result.valid ? current.result.errors : [],
    verify,
  };
}
