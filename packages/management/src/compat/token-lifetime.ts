import type { FetchLike } from "../web-types.js";

function isTokenGrant(input: RequestInfo | URL, init: RequestInit | undefined): boolean {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const method = init?.method ?? (input instanceof Request ? input.method : "GET");
  return url.pathname === "/oauth/token" && method.toUpperCase() === "POST";
}

/**
 * A `fetch` that shortens the `expires_in` of successful `/oauth/token` answers to at most
 * `maxSeconds` (and to `leewaySeconds` before the real expiry), leaving every other
 * answer alone. The client then keeps a token for at most `maxSeconds`, and a `maxSeconds`
 * of 0 makes it grant a token for every call: this is how the classic
 * `tokenProvider.cacheTTLInSeconds` and `enableCache: false` are carried out, without
 * a second token cache beside the client's own (or the shared `tokenCache`, which then
 * keeps a token for the same shortened time).
 *
 * @example
 * ```ts
 * createManagementClient({ ...options, fetch: capTokenLifetime(fetch, 10, 60), tokenLeewaySeconds: 0 });
 * ```
 */
export function capTokenLifetime(
  fetchImpl: FetchLike | undefined,
  maxSeconds: number,
  leewaySeconds: number,
): FetchLike {
  return async (input, init) => {
    const response = await (fetchImpl ?? globalThis.fetch)(input, init);
    if (!response.ok || !isTokenGrant(input, init)) return response;
    let text = await response.text();
    try {
      const grant = JSON.parse(text) as { expires_in?: unknown } | null;
      if (typeof grant?.expires_in === "number") {
        grant.expires_in = Math.max(0, Math.min(maxSeconds, grant.expires_in - leewaySeconds));
        text = JSON.stringify(grant);
      }
    } catch {
      // Not JSON: the client reports the malformed answer itself.
    }
    return new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
