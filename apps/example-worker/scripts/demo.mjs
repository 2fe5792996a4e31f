// `pnpm demo`: the example Worker in local workerd (Miniflare) with its KV token cache,
// against the Auth0 emulator, or against a real tenant when AUTH0_DOMAIN,
// AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET are set (read-only unless --write).
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { demoAssignment, demoTenant } from "./demo-tenant.mjs";
import { bundleWorker, startWorker } from "./worker-runtime.mjs";

const { values: flags } = parseArgs({
  options: {
    write: { type: "boolean", default: false },
    user: { type: "string" },
    role: { type: "string" },
    email: { type: "string" },
  },
});
const tenant = demoTenant(process.env);
const real = tenant.emulator === undefined;
const admin = { authorization: `Bearer ${randomBytes(32).toString("base64url")}` };
// A stuck call ends the demo with an error instead of leaving it hanging.
const CALL_TIMEOUT_MS = 30_000;

const sent = { token: 0, api: 0, worker: 0 };
/** Every request the Worker makes leaves through here, so the grants are counted either way. */
const outbound = async (/** @type {Request} */ request) => {
  const path = new URL(request.url).pathname;
  if (path === "/oauth/token") sent.token++;
  else if (path.startsWith("/api/v2/")) sent.api++;
  return tenant.send(request);
};

const script = await bundleWorker();
const kvPersist = await mkdtemp(join(tmpdir(), "auth0-edge-demo-kv-"));
const options = {
  script,
  kvPersist,
  outbound,
  bindings: {
    ...tenant.bindings,
    ADMIN_API_TOKEN: admin.authorization.slice("Bearer ".length),
    TOKEN_CACHE_KEY: randomBytes(32).toString("base64"),
  },
};
let worker = await startWorker(options);

/**
 * One request to the Worker: prints the route, the status and a one-line summary.
 * @param {string} label
 * @param {string} path
 * @param {{ method?: string, headers?: Record<string, string>, body?: string }} [init]
 * @param {(body: any) => string} [summarize]
 */
async function call(label, path, init = {}, summarize = () => "") {
  sent.worker++;
  const response = await worker.fetch(path, {
    ...init,
    headers: { ...admin, ...init.headers },
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  const body = await response.json();
  const retryAfter = response.headers.get("retry-after");
  const text =
    response.status < 400
      ? summarize(body)
      : `${body.error}${body.errorCode ? ` (${body.errorCode})` : ""}: ${body.message}` +
        (retryAfter ? `; Retry-After: ${retryAfter}` : "");
  console.log(`  ${label.padEnd(44)} ${response.status}  ${text}`);
  return body;
}

const short = (/** @type {string} */ id) => (id.length > 20 ? `${id.slice(0, 19)}…` : id);
const userList = (/** @type {any[]} */ users) =>
  users.map((u) => u.email ?? short(u.user_id)).join(", ");
const logList = (/** @type {any} */ b) =>
  `${b.logs.length} event${b.logs.length === 1 ? "" : "s"}, oldest first: ${b.logs.map((/** @type {any} */ l) => l.type).join(" ")}; next=${b.next ? short(b.next) : "none"}`;
const json = (/** @type {unknown} */ value) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(value),
});

async function routes() {
  console.log("Routes:");
  const page = await call(
    "GET  /users/page?page=0&per_page=3",
    "/users/page?page=0&per_page=3",
    {},
    (b) => `${b.users.length} of ${b.total}${b.has_more ? " (more)" : ""}: ${userList(b.users)}`,
  );
  const email = flags.email ?? page.users?.[0]?.email;
  if (email) {
    await call(
      `GET  /users?email=${email}`,
      `/users?email=${encodeURIComponent(email)}`,
      {},
      (b) =>
        `${b.users.length} user(s): ${b.users.map((/** @type {any} */ u) => u.user_id).join(", ")}`,
    );
  }
  const recent = await call("GET  /logs?take=5", "/logs?take=5", {}, logList);
  const assignment = demoAssignment(tenant, flags);
  if (assignment) {
    await call(
      `POST /users/${short(assignment.user)}/roles`,
      `/users/${encodeURIComponent(assignment.user)}/roles`,
      json({ roles: [assignment.role] }),
      (b) => `assigned ${b.assigned.join(", ")}`,
    );
  }
  if (recent.next) {
    const path = `/logs?from=${recent.next}&take=5`;
    await call(`GET  /logs?from=${short(recent.next)}`, path, {}, logList);
  }
  return assignment;
}

