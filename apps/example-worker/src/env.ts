import type { Auth0TokenCoordinator } from "@auth0-edge/token-cache-durable-object";

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
  /** Optional: a key that encrypts the cached Management API token at rest (a secret). */
  TOKEN_CACHE_KEY?: string;
  /**
   * Which shared token cache to use: `"durable-object"` (the `AUTH0_TOKENS` coordinator) or
   * `"kv"` (the `TOKEN_CACHE` namespace, the default when unset). A plain var.
   */
  TOKEN_CACHE_KIND?: string;
  /** The KV namespace every isolate of this Worker shares the token through (kind `kv`). */
  TOKEN_CACHE?: KVNamespace;
  /** The Durable Object coordinators, one per token cache key (kind `durable-object`). */
  AUTH0_TOKENS?: DurableObjectNamespace<Auth0TokenCoordinator>;
  /**
   * Local development only (`wrangler dev --env emulator`): the Auth0 emulator Worker. When
   * bound, the Management API client sends its requests there instead of to the network.
   */
  AUTH0_EMULATOR?: Fetcher;
}
