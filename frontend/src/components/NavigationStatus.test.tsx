import { act, render, screen } from "@testing-library/react";
import { createMemoryRouter, Outlet } from "react-router";
import { RouterProvider } from "react-router/dom";
import { describe, expect, it } from "vitest";
import { NavigationStatus } from "./NavigationStatus";

describe("NavigationStatus", () => {
  it("says the page is loading when its code takes a while, then goes quiet", async () => {
    let loaded: () => void = () => undefined;
    const router = createMemoryRouter([
      {
        element: (
          <>
            <NavigationStatus />
            <Outlet />
          </>
        ),
        children: [
          { path: "/", element: <h1>Accueil</h1> },
          {
            path: "/lente",
            lazy: () => new Promise((resolve) => (loaded = () => resolve({ element: <h1>Page lente</h1> }))),
          },
        ],
      },
    ]);
    render(<RouterProvider router={router} />);
    const region = document.querySelector("[aria-live=polite]")!;
    expect(region).toBeEmptyDOMElement();

    act(() => {
      void router.navigate("/lente");
    });
    expect(await screen.findByText("Chargement de la page…")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Accueil" })).toBeInTheDocument();

    await act(async () => loaded());
    expect(await screen.findByRole("heading", { name: "Page lente" })).toBeInTheDocument();
    expect(region).toBeEmptyDOMElement();
  });
});
