import { type GrantSigner, isPrivateKeyJwtSigner } from "./auth/client-assertion.js";
import { TOKEN_CHARACTERS } from "./auth/token-provider.js";
import { originForDomain } from "./domain.js";
import { ConfigurationError as Err } from "./errors.js";
import type { ClientObserver } from "./observer.js";
import type { ManagementClientOptions, TokenSource } from "./options.js";
import type { MiddlewarePlacement } from "./pipeline.js";
import { RETRY_DEFAULTS, type ResolvedRetryOptions, retryOptions } from "./retry-strategy.js";
import { TOKEN_SHARE, type TokenCache } from "./token-cache.js";
import {
  anything,
  boolean,
  type Check,
  type Checked,
  checkOptions,
  number,
  refuse,
  string,
} from "./validate.js";
import type { FetchLike } from "./web-types.js";

/**
 * Every option of `createManagementClient`, checked, with its default filled in, and what
 * the client derives from them.
 */
export interface ClientSettings extends Checked<typeof CLIENT_OPTIONS> {
  /** `https://{domain}`, or the local origin an emulator listens on. */
  origin: string;
  audience: string;
  retry: ResolvedRetryOptions;
  timeoutMs: number;
  attemptTimeoutMs: number;
  tokenLeewaySeconds: number;
  fetch: FetchLike;
  middleware: MiddlewarePlacement[];
  telemetry: boolean;
}

/** A `token` is a function, or a string that can be a bearer token. */
const token: Check<TokenSource> = (value, name) =>
  typeof value === "function" || TOKEN_CHARACTERS.test(string(value, name, Err))
    ? (value as TokenSource)
    : refuse(Err, name, "be visible ASCII");

const privateKey: Check<GrantSigner> = (value, name) =>
  isPrivateKeyJwtSigner(value)
    ? value
    : refuse(Err, name, "come from privateKeyJwt() of @auth0-edge/management/private-key-jwt");

// A cache carries its own coordination (see shareTokenCache), so a client without one does not.
const tokenCache: Check<TokenCache> = (value, name) =>
  typeof (value as Record<symbol, unknown>)?.[TOKEN_SHARE] === "function"
    ? (value as TokenCache)
    : refuse(Err, name, "come from shareTokenCache() of @auth0-edge/management/token-cache");

const func = <T>(value: unknown, name: string): T =>
  typeof value === "function" ? (value as T) : refuse(Err, name, "be a function");

const MIDDLEWARE_ENTRY = {
  middleware: anything,
  name: anything,
  before: anything,
  after: anything,
};

const middleware: Check<MiddlewarePlacement[]> = (value, name) => {
  if (!Array.isArray(value)) refuse(Err, name, "be an array");
  for (const entry of value) {
    func(
      checkOptions(Err, "middleware[]", entry, MIDDLEWARE_ENTRY).middleware,
      "middleware[].middleware",
    );
  }
  return value;
};

/** Every option, with its check; `domain`, the choice of credentials and `fetch` are checked as a whole after. */
const CLIENT_OPTIONS = {
  allowInsecureLocalhost: boolean,
  domain: anything,
  token,
  clientId: string,
  clientSecret: string,
  privateKey,
  fetch: anything as Check<FetchLike>,
  audience: string,
  scope: string,
  retry: retryOptions,
  timeoutMs: /* @__PURE__ */ number(1),
  attemptTimeoutMs: /* @__PURE__ */ number(1),
  tokenLeewaySeconds: /* @__PURE__ */ number(0, 86_400),
  tokenCache,
  middleware,
  observer: func<ClientObserver>,
  telemetry: boolean,
};

/**
 * Checks every option strictly — a boolean is `true` or `false`, a number is finite
 * and in range, a misspelt key (at any depth) is refused — so that a mistake is a
 * `ConfigurationError` at creation and never a surprise on the first call.
 */
export function checkClientOptions(options: ManagementClientOptions): ClientSettings {
  const o = checkOptions(Err, "options", options, CLIENT_OPTIONS);
  const given = ["token", "clientSecret", "privateKey"].filter((k) => k in o);
  if (given.length !== 1 || "token" in o === "clientId" in o) {
    throw new Err(
      "authenticate one way: `token`, or `clientId` with `clientSecret` or `privateKey`",
    );
  }
  const origin = originForDomain(o.domain, o.allowInsecureLocalhost);
  const fetch = o.fetch ?? globalThis.fetch;
  if (typeof fetch !== "function") throw new Err("no `fetch`: pass one in the options");
  // The checked options hold only the keys given, so each one given wins over its default.
  return {
    timeoutMs: 60_000,
    attemptTimeoutMs: 15_000,
    tokenLeewaySeconds: 60,
    middleware: [],
    telemetry: true,
    audience: `${origin}/api/v2/`,
    ...o,
    origin,
    retry: { ...RETRY_DEFAULTS, ...o.retry },
    fetch: fetch as FetchLike,
  };
}
