import type { ManagementClientOptions as CoreOptions, RetryOptions } from "../options.js";
import { ArgumentError } from "./argument-error.js";
import { withClassicHeaders } from "./request-headers.js";
import { sharedTokenCache } from "./shared-tokens.js";
import { compatSteps } from "./steps.js";
import { capTokenLifetime } from "./token-lifetime.js";

/** Core options that the classic options do not cover, passed to `createManagementClient` as they are. */
export type CoreOverrides = Partial<
  Omit<CoreOptions, "domain" | "token" | "clientId" | "clientSecret" | "audience" | "scope">
>;

/**
 * The classic `retry` options. Only 429 answers are retried, as in the classic client;
 * node-retry's keys are accepted: `retries` is `maxRetries` (and wins over it),
 * `minTimeout` the first backoff step; `factor`, `maxTimeout`, `randomize`,
 * `maxRetryTime`, `forever` and `unref` are accepted and have no effect.
 */
export interface ClassicRetryOptions {
  /** Default true. */
  enabled?: boolean;
  /** Retries after the first attempt, more than 0. Default 10, which is also the most. */
  maxRetries?: number;
  /** node-retry's name for `maxRetries`. */
  retries?: number;
  /** The first backoff step in milliseconds, when the server gives no Retry-After. */
  minTimeout?: number;
  factor?: number;
  maxTimeout?: number;
  randomize?: boolean;
  maxRetryTime?: number;
  forever?: boolean;
  unref?: boolean;
  /**
   * Not in the classic client: also retry 5xx, 408 and network errors of idempotent
   * requests (GET, PUT, DELETE) by this package's rules. Default false.
   */
  transientErrors?: boolean;
}

/** The telemetry the classic client sent as `Auth0-Client`, when `name` is a non-empty string. */
export interface ClassicClientInfo {
  name: string;
  [key: string]: unknown;
}

/** Options of the classic `ManagementClient`, plus `core` for what only the new client has. */
export interface ManagementClientOptions {
  /** The tenant's host name, e.g. `my-tenant.eu.auth0.com`. */
  domain: string;
  /** An API token. When given, only `domain` is needed and the credentials are ignored. */
  token?: string;
  /** Client id of a machine-to-machine application (with `clientSecret`). */
  clientId?: string;
  clientSecret?: string;
  /** Default `https://{domain}/api/v2/`. */
  audience?: string;
  /** Scopes to ask for, space separated. */
  scope?: string;
  tokenProvider?: {
    /** Keep a granted token for the next calls, shared by the clients of one configuration. Default true. */
    enableCache?: boolean;
    /** Reuse a token for at most this many seconds (default: until shortly before it expires). */
    cacheTTLInSeconds?: number;
  };
  retry?: ClassicRetryOptions;
  /** Extra headers on every request, the token grant included. */
  headers?: Record<string, string>;
  /** Resolve `{ data, headers }` instead of the body. */
  includeResponseHeaders?: boolean;
  /** `false` sends no `Auth0-Client` header. */
  telemetry?: boolean;
  /** Sent as the `Auth0-Client` header instead of this package's own. */
  clientInfo?: ClassicClientInfo;
  /** Not supported (it needs Node's HTTP stack): pass a `core.fetch` that uses your proxy. */
  proxy?: string;
  /** Options of the new client (`fetch`, `timeoutMs`, `tokenCache`, `middleware`, …). */
  core?: CoreOverrides;
}

/** The most retries the core client accepts, and the classic client's default in the seed's era. */
const MAX_RETRIES = 10;
/**
 * A 429's wait is Auth0's rate-limit window (`X-RateLimit-Reset`), which can be close to a
 * minute; 10 such waits and the attempts fit in 11 minutes. The classic had no limit at all.
 */
const MAX_DELAY_MS = 60_000;
const TIMEOUT_MS = 11 * 60_000;

