import type { ManagementClient as Client } from "../client.js";
import { request } from "../request.js";
import { callbackify } from "./callbackify.js";

/** A denylisted token: its audience (a client id) and `jti`. */
export interface BlacklistedToken {
  aud?: string;
  jti: string;
}

/**
 * The classic `BlacklistedTokensManager`. `/blacklists/tokens` is no longer in the API
 * document, so there is no generated function: this calls the endpoint with `request`,
 * which Auth0 still answers.
 */
export class BlacklistedTokensManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /blacklists/tokens`.
   * @example const tokens = await management.blacklistedTokens.getAll();
   */
  readonly getAll = callbackify(() =>
    request<BlacklistedToken[]>(this.client, { method: "GET", path: "/blacklists/tokens" }),
  );

  /**
   * `POST /blacklists/tokens`: the token can no longer be used.
   * @example await management.blacklistedTokens.add({ aud: client_id, jti });
   */
  readonly add = callbackify(
    (token: BlacklistedToken): Promise<void> =>
      request(this.client, { method: "POST", path: "/blacklists/tokens", body: token }),
  );
}
