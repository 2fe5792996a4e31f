// The hand-written baseline: what a careful user writes with `fetch` and `JSON.parse` alone.
// One token per client (a memoised grant), no retries, no checks, no timeouts.

/** A minimal client: `api(method, path, body?)` resolves to the parsed JSON answer. */
export function rawClient({ domain, clientId, clientSecret, fetch = globalThis.fetch }) {
  const origin = `https://${domain}`;
  let token;
  const grant = () =>
    (token ??= fetch(`${origin}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
        audience: `${origin}/api/v2/`,
      }),
    })
      .then((response) => response.json())
      .then((answer) => answer.access_token));
  return async function api(method, path, body) {
    const headers = { authorization: `Bearer ${await grant()}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${origin}/api/v2${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text === "" ? undefined : JSON.parse(text);
  };
}
