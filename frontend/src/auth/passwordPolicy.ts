/**
 * Client-side hints mirroring the server's password policy. Only a guide:
 * the server validates and its messages are shown as they come.
 */
export interface PasswordRule {
  id: string;
  label: string;
  test: (password: string) => boolean;
}

export const PASSWORD_RULES: readonly PasswordRule[] = [
  { id: "longueur", label: "8 caractères minimum", test: (p) => [...p].length >= 8 },
  { id: "majuscule", label: "une majuscule", test: (p) => /\p{Lu}/u.test(p) },
  { id: "minuscule", label: "une minuscule", test: (p) => /\p{Ll}/u.test(p) },
  { id: "chiffre", label: "un chiffre", test: (p) => /\p{Nd}/u.test(p) },
];

export interface PasswordRuleResult {
  id: string;
  label: string;
  met: boolean;
}

export function checkPassword(password: string): PasswordRuleResult[] {
  return PASSWORD_RULES.map((rule) => ({ id: rule.id, label: rule.label, met: rule.test(password) }));
}
