import { useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { apiFetch } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../components/formErrors";
import { InputField, SelectField } from "../../components/FormFields";
import { staffErrors } from "../../components/serverErrors";
import { SubmitButton } from "../../components/SubmitButton";
import { formatDate, formatDateTime } from "../../format/dates";
import { formatMoney } from "../../format/money";
import { fetchDossierOptions, healthFormUrl, staffKeys, updateFamily, type Family, type FamilyPatch, type StaffFamilyFile } from "./api";
import { ChangeList } from "./ChangeList";
import { ChildHealthEditor, ChildIdentityEditor, GuardianEditor, InternalNotes } from "./FamilyEditForms";
import { useFamilyFile } from "./FamilyFileLayout";
import { StatusMessage } from "./StaffUi";

type HouseholdField = Exclude<keyof FamilyPatch & keyof Family, "id">;

const TEXT_FIELDS: Array<{ name: HouseholdField; label: string; type?: string; group: "adresse" | "contact" | "caf" | "banque" }> = [
  { name: "address_line1", label: "Adresse", group: "adresse" },
  { name: "address_line2", label: "Complément d'adresse", group: "adresse" },
  { name: "postal_code", label: "Code postal", group: "adresse" },
  { name: "city", label: "Ville", group: "adresse" },
  { name: "phone", label: "Téléphone du domicile", type: "tel", group: "contact" },
  { name: "email", label: "E-mail du foyer", type: "email", group: "contact" },
  { name: "allocataire_number", label: "N° allocataire", group: "caf" },
  { name: "account_holder", label: "Titulaire du compte", group: "banque" },
  { name: "iban", label: "IBAN", group: "banque" },
  { name: "bic", label: "BIC", group: "banque" },
];

const fieldId = (name: string) => `foyer-${name.replace(/_/g, "-")}`;

/** Foyer: staff edit the household directly (no request to validate). */
export function HouseholdSection() {
  const { familyId, file } = useFamilyFile();
  const queryClient = useQueryClient();
  const options = useQuery({ queryKey: staffKeys.options, queryFn: ({ signal }) => fetchDossierOptions(signal), staleTime: 5 * 60 * 1000 });
  const initial = (family: Family): Record<string, string> =>
    Object.fromEntries([...TEXT_FIELDS.map((f) => f.name), "marital_status", "regime"].map((name) => [name, String(family[name as HouseholdField] ?? "")]));
  const [values, setValues] = useState<Record<string, string>>(() => initial(file.family));
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");

  const params = Object.fromEntries([...TEXT_FIELDS.map((f) => f.name), "marital_status", "regime"].map((n) => [n, fieldId(n)]));
  const mutation = useMutation({
    mutationFn: (patch: FamilyPatch) => updateFamily(familyId, patch),
    onSuccess: (family) => {
      setErrors([]);
      setValues(initial(family));
      setStatus("Le foyer est enregistré.");
      queryClient.setQueryData<StaffFamilyFile>(staffKeys.family(familyId), (old) => (old ? { ...old, family } : old));
      void queryClient.invalidateQueries({ queryKey: staffKeys.family(familyId) });
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error, params));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const before = initial(file.family);
    const patch = Object.fromEntries(Object.entries(values).filter(([k, v]) => v.trim() !== before[k]).map(([k, v]) => [k, v.trim()])) as FamilyPatch;
    if (!Object.keys(patch).length) {
      setErrors([]);
      setStatus("Aucune modification à enregistrer.");
      return;
    }
    setStatus("");
    mutation.mutate(patch);
  }

  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const text = (group: string) =>
    TEXT_FIELDS.filter((f) => f.group === group).map((f) => (
      <InputField
        key={f.name}
        id={fieldId(f.name)}
        label={f.label}
        type={f.type ?? "text"}
        value={values[f.name] ?? ""}
        onChange={set(f.name)}
        errors={fieldErrors(errors, fieldId(f.name))}
      />
    ));

  return (
    <section aria-labelledby="foyer-titre">
      <h2 id="foyer-titre">Foyer</h2>
      <p>Vos modifications sont appliquées directement et notées dans l'historique du dossier.</p>
      <StatusMessage message={status} />
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={submit}>
        <fieldset className="fieldset">
          <legend>Adresse</legend>
          <div className="form-grid form-grid--2">{text("adresse")}</div>
        </fieldset>
        <fieldset className="fieldset">
          <legend>Contact et situation</legend>
          <div className="form-grid form-grid--2">
            {text("contact")}
            <SelectField
              id={fieldId("marital_status")}
              label="Situation familiale"
              value={values.marital_status ?? ""}
              onChange={set("marital_status")}
              options={[{ value: "", label: "Non précisée" }, ...(options.data?.marital_statuses ?? optionFallback(values.marital_status))]}
              errors={fieldErrors(errors, fieldId("marital_status"))}
            />
          </div>
        </fieldset>
        <fieldset className="fieldset">
          <legend>Allocataire</legend>
          <div className="form-grid form-grid--2">
            <SelectField
              id={fieldId("regime")}
              label="Régime allocataire"
              value={values.regime ?? ""}
              onChange={set("regime")}
              options={[{ value: "", label: "Non précisé" }, ...(options.data?.regimes ?? optionFallback(values.regime))]}
              errors={fieldErrors(errors, fieldId("regime"))}
            />
            {text("caf")}
          </div>
        </fieldset>
        <fieldset className="fieldset">
          <legend>Coordonnées bancaires</legend>
          <div className="form-grid form-grid--2">{text("banque")}</div>
        </fieldset>
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Enregistrer le foyer" busyLabel="Enregistrement…" />
        </div>
      </form>
      <InternalNotes familyId={familyId} notes={file.notes} />
    </section>
  );
}

/** Until the options load, keep the current value selectable. */
function optionFallback(value: string | undefined) {
  return value ? [{ value, label: value }] : [];
}

function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return "Sans réponse";
  return value ? "Oui" : "Non";
}

