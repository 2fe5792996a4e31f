import { isPrivateKeyJwtSigner } from "./auth/client-assertion.js";
import { createGrant, type GrantCredentials } from "./auth/grant.js";
import {
  givenTokenProvider,
  grantingTokenProvider,
  type TokenProvider,
} from "./auth/token-provider.js";
import { originForDomain } from "./domain.js";
import { ConfigurationError, InvalidInputError } from "./errors.js";
import { createAuthStep } from "./middleware/auth.js";
import { createRetryStep, type RateLimitGate } from "./middleware/retry.js";
import { createTelemetryStep } from "./middleware/telemetry.js";
import { timeoutStep } from "./middleware/timeout.js";
import { createTransportStep } from "./middleware/transport.js";
import type { ManagementClientOptions, RetryOptions } from "./options.js";
import {
  compose,
  type NamedStep,
  placeSteps,
  type RequestContext,
  type ResolvedRetryOptions,
} from "./pipeline.js";
import type { TokenCache } from "./token-cache.js";

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

/** What `request` needs of a client; not part of the public API. */
export interface ClientInternals {
  send: (ctx: RequestContext) => Promise<Response>;
  retry: ResolvedRetryOptions;
  timeoutMs: number;
  attemptTimeoutMs: number;
}

// A registered symbol, so a client made by one copy of the package works with the functions of another.
const INTERNALS = Symbol.for("@auth0-edge/management.client");

const KNOWN_OPTIONS = new Set([
  "domain",
  "audience",
  "scope",
  "token",
  "clientId",
  "clientSecret",
  "privateKey",
  "tokenCache",
  "tokenLeewaySeconds",
  "retry",
  "timeoutMs",
  "attemptTimeoutMs",
  "fetch",
  "middleware",
  "telemetry",
  "allowInsecureLocalhost",
]);

function number(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new ConfigurationError(`\`${name}\` must be a number from ${min} to ${max}`);
  }
  return value;
}

function nonEmptyString(name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigurationError(`\`${name}\` must be a non-empty string`);
  }
  return value;
}

/** Fills in the retry defaults and checks the values; used for client options and per-call overrides. */
export function resolveRetry(
  options: RetryOptions | undefined,
  base?: ResolvedRetryOptions,
): ResolvedRetryOptions {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new ConfigurationError("`retry` must be an object");
  }
  const o = options ?? {};
  if (o.maxRetries !== undefined && !Number.isInteger(o.maxRetries)) {
    throw new ConfigurationError("`retry.maxRetries` must be a whole number from 0 to 10");
  }
  return {
    maxRetries: number("retry.maxRetries", o.maxRetries, base?.maxRetries ?? 3, 0, 10),
    baseDelayMs: number("retry.baseDelayMs", o.baseDelayMs, base?.baseDelayMs ?? 250, 0),
    maxDelayMs: number("retry.maxDelayMs", o.maxDelayMs, base?.maxDelayMs ?? 30_000, 0),
    retryNonIdempotent: o.retryNonIdempotent ?? base?.retryNonIdempotent ?? false,
  };
}

function checkTokenCache(cache: unknown): TokenCache | undefined {
  if (cache === undefined) return undefined;
  const c = cache as Partial<TokenCache> | null;
  if (
    !c ||
    typeof c.get !== "function" ||
    typeof c.set !== "function" ||
    typeof c.delete !== "function"
  ) {
    throw new ConfigurationError("`tokenCache` must have get, set and delete methods");
  }
  return cache as TokenCache;
}

