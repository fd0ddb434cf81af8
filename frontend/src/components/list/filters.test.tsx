import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { describe, expect, it } from "vitest";
import { fieldErrors } from "../formErrors";
import { InputField, SelectField } from "../FormFields";
import { FilterForm } from "./FilterForm";
import { pageParam, readFilters, useListParams } from "./useListParams";

const FILTERS = {
  status: { param: "etat", default: "pending", values: ["pending", "refused"] },
  search: { param: "recherche" },
};

/** A list page's filters: the URL's, and a form to change them. */
function Filters() {
  const { filters, page, setFilters, setPage } = useListParams(FILTERS);
  return (
    <>
      <FilterForm
        label="Filtrer les demandes"
        values={filters}
        onApply={setFilters}
        validate={(draft) => (draft.search === "?" ? [{ fieldId: "recherche", message: "Recherche invalide." }] : [])}
      >
        {({ draft, set, errors }) => (
          <>
            <SelectField
              id="etat"
              label="État"
              value={draft.status}
              onChange={set("status")}
              options={[
                { value: "pending", label: "En attente" },
                { value: "refused", label: "Refusées" },
              ]}
            />
            <InputField id="recherche" label="Rechercher" value={draft.search} onChange={set("search")} errors={fieldErrors(errors, "recherche")} />
          </>
        )}
      </FilterForm>
      <p>
        En vigueur : {filters.status} « {filters.search} », page {page}
      </p>
      <button type="button" onClick={() => setPage(page + 1)}>
        Page suivante
      </button>
    </>
  );
}

function renderAt(entries: string[]) {
  const router = createMemoryRouter([{ path: "/demandes", element: <Filters /> }], { initialEntries: entries, initialIndex: entries.length - 1 });
  render(<RouterProvider router={router} />);
  return { router, user: userEvent.setup(), url: () => `${router.state.location.pathname}${router.state.location.search}` };
}

describe("URL filters", () => {
  it("reads the filters from the URL, a value it does not know as the default", () => {
    expect(readFilters(new URLSearchParams("etat=refused&recherche=Martin"), FILTERS)).toEqual({ status: "refused", search: "Martin" });
    expect(readFilters(new URLSearchParams("etat=nimporte"), FILTERS)).toEqual({ status: "pending", search: "" });
    expect(pageParam("3")).toBe(3);
    expect(pageParam("-1")).toBe(1);
    expect(pageParam(null)).toBe(1);
  });

  it("applies the typed filters to the URL, back to the first page, defaults and blanks left out, other parameters kept", async () => {
    const { user, url } = renderAt(["/demandes?onglet=b&page=3"]);
    await user.selectOptions(screen.getByLabelText("État"), "refused");
    await user.type(screen.getByLabelText("Rechercher"), "  Martin ");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(url()).toBe("/demandes?onglet=b&etat=refused&recherche=Martin");
    expect(screen.getByText("En vigueur : refused « Martin », page 1")).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("État"), "pending");
    await user.clear(screen.getByLabelText("Rechercher"));
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(url()).toBe("/demandes?onglet=b");
  });

  it("keeps the filters when the page changes", async () => {
    const { user, url } = renderAt(["/demandes?etat=refused"]);
    await user.click(screen.getByRole("button", { name: "Page suivante" }));
    expect(url()).toBe("/demandes?etat=refused&page=2");
  });

  it("shows the filters of the history entry after back and forward, not what was typed", async () => {
    const { router, user } = renderAt(["/demandes?etat=pending&recherche=Martin", "/demandes?etat=refused&recherche=Durand"]);
    expect(screen.getByLabelText("État")).toHaveValue("refused");
    // Typed but not applied: forgotten when the history moves.
    await user.clear(screen.getByLabelText("Rechercher"));
    await user.type(screen.getByLabelText("Rechercher"), "Petit");

    await act(() => router.navigate(-1));
    expect(screen.getByLabelText("État")).toHaveValue("pending");
    expect(screen.getByLabelText("Rechercher")).toHaveValue("Martin");
    expect(screen.getByText("En vigueur : pending « Martin », page 1")).toBeInTheDocument();

    await act(() => router.navigate(1));
    expect(screen.getByLabelText("État")).toHaveValue("refused");
    expect(screen.getByLabelText("Rechercher")).toHaveValue("Durand");
  });

  it("keeps the focus on the button that applied the filters", async () => {
    const { user } = renderAt(["/demandes"]);
    await user.type(screen.getByLabelText("Rechercher"), "Martin");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(screen.getByRole("button", { name: "Filtrer" })).toHaveFocus();
  });

  it("does not apply filters the form refuses, and says why next to the field", async () => {
    const { user, url } = renderAt(["/demandes"]);
    await user.type(screen.getByLabelText("Rechercher"), "?");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(url()).toBe("/demandes");
    expect(screen.getByRole("alert")).toHaveTextContent("Recherche invalide.");
    expect(screen.getByLabelText("Rechercher")).toHaveAttribute("aria-invalid", "true");
  });

  it("names the form for assistive technologies", () => {
    renderAt(["/demandes"]);
    expect(screen.getByRole("form", { name: "Filtrer les demandes" })).toBeInTheDocument();
  });
});
