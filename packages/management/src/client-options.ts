import { isPrivateKeyJwtSigner } from "./auth/client-assertion.js";
import type { GrantCredentials } from "./auth/grant.js";
import { TOKEN_CHARACTERS } from "./auth/token-provider.js";
import { originForDomain } from "./domain.js";
import { ConfigurationError } from "./errors.js";
import type { ManagementClientOptions, TokenSource } from "./options.js";
import type { MiddlewarePlacement } from "./pipeline.js";
import { type ResolvedRetryOptions, resolveRetry } from "./retry-strategy.js";
import type { TokenCache } from "./token-cache.js";
import { booleanOption, numberOption, optionsObject, stringOption } from "./validate.js";
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
  telemetry: boolean;
}

const Err = ConfigurationError;

function credentialsOf(o: Record<string, unknown>): ClientSettings["credentials"] {
  const given = ["token", "clientSecret", "privateKey"].filter((k) => o[k] !== undefined);
  if (given.length !== 1 || (o.token !== undefined) === (o.clientId !== undefined)) {
    throw new Err(
      "give exactly one way to authenticate: `token`, or `clientId` and `clientSecret` or `privateKey`",
    );
  }
  if (o.token !== undefined) {
    if (
      typeof o.token !== "function" &&
      !TOKEN_CHARACTERS.test(stringOption(Err, "token", o.token))
    ) {
      throw new Err("`token` must be visible ASCII");
    }
    return { token: o.token as TokenSource };
  }
  stringOption(Err, "clientId", o.clientId);
  if (o.clientSecret !== undefined)
    return { clientSecret: stringOption(Err, "clientSecret", o.clientSecret) };
  if (!isPrivateKeyJwtSigner(o.privateKey)) {
    throw new Err(
      "`privateKey` must come from privateKeyJwt() of @auth0-edge/management/private-key-jwt",
    );
  }
  return { signer: o.privateKey };
}

function tokenCacheOf(cache: unknown): TokenCache | undefined {
  const c = cache as Record<string, unknown> | null | undefined;
  if (c !== undefined && ["get", "set", "delete"].some((m) => typeof c?.[m] !== "function")) {
    throw new Err("`tokenCache` must have get, set and delete methods");
  }
  return c as TokenCache | undefined;
}

function middlewareOf(value: unknown): MiddlewarePlacement[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Err("`middleware` must be an array");
  for (const entry of value) {
    const m = optionsObject(Err, "middleware[]", entry, "middleware name before after");
    if (typeof m.middleware !== "function")
      throw new Err("each `middleware` entry needs a `middleware` function");
  }
  return value;
}

/**
 * Checks every option strictly — a boolean is `true` or `false`, a number is finite
 * and in range, a misspelt key (at any depth) is refused — so that a mistake is a
 * {@link ConfigurationError} at creation and never a surprise on the first call.
 */
export function checkClientOptions(options: ManagementClientOptions): ClientSettings {
  const o = optionsObject(
    Err,
    "options",
    options,
    "domain audience scope token clientId clientSecret privateKey tokenCache tokenLeewaySeconds retry timeoutMs attemptTimeoutMs fetch middleware telemetry allowInsecureLocalhost",
  );
  const allowLocal = booleanOption(Err, "allowInsecureLocalhost", o.allowInsecureLocalhost, false);
  const origin = originForDomain(o.domain, allowLocal);
  const credentials = credentialsOf(o);
  const fetchImpl = o.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") throw new Err("no `fetch`: pass one in the options");
  const clientId = (o.clientId as string | undefined) ?? "";
  return {
    origin,
    key: `${origin} ${clientId}`,
    audience:
      o.audience === undefined ? `${origin}/api/v2/` : stringOption(Err, "audience", o.audience),
    scope: o.scope === undefined ? undefined : stringOption(Err, "scope", o.scope),
    credentials,
    clientId,
    retry: resolveRetry(o.retry as ManagementClientOptions["retry"], undefined, Err),
    timeoutMs: numberOption(Err, "timeoutMs", o.timeoutMs, 60_000, 1),
    attemptTimeoutMs: numberOption(Err, "attemptTimeoutMs", o.attemptTimeoutMs, 15_000, 1),
    leewayMs: numberOption(Err, "tokenLeewaySeconds", o.tokenLeewaySeconds, 60, 0, 86_400) * 1000,
    tokenCache: tokenCacheOf(o.tokenCache),
    fetch: fetchImpl as FetchLike,
    middleware: middlewareOf(o.middleware),
    telemetry: booleanOption(Err, "telemetry", o.telemetry, true),
  };
}