function Definitions({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <dl className="definition-list">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value === "" || value === null || value === undefined ? "—" : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Give a guardian without a login one of their own (invitation e-mail). */
function GuardianLoginButton({ familyId, guardianId, name }: { familyId: number; guardianId: number; name: string }) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const mutation = useMutation({
    mutationFn: () =>
      apiFetch(`/api/v1/staff/families/${familyId}/guardians/${guardianId}/login/`, {
        method: "POST",
        body: { account: "invitation" },
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: staffKeys.family(familyId) }),
    onError: (error) => setErrors(staffErrors(error)),
  });
  return (
    <div className="stack">
      <ErrorSummary items={errors} />
      <div role="status">
        {mutation.isSuccess && <p className="notice notice--success">Invitation envoyée à {name}.</p>}
      </div>
      {!mutation.isSuccess && (
        <button type="button" className="button button--secondary" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
          Créer un compte pour {name} (invitation par e-mail)
        </button>
      )}
    </div>
  );
}

export function GuardiansSection() {
  const { familyId, file } = useFamilyFile();
  const childName = (id: number) => {
    const child = file.children.find((c) => c.id === id);
    return child ? child.first_name : `enfant n° ${id}`;
  };
  return (
    <section aria-labelledby="responsables-titre">
      <h2 id="responsables-titre">Responsables</h2>
      {file.guardians.length === 0 && <p>Aucun responsable.</p>}
      <div className="stack">
        {file.guardians.map((g) => (
          <article key={g.id} className="card" aria-labelledby={`responsable-${g.id}`}>
            <h3 id={`responsable-${g.id}`}>
              {g.first_name} {g.last_name}
              {g.is_primary ? <span className="status-pill"> Responsable principal</span> : null}
            </h3>
            <Definitions
              items={[
                ["Compte de connexion", g.has_login ? "Oui" : "Non"],
                ["Date de naissance", formatDate(g.birth_date)],
                ["Téléphone portable", g.phone_mobile],
                ["Téléphone domicile", g.phone_home],
                ["Téléphone professionnel", g.phone_work],
                ["E-mail", g.email],
                ["Profession", g.profession],
                ["Employeur", g.employer],
                [
                  "Adresse",
                  g.lives_elsewhere ? [g.address_line1, g.address_line2, `${g.postal_code ?? ""} ${g.city ?? ""}`.trim()].filter(Boolean).join(", ") : "Celle du foyer",
                ],
                ["Accepte les e-mails", yesNo(g.email_consent)],
                ["Accepte les SMS", yesNo(g.sms_consent)],
                [
                  "Liens avec les enfants",
                  g.child_links.length
                    ? g.child_links
                        .map((l) => `${l.relation_label} de ${childName(l.child)}${l.has_parental_authority ? " (autorité parentale)" : ""}`)
                        .join(" ; ")
                    : "",
                ],
              ]}
            />
            <GuardianEditor familyId={familyId} guardian={g} />
            {!g.has_login && g.email ? (
              <GuardianLoginButton familyId={familyId} guardianId={g.id} name={`${g.first_name} ${g.last_name}`} />
            ) : null}
          </article>
        ))}
      </div>
    </section>
  );
}

export function ChildrenSection() {
  const { familyId, file } = useFamilyFile();
  return (
    <section aria-labelledby="enfants-titre">
      <h2 id="enfants-titre">Enfants</h2>
      {file.children.length === 0 && <p>Aucun enfant dans ce dossier.</p>}
      <div className="stack">
        {file.children.map((c) => (
          <article key={c.id} className="card stack" aria-labelledby={`enfant-${c.id}`}>
            <h3 id={`enfant-${c.id}`}>
              {c.first_name} {c.last_name} <span className="status-pill">{c.age} an{c.age > 1 ? "s" : ""}</span>
            </h3>
            <Definitions
              items={[
                ["Date de naissance", formatDate(c.birth_date)],
                ["Sexe", c.sex === "F" ? "Fille" : c.sex === "M" ? "Garçon" : ""],
                ["École", c.school_name],
                ["Classe", c.school_level_label],
              ]}
            />
            <ChildIdentityEditor familyId={familyId} child={c} />
            <h4>Santé</h4>
            <Definitions
              items={[
                ["Médecin traitant", [c.doctor_name, c.doctor_phone].filter(Boolean).join(" · ")],
                ["Allergies", c.allergies],
                ["PAI", c.has_pai ? `Oui${c.pai_details ? ` : ${c.pai_details}` : ""}` : "Non"],
                ["Type de repas", c.meal_type_label],
                ["Porte des lunettes", c.wears_glasses ? "Oui" : "Non"],
                ["Recommandations", c.health_notes],
              ]}
            />
            <ChildHealthEditor familyId={familyId} child={c} />
            <p>
              <a href={healthFormUrl(familyId, c.id)} target="_blank" rel="noopener">
                Fiche sanitaire de {c.first_name} (PDF, nouvelle fenêtre)
              </a>
            </p>
            <div className="table-wrapper">
              <table className="data-table">
                <caption>Vaccinations de {c.first_name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Vaccin</th>
                    <th scope="col">Date</th>
                  </tr>
                </thead>
                <tbody>
                  {c.vaccinations.length ? (
                    c.vaccinations.map((v) => (
                      <tr key={v.id}>
                        <td>{v.vaccine}</td>
                        <td>{formatDate(v.date)}</td>
                      </tr>
                    ))
                  ) : (
                    <tr>
                      <td colSpan={2}>Aucune vaccination renseignée.</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
            <div className="table-wrapper">
              <table className="data-table data-table--reflow">
                <caption>Personnes autorisées et à prévenir pour {c.first_name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Lien</th>
                    <th scope="col">Téléphone</th>
                    <th scope="col">Peut venir chercher l'enfant</th>
                    <th scope="col">À prévenir en cas d'urgence</th>
                  </tr>
                </thead>
                <tbody>
                  {c.authorised_persons.length ? (
                    c.authorised_persons.map((p) => (
                      <tr key={p.id}>
                        <td data-label="Nom">{p.name}</td>
                        <td data-label="Lien">{p.relation}</td>
                        <td data-label="Téléphone">{p.phone}</td>
                        <td data-label="Peut venir chercher l'enfant">{yesNo(p.can_pick_up)}</td>
                        <td data-label="À prévenir en cas d'urgence">{yesNo(p.is_emergency_contact)}</td>
                      </tr>
                    ))
                  ) : (
                    <tr>
                      <td colSpan={5}>Aucune personne renseignée.</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
            <div className="table-wrapper">
              <table className="data-table">
                <caption>Autorisations pour {c.first_name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Autorisation</th>
                    <th scope="col">Réponse</th>
                  </tr>
                </thead>
                <tbody>
                  {c.authorisations.length ? (
                    c.authorisations.map((a) => (
                      <tr key={a.question}>
                        <td>{a.label}</td>
                        <td>{yesNo(a.value)}</td>
                      </tr>
                    ))
                  ) : (
                    <tr>
                      <td colSpan={2}>Aucune autorisation demandée.</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          </article>
        ))}
      </div>
    </section>
  );
}

/** Accept a family's quotient (it then prices bookings) or refuse it with a reason. */
function QuotientDecision({ familyId, quotientId, value }: { familyId: number; quotientId: number; value: number }) {
  const queryClient = useQueryClient();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const reasonId = `qf-${quotientId}-motif`;
  const mutation = useMutation({
    mutationFn: (body: { decision: "accept" | "refuse"; reason: string }) =>
      apiFetch(`/api/v1/staff/families/${familyId}/quotients/${quotientId}/decide/`, { method: "POST", body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: staffKeys.family(familyId) }),
    onError: (error) => setErrors(staffErrors(error, { reason: reasonId })),
  });
  function refuse(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      setErrors([{ message: "Indiquez le motif du refus.", fieldId: reasonId }]);
      return;
    }
    mutation.mutate({ decision: "refuse", reason: reason.trim() });
  }
  return (
    <div className="stack">
      <span>En attente de vérification</span>
      <ErrorSummary items={errors} />
      {refusing ? (
        <form onSubmit={refuse} noValidate className="stack">
          <InputField
            id={reasonId}
            label={`Motif du refus du quotient ${value}`}
            value={reason}
            onChange={setReason}
            errors={fieldErrors(errors, reasonId)}
          />
          <div className="button-row">
            <SubmitButton busy={mutation.isPending} label="Refuser" busyLabel="Enregistrement…" />
            <button type="button" className="button button--secondary" onClick={() => setRefusing(false)}>
              Annuler
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            disabled={mutation.isPending}
            onClick={() => mutation.mutate({ decision: "accept", reason: "" })}
          >
            Accepter le quotient {value}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setRefusing(true)}>
            Refuser…
          </button>
        </div>
      )}
    </div>
  );
}

export function QuotientSection() {
  const { familyId, file } = useFamilyFile();
  return (
    <section aria-labelledby="qf-titre" className="stack">
      <h2 id="qf-titre">Quotient familial et ressources</h2>
      <div className="table-wrapper">
        <table className="data-table data-table--reflow">
          <caption>Quotients familiaux</caption>
          <thead>
            <tr>
              <th scope="col">Quotient</th>
              <th scope="col">Valable du</th>
              <th scope="col">Au</th>
              <th scope="col">Source</th>
              <th scope="col">Justificatif</th>
              <th scope="col">Saisi le</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {file.quotients.length ? (
              file.quotients.map((q) => (
                <tr key={q.id}>
                  <td data-label="Quotient">{q.value}</td>
                  <td data-label="Valable du">{formatDate(q.valid_from)}</td>
                  <td data-label="Au">{q.valid_until ? formatDate(q.valid_until) : "—"}</td>
                  <td data-label="Source">{q.source === "staff" ? "Saisi par la structure" : "Déclaré par la famille"}</td>
                  <td data-label="Justificatif">
                    {q.proof ? (
                      <a href={`/api/v1/staff/documents/${q.proof}/file`} target="_blank" rel="noopener">
                        Ouvrir (nouvelle fenêtre)
                      </a>
                    ) : (
                      "Aucun"
                    )}
                  </td>
                  <td data-label="Saisi le">{formatDate(q.created_at)}</td>
                  <td data-label="État">
                    {q.status === "pending" ? (
                      <QuotientDecision familyId={familyId} quotientId={q.id} value={q.value} />
                    ) : (
                      <>
                        {q.status_label}
                        {q.status === "refused" && q.reason ? ` : ${q.reason}` : ""}
                      </>
                    )}
                  </td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={7}>Aucun quotient familial déclaré.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="table-wrapper">
        <table className="data-table">
          <caption>Ressources annuelles</caption>
          <thead>
            <tr>
              <th scope="col">Année des revenus</th>
              <th scope="col">Montant annuel</th>
            </tr>
          </thead>
          <tbody>
            {file.resources.length ? (
              file.resources.map((r) => (
                <tr key={r.id}>
                  <td>{r.year}</td>
                  <td>{formatMoney(r.amount)}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={2}>Aucune ressource déclarée.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function RequestsSection() {
  const { familyId, file } = useFamilyFile();
  const pending = file.requests.filter((r) => r.status === "pending").length;
  return (
    <section aria-labelledby="demandes-titre">
      <h2 id="demandes-titre">Demandes de modification</h2>
      {pending > 0 && (
        <p>
          <Link to={`/gestion/demandes?famille=${familyId}`}>
            Traiter {pending > 1 ? `les ${pending} demandes en attente` : "la demande en attente"}
          </Link>
        </p>
      )}
      {file.requests.length === 0 ? (
        <p>Aucune demande.</p>
      ) : (
        <div className="table-wrapper">
          <table className="data-table data-table--reflow">
            <caption>Dernières demandes de la famille</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Concerne</th>
                <th scope="col">Modifications</th>
                <th scope="col">Demandée le</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {file.requests.map((r) => (
                <tr key={r.id}>
                  <td data-label="Type">{r.category_label}</td>
                  <td data-label="Concerne">{r.target_label}</td>
                  <td data-label="Modifications">
                    <ChangeList changes={r.changes} />
                  </td>
                  <td data-label="Demandée le">{formatDateTime(r.created_at)}</td>
                  <td data-label="État">
                    {r.status_label}
                    {r.decided_at ? ` le ${formatDate(r.decided_at)}` : ""}
                    {r.status === "refused" && r.reason ? ` — motif : ${r.reason}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const MISSING_KINDS: Record<string, string> = {
  field: "Information",
  consent: "Consentement",
  authorisation: "Autorisation",
  document: "Document",
};

export function MissingSection() {
  const { file } = useFamilyFile();
  return (
    <section aria-labelledby="manquant-titre">
      <h2 id="manquant-titre">Ce qui manque</h2>
      {file.missing.length === 0 ? (
        <p className="notice notice--success">Le dossier est complet.</p>
      ) : (
        <div className="table-wrapper">
          <table className="data-table data-table--reflow">
            <caption>Éléments à compléter par la famille ({file.missing.length})</caption>
            <thead>
              <tr>
                <th scope="col">Nature</th>
                <th scope="col">Élément</th>
                <th scope="col">Enfant</th>
              </tr>
            </thead>
            <tbody>
              {file.missing.map((m) => (
                <tr key={`${m.kind}-${m.code}-${m.child_id ?? "famille"}`}>
                  <td data-label="Nature">{MISSING_KINDS[m.kind] ?? m.kind}</td>
                  <td data-label="Élément">{m.label}</td>
                  <td data-label="Enfant">{m.child_name || "Toute la famille"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
