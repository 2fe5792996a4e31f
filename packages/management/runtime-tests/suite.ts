/**
 * The runtime conformance suite: the same cases run on Node, workerd, Deno and Bun
 * (see run.mjs). Each case uses only what every runtime has, talks to the
 * emulator through an injected fetch, and asserts with ./assert.ts.
 */
import {
  ConfigurationError,
  createManagementClient,
  type FetchLike,
  ManagementApiError,
  ManagementError,
  RateLimitError,
  request,
} from "@auth0-edge/management";
import { createJobUsersImport, exportUsers, waitForJob } from "@auth0-edge/management/jobs";
import { privateKeyJwt } from "@auth0-edge/management/private-key-jwt";
import { createUser, listUsers } from "@auth0-edge/management/users";
import { connectionIdOf, createAuth0Emulator } from "@auth0-edge/testing/core";
import { assert, assertEqual, rejection } from "./assert.js";

/** How the cases' clients reach the emulator: directly, or through a transport under test. */
let transport: (fetch: FetchLike) => FetchLike = (fetch) => fetch;

export interface Case {
  name: string;
  run: () => Promise<void>;
}

const domain = "runtime-tenant.example.auth0.com";
const clientId = "runtime-client";
const clientSecret = "runtime-secret-never-printed";

function tenant(
  extra: Parameters<typeof createAuth0Emulator>[0] extends infer O ? Partial<O> : never = {},
) {
  const emulator = createAuth0Emulator({ domain, clientId, clientSecret, ...extra });
  const client = createManagementClient({
    domain,
    clientId,
    clientSecret,
    fetch: transport(emulator.fetch),
    retry: { baseDelayMs: 1 },
  });
  return { emulator, client };
}

