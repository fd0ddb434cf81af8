import type { FamilyService, FamilyThread, FamilyThreadDetail, ServiceConfig, StaffThread, StaffThreadDetail, ThreadMessage } from "./api";

export function makeService(overrides: Partial<FamilyService> = {}): FamilyService {
  return {
    id: 1,
    key: "accueil",
    label: "Accueil / mairie",
    themes: [
      { id: 10, label: "Facturation" },
      { id: 11, label: "Autre question" },
    ],
    ...overrides,
  };
}

export function makeThread(overrides: Partial<FamilyThread> = {}): FamilyThread {
  return {
    id: 5,
    subject: "Facture de février",
    service: { id: 1, label: "Accueil / mairie" },
    theme: { id: 10, label: "Facturation" },
    child: { id: 3, name: "Léa Martin" },
    state: "open",
    state_label: "En cours",
    last_message_at: "2027-02-27T09:15:00Z",
    unread: 0,
    last_side: "family",
    ...overrides,
  };
}

export function makeMessage(overrides: Partial<ThreadMessage> = {}): ThreadMessage {
  return {
    id: 100,
    side: "family",
    author_name: "Claire Martin",
    text: "Bonjour,\nla facture de février compte un jour de trop.",
    created_at: "2027-02-26T08:00:00Z",
    attachments: [],
    ...overrides,
  };
}

export function makeThreadDetail(overrides: Partial<FamilyThreadDetail> = {}): FamilyThreadDetail {
  return {
    ...makeThread(),
    messages: [
      makeMessage(),
      makeMessage({
        id: 101,
        side: "staff",
        author_name: "Mairie de Saint-Alban",
        text: "Nous vérifions et revenons vers vous.",
        created_at: "2027-02-27T09:15:00Z",
        attachments: [{ id: 7, name: "facture-corrigee.pdf", content_type: "application/pdf", size: 52000, url: "/api/v1/communication/attachments/7/file" }],
      }),
    ],
    ...overrides,
  };
}

export function makeStaffThread(overrides: Partial<StaffThread> = {}): StaffThread {
  return {
    id: 5,
    subject: "Facture de février",
    family: { id: 7, name: "Martin", number: 1042 },
    service: { id: 1, label: "Accueil / mairie" },
    theme: { id: 10, label: "Facturation" },
    child: null,
    state: "new",
    state_label: "Nouveau",
    assignee: null,
    last_message_at: "2027-02-27T09:15:00Z",
    unread: 1,
    ...overrides,
  };
}

export function makeStaffThreadDetail(overrides: Partial<StaffThreadDetail> = {}): StaffThreadDetail {
  return {
    ...makeStaffThread(),
    messages: [
      makeMessage(),
      makeMessage({ id: 102, side: "staff", author_name: "Paul Agent", text: "Famille déjà relancée en janvier.", internal: true }),
    ],
    ...overrides,
  };
}

export function makeServiceConfig(overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return {
    id: 1,
    key: "accueil",
    label: "Accueil / mairie",
    module: "",
    order: 0,
    active: true,
    themes: [{ id: 10, label: "Facturation", order: 0, active: true }],
    ...overrides,
  };
}

/** The FormData a multipart call sent, as [name, value or file name] pairs. */
export function formEntries(init: RequestInit): Array<[string, string]> {
  const data = init.body as FormData;
  return [...data.entries()].map(([key, value]) => [key, typeof value === "string" ? value : value.name]);
}
