import { Component, lazy, Suspense, type ReactNode } from "react";
import { Link } from "react-router";
import { useFamilyHome, type FamilyHome, type MissingItem } from "../api/familyHome";
import { useStructure } from "../api/StructureContext";
import { useAuthenticatedUser } from "../auth/session";
import { HomeTiles } from "../components/HomeTiles";
import { ModuleCard } from "../components/ModuleCard";
import { NavIcon } from "../components/NavIcon";
import { plural } from "../format/text";
import { modulePath } from "../navigation/navigation";
import { usePageTitle } from "../theme/usePageTitle";
import { AccountInfo } from "./family/billing/AccountInfo";

// « Actualités » (communication layer): its own chunk, out of the home's budget.
const HomeNewsBlock = lazy(() => import("./communication/news/HomeNewsBlock"));

/** The news block's chunk failing to load (a new deployment) or to render hides the block only. */
class NewsBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? null : this.props.children;
  }
}

export const AWAITING_VALIDATION_MESSAGE =
  "Votre compte est en attente de validation par la structure. Vous recevrez un e-mail dès qu'il sera validé ; en attendant, complétez votre dossier.";

interface Tile {
  path: string;
  label: string;
  icon: string;
  description: string;
}

export const FAMILY_TILES: readonly Tile[] = [
  { path: "/mon-profil", label: "Mon profil", icon: "user", description: "Vos informations personnelles : téléphones, profession, préférences de contact." },
  { path: "/mon-foyer", label: "Mon foyer", icon: "home", description: "Adresse, situation familiale, CAF/MSA, quotient familial, autres responsables." },
  { path: "/mes-enfants", label: "Mes enfants", icon: "baby", description: "Identité, scolarité, santé, personnes autorisées et autorisations de chaque enfant." },
  { path: "/mes-documents", label: "Mes documents", icon: "file", description: "Déposez les justificatifs demandés et suivez leur vérification." },
  { path: "/mes-editions", label: "Mes éditions", icon: "file", description: "Téléchargez les documents pré-remplis (fiche sanitaire…) à signer." },
  { path: "/mes-demandes", label: "Mes demandes", icon: "list", description: "Vos demandes (dossier, réservations, annulations, absences) et les réponses de la structure." },
  { path: "/facturation", label: "Facturation", icon: "euro", description: "Vos factures, leur paiement en ligne, votre relevé de compte et vos reçus." },
];