function check(condition: boolean, message: string): void {
  if (!condition) throw new ArgumentError(message);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === "string" && value !== "";
const optional = (value: unknown, type: string) => value === undefined || typeof value === type;
const positive = (value: unknown) =>
  typeof value === "number" && value > 0 && Number.isFinite(value);

/** The checks the classic constructor made, in its order, with our own messages. */
function validate(options: ManagementClientOptions): void {
  check(isObject(options), "the ManagementClient options must be an object");
  check(isText(options.domain), "`domain` is required: the tenant's host name");
  if (options.token !== undefined) {
    check(isText(options.token), "`token` must be a non-empty string");
  } else {
    check(isText(options.clientId), "`clientId` is required when no `token` is given");
    check(
      isText(options.clientSecret) || options.core?.privateKey !== undefined,
      "`clientSecret` is required when no `token` is given",
    );
  }
  check(optional(options.scope, "string"), "`scope` must be a string");
  const { tokenProvider = {}, retry = {} } = options;
  check(
    optional(tokenProvider.enableCache, "boolean"),
    "`tokenProvider.enableCache` must be a boolean",
  );
  if (tokenProvider.enableCache !== false && tokenProvider.cacheTTLInSeconds !== undefined) {
    check(
      positive(tokenProvider.cacheTTLInSeconds),
      "`tokenProvider.cacheTTLInSeconds` must be a number of seconds above 0",
    );
  }
  check(optional(retry.enabled, "boolean"), "`retry.enabled` must be a boolean");
  if (retry.maxRetries !== undefined) {
    check(positive(retry.maxRetries), "`retry.maxRetries` must be a number above 0");
  }
  if (retry.retries !== undefined) {
    check(
      typeof retry.retries === "number" && retry.retries >= 0,
      "`retry.retries` must be a number, 0 or more",
    );
  }
  if (retry.minTimeout !== undefined) {
    check(
      typeof retry.minTimeout === "number" && retry.minTimeout >= 0,
      "`retry.minTimeout` must be a number of milliseconds, 0 or more",
    );
  }
  check(
    options.proxy === undefined,
    "`proxy` is not supported: pass `core: { fetch }` with a fetch that goes through your proxy",
  );
  check(
    options.headers === undefined ||
      (isObject(options.headers) &&
        Object.values(options.headers).every((v) => typeof v === "string")),
    "`headers` must be an object of header names and string values",
  );
}

function retryOf(options: ManagementClientOptions): RetryOptions {
  const { retry = {}, core = {} } = options;
  const wanted = retry.retries ?? retry.maxRetries ?? MAX_RETRIES;
  return {
    ...core.retry,
    maxRetries: retry.enabled === false ? 0 : Math.min(Math.floor(wanted), MAX_RETRIES),
    maxDelayMs: core.retry?.maxDelayMs ?? MAX_DELAY_MS,
    ...(retry.minTimeout === undefined ? {} : { baseDelayMs: retry.minTimeout }),
  };
}

/** What the compat client needs besides the core client. */
export interface CompatSettings {
  core: CoreOptions;
  includeResponseHeaders: boolean;
  secrets: (string | undefined)[];
}

/**
 * Checks the classic options as the classic constructor did (an {@link ArgumentError})
 * and maps them onto `createManagementClient`'s: retries of 429 answers only, at most 10;
 * a token shared by the clients of one configuration; `enableCache: false` grants a token
 * for every call and `cacheTTLInSeconds` bounds how long one is reused, both by shortening
 * the lifetime the client reads from the grant (see `token-lifetime`); `headers` and
 * `clientInfo` on every request. With a `token`, the credentials and token options are
 * ignored, as the classic client did.
 *
 * @example
 * ```ts
 * createManagementClient(compatSettings({ domain, clientId, clientSecret }).core);
 * ```
 */
export function compatSettings(options: ManagementClientOptions): CompatSettings {
  validate(options);
  const { core = {}, domain, audience, scope } = options;
  let fetchImpl = withClassicHeaders(core.fetch, options.headers, options.clientInfo);
  const common = {
    timeoutMs: TIMEOUT_MS,
    ...core,
    domain,
    retry: retryOf(options),
    middleware: [
      ...compatSteps(options.retry?.transientErrors === true),
      ...(core.middleware ?? []),
    ],
    ...(options.telemetry === false && core.telemetry === undefined ? { telemetry: false } : {}),
    ...(audience === undefined ? {} : { audience }),
    ...(scope === undefined ? {} : { scope }),
  };
  const includeResponseHeaders = Boolean(options.includeResponseHeaders);
  if (options.token !== undefined) {
    return {
      core: { ...common, fetch: fetchImpl, token: options.token } as CoreOptions,
      includeResponseHeaders,
      secrets: [options.token],
    };
  }
  const { enableCache = true, cacheTTLInSeconds } = options.tokenProvider ?? {};
  const lifetimeCap = enableCache ? cacheTTLInSeconds : 0;
  let tokenLeewaySeconds = core.tokenLeewaySeconds;
  if (lifetimeCap !== undefined) {
    fetchImpl = capTokenLifetime(fetchImpl, lifetimeCap, core.tokenLeewaySeconds ?? 60);
    tokenLeewaySeconds = 0;
  }
  const credential = options.clientSecret ?? core.privateKey;
  const shareKey = [domain.toLowerCase(), options.clientId, audience, scope, cacheTTLInSeconds]
    .map((part) => String(part ?? ""))
    .join("\n");
  const tokenCache =
    core.tokenCache ?? (enableCache ? sharedTokenCache(shareKey, credential) : undefined);
  return {
    core: {
      ...common,
      fetch: fetchImpl,
      ...(tokenLeewaySeconds === undefined ? {} : { tokenLeewaySeconds }),
      ...(tokenCache === undefined ? {} : { tokenCache }),
      clientId: options.clientId,
      ...(core.privateKey === undefined ? { clientSecret: options.clientSecret } : {}),
    } as CoreOptions,
    includeResponseHeaders,
    secrets: [options.clientSecret],
  };
}
