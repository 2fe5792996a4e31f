// The three clients under test, behind one small interface, each reaching the loopback
// server through the same origin-rewriting `fetch` (the official package only speaks
// https://{domain}, so every client is given a tenant name and the same rewrite).
import { createManagementClient } from "@auth0-edge/management";
import { listLogs } from "@auth0-edge/management/logs";
import { getUser } from "@auth0-edge/management/users";
import { ManagementClient } from "auth0";
import { rawClient } from "./raw.mjs";

export const DOMAIN = "bench.eu.auth0.com";
export const CREDENTIALS = { domain: DOMAIN, clientId: "bench", clientSecret: "bench-secret" };
export const IMPLEMENTATIONS = ["raw", "ours", "official"];
/** The hand-written client with a 15 s timeout per call (our default per attempt): a reference. */
export const RAW_WITH_TIMEOUT = "raw-timeout";

/** A `fetch` that sends `https://{DOMAIN}/…` to `http://127.0.0.1:{port}/…`. */
export function loopbackFetch(port) {
  const from = `https://${DOMAIN}`;
  const to = `http://127.0.0.1:${port}`;
  return (input, init) => fetch(to + String(input).slice(from.length), init);
}

/**
 * `{ getUser(id), walkLogs(onPage) }` for one implementation; `walkLogs` goes through
 * every log by checkpoint (`from`/`take`), one page at a time. `fetchImpl` defaults to
 * the loopback server on `port`.
 */
export function makeClient(impl, port, fetchImpl = loopbackFetch(port)) {
  if (impl === "raw" || impl === RAW_WITH_TIMEOUT) {
    const timeoutMs = impl === RAW_WITH_TIMEOUT ? 15_000 : undefined;
    const api = rawClient({ ...CREDENTIALS, fetch: fetchImpl, timeoutMs });
    return {
      getUser: (id) => api("GET", `/users/${encodeURIComponent(id)}`),
      async walkLogs(onItem) {
        let from;
        for (;;) {
          const query = from === undefined ? "take=100" : `take=100&from=${from}`;
          const page = await api("GET", `/logs?${query}`);
          for (const item of page) onItem(item);
          if (page.length < 100) return;
          from = page[page.length - 1].log_id;
        }
      },
    };
  }
  if (impl === "ours") {
    const client = createManagementClient({ ...CREDENTIALS, fetch: fetchImpl });
    return {
      getUser: (id) => getUser(client, { id }),
      async walkLogs(onItem) {
        for await (const item of listLogs.all(client, { take: 100 })) onItem(item);
      },
    };
  }
  // The official package pages logs by offset only (and Auth0 stops offset paging at
  // 1,000), so the walk is written by hand with its `from`/`take` query parameters.
  const client = new ManagementClient({ ...CREDENTIALS, fetch: fetchImpl });
  return {
    getUser: (id) => client.users.get(id),
    async walkLogs(onItem) {
      let from;
      for (;;) {
        const queryParams = from === undefined ? { take: 100 } : { take: 100, from };
        const page = await client.logs.list({}, { queryParams });
        for (const item of page.data) onItem(item);
        if (page.data.length < 100) return;
        from = page.data[page.data.length - 1].log_id;
      }
    },
  };
}
