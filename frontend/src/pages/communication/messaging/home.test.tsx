import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { makeHome, NO_PENDING_CONSENTS } from "../../../test/familyFixtures";
import { makeStructure, makeUser, sessionBody } from "../../../test/fixtures";
import { mockFetch, renderApp } from "../../../test/render";

const PARENT = {
  "GET /api/v1/structure/": { body: makeStructure() },
  "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
  ...NO_PENDING_CONSENTS,
  "GET /api/v1/communication/unread/": { body: { messages: 0, announcements: 0 } },
};

const counters = (extra: Record<string, number>) => ({ ...makeHome().counters, ...extra });

describe("Accueil parent — messages et annonces non lus", () => {
  it("links the unread messages to the Messagerie and the unread announcements to their page", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/family/home/": { body: makeHome({ counters: counters({ unread_messages: 2, unread_announcements: 1 }) }) } });
    renderApp("/");
    const messages = await screen.findByRole("link", { name: "Vous avez 2 messages non lus" });
    expect(messages).toHaveAttribute("href", "/messagerie");
    expect(screen.getByRole("link", { name: "1 annonce non lue" })).toHaveAttribute("href", "/messagerie/annonces");
    // No badge when nothing is unread.
    const nav = screen.getByRole("navigation", { name: "Navigation principale" });
    expect(within(nav).getByRole("link", { name: "Messagerie" })).toHaveTextContent(/^Messagerie$/);
  });

  it("says nothing of messages when none is unread", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/family/home/": { body: makeHome({ counters: counters({ unread_messages: 0, unread_announcements: 0 }) }) } });
    renderApp("/");
    await screen.findByText(/N° famille/);
    expect(screen.queryByRole("link", { name: /non lu/ })).not.toBeInTheDocument();
  });
});
