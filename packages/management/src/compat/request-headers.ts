import type { FetchLike } from "../web-types.js";
import type { ClassicClientInfo } from "./options.js";

/** base64url of the JSON, as the classic client encoded `Auth0-Client`. */
function encodeClientInfo(info: ClassicClientInfo): string {
  const bytes = new TextEncoder().encode(JSON.stringify(info));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * A `fetch` that adds the classic `headers` option to every request (the token grant
 * too, as the classic did) and sends `clientInfo` as `Auth0-Client` where the client
 * sends telemetry. The bearer token and a multipart body's content type are never
 * replaced. With neither option, the given fetch itself.
 */
export function withClassicHeaders(
  fetchImpl: FetchLike | undefined,
  extra: Record<string, string> | undefined,
  clientInfo: ClassicClientInfo | undefined,
): FetchLike | undefined {
  const telemetry =
    typeof clientInfo?.name === "string" && clientInfo.name !== ""
      ? encodeClientInfo(clientInfo)
      : undefined;
  if (extra === undefined && telemetry === undefined) return fetchImpl;
  return (input, init) => {
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(extra ?? {})) {
      const lower = name.toLowerCase();
      if (lower === "authorization" && headers.has(lower)) continue;
      if (lower === "content-type" && init?.body instanceof FormData) continue;
      headers.set(name, value);
    }
    if (telemetry !== undefined && headers.has("auth0-client"))
      headers.set("auth0-client", telemetry);
    return (fetchImpl ?? globalThis.fetch)(input, { ...init, headers });
  };
}
