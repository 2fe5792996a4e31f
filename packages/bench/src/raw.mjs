// The hand-written baseline: what a careful user writes with `fetch` and `JSON.parse` alone.
// One token per client (a memoised grant), no retries, no checks, no timeouts.
//
// With `timeoutMs`, the same client bounds each call the one way fetch allows: an
// `AbortController` whose signal goes to fetch and a timer that aborts it, cleared once the
// body is read. It is a reference, not a baseline of the targets: it prices what any client
// that ends an attempt at its time budget pays per call, which the plain baseline does not.

/** A minimal client: `api(method, path, body?)` resolves to the parsed JSON answer. */
export function rawClient({ domain, clientId, clientSecret, fetch = globalThis.fetch, timeoutMs }) {
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
    const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
    let text;
    let response;
    // The baseline's own path, as it was before the reference joined it: no signal, no timer.
    if (timeoutMs === undefined) {
      response = await fetch(`${origin}/api/v2${path}`, init);
      text = await response.text();
    } else {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        response = await fetch(`${origin}/api/v2${path}`, { ...init, signal: controller.signal });
        text = await response.text();
      } finally {
        clearTimeout(timer);
      }
    }
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text === "" ? undefined : JSON.parse(text);
  };
}
