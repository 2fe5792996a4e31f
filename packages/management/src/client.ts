import { createGrant } from "./auth/grant.js";
import {
  givenTokenProvider,
  grantingTokenProvider,
  type TokenProvider,
} from "./auth/token-provider.js";
import { checkClientOptions } from "./client-options.js";
import type { CallDefaults } from "./context.js";
import { InvalidInputError } from "./errors.js";
import { createAuthStep } from "./middleware/auth.js";
import { createRetryStep } from "./middleware/retry.js";
import { createTelemetryStep } from "./middleware/telemetry.js";
import { timeoutStep } from "./middleware/timeout.js";
import { createTransportStep } from "./middleware/transport.js";
import type { ManagementClientOptions } from "./options.js";
import { compose, type NamedStep, placeSteps, type RequestContext } from "./pipeline.js";
import { scrub } from "./redact.js";
import type { FetchLike } from "./web-types.js";

/**
 * A configured client: pass it as the first argument of every operation. It holds
 * configuration and the pipeline only — no method per operation — so it costs
 * nothing for operations you do not import. Credentials are kept out of reach of
 * `JSON.stringify` and `console.log`.
 */
export interface ManagementClient {
  /** The tenant host name. */
  readonly domain: string;
  /** `https://{domain}/api/v2`. */
  readonly apiBase: string;
  readonly audience: string;
}

/** What `request` needs of a client. @internal Not part of the public API. */
export interface ClientInternals extends CallDefaults {
  send: (ctx: RequestContext) => Promise<Response>;
  /** Redacts the client's credential and every token it used from an error, in place. */
  scrub: <E>(error: E) => E;
  /** The transport's `fetch`, for requests outside the pipeline (an export's signed URL). */
  fetch: FetchLike;
  /** The placed steps of `send`, for a pipeline with another transport (event streams). */
  steps: readonly NamedStep[];
}

/** A registered symbol, so a client made by one copy of the package works with the functions of another. @internal */
export const INTERNALS: unique symbol = Symbol.for("@auth0-edge/management.client") as never;

/**
 * Creates a client for one tenant. All options are checked here, so a mistake
 * surfaces as a {@link ConfigurationError} at start-up rather than on the first call.
 *
 * @example
 * ```ts
 * import { createManagementClient, request } from "@auth0-edge/management";
 *
 * const client = createManagementClient({
 *   domain: "my-tenant.eu.auth0.com",
 *   clientId: env.AUTH0_CLIENT_ID,
 *   clientSecret: env.AUTH0_CLIENT_SECRET,
 * });
 * const user = await request(client, { method: "GET", path: "/users/{id}", params: { id: "auth0|123" } });
 * ```
 */
export function createManagementClient(options: ManagementClientOptions): ManagementClient {
  const settings = checkClientOptions(options);
  const { origin, token, clientSecret, clientId = "" } = settings;
  // The origin is a scheme and a host (a port for a local one): nothing else holds "//".
  const host = origin.split("//")[1]!;
  const secrets = [String(token ?? clientSecret ?? "")];
  const redact = <E>(value: E) => scrub(value, secrets);
  const observing = settings.observer?.(redact) ?? [];
  // The built-in steps but `auth`, which is placed among them below.
  const steps: NamedStep[] = [
    { name: "telemetry", middleware: createTelemetryStep(settings.telemetry) },
    { name: "timeout", middleware: timeoutStep },
    { name: "retry", middleware: createRetryStep(`${origin} ${clientId}`) },
    { name: "transport", middleware: createTransportStep(settings.fetch) },
  ];

  let tokens: TokenProvider;
  if (token !== undefined) tokens = givenTokenProvider(token);
  else {
    const keyParts = [host, clientId, settings.audience, settings.scope ?? ""];
    tokens = grantingTokenProvider({
      key: `auth0-edge:token:${keyParts.map(encodeURIComponent).join(":")}`,
      credential: clientSecret ?? settings.privateKey,
      cache: settings.tokenCache,
      grant: createGrant({
        ...settings,
        clientId,
        // User steps are left out: a logging step must never see the grant's body. The
        // observer's steps are ours, and see only what it chooses to show, redacted.
        send: compose(placeSteps(steps, observing)),
        secrets,
      }),
      leewayMs: settings.tokenLeewaySeconds * 1000,
    });
  }
  const placed = placeSteps(steps, [
    { name: "auth", middleware: createAuthStep(tokens, secrets), before: "transport" },
    ...observing,
    ...settings.middleware,
  ]);
  const internals: ClientInternals = {
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    attemptTimeoutMs: settings.attemptTimeoutMs,
    send: compose(placed),
    steps: placed,
    // A closure, so that no inspection of the client can reach the secrets.
    scrub: redact,
    fetch: settings.fetch,
  };
  // Not enumerable (the default of defineProperty), so no copy or inspection of the client shows it.
  return Object.freeze(
    Object.defineProperty(
      { domain: host, apiBase: `${origin}/api/v2`, audience: settings.audience },
      INTERNALS,
      { value: internals },
    ),
  );
}

/** The internals of a client made by `createManagementClient`. @internal Not part of the public API. */
export function internalsOf(client: ManagementClient): ClientInternals {
  const internals = (client as unknown as Record<symbol, ClientInternals | undefined>)?.[INTERNALS];
  if (!internals) throw new InvalidInputError("not a client of createManagementClient()");
  return internals;
}
