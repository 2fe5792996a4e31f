import { isPrivateKeyJwtSigner, type PrivateKeyJwtSigner } from "./auth/client-assertion.js";
import type { GrantCredentials } from "./auth/grant.js";
import { TOKEN_CHARACTERS } from "./auth/token-provider.js";
import { originForDomain } from "./domain.js";
import { ConfigurationError } from "./errors.js";
import type { ClientObserver } from "./observer.js";
import type { ManagementClientOptions, TokenSource } from "./options.js";
import type { MiddlewarePlacement } from "./pipeline.js";
import { RETRY_DEFAULTS, type ResolvedRetryOptions, retryOptions } from "./retry-strategy.js";
import { TOKEN_SHARE, type TokenCache } from "./token-cache.js";
import { anything, boolean, type Check, checkOptions, number, refuse, string } from "./validate.js";
import type { FetchLike } from "./web-types.js";

/** Every option of `createManagementClient`, checked and with its default filled in. */
export interface ClientSettings {
  origin: string;
  /** The rate-limit gates and the retry budget are shared by every client of this key in the isolate. */
  key: string;
  audience: string;
  scope: string | undefined;
  credentials: GrantCredentials | { token: TokenSource };
  clientId: string;
  retry: ResolvedRetryOptions;
  timeoutMs: number;
  attemptTimeoutMs: number;
  leewayMs: number;
  tokenCache: TokenCache | undefined;
  fetch: FetchLike;
  middleware: MiddlewarePlacement[];
  observer: ClientObserver | undefined;
  telemetry: boolean;
}

const Err = ConfigurationError;

/** A `token` is a function, or a string that can be a bearer token. */
const token: Check = (value, name) =>
  typeof value === "function" || TOKEN_CHARACTERS.test(string(value, name, Err))
    ? value
    : refuse(Err, name, "be visible ASCII");

const privateKey: Check<PrivateKeyJwtSigner> = (value, name) =>
  isPrivateKeyJwtSigner(value)
    ? value
    : refuse(Err, name, "come from privateKeyJwt() of @auth0-edge/management/private-key-jwt");

// A cache carries its own coordination (see shareTokenCache), so a client without one does not.
const tokenCache: Check<TokenCache> = (value, name) =>
  typeof (value as Record<symbol, unknown>)?.[TOKEN_SHARE] === "function"
    ? (value as TokenCache)
    : refuse(Err, name, "come from shareTokenCache() of @auth0-edge/management/token-cache");

const MIDDLEWARE_ENTRY = {
  middleware: anything,
  name: anything,
  before: anything,
  after: anything,
};

const middleware: Check<MiddlewarePlacement[]> = (value, name) => {
  if (!Array.isArray(value)) refuse(Err, name, "be an array");
  for (const entry of value) {
    if (typeof checkOptions(Err, "middleware[]", entry, MIDDLEWARE_ENTRY).middleware !== "function")
      refuse(Err, "middleware[].middleware", "be a function");
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
  fetch: anything,
  audience: string,
  scope: string,
  retry: retryOptions,
  timeoutMs: /* @__PURE__ */ number(1),
  attemptTimeoutMs: /* @__PURE__ */ number(1),
  tokenLeewaySeconds: /* @__PURE__ */ number(0, 86_400),
  tokenCache,
  middleware,
  observer: ((value, name) =>
    typeof value === "function" ? value : refuse(Err, name, "be a function")) as Check,
  telemetry: boolean,
};

/**
 * Checks every option strictly — a boolean is `true` or `false`, a number is finite
 * and in range, a misspelt key (at any depth) is refused — so that a mistake is a
 * {@link ConfigurationError} at creation and never a surprise on the first call.
 */
export function checkClientOptions(options: ManagementClientOptions): ClientSettings {
  const o = checkOptions(Err, "options", options, CLIENT_OPTIONS);
  const given = ["token", "clientSecret", "privateKey"].filter((k) => k in o);
  if (given.length !== 1 || "token" in o === "clientId" in o) {
    throw new Err(
      "authenticate one way: `token`, or `clientId` with `clientSecret` or `privateKey`",
    );
  }
  const origin = originForDomain(o.domain, o.allowInsecureLocalhost === true);
  const fetchImpl = o.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") throw new Err("no `fetch`: pass one in the options");
  const clientId = o.clientId ?? "";
  return {
    origin,
    key: `${origin} ${clientId}`,
    audience: o.audience ?? `${origin}/api/v2/`,
    scope: o.scope,
    credentials:
      o.token !== undefined
        ? { token: o.token as TokenSource }
        : o.clientSecret !== undefined
          ? { clientSecret: o.clientSecret }
          : { signer: o.privateKey! },
    clientId,
    retry: { ...RETRY_DEFAULTS, ...o.retry },
    timeoutMs: o.timeoutMs ?? 60_000,
    attemptTimeoutMs: o.attemptTimeoutMs ?? 15_000,
    leewayMs: (o.tokenLeewaySeconds ?? 60) * 1000,
    tokenCache: o.tokenCache,
    fetch: fetchImpl as FetchLike,
    middleware: o.middleware ?? [],
    observer: o.observer as ClientObserver | undefined,
    telemetry: o.telemetry ?? true,
  };
}
