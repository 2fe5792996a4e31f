import {
  createManagementClient,
  type ManagementClient,
  type TokenCache,
} from "@auth0-edge/management";
import { createMemoryTokenCache } from "@auth0-edge/token-cache-memory";
import { required, type Settings } from "./settings.js";

export interface ClientOptions {
  /** Where the token is kept: a Workers KV cache on Workers, memory elsewhere (the default). */
  tokenCache?: TokenCache;
  /** The `fetch` the client sends with: the runtime's, or the emulator's in tests. */
  fetch?: typeof fetch;
}

/**
 * One client per isolate or process: made on the first request and reused by every later
 * one, so its token (and the token cache's single flight) is shared by all of them. A new
 * client is made only when the settings change.
 */
export function isolateClient(options: ClientOptions = {}) {
  let current: { key: string; client: ManagementClient } | undefined;
  const tokenCache = options.tokenCache ?? createMemoryTokenCache();
  return (settings: Settings): ManagementClient => {
    const { domain, clientId, clientSecret } = required(settings);
    // The secret is compared, never kept in a key of its own.
    const key = `${domain}\n${clientId}\n${clientSecret}`;
    if (current?.key !== key) {
      const client = createManagementClient({
        domain,
        clientId,
        clientSecret,
        tokenCache,
        // A caller is waiting: fail sooner than the SDK's defaults.
        timeoutMs: 20_000,
        retry: { maxRetries: 2, maxDelayMs: 5_000 },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      current = { key, client };
    }
    return current.client;
  };
}
