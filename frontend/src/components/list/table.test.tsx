import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import { axeViolations, describeViolations } from "../../test/axe";
import { DataTable, type Column } from "./DataTable";
import { ListView, type Paginated } from "./ListView";

interface Family {
  id: number;
  name: string;
  city: string;
}

const COLUMNS: Column<Family>[] = [
  { key: "name", header: "Famille", rowHeader: true, cell: (f) => f.name },
  { key: "city", header: "Ville", cell: (f) => f.city || "—" },
  { key: "actions", header: <span className="visually-hidden">Actions</span>, cell: (f) => <button type="button">Ouvrir {f.name}</button> },
];

const FAMILIES: Family[] = [
  { id: 1, name: "Martin", city: "Lyon" },
  { id: 2, name: "Durand", city: "" },
];

describe("DataTable", () => {
  it("names the table, heads its columns and its rows, labels the cells for the phone layout", async () => {
    const { container } = render(
      <DataTable caption="Familles (2)" columns={COLUMNS} rows={FAMILIES} rowKey={(f) => f.id} after={(f) => f.id === 2 && <p>Détail de {f.name}</p>} />,
    );
    const table = screen.getByRole("table", { name: "Familles (2)" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Famille", "Ville", "Actions"]);
    expect(within(table).getByRole("rowheader", { name: "Martin" })).toHaveAttribute("data-label", "Famille");
    expect(within(table).getByRole("cell", { name: "—" })).toHaveAttribute("data-label", "Ville");
    expect(within(table).getByRole("button", { name: "Ouvrir Durand" }).closest("td")).not.toHaveAttribute("data-label");
    const detail = within(table).getByText("Détail de Durand").closest("td")!;
    expect(detail).toHaveAttribute("colspan", "3");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("can hide its caption visually", () => {
    render(<DataTable caption="Demandes du lundi" hiddenCaption columns={COLUMNS} rows={FAMILIES} rowKey={(f) => f.id} />);
    expect(screen.getByText("Demandes du lundi")).toHaveClass("visually-hidden");
    expect(screen.getByRole("table", { name: "Demandes du lundi" })).toBeInTheDocument();
  });
});

function page(results: Family[], { next = null, previous = null }: { next?: string | null; previous?: string | null } = {}): Paginated<Family> {
  return { count: 30, next, previous, results };
}

function List({ load, onPage = () => undefined, empty = "Aucune famille." }: { load: () => Promise<Paginated<Family>>; onPage?: (page: number) => void; empty?: string }) {
  const query = useQuery({ queryKey: ["familles"], queryFn: load, retry: false });
  return (
    <ListView query={query} loadingLabel="Chargement des familles…" empty={empty} pagination={{ label: "Pages des familles", page: 2, onPage }}>
      {(data) => <DataTable caption={`Familles (${data.count})`} columns={COLUMNS} rows={data.results} rowKey={(f) => f.id} />}
    </ListView>
  );
}

function renderList(props: Parameters<typeof List>[0]) {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <List {...props} />
    </QueryClientProvider>,
  );
}

describe("ListView", () => {
  it("announces the loading, then shows the results and the pages around", async () => {
    const onPage = vi.fn();
    renderList({ load: async () => page(FAMILIES, { next: "/?page=3", previous: "/?page=1" }), onPage });
    expect(screen.getByRole("status")).toHaveTextContent("Chargement des familles…");
    await screen.findByRole("table", { name: "Familles (30)" });
    const nav = screen.getByRole("navigation", { name: "Pages des familles" });
    expect(nav).toHaveTextContent("Page 2 · 30 résultats");
    const user = userEvent.setup();
    await user.click(within(nav).getByRole("button", { name: "Page suivante" }));
    await user.click(within(nav).getByRole("button", { name: "Page précédente" }));
    expect(onPage.mock.calls).toEqual([[3], [1]]);
  });

  it("has no pagination when everything fits on one page", async () => {
    renderList({ load: async () => page(FAMILIES) });
    await screen.findByRole("table");
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
  });

  it("says when there is nothing to list", async () => {
    renderList({ load: async () => page([]) });
    expect(await screen.findByText("Aucune famille.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("says when the list cannot be loaded, and tries again", async () => {
    const load = vi.fn().mockRejectedValueOnce(new ApiError(500, null)).mockResolvedValue(page(FAMILIES));
    renderList({ load });
    await userEvent.setup().click(await screen.findByRole("button", { name: "Réessayer" }));
    expect(await screen.findByRole("table")).toBeInTheDocument();
  });

  it("says when the user may not see the list", async () => {
    renderList({ load: async () => Promise.reject(new ApiError(403, { detail: "Non" })) });
    expect(await screen.findByText("Vous n'avez pas accès à cette fonction.")).toBeInTheDocument();
  });
});
