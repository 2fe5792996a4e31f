import { ManagementError, TokenError } from "../errors.js";
import type { RequestContext, ResolvedRetryOptions } from "../pipeline.js";
import { redact } from "../redact.js";
import type { CachedToken } from "../token-cache.js";
import type { PrivateKeyJwtSigner } from "./client-assertion.js";

export type GrantCredentials = { clientSecret: string } | { signer: PrivateKeyJwtSigner };

export interface GrantSettings {
  origin: string;
  clientId: string;
  audience: string;
  scope: string | undefined;
  credentials: GrantCredentials;
  /** Sends the grant through the client's pipeline without the auth step and without user steps. */
  send: (ctx: RequestContext) => Promise<Response>;
  timeoutMs: number;
  attemptTimeoutMs: number;
  retry: ResolvedRetryOptions;
}

function describe(body: unknown): { error?: string; description?: string } {
  if (typeof body !== "object" || body === null) return {};
  const { error, error_description } = body as Record<string, unknown>;
  return {
    ...(typeof error === "string" ? { error } : {}),
    ...(typeof error_description === "string" ? { description: error_description } : {}),
  };
}

/**
 * The client credentials grant: `POST https://{domain}/oauth/token` with the
 * secret or a signed client assertion. A grant may be repeated safely, so it is
 * retried like an idempotent request.
 */
export function createGrant(settings: GrantSettings): () => Promise<CachedToken> {
  const { credentials, clientId } = settings;
  const secret = "clientSecret" in credentials ? credentials.clientSecret : undefined;
  return async () => {
    const body: Record<string, string> = {
      grant_type: "client_credentials",
      client_id: clientId,
      audience: settings.audience,
    };
    if (settings.scope) body.scope = settings.scope;
    if (secret !== undefined) body.client_secret = secret;
    else if ("signer" in credentials) {
      body.client_assertion_type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
      body.client_assertion = await credentials.signer.sign({
        clientId,
        audience: `${settings.origin}/`,
      });
    }
    const requestedAt = Date.now();
    let response: Response;
    try {
      response = await settings.send({
        method: "POST",
        url: new URL("/oauth/token", settings.origin),
        headers: new Headers({ "content-type": "application/json", accept: "application/json" }),
        body: JSON.stringify(body),
        signal: new AbortController().signal,
        deadline: Number.POSITIVE_INFINITY,
        attempt: 1,
        retry: { ...settings.retry, retryNonIdempotent: true },
        attemptTimeoutMs: settings.attemptTimeoutMs,
        timeoutMs: settings.timeoutMs,
        state: {},
      });
    } catch (error) {
      const reason = error instanceof ManagementError ? error.message : "the request failed";
      throw new TokenError(
        `token grant for client ${clientId} failed: ${redact(reason, [secret])}`,
        {
          cause: error,
        },
      );
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const { error, description } = describe(parsed);
      const said = [error, description].filter(Boolean).join(": ") || response.statusText;
      throw new TokenError(
        `token grant for client ${clientId} was refused: ${response.status} ${redact(said, [secret])}`,
        { statusCode: response.status, ...(error ? { error } : {}) },
      );
    }
    const { access_token, expires_in } = (parsed ?? {}) as Record<string, unknown>;
    if (
      typeof access_token !== "string" ||
      access_token.length === 0 ||
      typeof expires_in !== "number"
    ) {
      throw new TokenError(
        `token grant for client ${clientId} answered ${response.status} without access_token and expires_in`,
        { statusCode: response.status },
      );
    }
    return { accessToken: access_token, expiresAt: requestedAt + expires_in * 1000 };
  };
}