function credentialsOf(options: ManagementClientOptions): GrantCredentials | "token" {
  const given = ["token", "clientSecret", "privateKey"].filter(
    (k) => (options as unknown as Record<string, unknown>)[k] !== undefined,
  );
  if (given.length !== 1) {
    throw new ConfigurationError(
      "give exactly one way to authenticate: `token`, `clientId` + `clientSecret`, or `clientId` + `privateKey`",
    );
  }
  if (options.token !== undefined) {
    if (typeof options.token !== "function") nonEmptyString("token", options.token);
    if (options.clientId !== undefined)
      throw new ConfigurationError("`clientId` is not used with `token`");
    return "token";
  }
  nonEmptyString("clientId", options.clientId);
  if (options.clientSecret !== undefined)
    return { clientSecret: nonEmptyString("clientSecret", options.clientSecret) };
  if (!isPrivateKeyJwtSigner(options.privateKey)) {
    throw new ConfigurationError(
      "`privateKey` must be made with privateKeyJwt(key, { alg }) from '@auth0-edge/management/private-key-jwt'",
    );
  }
  return { signer: options.privateKey };
}

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
  if (typeof options !== "object" || options === null)
    throw new ConfigurationError("options are required");
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw new ConfigurationError(`unknown option \`${key}\``);
  }
  const origin = originForDomain(options.domain, options.allowInsecureLocalhost === true);
  const audience =
    options.audience === undefined
      ? `${origin}/api/v2/`
      : nonEmptyString("audience", options.audience);
  const scope = options.scope === undefined ? undefined : nonEmptyString("scope", options.scope);
  const credentials = credentialsOf(options);
  const retry = resolveRetry(options.retry);
  const timeoutMs = number("timeoutMs", options.timeoutMs, 60_000, 1);
  const attemptTimeoutMs = number("attemptTimeoutMs", options.attemptTimeoutMs, 15_000, 1);
  const leewayMs = number("tokenLeewaySeconds", options.tokenLeewaySeconds, 60, 0) * 1000;
  const tokenCache = checkTokenCache(options.tokenCache);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function")
    throw new ConfigurationError("no `fetch`: pass one in the options");
  if (options.middleware !== undefined && !Array.isArray(options.middleware)) {
    throw new ConfigurationError(
      "`middleware` must be an array of { middleware, before?, after? }",
    );
  }
  for (const m of options.middleware ?? []) {
    if (typeof m?.middleware !== "function")
      throw new ConfigurationError("each `middleware` entry needs a `middleware` function");
  }

  const gate: RateLimitGate = { blockedUntil: 0 };
  const telemetry = {
    name: "telemetry",
    middleware: createTelemetryStep(options.telemetry !== false),
  };
  const timeout = { name: "timeout", middleware: timeoutStep };
  const retryStep = { name: "retry", middleware: createRetryStep(gate) };
  const transport = { name: "transport", middleware: createTransportStep(fetchImpl) };

  let tokens: TokenProvider;
  if (credentials === "token") tokens = givenTokenProvider(options.token!);
  else {
    const grant = createGrant({
      origin,
      clientId: options.clientId!,
      audience,
      scope,
      credentials,
      // User steps are left out: a logging step must never see the grant's body.
      send: compose([telemetry, timeout, retryStep, transport]),
      timeoutMs,
      attemptTimeoutMs,
      retry,
    });
    const keyParts = [origin.replace(/^https?:\/\//, ""), options.clientId!, audience, scope ?? ""];
    tokens = grantingTokenProvider({
      key: `auth0-edge:token:${keyParts.map(encodeURIComponent).join(":")}`,
      cache: tokenCache,
      grant,
      leewayMs,
    });
  }
  const builtIns: NamedStep[] = [
    telemetry,
    timeout,
    retryStep,
    { name: "auth", middleware: createAuthStep(tokens) },
    transport,
  ];
  const internals: ClientInternals = {
    send: compose(placeSteps(builtIns, options.middleware ?? [])),
    retry,
    timeoutMs,
    attemptTimeoutMs,
  };
  const client = {
    domain: origin.replace(/^https?:\/\//, ""),
    apiBase: `${origin}/api/v2`,
    audience,
  };
  Object.defineProperty(client, INTERNALS, { value: internals, enumerable: false });
  return Object.freeze(client);
}

/** The internals of a client made by {@link createManagementClient}. */
export function internalsOf(client: ManagementClient): ClientInternals {
  const internals = (client as unknown as Record<symbol, ClientInternals | undefined>)?.[INTERNALS];
  if (!internals)
    throw new InvalidInputError(
      "the first argument must be a client made by createManagementClient()",
    );
  return internals;
}
