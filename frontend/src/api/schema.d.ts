/**
 * HAND-WRITTEN PLACEHOLDER until the backend publishes ../api/openapi.yaml.
 * Regenerate with `npm run gen:api` (openapi-typescript), which overwrites
 * this file. App code only relies on components["schemas"]["Structure"] and
 * derives nested types from it, so schema names of nested objects may change.
 */

export interface paths {
    "/api/v1/structure/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Public description of the current structure (tenant), resolved from the Host header. Sets the csrftoken cookie. */
        get: operations["structure_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @enum {string} */
        AudienceEnum: "parent" | "staff" | "all";
        ActivityKind: {
            id: string;
            label: string;
        };
        Module: {
            id: string;
            label: string;
            description: string;
            activity_kinds: components["schemas"]["ActivityKind"][];
        };
        NavigationEntry: {
            id: string;
            label: string;
            path: string;
            icon: string;
            audience: components["schemas"]["AudienceEnum"];
            module: string | null;
            order: number;
        };
        LegendEntry: {
            code: string;
            label: string;
            short_label: string;
            color: string;
            module: string;
        };
        Structure: {
            name: string;
            slug: string;
            kind: string;
            kind_label: string;
            logo_url: string | null;
            primary_color: string;
            time_zone: string;
            modules: components["schemas"]["Module"][];
            navigation: components["schemas"]["NavigationEntry"][];
            legend: components["schemas"]["LegendEntry"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    structure_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Structure"];
                };
            };
        };
    };
}
