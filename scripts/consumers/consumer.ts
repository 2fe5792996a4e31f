// A user's program, type-checked against the packed tarballs in every supported setup.
import {
  createManagementClient,
  type FetchLike,
  ManagementApiError,
  type ManagementClientOptions,
  request,
} from "@auth0-edge/management";
import { ManagementClient } from "@auth0-edge/management/compat";
import { subscribeEvents } from "@auth0-edge/management/events";
import { exportUsers } from "@auth0-edge/management/jobs";
import { logTo } from "@auth0-edge/management/logger";
import { privateKeyJwt } from "@auth0-edge/management/private-key-jwt";
import { getUser, listUsers } from "@auth0-edge/management/users";
import { createAuth0Emulator } from "@auth0-edge/testing";
import { createKvTokenCache } from "@auth0-edge/token-cache-kv";
import { createMemoryTokenCache } from "@auth0-edge/token-cache-memory";
import { createRedisTokenCache } from "@auth0-edge/token-cache-redis";

const emulator = createAuth0Emulator({
  domain: "tenant.example.auth0.com",
  clientId: "abc",
  clientSecret: "s3cret",
});

// A fetch wrapper, as users write them (logging, proxies): it must satisfy the option.
const logged: FetchLike = (input, init) => {
  console.log("fetch", String(input instanceof Request ? input.url : input));
  return emulator.fetch(input, init);
};

const options: ManagementClientOptions = {
  domain: emulator.domain,
  clientId: "abc",
  clientSecret: "s3cret",
  fetch: logged,
  tokenCache: createMemoryTokenCache(),
};
export const client = createManagementClient(options);
export const direct = createManagementClient({
  domain: "tenant.example.auth0.com",
  token: "t",
  fetch: emulator.fetch,
});
// The runtime's own fetch, whatever its type adds (Bun's has `preconnect`).
export const plain = createManagementClient({ domain: "t.example.com", token: "t", fetch });
export const signed = createManagementClient({
  domain: "tenant.example.auth0.com",
  clientId: "abc",
  privateKey: privateKeyJwt({ kty: "RSA", n: "…", e: "AQAB", d: "…" }, { alg: "RS256" }),
});
export const classic = new ManagementClient({ domain: "tenant.example.auth0.com", token: "t" });
export const observed = createManagementClient({
  domain: "tenant.example.auth0.com",
  token: "t",
  observer: logTo(console, { fullPaths: false }),
});

export async function stream(): Promise<number> {
  let count = 0;
  for await (const { event, data } of subscribeEvents(observed, {}, { idleTimeoutMs: 60_000 })) {
    if (event === "user.created" && "offset" in data) count++;
  }
  for await (const user of exportUsers(
    observed,
    { format: "csv" },
    { onProgress: (p) => p.records },
  )) {
    if (typeof user.email === "string") count++;
  }
  return count;
}

export async function run(): Promise<string | undefined> {
  const user = await getUser(client, { id: "auth0|1" });
  for await (const item of listUsers.all(client, { per_page: 10 })) void item.user_id;
  await request(client, { method: "GET", path: "/stats/active-users" });
  try {
    await getUser(direct, { id: "auth0|2" });
  } catch (error) {
    if (error instanceof ManagementApiError) return error.errorCode;
  }
  return user.email;
}

export const caches = [
  createKvTokenCache({ get: async () => null, put: async () => {}, delete: async () => {} }),
  createRedisTokenCache({
    get: async () => null,
    set: async () => "OK",
    del: async () => 1,
    eval: async () => 0,
  } as never),
];
