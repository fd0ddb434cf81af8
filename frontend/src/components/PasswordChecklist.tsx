import type { PasswordCheck, RuleState } from "../auth/usePasswordCheck";

interface PasswordChecklistProps {
  id: string;
  check: PasswordCheck;
}

const MARK: Record<RuleState, string> = { met: "✓", unmet: "•", pending: "…", unverified: "?" };
const SPOKEN: Record<RuleState, string> = {
  met: "(respecté)",
  unmet: "(non respecté)",
  pending: "(vérification en cours)",
  unverified: "(non vérifié)",
};

/**
 * Live list of the server's password rules (usePasswordCheck), each met / not
 * met / being checked: the rules only the server can check (similarity to the
 * name or e-mail, common passwords) turn green only when it said so.
 */
export function PasswordChecklist({ id, check }: PasswordChecklistProps) {
  const { rules } = check;
  const metCount = rules.filter((r) => r.state === "met").length;
  const settled = rules.every((r) => r.state === "met" || r.state === "unmet");
  const typed = rules.some((r) => r.state !== "unmet");
  const unverified = rules.some((r) => r.state === "unverified");
  return (
    <div className="checklist">
      <div id={id}>
        <p className="checklist__intro">Votre mot de passe :</p>
        <ul className="checklist__list">
          {rules.map((rule) => (
            <li key={rule.id} className={`checklist__item is-${rule.state}`} data-rule={rule.id} data-met={rule.state === "met"} data-state={rule.state}>
              <span className="checklist__mark" aria-hidden="true">
                {MARK[rule.state]}
              </span>
              {rule.label} <span className="visually-hidden">{SPOKEN[rule.state]}</span>
            </li>
          ))}
        </ul>
        {unverified && (
          <p className="checklist__note">Certains critères n'ont pas pu être vérifiés : ils le seront à l'envoi du formulaire.</p>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {typed && settled ? `Critères respectés : ${metCount} sur ${rules.length}.` : ""}
      </p>
    </div>
  );
}