/** "Il vous reste à compléter :" — grouped by child, each item a link. */
export function MissingList({ items, headingLevel = 2 }: { items: readonly MissingItem[]; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  const SubHeading = `h${headingLevel + 1}` as "h3" | "h4";
  const groups = new Map<string, MissingItem[]>();
  for (const item of items) {
    const key = item.child_id === null ? "" : item.child_name || String(item.child_id);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return (
    <section aria-labelledby="a-completer-titre" className="section card missing">
      <Heading id="a-completer-titre">Il vous reste à compléter :</Heading>
      {[...groups.entries()].map(([child, list]) => (
        <div key={child || "famille"} className="missing__group">
          <SubHeading className="missing__title">{child ? `Pour ${child}` : "Pour votre dossier famille"}</SubHeading>
          <ul className="missing__list">
            {list.map((item) => (
              <li key={item.code}>
                <Link to={item.link}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function HomeSummary({ home }: { home: FamilyHome }) {
  const { counters } = home;
  return (
    <>
      <p className="family-number">
        N° famille : <strong>{home.number}</strong>
        {home.name ? ` · ${home.name}` : ""}
      </p>
      {home.status === "awaiting_validation" && (
        <p className="notice notice--info status-banner">
          <span aria-hidden="true">ⓘ </span>
          {AWAITING_VALIDATION_MESSAGE}
        </p>
      )}
      {home.status === "refused" && (
        <p className="notice notice--error status-banner">
          Votre demande de compte a été refusée par la structure. Contactez-la pour en savoir plus.
        </p>
      )}
      {home.home_message && (
        <section aria-labelledby="message-structure-titre" className="section card home-message">
          <h2 id="message-structure-titre">Message de la structure</h2>
          <p className="preserve-lines">{home.home_message}</p>
        </section>
      )}
      <ul className="home-counters">
        <li>
          <Link to="/mes-demandes">Vous avez {plural(counters.pending_requests, "demande en attente", "demandes en attente")}</Link>
          {counters.pending_requests === 0 ? "" : " de validation"}.
        </li>
        <li>
          <Link to="/planning">Vous avez {plural(counters.pending_reservations, "réservation en attente", "réservations en attente")}</Link>.
        </li>
        {(counters.unpaid_invoices ?? 0) > 0 && (
          <li>
            <Link to="/facturation">
              Vous avez {plural(counters.unpaid_invoices, "facture en attente", "factures en attente")} de paiement
            </Link>
            .
          </li>
        )}
        {counters.unread_messages > 0 && (
          <li>
            <Link to="/messagerie">Vous avez {plural(counters.unread_messages, "message non lu", "messages non lus")}</Link>.
          </li>
        )}
        {counters.unread_announcements > 0 && (
          <li>
            <Link to="/messagerie/annonces">{plural(counters.unread_announcements, "annonce non lue", "annonces non lues")}</Link>.
          </li>
        )}
        {counters.pending_enrolments > 0 && (
          <li>
            <Link to="/inscriptions">
              {plural(counters.pending_enrolments, "inscription en attente", "inscriptions en attente")} de validation
            </Link>
            .
          </li>
        )}
        {counters.documents_awaiting_review > 0 && (
          <li>
            <Link to="/mes-documents">
              {plural(counters.documents_awaiting_review, "document en attente", "documents en attente")} de vérification
            </Link>
            .
          </li>
        )}
        {counters.documents_rejected > 0 && (
          <li>
            <Link to="/mes-documents">
              {plural(counters.documents_rejected, "document refusé", "documents refusés")} à renvoyer
            </Link>
            .
          </li>
        )}
        {home.pending_consents > 0 && (
          <li>
            <Link to="/consentements">{plural(home.pending_consents, "consentement", "consentements")} à donner</Link>.
          </li>
        )}
      </ul>
      {home.missing.length ? (
        <MissingList items={home.missing} />
      ) : (
        <p className="notice notice--success">
          <span aria-hidden="true">✓ </span>Votre dossier est complet.
        </p>
      )}
    </>
  );
}

export function ParentHomePage() {
  const structure = useStructure();
  usePageTitle("Accueil");
  const user = useAuthenticatedUser();
  const home = useFamilyHome();
  const name = user.first_name || user.display;

  return (
    <>
      <h1>Bonjour {name}</h1>
      <p className="lead">Bienvenue sur le portail familles {structure.name_with_de}.</p>
      {home.isPending && (
        <p role="status" className="page-loading">
          <span className="spinner" aria-hidden="true" /> Chargement de votre dossier…
        </p>
      )}
      {home.data && <HomeSummary home={home.data} />}
      <NewsBoundary>
        <Suspense fallback={null}>
          <HomeNewsBlock />
        </Suspense>
      </NewsBoundary>
      <HomeTiles />
      {home.data && <AccountInfo />}

      <nav aria-labelledby="mon-espace-titre" className="section">
        <h2 id="mon-espace-titre" className="section-title">
          Mon dossier
        </h2>
        <ul className="tile-grid">
          {FAMILY_TILES.map((tile) => (
            <li key={tile.path} className="card tile">
              <Link to={tile.path} className="tile__link">
                <NavIcon name={tile.icon} />
                <span className="tile__label">{tile.label}</span>
              </Link>
              <p className="tile__description">{tile.description}</p>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="services-titre" className="section">
        <h2 id="services-titre" className="section-title">
          Vos services
        </h2>
        {structure.modules.length ? (
          <div className="card-grid">
            {structure.modules.map((module) => (
              <ModuleCard key={module.id} module={module} path={modulePath(structure, module)} />
            ))}
          </div>
        ) : (
          <p>Aucun service n'est encore proposé en ligne par votre structure.</p>
        )}
      </section>
    </>
  );
}
