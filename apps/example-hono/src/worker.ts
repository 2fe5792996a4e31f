// Cloudflare Workers: `wrangler deploy` with this file as `main`. The token lives in Workers
// KV when the TOKEN_CACHE namespace is bound (shared by every isolate), else in memory.
import { createKvTokenCache } from "@auth0-edge/token-cache-kv";
import { createAdminApp } from "./app.js";
import { isolateClient } from "./client.js";
import type { Settings } from "./settings.js";

export interface Env extends Settings {
  /** A Workers KV namespace (`[[kv_namespaces]]` in wrangler.toml). */
  TOKEN_CACHE?: Parameters<typeof createKvTokenCache>[0];
}

let clientFor: ReturnType<typeof isolateClient> | undefined;

export default createAdminApp<Env>({
  settings: (env) => env,
  client: (settings, env) => {
    clientFor ??= isolateClient({
      tokenCache: env.TOKEN_CACHE ? createKvTokenCache(env.TOKEN_CACHE) : undefined,
    });
    return clientFor(settings);
  },
});
