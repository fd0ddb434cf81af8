import type {
  FamilyAnnouncement,
  FamilyAnnouncementDetail,
  Preferences,
  Receipt,
  SendProgress,
  StaffAnnouncement,
  StaffAnnouncementDetail,
  TargetOptions,
} from "./api";

export const SC = "/api/v1/staff/communication";
export const FC = "/api/v1/communication";

export function makeStaffAnnouncement(overrides: Partial<StaffAnnouncement> = {}): StaffAnnouncement {
  return {
    id: 5,
    title: "Fermeture exceptionnelle",
    state: "sent",
    state_label: "Envoyée",
    urgent: false,
    created_at: "2027-02-27T09:00:00Z",
    sent_at: "2027-02-28T08:00:00Z",
    families_count: 12,
    recipients_count: 18,
    emailed_count: 17,
    read_families_count: 7,
    ...overrides,
  };
}

export function makeDetail(overrides: Partial<StaffAnnouncementDetail> = {}): StaffAnnouncementDetail {
  return {
    ...makeStaffAnnouncement({ state: "draft", state_label: "Brouillon", sent_at: null, families_count: 0, recipients_count: 0, emailed_count: 0, read_families_count: 0 }),
    text: "<p>L'accueil sera <strong>fermé</strong> vendredi.</p><ul><li>Matin</li><li>Soir</li></ul>",
    target: [{ kind: "module", module: "periscolaire" }],
    target_labels: ["Inscrits au module « Périscolaire »"],
    by_email: true,
    attachments: [],
    ...overrides,
  };
}

export const TARGET_OPTIONS: TargetOptions = {
  modules: [{ id: "periscolaire", label: "Périscolaire" }],
  activities: [
    { id: 4, name: "ALAE Matin", module: "periscolaire", season: "2026-2027" },
    { id: 6, name: "Mercredis", module: "periscolaire", season: "2026-2027" },
  ],
  groups: [{ id: 9, name: "Maternelles", activity_id: 6 }],
  units: [
    { id: 21, name: "Matin", activity_id: 4 },
    { id: 22, name: "Après-midi", activity_id: 6 },
  ],
};

export function makeProgress(overrides: Partial<SendProgress> = {}): SendProgress {
  return {
    state: "sent",
    state_label: "Envoyée",
    recipients: 18,
    emailed: 17,
    email_skipped: 1,
    sms_sent: 0,
    read_families: 7,
    families: 12,
    ...overrides,
  };
}

export function makeReceipt(overrides: Partial<Receipt> = {}): Receipt {
  return {
    family: { id: 7, name: "Martin", number: 1042 },
    read_at: "2027-02-28T18:30:00Z",
    guardians: [
      { name: "Claire Martin", emailed_at: "2027-02-28T08:01:00Z", read_at: "2027-02-28T18:30:00Z" },
      { name: "Marc Martin", emailed_at: null, read_at: null },
    ],
    ...overrides,
  };
}

export function makeFamilyAnnouncement(overrides: Partial<FamilyAnnouncement> = {}): FamilyAnnouncement {
  return { id: 5, title: "Fermeture exceptionnelle", sent_at: "2027-02-28T08:00:00Z", urgent: false, read: true, ...overrides };
}

export function makeFamilyDetail(overrides: Partial<FamilyAnnouncementDetail> = {}): FamilyAnnouncementDetail {
  return {
    id: 5,
    title: "Fermeture exceptionnelle",
    text: '<p>L\'accueil sera <strong>fermé</strong> vendredi. <a href="https://example.fr/infos" rel="noopener noreferrer">Plus d\'infos</a></p>',
    sent_at: "2027-02-28T08:00:00Z",
    urgent: true,
    read: true,
    attachments: [{ id: 3, name: "menu.pdf", content_type: "application/pdf", size: 250_000, url: `${FC}/announcements/5/attachments/3/file` }],
    ...overrides,
  };
}

export const PREFERENCES: Preferences = {
  preferences: [
    { kind: "message", label: "Nouveau message de la structure", email: true },
    { kind: "announcement", label: "Annonces de la structure", email: false },
    { kind: "news", label: "Actualités", email: true },
  ],
  legal: [
    { kind: "invoice_issued", label: "Factures et avoirs émis" },
    { kind: "account", label: "Mot de passe et compte" },
  ],
};
