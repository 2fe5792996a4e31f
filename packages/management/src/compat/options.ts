import { ConfigurationError } from "../errors.js";
import type { ManagementClientOptions as CoreOptions, RetryOptions } from "../options.js";
import { capTokenLifetime } from "./token-lifetime.js";

/** Core options that the classic options do not cover, passed to `createManagementClient` as they are. */
export type CoreOverrides = Partial<
  Omit<CoreOptions, "domain" | "token" | "clientId" | "clientSecret" | "audience" | "scope">
>;

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
    /** Keep a granted token for the next calls. Default true. */
    enableCache?: boolean;
    /** Reuse a token for at most this many seconds (default: until shortly before it expires). */
    cacheTTLInSeconds?: number;
  };
  retry?: {
    /** Default true. */
    enabled?: boolean;
    /** Retries after the first attempt. Default 10, which is also the most the client allows. */
    maxRetries?: number;
  };
  /** Options of the new client (`fetch`, `timeoutMs`, `tokenCache`, `middleware`, …). */
  core?: CoreOverrides;
}

/** The most retries the core client accepts, and the classic client's default. */
const MAX_RETRIES = 10;

function retryOf(options: ManagementClientOptions): RetryOptions {
  const given = options.retry ?? {};
  const maxRetries =
    given.enabled === false
      ? 0
      : typeof given.maxRetries === "number"
        ? Math.min(given.maxRetries, MAX_RETRIES)
        : MAX_RETRIES;
  return { ...options.core?.retry, maxRetries };
}

/**
 * Maps the classic options onto `createManagementClient`'s: `retry.enabled: false` is
 * `maxRetries: 0`, `retry.maxRetries` is capped at 10; `tokenProvider.enableCache: false`
 * grants a token for every call and `cacheTTLInSeconds` bounds how long one is reused,
 * both by shortening the lifetime the client reads from the grant (see `token-lifetime`).
 * With a `token`, the credentials and token options are ignored, as the classic client did.
 *
 * @example
 * ```ts
 * createManagementClient(toCoreOptions({ domain, clientId, clientSecret, retry: { maxRetries: 2 } }));
 * ```
 */
export function toCoreOptions(options: ManagementClientOptions): CoreOptions {
  const { core = {}, domain, audience, scope } = options;
  const common = {
    ...core,
    domain,
    retry: retryOf(options),
    ...(audience === undefined ? {} : { audience }),
    ...(scope === undefined ? {} : { scope }),
  };
  if (options.token !== undefined) return { ...common, token: options.token } as CoreOptions;
  const { enableCache = true, cacheTTLInSeconds } = options.tokenProvider ?? {};
  if (
    cacheTTLInSeconds !== undefined &&
    !(Number.isFinite(cacheTTLInSeconds) && cacheTTLInSeconds >= 0)
  ) {
    throw new ConfigurationError(
      "`tokenProvider.cacheTTLInSeconds` must be a number of seconds, 0 or more",
    );
  }
  const lifetimeCap = enableCache ? cacheTTLInSeconds : 0;
  return {
    ...common,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...(lifetimeCap === undefined
      ? {}
      : {
          fetch: capTokenLifetime(core.fetch, lifetimeCap, core.tokenLeewaySeconds ?? 60),
          tokenLeewaySeconds: 0,
        }),
  } as CoreOptions;
}
