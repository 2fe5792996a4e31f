import { CallContext, type CallDefaults } from "../context.js";
import { ManagementError, TokenError } from "../errors.js";
import type { RequestContext } from "../pipeline.js";
import { field } from "../response.js";
import type { CachedToken } from "../token-cache.js";
import { GRANT_FIELDS, type GrantSigner } from "./client-assertion.js";
import { expiryClaim } from "./expiry-claim.js";
import { checkToken } from "./token-provider.js";

export interface GrantSettings extends CallDefaults {
  origin: string;
  clientId: string;
  audience: string;
  scope?: string | undefined;
  /** The client secret; without one, `privateKey` signs a client assertion. */
  clientSecret?: string | undefined;
  privateKey?: GrantSigner | undefined;
  /** Sends the grant through the client's pipeline without the auth step and without user steps. */
  send: (ctx: RequestContext) => Promise<Response>;
  /** What every error of the client is redacted of: the grant adds its client assertions. */
  secrets: string[];
}

/**
 * The client credentials grant: `POST https://{domain}/oauth/token` with the
 * secret or a signed client assertion. A grant may be repeated safely, so it is
 * retried like an idempotent request. Whatever goes wrong is a `TokenError`, and the
 * token it brings must be usable as a bearer token before anything keeps it.
 */
export function createGrant(settings: GrantSettings): () => Promise<CachedToken> {
  const { clientSecret, clientId } = settings;
  const failed = `token grant for client ${clientId}`;
  return async () => {
    // JSON leaves out what is undefined: the scope when none is set, the secret for a signer.
    const body: Record<string, string | undefined> = {
      grant_type: "client_credentials",
      client_id: clientId,
      audience: settings.audience,
      scope: settings.scope,
      client_secret: clientSecret,
    };
    // Before the request is sent: the token cannot live longer than expires_in from here.
    const requestedAt = Date.now();
    let ctx: RequestContext;
    let response: Response;
    try {
      if (clientSecret === undefined) {
        Object.assign(
          body,
          await settings.privateKey![GRANT_FIELDS](clientId, settings.origin, settings.secrets),
        );
      }
      // The body is JSON, and a grant may be repeated safely.
      ctx = new CallContext(
        settings,
        "POST",
        new URL("/oauth/token", settings.origin),
        new Headers({ "content-type": "application/json", accept: "application/json" }),
        JSON.stringify(body),
        { retry: { retryNonIdempotent: true } },
      );
      response = await settings.send(ctx);
    } catch (error) {
      const reason = error instanceof ManagementError ? error.message : "signing failed";
      throw new TokenError(`${failed} failed: ${reason}`, { cause: error });
    }
    // Whatever the body is (a string, an array, nothing), a field it lacks reads as undefined.
    const answer = ctx.result?.value as Record<string, unknown> | undefined;
    if (!response.ok) {
      const error = field(answer, "error");
      const said = [error, field(answer, "error_description")]
        .filter((s) => s !== undefined)
        .join(": ");
      throw new TokenError(
        `${failed} was refused: ${response.status} ${said || response.statusText}`,
        {
          statusCode: response.status,
          error,
        },
      );
    }
    const access_token = answer?.access_token;
    const expires_in = answer?.expires_in;
    if (typeof expires_in !== "number" || !(expires_in >= 0)) {
      throw new TokenError(`${failed}: no expires_in`, {
        statusCode: response.status,
      });
    }
    const accessToken = checkToken(access_token, failed);
    return {
      accessToken,
      expiresAt: Math.min(requestedAt + expires_in * 1000, expiryClaim(accessToken)),
      issuedAt: requestedAt,
    };
  };
}
