import type { PrivateKeyJwtSigner } from "./auth/client-assertion.js";
import type { ClientObserver } from "./observer.js";
import type { MiddlewarePlacement } from "./pipeline.js";
import type { TokenCache } from "./token-cache.js";
import type { FetchLike } from "./web-types.js";

/** When and how failed attempts are tried again. See the README for the rules. */
export interface RetryOptions {
  /** Attempts after the first one. Default 3; 0 turns retries off. */
  maxRetries?: number;
  /** First backoff step in milliseconds (full jitter, doubling). Default 250. */
  baseDelayMs?: number;
  /**
   * The longest single wait in milliseconds. A server that asks for a longer wait
   * (Retry-After / X-RateLimit-Reset) gets its error surfaced instead of a retry
   * that would be refused again. Default 30 000.
   */
  maxDelayMs?: number;
  /**
   * Also retry 5xx, 408 and network errors for POST and PATCH. Off by default:
   * those requests may have been carried out, and replaying them can duplicate work.
   */
  retryNonIdempotent?: boolean;
}

/** A token, or a function that returns one, for callers that obtain tokens themselves. */
export type TokenSource = string | (() => string | Promise<string>);

interface CommonOptions {
  /** The tenant's host name, e.g. `my-tenant.eu.auth0.com`: no scheme, path or port. */
  domain: string;
  /** The API audience. Default `https://{domain}/api/v2/`. */
  audience?: string;
  /** Scopes to ask for in the client credentials grant (space separated). */
  scope?: string;
  /** Shared token cache (memory, Workers KV, Redis). Default: the client's own memory. */
  tokenCache?: TokenCache;
  /**
   * The refresh window, in seconds before a token's expiry: inside it calls go on with the
   * current token while one background refresh runs (with a lockless cache, each isolate at
   * its own random point of the first three quarters of the window, drawn anew at each
   * refresh and skewed late, so that the earliest isolate is most often alone). Default 60.
   */
  tokenLeewaySeconds?: number;
  retry?: RetryOptions;
  /** Time budget of one call in milliseconds, retries and their waits included. Default 60 000. */
  timeoutMs?: number;
  /** Time budget of one attempt in milliseconds. Default 15 000. */
  attemptTimeoutMs?: number;
  /** The fetch to send requests with. Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Your own steps in the pipeline (logging, tracing, proxies). */
  middleware?: MiddlewarePlacement[];
  /**
   * A built-in observer of calls, attempts and token grants: `logTo(console)` of
   * `@auth0-edge/management/logger`, `openTelemetry()` of `@auth0-edge/management/opentelemetry`,
   * or both with `observeWith(…)`. None by default: the client is silent.
   */
  observer?: ClientObserver;
  /** Send the `Auth0-Client` telemetry header. Default true. */
  telemetry?: boolean;
  /**
   * Allow `http://localhost` / `http://127.0.0.1` (with a port) as the domain, for
   * tests against a local emulator. Never use it in production.
   */
  allowInsecureLocalhost?: boolean;
}

/** Authenticate with a token you already have. */
export interface TokenAuthOptions extends CommonOptions {
  token: TokenSource;
  clientId?: never;
  clientSecret?: never;
  privateKey?: never;
}

/** Authenticate with the client credentials grant and a client secret. */
export interface ClientSecretAuthOptions extends CommonOptions {
  clientId: string;
  clientSecret: string;
  token?: never;
  privateKey?: never;
}

/**
 * Authenticate with the client credentials grant and a private key
 * (`private_key_jwt`). Create the signer with `privateKeyJwt()` from
 * `@auth0-edge/management/private-key-jwt`, so that only users of this method
 * carry its JOSE code in their bundle.
 */
export interface PrivateKeyAuthOptions extends CommonOptions {
  clientId: string;
  privateKey: PrivateKeyJwtSigner;
  token?: never;
  clientSecret?: never;
}

/** Options of {@link createManagementClient}. */
export type ManagementClientOptions =
  | TokenAuthOptions
  | ClientSecretAuthOptions
  | PrivateKeyAuthOptions;