async function errors(/** @type {{ role: string } | undefined} */ assignment) {
  console.log("\nErrors, as a caller sees them:");
  await call("GET  /users?email=not-an-email", "/users?email=not-an-email");
  await call("GET  /users/page?per_page=500", "/users/page?per_page=500");
  await call("GET  /logs (wrong admin token)", "/logs", { headers: { authorization: "Bearer x" } });
  if (!tenant.emulator) return;
  const nobody = encodeURIComponent("auth0|000000000000000000000000");
  await call(
    "POST /users/auth0|000…/roles (no such user)",
    `/users/${nobody}/roles`,
    json({ roles: [assignment?.role ?? "rol_0"] }),
  );
  tenant.emulator.failNext({ status: 429, headers: { "retry-after": "30" } });
  await call("GET  /users/page (Auth0 answers 429)", "/users/page");
}

async function load() {
  const burst = real ? 5 : 50;
  console.log(`\nLoad: ${burst} requests at once, then ${burst} one after another:`);
  const paths = ["/users/page?per_page=1", "/logs?take=1"];
  const one = async (/** @type {number} */ i) => {
    sent.worker++;
    const response = await worker.fetch(paths[i % 2] ?? "/logs", {
      headers: admin,
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.status;
  };
  const statuses = await Promise.all(Array.from({ length: burst }, (_, i) => one(i)));
  for (let i = 0; i < burst; i++) statuses.push(await one(i));
  /** @type {Map<number, number>} */
  const counts = new Map();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  console.log(`  ${[...counts].map(([status, n]) => `${n} × ${status}`).join(", ")}`);
}

async function restart() {
  console.log("\nRestart: a new workerd process (an empty memory) on the same KV namespace:");
  await worker.dispose();
  worker = await startWorker(options);
  const before = sent.token;
  await call(
    "GET  /users/page?per_page=1",
    "/users/page?per_page=1",
    {},
    (b) => `total ${b.total}`,
  );
  console.log(`  token grants after the restart: ${sent.token - before}`);
}

async function summary() {
  const kv = await worker.tokenCache();
  const { keys } = await kv.list();
  const stored = keys[0] ? await kv.get(keys[0].name) : null;
  const counted = tenant.emulator ? `; the emulator counted ${tenant.emulator.tokenGrants}` : "";
  console.log(
    `\nToken grants (requests to /oauth/token): ${sent.token} for ${sent.worker} requests to the Worker` +
      ` (${sent.api} Management API calls)${counted}`,
  );
  const form = stored?.includes("accessToken") ? "in clear" : "encrypted (TOKEN_CACHE_KEY)";
  console.log(stored ? `KV: ${keys.length} key(s), the token stored ${form}` : "KV: empty");
}

console.log(
  real
    ? `\nThe example Worker in local workerd with its KV token cache, against the REAL tenant ${tenant.bindings.AUTH0_DOMAIN}\n` +
        (flags.write
          ? "(--write: the role assignment runs)\n"
          : "(read-only; --write --user <id> --role <rol_id> also assigns a role)\n")
    : "\nThe example Worker in local workerd (Miniflare) with its KV token cache, against the Auth0 emulator\n" +
        "(set AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET to use a real tenant instead)\n",
);
console.log(`Worker bundle: ${(script.length / 1024).toFixed(1)} KB, esbuild as wrangler would\n`);
try {
  await errors(await routes());
  await load();
  await restart();
  await summary();
} finally {
  await worker.dispose();
  await rm(kvPersist, { recursive: true, force: true });
}
