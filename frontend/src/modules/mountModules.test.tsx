import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { RouteObject } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { NO_PENDING_CONSENTS } from "../test/familyFixtures";
import { makeStaff, makeStructure, makeUser, sessionBody } from "../test/fixtures";
import { currentPath, mockFetch, renderApp } from "../test/render";
import { moduleRoutesPatcher, PARENT_ROUTES_ID, PUBLIC_ROUTES_ID, STAFF_ROUTES_ID } from "./mountModules";
import type { ModuleRegistry } from "./types";

const PAGE: RouteObject = { path: "essai", element: <p>Essai</p> };
const STAFF_PAGE: RouteObject = { path: "gestion/essai", element: <p>Essai</p> };

function withModules(...ids: string[]) {
  return makeStructure({ modules: ids.map((id) => ({ id, label: id, description: "", activity_kinds: [] })) });
}

/** Calls the patcher as React Router would, recording what it mounts. */
async function discover(patcher: ReturnType<typeof moduleRoutesPatcher>, aborted = false) {
  const patched: Array<[string | null, RouteObject[]]> = [];
  const controller = new AbortController();
  if (aborted) controller.abort();
  await patcher({ path: "/essai", matches: [], patch: (id, children) => patched.push([id, children]), signal: controller.signal, fetcherKey: undefined });
  return patched;
}

