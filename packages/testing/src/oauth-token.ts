import { decodeJwt } from "jose";
import { type AssertionVerifier, jwtBearerAssertionType } from "./client-assertion";
import type { EmulatorConfig } from "./config";
import { EmulatorHttpError, oauthError } from "./errors";
import { errorResponse, jsonResponse } from "./http";
import type { LogWriter } from "./log-events";
import type { TokenAuthority } from "./tokens";
import type { EmulatorClient } from "./types";

/** `/oauth/token` answers `application/json` without charset (as recorded). */
const tokenContentType = "application/json";
/** RFC 6749 §5.1: token responses must not be cached. */
const noStore = { "cache-control": "no-store", pragma: "no-cache" };

const otherGrantTypes = new Set([
  "authorization_code",
  "refresh_token",
  "password",
  "http://auth0.com/oauth/grant-type/password-realm",
  "http://auth0.com/oauth/grant-type/passwordless/otp",
  "http://auth0.com/oauth/grant-type/mfa-oob",
  "http://auth0.com/oauth/grant-type/mfa-otp",
  "http://auth0.com/oauth/grant-type/mfa-recovery-code",
  "urn:ietf:params:oauth:grant-type:device_code",
  "urn:ietf:params:oauth:grant-type:token-exchange",
  "urn:openid:params:grant-type:ciba",
]);

/** What the token endpoint needs from the emulator. */
export interface TokenEndpointDeps {
  config: EmulatorConfig;
  tokens: TokenAuthority;
  assertions: AssertionVerifier;
  logs: LogWriter;
  onGrant(): void;
}

async function readParams(request: Request): Promise<Record<string, string>> {
  const text = await request.text();
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw oauthError(400, "invalid_request", "Invalid request payload JSON format");
    }
    const params: Record<string, string> = {};
    if (typeof parsed === "object" && parsed !== null) {
      for (const [key, value] of Object.entries(parsed)) {
        if (typeof value === "string") params[key] = value;
      }
    }
    return params;
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** Client id and secret from `Authorization: Basic` (client_secret_basic), if sent. */
function basicCredentials(request: Request): { id: string; secret: string } | undefined {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match) return undefined;
  try {
    const decoded = atob(match[1]!);
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return undefined;
  }
}

/** Compares without an early exit so timing does not hint at the secret's prefix. */
function sameSecret(expected: string, actual: string): boolean {
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < actual.length; i++) {
    diff |= actual.charCodeAt(i) ^ expected.charCodeAt(i % Math.max(1, expected.length));
  }
  return diff === 0;
}

const unauthorized = () => oauthError(401, "access_denied", "Unauthorized");

async function authenticateClient(
  request: Request,
  params: Record<string, string>,
  deps: TokenEndpointDeps,
): Promise<EmulatorClient> {
  const assertion = params.client_assertion;
  if (assertion !== undefined || params.client_assertion_type !== undefined) {
    if (params.client_assertion_type !== jwtBearerAssertionType) {
      throw oauthError(
        400,
        "invalid_request",
        `client_assertion_type must be ${jwtBearerAssertionType}`,
      );
    }
    if (assertion === undefined) {
      throw oauthError(400, "invalid_request", "Missing required parameter: client_assertion");
    }
    if (params.client_secret !== undefined) {
      throw oauthError(400, "invalid_request", "Use only one client authentication method");
    }
    let clientId = params.client_id;
    if (clientId === undefined) {
      try {
        clientId = decodeJwt(assertion).sub;
      } catch {
        throw oauthError(401, "invalid_client", "client_assertion is not a valid JWT");
      }
    }
    const client = clientId === undefined ? undefined : deps.config.clients.get(clientId);
    if (client === undefined) throw unauthorized();
    const refusal = await deps.assertions.verify(assertion, client);
    if (refusal !== undefined) throw oauthError(401, "invalid_client", refusal);
    return client;
  }
  const basic = basicCredentials(request);
  const clientId = params.client_id ?? basic?.id;
  const secret = params.client_secret ?? basic?.secret;
  const client = clientId === undefined ? undefined : deps.config.clients.get(clientId);
  if (client?.clientSecret === undefined || secret === undefined) throw unauthorized();
  if (!sameSecret(client.clientSecret, secret)) throw unauthorized();
  return client;
}

function grantedScopes(client: EmulatorClient, requested: string | undefined): string[] {
  const granted = client.scopes ?? [];
  if (requested === undefined || requested.trim() === "") return granted;
  const wanted = requested.trim().split(/\s+/);
  const missing = wanted.filter((scope) => !granted.includes(scope));
  if (missing.length > 0) {
    throw oauthError(
      403,
      "access_denied",
      `Client has not been granted scopes: ${missing.join(", ")}`,
    );
  }
  return [...new Set(wanted)];
}

/**
 * `POST /oauth/token` for the client-credentials grant, authenticated by client secret
 * (post or basic) or by a `private_key_jwt` assertion.
 *
 * @example
 * ```ts
 * const response = await handleTokenRequest(request, deps);
 * ```
 */
export async function handleTokenRequest(request: Request, deps: TokenEndpointDeps) {
  let clientId: string | undefined;
  try {
    const params = await readParams(request);
    clientId = params.client_id;
    const grantType = params.grant_type;
    if (grantType === undefined || grantType === "") {
      throw oauthError(400, "invalid_request", "Missing required parameter: grant_type");
    }
    if (grantType !== "client_credentials") {
      if (otherGrantTypes.has(grantType)) {
        throw oauthError(
          403,
          "unauthorized_client",
          `Grant type '${grantType}' not allowed for the client.`,
        );
      }
      throw oauthError(400, "unsupported_grant_type", `Unsupported grant type: ${grantType}`);
    }
    const client = await authenticateClient(request, params, deps);
    clientId = client.clientId;
    const audience = params.audience;
    if (audience === undefined || audience === "") {
      throw oauthError(
        403,
        "access_denied",
        "No audience parameter was provided, and no default audience has been configured",
      );
    }
    if (audience !== deps.config.audience) {
      throw oauthError(403, "access_denied", `Service not enabled within domain: ${audience}`);
    }
    const scopes = grantedScopes(client, params.scope);
    const accessToken = await deps.tokens.issue(client.clientId, scopes);
    deps.onGrant();
    deps.logs.append({
      type: "seccft",
      description: "",
      connection_id: "",
      client_id: client.clientId,
      client_name: client.name ?? "",
      user_id: "",
      user_name: "",
      audience,
      scope: scopes.join(" "),
    });
    const body = {
      access_token: accessToken,
      scope: scopes.join(" "),
      expires_in: deps.config.tokenLifetimeSeconds,
      token_type: "Bearer",
    };
    return jsonResponse(200, body, noStore, tokenContentType);
  } catch (error) {
    if (error instanceof EmulatorHttpError) {
      const description = (error.body as { error_description?: string }).error_description ?? "";
      const known = clientId !== undefined && deps.config.clients.has(clientId);
      deps.logs.append({
        type: "feccft",
        description,
        client_id: known ? clientId : null,
      });
      return jsonResponse(error.status, error.body, noStore, tokenContentType);
    }
    return errorResponse(error, tokenContentType);
  }
}
