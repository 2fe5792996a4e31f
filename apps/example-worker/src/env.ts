/** The bindings of the Worker, as `wrangler.toml` and `wrangler secret put` declare them. */
export interface Env {
  /** The tenant's host name, e.g. `my-tenant.eu.auth0.com` (a plain var). */
  AUTH0_DOMAIN?: string;
  /** The machine-to-machine application's client id (a secret). */
  AUTH0_CLIENT_ID?: string;
  /** Its client secret (a secret). */
  AUTH0_CLIENT_SECRET?: string;
  /** The bearer token callers of the admin routes must send (a secret). */
  ADMIN_API_TOKEN?: string;
  /** Optional: a key that encrypts the cached Management API token in KV (a secret). */
  TOKEN_CACHE_KEY?: string;
  /** The KV namespace every isolate of this Worker shares the token through. */
  TOKEN_CACHE: KVNamespace;
  /**
   * Local development only (`wrangler dev --env emulator`): the Auth0 emulator Worker. When
   * bound, the Management API client sends its requests there instead of to the network.
   */
  AUTH0_EMULATOR?: Fetcher;
}
