// `pnpm demo`: the SDK against the Auth0 emulator, printing what each step did.
import { createManagementClient, ManagementApiError, request } from "@auth0-edge/management";
import { createAuth0Emulator } from "@auth0-edge/testing/core";

const domain = "demo-tenant.eu.auth0.com";
const emulator = createAuth0Emulator({
  domain,
  clientId: "demo-client",
  clientSecret: "demo-secret-not-for-production",
  seed: { roles: [{ name: "admin", description: "Administrators" }] },
});

// Any object with get/set/delete is a token cache (see @auth0-edge/token-cache-memory,
// -kv and -redis for real ones); this one shows the contract in five lines.
const store = new Map();
const tokenCache = {
  get: (key) => store.get(key),
  set: (key, value) => void store.set(key, value),
  delete: (key) => void store.delete(key),
};
const client = createManagementClient({
  domain,
  clientId: "demo-client",
  clientSecret: "demo-secret-not-for-production",
  fetch: emulator.fetch,
  tokenCache,
  middleware: [
    {
      name: "log",
      after: "retry",
      middleware: async (ctx, next) => {
        const response = await next();
        console.log(
          `    ${ctx.method} ${ctx.url.pathname}${ctx.url.search} → ${response.status} (attempt ${ctx.attempt})`,
        );
        return response;
      },
    },
  ],
});

const step = (text) => console.log(`\n• ${text}`);

step("create three users");
const people = ["ada@example.com", "grace@example.com", "linus@example.com"];
const created = [];
for (const email of people) {
  created.push(
    await request(client, {
      method: "POST",
      path: "/users",
      body: { email, password: "Correct-Horse-9", connection: "Username-Password-Authentication" },
    }),
  );
}
console.log(`  created ${created.map((u) => u.user_id).join(", ")}`);

step("read one user by id (the id is percent-encoded in the path)");
const ada = await request(client, {
  method: "GET",
  path: "/users/{id}",
  params: { id: created[0].user_id },
});
console.log(`  ${ada.user_id}: ${ada.email}, created ${ada.created_at}`);

step("search users with q and include_totals");
const page = await request(client, {
  method: "GET",
  path: "/users",
  query: { q: 'email:"grace@example.com"', include_totals: true, per_page: 10 },
});
console.log(`  total ${page.total}: ${page.users.map((u) => u.email).join(", ")}`);

step("update app_metadata");
const updated = await request(client, {
  method: "PATCH",
  path: "/users/{id}",
  params: { id: ada.user_id },
  body: { app_metadata: { plan: "pro" } },
});
console.log(`  app_metadata is now ${JSON.stringify(updated.app_metadata)}`);

step("assign the admin role and list the user's roles");
const [admin] = await request(client, {
  method: "GET",
  path: "/roles",
  query: { name_filter: "admin" },
});
await request(client, {
  method: "POST",
  path: "/users/{id}/roles",
  params: { id: ada.user_id },
  body: { roles: [admin.id] },
});
const roles = await request(client, {
  method: "GET",
  path: "/users/{id}/roles",
  params: { id: ada.user_id },
});
console.log(`  ${ada.email} has roles: ${roles.map((r) => r.name).join(", ")}`);

step("a rate limit: the emulator answers 429 with Retry-After: 1, the client waits and retries");
emulator.failNext({ status: 429, headers: { "retry-after": "1" } });
const started = Date.now();
await request(client, { method: "GET", path: "/users/{id}", params: { id: ada.user_id } });
console.log(`  succeeded after ${Date.now() - started} ms`);

step("read recent logs with checkpoint pagination (from/take)");
const firstLogs = await request(client, { method: "GET", path: "/logs", query: { take: 3 } });
const moreLogs = firstLogs.length
  ? await request(client, {
      method: "GET",
      path: "/logs",
      query: { from: firstLogs.at(-1).log_id, take: 3 },
    })
  : [];
for (const log of [...firstLogs, ...moreLogs])
  console.log(`  ${log.log_id}  ${log.type}  ${log.description ?? ""}`);

step("delete a user, then read it: a typed 404");
await request(client, {
  method: "DELETE",
  path: "/users/{id}",
  params: { id: created[2].user_id },
});
try {
  await request(client, { method: "GET", path: "/users/{id}", params: { id: created[2].user_id } });
} catch (error) {
  if (!(error instanceof ManagementApiError)) throw error;
  console.log(`  ${error.name} ${error.statusCode} ${error.errorCode}: ${error.message}`);
}

const newClient = (extra) =>
  createManagementClient({
    domain,
    clientId: "demo-client",
    clientSecret: "demo-secret-not-for-production",
    fetch: emulator.fetch,
    ...extra,
  });
const readMany = (c) =>
  Promise.all(
    Array.from({ length: 1000 }, () =>
      request(c, { method: "GET", path: "/users", query: { per_page: 1 } }),
    ),
  );

step(
  "1,000 concurrent reads from a new client that shares the token cache (a new request in a Worker)",
);
let before = emulator.tokenGrants;
await readMany(newClient({ tokenCache }));
console.log(`  token grants made: ${emulator.tokenGrants - before}`);

step("1,000 concurrent reads from a new client with a cold cache of its own");
before = emulator.tokenGrants;
await readMany(newClient());
console.log(
  `  token grants made: ${emulator.tokenGrants - before} (all 1,000 calls shared one grant)`,
);

const served = emulator.requests;
const apiCalls = served.filter((r) => r.kind === "api").length;
console.log(
  `\nThe emulator served ${served.length} requests: ${apiCalls} API calls and ${emulator.tokenGrants} token grants.`,
);
