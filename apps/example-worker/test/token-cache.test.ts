import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningWorker } from "../scripts/worker-runtime.mjs";
import {
  admin,
  CLIENT_ID,
  CLIENT_SECRET,
  createTenant,
  DOMAIN,
  expectNoSecretsIn,
  startAgainst,
} from "./support/harness.js";

const running: RunningWorker[] = [];
const directories: string[] = [];

async function start(...args: Parameters<typeof startAgainst>): Promise<RunningWorker> {
  const worker = await startAgainst(...args);
  running.push(worker);
  return worker;
}

afterEach(async () => {
  const stopped = running.splice(0);
  await Promise.all(stopped.map((w) => w.dispose()));
  for (const worker of stopped) expectNoSecretsIn(worker.logs);
  await Promise.all(directories.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const ROUTES = ["/users?email=ada@example.com", "/users/page?per_page=2", "/logs?take=2"];

async function expectOk(worker: RunningWorker, path: string): Promise<void> {
  const response = await worker.fetch(path, { headers: admin });
  expect(response.status, path).toBe(200);
  await response.arrayBuffer();
}

/** The key the client caches its token under: the coordinator object's name, the KV key. */
const CACHE_KEY = `auth0-edge:token:${[DOMAIN, CLIENT_ID, `https://${DOMAIN}/api/v2/`, ""]
  .map(encodeURIComponent)
  .join(":")}`;

/** What each kind of cache keeps, seen from Node: the stored text, or `null` for nothing. */
const stored: Record<Kind, (worker: RunningWorker) => Promise<string | null>> = {
  "durable-object": async (worker) => (await worker.coordinator(CACHE_KEY))?.data ?? null,
  async kv(worker) {
    const kv = await worker.tokenCache();
    const { keys } = await kv.list();
    expect(keys.map((k) => k.name)).toEqual(keys.length ? [CACHE_KEY] : []);
    return keys.length ? kv.get(CACHE_KEY) : null;
  },
};

type Kind = "durable-object" | "kv";
const PERSIST = { "durable-object": "durableObjectsPersist", kv: "kvPersist" } as const;

describe.each(["durable-object", "kv"] as const)("the %s token cache", (kind) => {
  const startWith = (
    emulator: ReturnType<typeof createTenant>,
    options: Parameters<typeof startAgainst>[1] = {},
  ) => start(emulator, { ...options, bindings: { TOKEN_CACHE_KIND: kind, ...options.bindings } });

  it("serves 60 requests, 30 of them at once on a cold isolate, with one token grant", async () => {
    const emulator = createTenant();
    const worker = await startWith(emulator);
    await Promise.all(Array.from({ length: 30 }, (_, i) => expectOk(worker, ROUTES[i % 3]!)));
    for (let i = 0; i < 30; i++) await expectOk(worker, ROUTES[i % 3]!);
    expect(emulator.tokenGrants).toBe(1);
    expect(emulator.requests.filter((r) => r.kind === "api")).toHaveLength(60);
    expect(JSON.parse((await stored[kind](worker))!)).toMatchObject({ accessToken: /^eyJ/ });
  });

  it("gives a restarted Worker, with an empty memory, the token it stored", async () => {
    const emulator = createTenant();
    const persist = await mkdtemp(join(tmpdir(), `example-worker-${kind}-`));
    directories.push(persist);
    const first = await startWith(emulator, { [PERSIST[kind]]: persist });
    await expectOk(first, ROUTES[0]!);
    await first.dispose();
    const second = await startWith(emulator, { [PERSIST[kind]]: persist });
    await expectOk(second, ROUTES[1]!);
    expect(emulator.tokenGrants).toBe(1);
  });

  it("replaces a token Auth0 revoked: one new grant, stored for the next requests", async () => {
    const emulator = createTenant();
    const worker = await startWith(emulator);
    await expectOk(worker, ROUTES[0]!);
    const before = await stored[kind](worker);
    emulator.revokeIssuedTokens();
    await expectOk(worker, ROUTES[1]!);
    await expectOk(worker, ROUTES[2]!);
    expect(emulator.tokenGrants).toBe(2);
    expect(await stored[kind](worker)).not.toBe(before);
  });

  it("answers 502 token_error when Auth0 refuses the grant, and keeps nothing", async () => {
    const emulator = createTenant();
    const worker = await startWith(emulator, {
      bindings: { AUTH0_CLIENT_SECRET: "not-the-secret" },
    });
    const response = await worker.fetch(ROUTES[0]!, { headers: admin });
    expect(response.status).toBe(502);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: "token_error", upstreamStatus: 401 });
    expect(body).not.toContain("not-the-secret");
    expect(await stored[kind](worker)).toBeNull();
    expect(emulator.requests.filter((r) => r.kind === "api")).toEqual([]);
  });

  it("with TOKEN_CACHE_KEY, keeps the token encrypted at rest", async () => {
    const emulator = createTenant();
    const worker = await startWith(emulator, {
      bindings: { TOKEN_CACHE_KEY: randomBytes(32).toString("base64") },
    });
    await expectOk(worker, ROUTES[0]!);
    const text = (await stored[kind](worker)) ?? "";
    expect(JSON.parse(text)).toMatchObject({ v: 1, alg: "A256GCM" });
    expect(text).not.toContain(CLIENT_SECRET);
    // No plaintext field and no JWT (header.payload.): base64 ciphertext has no dots, so a
    // chance "eyJ" in it cannot make this fail.
    expect(text).not.toMatch(/accessToken|eyJ[\w-]*\.eyJ/);
    await expectOk(worker, ROUTES[1]!);
    expect(emulator.tokenGrants).toBe(1);
  });
});