export const cases: Case[] = [
  {
    name: "creates a client and refuses a domain with a path",
    async run() {
      const error = await rejection(
        Promise.resolve().then(() =>
          createManagementClient({ domain: "evil.com/x", clientId, clientSecret }),
        ),
        "createManagementClient",
      );
      assert(error instanceof ConfigurationError, "a ConfigurationError");
      assert(error instanceof ManagementError, "which is a ManagementError");
      assertEqual((error as ConfigurationError).code, "ERR_CONFIGURATION", "code");
    },
  },
  {
    name: "grants one token for 50 concurrent calls and reuses it afterwards",
    async run() {
      const { emulator, client } = tenant();
      const pages = await Promise.all(
        Array.from({ length: 50 }, () => request(client, { method: "GET", path: "/users" })),
      );
      assertEqual(pages.length, 50, "answers");
      await request(client, { method: "GET", path: "/roles" });
      assertEqual(emulator.tokenGrants, 1, "token grants");
    },
  },
  {
    name: "retries a 429 after Retry-After",
    async run() {
      const { emulator, client } = tenant();
      emulator.failNext({ status: 429, headers: { "retry-after": "0" } });
      const users = await request(client, { method: "GET", path: "/users" });
      assert(Array.isArray(users), "the retry's answer");
      const statuses = emulator.requests.filter((r) => r.kind === "api").map((r) => r.status);
      assertEqual(statuses.join(","), "429,200", "API statuses");
    },
  },
  {
    name: "surfaces a 429 it may not wait for as a RateLimitError",
    async run() {
      const { emulator, client } = tenant();
      emulator.failNext({ status: 429, headers: { "retry-after": "3600" } });
      const error = await rejection(request(client, { method: "GET", path: "/users" }), "request");
      assert(error instanceof RateLimitError, "a RateLimitError");
      assertEqual((error as RateLimitError).retryAfterMs, 3_600_000, "retryAfterMs");
    },
  },
  {
    name: "reports an unknown user as a ManagementApiError with Auth0's errorCode",
    async run() {
      const { client } = tenant();
      const error = await rejection(
        request(client, { method: "GET", path: "/users/{id}", params: { id: "auth0|nobody" } }),
        "request",
      );
      assert(error instanceof ManagementApiError, "a ManagementApiError");
      assertEqual((error as ManagementApiError).statusCode, 404, "statusCode");
      assertEqual((error as ManagementApiError).errorCode, "inexistent_user", "errorCode");
      assert(!String(error).includes(clientSecret), "no secret in the error");
    },
  },
  {
    name: "pages through users one page at a time with listUsers.all",
    async run() {
      const { emulator, client } = tenant();
      for (let i = 0; i < 7; i++) {
        await createUser(client, {
          body: {
            email: `user${i}@example.com`,
            password: "Runtime-Pass-9",
            connection: "Username-Password-Authentication",
          },
        });
      }
      const seen: string[] = [];
      for await (const user of listUsers.all(client, { per_page: 3 }))
        seen.push(String(user.email));
      assertEqual(seen.length, 7, "users seen");
      assertEqual(new Set(seen).size, 7, "distinct users");
      const pages = emulator.requests.filter(
        (r) => r.kind === "api" && r.method === "GET" && r.path === "/api/v2/users",
      );
      assertEqual(pages.length, 3, "pages fetched");
    },
  },
  {
    name: "uploads a users import as multipart and waits for the job",
    async run() {
      const { client } = tenant();
      const users = [
        { email: "import1@example.com", email_verified: true },
        { email: "import2@example.com", email_verified: false },
      ];
      const file = new Blob([JSON.stringify(users)], { type: "application/json" });
      const job = await createJobUsersImport(client, {
        body: { users: file, connection_id: connectionIdOf("Username-Password-Authentication") },
      });
      assertEqual(job.type, "users_import", "job type");
      const outcome = await waitForJob(client, String(job.id), {
        initialDelayMs: 1,
        maxDelayMs: 5,
      });
      assertEqual(outcome.job.status, "completed", "job status");
      assertEqual(outcome.summary?.inserted, 2, "users inserted");
      const imported = await listUsers(client, { q: 'email:"import1@example.com"' });
      assert(Array.isArray(imported) && imported.length === 1, "the imported user can be found");
    },
  },
  {
    name: "obtains a token with private_key_jwt signed by jose on this runtime",
    async run() {
      const pair = (await crypto.subtle.generateKey(
        {
          name: "RSASSA-PKCS1-v1_5",
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: "SHA-256",
        },
        false,
        ["sign", "verify"],
      )) as CryptoKeyPair;
      const emulator = createAuth0Emulator({
        domain,
        clientId,
        clientSecret,
        clients: [{ clientId: "key-client", publicKey: pair.publicKey }],
      });
      const client = createManagementClient({
        domain,
        clientId: "key-client",
        privateKey: privateKeyJwt(pair.privateKey, { alg: "RS256" }),
        fetch: transport(emulator.fetch),
      });
      await request(client, { method: "GET", path: "/users" });
      assertEqual(emulator.tokenGrants, 1, "token grants");
    },
  },
  {
    name: "exports 1,000 users from the job's gzip file (NDJSON and CSV), downloaded without the token",
    async run() {
      const users = Array.from({ length: 1000 }, (_, i) => ({
        user_id: `auth0|${i}`,
        email: `user${i}@example.com`,
        name: `Doe, "J" ${i}`,
      }));
      // The emulator's file host answers 400 to a request that carries an Authorization header.
      const { client } = tenant({ seed: { users } });
      const fields = [{ name: "user_id" }, { name: "email" }, { name: "name" }];
      for (const format of ["json", "csv"] as const) {
        const ids = new Set<unknown>();
        let last: Record<string, unknown> | undefined;
        for await (const user of exportUsers(client, { format, fields }, { initialDelayMs: 1 })) {
          ids.add(user.user_id);
          last = user;
        }
        assertEqual(ids.size, 1000, `${format} users`);
        assertEqual(last?.name, 'Doe, "J" 999', `${format} quoted field`);
      }
    },
  },
];

/** Runs every case in order and reports each, for the per-runtime shims. */
export async function runCases(
  options: { transport?: (fetch: FetchLike) => FetchLike } = {},
): Promise<{ name: string; ok: boolean; error?: string }[]> {
  if (options.transport) transport = options.transport;
  const results: { name: string; ok: boolean; error?: string }[] = [];
  for (const c of cases) {
    try {
      await c.run();
      results.push({ name: c.name, ok: true });
    } catch (error) {
      results.push({
        name: c.name,
        ok: false,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  }
  return results;
}