describe("moduleRoutesPatcher", () => {
  const registry: ModuleRegistry = {
    essai: async () => ({ parentRoutes: [PAGE], staffRoutes: [STAFF_PAGE] }),
    autre: async () => ({ parentRoutes: [{ path: "autre", element: <p>Autre</p> }] }),
  };

  it("mounts the routes of the enabled modules only, parents' and staff's under their own route", async () => {
    const patcher = moduleRoutesPatcher(async () => withModules("essai", "sans-pages"), registry, {});
    expect(await discover(patcher)).toEqual([
      [PARENT_ROUTES_ID, [PAGE]],
      [STAFF_ROUTES_ID, [STAFF_PAGE]],
    ]);
  });

  it("mounts a module's public pages under the open layout's route", async () => {
    const open: RouteObject = { path: "catalogue", element: <p>Catalogue</p> };
    const patcher = moduleRoutesPatcher(async () => withModules("essai"), {
      essai: async () => ({ publicRoutes: [open], parentRoutes: [PAGE] }),
    }, {});
    expect(await discover(patcher)).toEqual([
      [PUBLIC_ROUTES_ID, [open]],
      [PARENT_ROUTES_ID, [PAGE]],
    ]);
  });

  it("mounts the core's pages for every structure, before its modules'", async () => {
    const core: ModuleRegistry = { noyau: async () => ({ parentRoutes: [{ path: "noyau", element: <p>Noyau</p> }] }) };
    const patcher = moduleRoutesPatcher(async () => withModules(), registry, core);
    expect(await discover(patcher)).toEqual([[PARENT_ROUTES_ID, [{ path: "noyau", element: <p>Noyau</p> }]]]);
  });

  it("mounts the core's pages even while the structure cannot be read", async () => {
    const core: ModuleRegistry = { noyau: async () => ({ staffRoutes: [STAFF_PAGE] }) };
    const patcher = moduleRoutesPatcher(() => Promise.reject(new Error("hors ligne")), registry, core);
    expect(await discover(patcher)).toEqual([[STAFF_ROUTES_ID, [STAFF_PAGE]]]);
  });

  it("mounts a module once", async () => {
    const load = vi.fn(registry.essai);
    const patcher = moduleRoutesPatcher(async () => withModules("essai"), { essai: load }, {});
    await discover(patcher);
    expect(await discover(patcher)).toEqual([]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("mounts on the next navigation when this one was cancelled", async () => {
    const patcher = moduleRoutesPatcher(async () => withModules("essai"), registry, {});
    expect(await discover(patcher, true)).toEqual([]);
    expect(await discover(patcher)).toHaveLength(2);
  });

  it("mounts nothing while the structure cannot be read", async () => {
    const loadStructure = vi.fn().mockRejectedValueOnce(new Error("hors ligne")).mockResolvedValue(withModules("essai"));
    const patcher = moduleRoutesPatcher(loadStructure, registry, {});
    expect(await discover(patcher)).toEqual([]);
    expect(await discover(patcher)).toHaveLength(2);
  });
});

describe("module pages in the app", () => {
  it("shows the périscolaire pages where the structure enabled it", async () => {
    mockFetch({
      "GET /api/v1/structure/": { body: withModules("periscolaire") },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
      ...NO_PENDING_CONSENTS,
      "GET /api/v1/booking/enrolments/": { body: { count: 0, next: null, previous: null, results: [] } },
      "GET /api/v1/family/children/": { body: [] },
    });
    renderApp("/inscriptions");
    expect(await screen.findByRole("heading", { level: 1, name: "Mes inscriptions" })).toBeInTheDocument();
  });

  it("mounts them once the structure can be read, after Réessayer", async () => {
    let up = false;
    mockFetch({
      "GET /api/v1/structure/": () => {
        if (!up) throw new TypeError("Failed to fetch");
        return { body: withModules("periscolaire") };
      },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
      ...NO_PENDING_CONSENTS,
      "GET /api/v1/booking/enrolments/": { body: { count: 0, next: null, previous: null, results: [] } },
      "GET /api/v1/family/children/": { body: [] },
    });
    const { router } = renderApp("/inscriptions");
    const user = userEvent.setup();
    await screen.findByRole("heading", { level: 1, name: "Le portail est momentanément indisponible" });
    up = true;
    await user.click(screen.getByRole("button", { name: "Réessayer" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Mes inscriptions" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/inscriptions");
  });

  it("falls through to the not-found page for a parent path of a module the structure did not enable", async () => {
    mockFetch({
      "GET /api/v1/structure/": { body: withModules("creche") },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
      ...NO_PENDING_CONSENTS,
    });
    const { router } = renderApp("/planning");
    expect(await screen.findByRole("heading", { level: 1, name: "Page introuvable" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/planning");
  });

  it("keeps the generic module page for a module without pages of its own", async () => {
    const structure = makeStructure();
    mockFetch({
      "GET /api/v1/structure/": {
        body: makeStructure({
          modules: [...structure.modules, { id: "cantine", label: "Cantine", description: "Menus et repas.", activity_kinds: [] }],
          navigation: [...structure.navigation, { id: "cantine", label: "Cantine", path: "/cantine", icon: "circle", audience: "parent", module: "cantine", order: 50 }],
        }),
      },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
      ...NO_PENDING_CONSENTS,
    });
    renderApp("/cantine");
    expect(await screen.findByRole("heading", { level: 1, name: "Cantine" })).toBeInTheDocument();
  });

  it("answers 404 for a back-office path of a module the structure did not enable", async () => {
    mockFetch({
      "GET /api/v1/structure/": { body: withModules("creche") },
      "GET /api/v1/auth/session": { body: sessionBody(makeStaff()) },
    });
    renderApp("/gestion/inscriptions");
    expect(await screen.findByRole("heading", { level: 1, name: "Page introuvable" })).toBeInTheDocument();
  });

  it("adds the enabled modules' sections to the back office home", async () => {
    mockFetch({ "GET /api/v1/structure/": { body: withModules("periscolaire") }, "GET /api/v1/auth/session": { body: sessionBody(makeStaff()) } });
    renderApp("/gestion");
    const links = await screen.findByRole("region", { name: "Inscriptions et réservations" });
    expect(links).toHaveTextContent("Demandes d'inscription");
  });

  it("leaves them out for a structure without the module", async () => {
    mockFetch({ "GET /api/v1/structure/": { body: withModules("creche") }, "GET /api/v1/auth/session": { body: sessionBody(makeStaff()) } });
    renderApp("/gestion");
    await screen.findByRole("region", { name: "Vos rôles" });
    expect(screen.queryByRole("region", { name: "Inscriptions et réservations" })).not.toBeInTheDocument();
  });
});
