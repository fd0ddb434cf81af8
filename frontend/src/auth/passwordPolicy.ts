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

/**
 * The server's password rules as its checklist endpoint names them
 * (`POST /api/v1/password/check/`, core.accounts.passwords), shown before its
 * first answer. `test` is a local hint for the rules the browser can check
 * alone; the others (similarity to the name or e-mail, common passwords) only
 * the server answers. The server's answer always wins.
 */
export const SERVER_RULES: readonly { id: string; label: string; test?: (password: string) => boolean }[] = [
  { id: "longueur", label: "Contient au moins 8 caractères", test: (p) => [...p].length >= 8 },
  // The server's own character classes (core.accounts.validators).
  { id: "majuscule", label: "Contient une majuscule", test: (p) => /[A-ZÀ-ÖØ-Þ]/.test(p) },
  { id: "minuscule", label: "Contient une minuscule", test: (p) => /[a-zß-öø-ÿ]/.test(p) },
  { id: "chiffre", label: "Contient un chiffre", test: (p) => /\d/.test(p) },
  { id: "ressemblance", label: "Ne ressemble pas à votre nom ou à votre adresse e-mail" },
  { id: "courant", label: "N'est pas un mot de passe trop courant" },
  { id: "numerique", label: "N'est pas composé uniquement de chiffres", test: (p) => p !== "" && !/^\d+$/.test(p) },
];
