import { type HttpHandler, http } from "msw";
import { createAuth0Emulator as createCoreEmulator } from "./emulator";
import type { Auth0Emulator, Auth0EmulatorOptions } from "./types";

/** An emulator that also carries msw request handlers. */
export interface Auth0EmulatorWithHandlers extends Auth0Emulator {
  /** msw handlers for every request to `https://{domain}/…`, answered by the emulator. */
  readonly handlers: HttpHandler[];
}

/**
 * msw handlers that hand every request for the tenant to `emulator.fetch`. A network
 * fault becomes msw's network error (`Response.error()`), so the caller's `fetch` rejects.
 * Exported from `@auth0-edge/testing/msw`.
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * const server = setupServer(...createMswHandlers(emulator));
 * ```
 */
export function createMswHandlers(emulator: Auth0Emulator): HttpHandler[] {
  return [
    http.all(`https://${emulator.domain}/*`, async ({ request }) => {
      try {
        return await emulator.fetch(request);
      } catch (error) {
        if (error instanceof TypeError) return Response.error();
        throw error;
      }
    }),
  ];
}

/**
 * {@link createAuth0Emulator} from `/core`, plus `handlers` for msw's `setupServer` or
 * `setupWorker`. Exported from `@auth0-edge/testing/msw`.
 *
 * @example
 * ```ts
 * import { createAuth0Emulator } from "@auth0-edge/testing/msw";
 * import { setupServer } from "msw/node";
 *
 * const emulator = createAuth0Emulator({ domain: "tenant.example.auth0.com", clientId: "abc", clientSecret: "s3cret" });
 * const server = setupServer(...emulator.handlers);
 * server.listen();
 * ```
 */
export function createAuth0Emulator(options: Auth0EmulatorOptions): Auth0EmulatorWithHandlers {
  const emulator = createCoreEmulator(options);
  return Object.assign(emulator, { handlers: createMswHandlers(emulator) });
}
