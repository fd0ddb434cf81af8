import { checkPassword } from "../auth/passwordPolicy";

interface PasswordChecklistProps {
  id: string;
  password: string;
}

/** Live list of the password policy rules, each marked met / not met. */
export function PasswordChecklist({ id, password }: PasswordChecklistProps) {
  const results = checkPassword(password);
  const metCount = results.filter((r) => r.met).length;
  return (
    <div className="checklist">
      <div id={id}>
        <p className="checklist__intro">Votre mot de passe doit contenir :</p>
        <ul className="checklist__list">
          {results.map((rule) => (
            <li key={rule.id} className={rule.met ? "checklist__item is-met" : "checklist__item"} data-met={rule.met}>
              <span className="checklist__mark" aria-hidden="true">
                {rule.met ? "✓" : "•"}
              </span>
              {rule.label} <span className="visually-hidden">{rule.met ? "(respecté)" : "(non respecté)"}</span>
            </li>
          ))}
        </ul>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {password ? `Critères respectés : ${metCount} sur ${results.length}.` : ""}
      </p>
    </div>
  );
}
