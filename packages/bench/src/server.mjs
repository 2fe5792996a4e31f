// The loopback Management API the benchmarks talk to: canned answers, prepared once, so
// that the server's own cost is small and the same for every client. It listens on
// 127.0.0.1 only, prints its port, and counts token grants (GET /__stats, POST /__reset).
import { createServer } from "node:http";

const LOG_TOTAL = Number(process.env.BENCH_LOG_TOTAL ?? 100_000);
const encode = (value) => Buffer.from(JSON.stringify(value));

const smallUser = encode({
  user_id: "auth0|1",
  email: "ada@example.com",
  email_verified: true,
  name: "Ada Lovelace",
  nickname: "ada",
  picture: "https://example.com/ada.png",
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-02T00:00:00.000Z",
  identities: [
    { provider: "auth0", user_id: "1", connection: "Username-Password", isSocial: false },
  ],
  logins_count: 3,
});
// A 56 KB answer: a user with large metadata, as a rich profile can be.
const bigUser = (() => {
  const app_metadata = { entries: [] };
  let value = encode({ user_id: "auth0|big", app_metadata });
  for (let i = 0; value.length < 56 * 1024; i++) {
    app_metadata.entries.push({ key: `k${i}`, value: `v${i}-${"x".repeat(40)}`, n: i });
    value = encode({ user_id: "auth0|big", app_metadata });
  }
  return value;
})();
const token = encode({ access_token: "bench-token", token_type: "Bearer", expires_in: 86_400 });
const created = encode({ user_id: "auth0|new", email: "new@example.com" });

/** A checkpoint page of logs: a bare array, or Auth0's `{ logs, … }` wrapper with include_totals=true. */
function logsPage(from, take, totals) {
  const start = from === undefined ? 0 : Number(from.slice(4)) + 1;
  const logs = [];
  for (let i = start; i < Math.min(LOG_TOTAL, start + take); i++) {
    logs.push({
      log_id: `log-${String(i).padStart(8, "0")}`,
      date: "2026-01-01T00:00:00.000Z",
      type: "s",
      description: "Success Login",
      client_id: "bench",
      ip: "127.0.0.1",
      user_id: `auth0|${i}`,
    });
  }
  return encode(
    totals ? { start: 0, limit: take, length: logs.length, total: LOG_TOTAL, logs } : logs,
  );
}

let grants = 0;
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  const path = url.pathname;
  const send = (status, body) => {
    res.writeHead(status, body ? { ...JSON_TYPE, "content-length": body.length } : {});
    res.end(body);
  };
  // Bodies are drained before answering, as a real server would.
  req.resume();
  req.on("end", () => {
    if (path === "/oauth/token") {
      grants++;
      return send(200, token);
    }
    if (path === "/__stats") return send(200, encode({ grants }));
    if (path === "/__reset") {
      grants = 0;
      return send(204);
    }
    if (path === "/api/v2/users/auth0%7Cbig") return send(200, bigUser);
    if (path === "/api/v2/users" && req.method === "POST") return send(201, created);
    if (path === "/api/v2/users" && req.method === "GET") return send(200, encode([]));
    if (/^\/api\/v2\/users\/[^/]+\/roles$/.test(path)) return send(204);
    if (path.startsWith("/api/v2/users/")) return send(200, smallUser);
    if (path === "/api/v2/logs") {
      const from = url.searchParams.get("from") ?? undefined;
      const take = Number(url.searchParams.get("take") ?? 50);
      const totals = url.searchParams.get("include_totals") === "true";
      return send(200, logsPage(from, take, totals));
    }
    send(404, encode({ statusCode: 404, error: "Not Found", message: "no route" }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(
    `${JSON.stringify({ port: server.address().port, bigBytes: bigUser.length })}\n`,
  );
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
