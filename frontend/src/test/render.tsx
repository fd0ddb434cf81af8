import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { createMemoryRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { vi } from "vitest";
import { createQueryClient } from "../api/queryClient";
import { routes } from "../routes";
import { appRouterOptions } from "../routing/appRouter";

export interface MockResponse {
  status?: number;
  body?: unknown;
}

export type Handler = (init: RequestInit, url: string) => MockResponse | Promise<MockResponse>;

export interface RecordedCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Replaces fetch: `handlers` maps "METHOD /path" to a response (or a
 * function returning one). Unknown calls answer 404. Returns the calls made.
 */
export function mockFetch(handlers: Record<string, MockResponse | Handler>): RecordedCall[] {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init.method ?? "GET").toUpperCase();
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, headers, body });
    const handler = handlers[`${method} ${url}`];
    const result = typeof handler === "function" ? await handler(init, url) : (handler ?? { status: 404, body: { detail: "Not found" } });
    if (result instanceof Error) throw result;
    const status = result.status ?? 200;
    return new Response(result.body === undefined ? null : JSON.stringify(result.body), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

export function renderApp(path: string) {
  const queryClient = createQueryClient({ retry: false });
  const router = createMemoryRouter(routes, { initialEntries: [path], ...appRouterOptions(queryClient) });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...result, router, queryClient };
}

/** Current path + query of a memory router. */
export function currentPath(router: ReturnType<typeof createMemoryRouter>): string {
  return `${router.state.location.pathname}${router.state.location.search}`;
}
