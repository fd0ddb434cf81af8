import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useChildren } from "../../../api/family";
import { formatPeriod } from "../../../format/dates";
import { Breadcrumb } from "../../../pages/family/components/Breadcrumb";
import { PageError, PageLoading } from "../../../pages/family/components/PageStates";
import { StatusIcon, type StatusIconName } from "../../../components/StatusIcon";
import { usePageTitle } from "../../../theme/usePageTitle";
import { useEnrolments, type Enrolment, type EnrolmentStatus } from "./api";
import { EnrolmentCertificate, latestByEnrolment, useCertificates, type Certificate } from "./EnrolmentCertificate";
import { EnrolmentForm } from "./EnrolmentForm";

export const ENROLMENT_STATUS: Record<EnrolmentStatus, { label: string; icon: StatusIconName }> = {
  requested: { label: "En attente de validation", icon: "hourglass" },
  validated: { label: "Validée", icon: "check" },
  refused: { label: "Refusée", icon: "cross" },
  waitlisted: { label: "Liste d'attente", icon: "list" },
  cancelled: { label: "Annulée", icon: "minus" },
};

/** A status as text with an icon: the colour is never the only cue. */
export function EnrolmentStatusBadge({ status }: { status: EnrolmentStatus }) {
  const { label, icon } = ENROLMENT_STATUS[status];
  return (
    <span className={`status-badge enrolment-status--${status}`}>
      <StatusIcon name={icon} /> {label}
    </span>
  );
}

/** /inscriptions — « Mes inscriptions »: each child's enrolments, and a new one. */
export function EnrolmentsPage() {
  usePageTitle("Mes inscriptions");
  const enrolments = useEnrolments();
  const children = useChildren();
  const certificates = latestByEnrolment(useCertificates().data);
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    (open ? headingRef.current : toggleRef.current)?.focus();
  }, [open]);

  function toggle(next: boolean) {
    moved.current = true;
    setOpen(next);
  }

  const groups = new Map<number, { name: string; items: Enrolment[] }>();
  for (const child of children.data ?? []) groups.set(child.id, { name: `${child.first_name} ${child.last_name}`, items: [] });
  for (const enrolment of enrolments.data ?? []) {
    const group = groups.get(enrolment.child) ?? { name: enrolment.child_name, items: [] };
    group.items.push(enrolment);
    groups.set(enrolment.child, group);
  }

  return (
    <>
      <Breadcrumb trail={[{ label: "Mes inscriptions" }]} />
      <h1>Mes inscriptions</h1>
      <p className="lead">Inscrivez vos enfants aux activités, puis réservez les jours dans le planning.</p>
      <p>
        <button
          ref={toggleRef}
          type="button"
          className="button button--primary"
          aria-expanded={open}
          aria-controls="nouvelle-inscription"
          onClick={() => toggle(!open)}
        >
          Nouvelle inscription
        </button>
      </p>
      <div id="nouvelle-inscription">
        {open && (
          <section className="card section enrolment-form" aria-labelledby="nouvelle-inscription-titre">
            <h2 id="nouvelle-inscription-titre" ref={headingRef} tabIndex={-1}>
              Demande d'inscription
            </h2>
            <EnrolmentForm onClose={() => toggle(false)} />
          </section>
        )}
      </div>
      {enrolments.isPending || children.isPending ? (
        <PageLoading />
      ) : enrolments.isError ? (
        <PageError error={enrolments.error} onRetry={() => void enrolments.refetch()} />
      ) : enrolments.data.length === 0 ? (
        <p className="section">Aucune inscription pour l'instant.</p>
      ) : (
        [...groups].map(([childId, group]) => (
          <section key={childId} className="section" aria-labelledby={`inscriptions-enfant-${childId}`}>
            <h2 id={`inscriptions-enfant-${childId}`}>{group.name}</h2>
            {group.items.length ? (
              <ul className="plain-list">
                {group.items.map((enrolment) => (
                  <li key={enrolment.id}>
                    <EnrolmentCard enrolment={enrolment} certificate={certificates.get(enrolment.id)} />
                  </li>
                ))}
              </ul>
            ) : (
              <p>Aucune inscription.</p>
            )}
          </section>
        ))
      )}
    </>
  );
}

function EnrolmentCard({ enrolment, certificate }: { enrolment: Enrolment; certificate: Certificate | undefined }) {
  return (
    <article className="card enrolment-card" aria-labelledby={`inscription-${enrolment.id}`}>
      <h3 id={`inscription-${enrolment.id}`} className="enrolment-card__title">
        {enrolment.activity_name}
      </h3>
      <p className="enrolment-card__meta">
        {formatPeriod(enrolment.start_date, enrolment.end_date)}
        {enrolment.group_name ? ` · Groupe : ${enrolment.group_name}` : ""}
      </p>
      <p>
        <EnrolmentStatusBadge status={enrolment.status} />
      </p>
      {enrolment.status === "refused" && enrolment.reason && (
        <p className="notice notice--error">
          <strong>Motif :</strong> {enrolment.reason}
        </p>
      )}
      {enrolment.status === "waitlisted" && enrolment.reason && <p>{enrolment.reason}</p>}
      {enrolment.status === "validated" && (
        <p>
          <Link to="/planning">
            Réserver dans le planning<span className="visually-hidden"> : {enrolment.activity_name}</span>
          </Link>
        </p>
      )}
      {enrolment.status === "validated" && <EnrolmentCertificate enrolment={enrolment} certificate={certificate} />}
    </article>
  );
}
