import type { DownloadItem, NewsItem, StaffDownloadItem, StaffNewsItem, StaffSubmission, Submission } from "./api";

export function makeNews(overrides: Partial<NewsItem> = {}): NewsItem {
  return {
    id: 7,
    title: "Fête de l'école",
    text: "<p>La fête aura lieu le <strong>samedi 20 juin</strong> dans la cour.</p><ul><li>Stands</li><li>Goûter</li></ul>",
    image_url: null,
    image_alt: "",
    publish_at: "2027-02-20T09:00:00Z",
    pinned: false,
    audience: "all",
    audience_label: "Tout le monde",
    ...overrides,
  };
}

export function makeStaffNews(overrides: Partial<StaffNewsItem> = {}): StaffNewsItem {
  return { ...makeNews(), public: false, expire_at: null, status: "Publiée", created_at: "2027-02-19T16:00:00Z", ...overrides };
}

export function makeDownload(overrides: Partial<DownloadItem> = {}): DownloadItem {
  return {
    id: 3,
    title: "Règlement intérieur",
    description: "À lire avant toute inscription.",
    module: "",
    module_label: "",
    season: "",
    original_name: "reglement.pdf",
    content_type: "application/pdf",
    size: 245_000,
    publish_at: "2027-01-05T08:00:00Z",
    url: "/api/v1/communication/downloads/3/file",
    ...overrides,
  };
}

export function makeStaffDownload(overrides: Partial<StaffDownloadItem> = {}): StaffDownloadItem {
  return {
    ...makeDownload(),
    module_label: "Tous les services",
    url: "/api/v1/staff/communication/downloads/3/file",
    expire_at: null,
    status: "Publié",
    created_at: "2027-01-04T08:00:00Z",
    ...overrides,
  };
}

export function makeSubmission(overrides: Partial<Submission> = {}): Submission {
  return {
    id: 11,
    title: "Certificat médical",
    child: { id: 5, name: "Léa Martin" },
    comment: "Pour la piscine.",
    thread: null,
    original_name: "certificat.pdf",
    content_type: "application/pdf",
    size: 120_000,
    created_at: "2027-02-25T14:30:00Z",
    seen: false,
    url: "/api/v1/communication/submissions/11/file",
    ...overrides,
  };
}

export function makeStaffSubmission(overrides: Partial<StaffSubmission> = {}): StaffSubmission {
  return {
    ...makeSubmission(),
    url: "/api/v1/staff/communication/submissions/11/file",
    seen_at: null,
    family: { id: 42, name: "Martin", number: 42 },
    ...overrides,
  };
}

/** A PDF file for the upload inputs. */
export function pdfFile(name = "certificat.pdf"): File {
  return new File(["%PDF-1.4 test"], name, { type: "application/pdf" });
}
