import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningWorker } from "../scripts/worker-runtime.mjs";
import {
  admin,
  CLIENT_SECRET,
  createTenant,
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

describe("the KV token cache", () => {
  it("serves 60 requests, 30 of them at once on a cold isolate, with one token grant", async () => {
    const emulator = createTenant();
    const worker = await start(emulator);
    await Promise.all(Array.from({ length: 30 }, (_, i) => expectOk(worker, ROUTES[i % 3]!)));
    for (let i = 0; i < 30; i++) await expectOk(worker, ROUTES[i % 3]!);
    expect(emulator.tokenGrants).toBe(1);
    expect(emulator.requests.filter((r) => r.kind === "api")).toHaveLength(60);
  });

  it("gives a restarted Worker, with an empty memory, the token stored in KV", async () => {
    const emulator = createTenant();
    const kvPersist = await mkdtemp(join(tmpdir(), "example-worker-kv-"));
    directories.push(kvPersist);
    const first = await start(emulator, { kvPersist });
    await expectOk(first, ROUTES[0]!);
    await first.dispose();
    const second = await start(emulator, { kvPersist });
    await expectOk(second, ROUTES[1]!);
    expect(emulator.tokenGrants).toBe(1);
  });

  it("replaces a token Auth0 revoked: one new grant, stored in KV for the next requests", async () => {
    const emulator = createTenant();
    const worker = await start(emulator);
    await expectOk(worker, ROUTES[0]!);
    const kv = await worker.tokenCache();
    const [entry] = (await kv.list()).keys;
    const stored = await kv.get(entry!.name);
    emulator.revokeIssuedTokens();
    await expectOk(worker, ROUTES[1]!);
    await expectOk(worker, ROUTES[2]!);
    expect(emulator.tokenGrants).toBe(2);
    expect(await kv.get(entry!.name)).not.toBe(stored);
  });

  it("answers 502 token_error when Auth0 refuses the grant, and keeps nothing in KV", async () => {
    const emulator = createTenant();
    const worker = await start(emulator, { bindings: { AUTH0_CLIENT_SECRET: "not-the-secret" } });
    const response = await worker.fetch(ROUTES[0]!, { headers: admin });
    expect(response.status).toBe(502);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: "token_error", upstreamStatus: 401 });
    expect(body).not.toContain("not-the-secret");
    expect((await (await worker.tokenCache()).list()).keys).toEqual([]);
    expect(emulator.requests.filter((r) => r.kind === "api")).toEqual([]);
  });

  it("with TOKEN_CACHE_KEY, keeps the token in KV encrypted", async () => {
    const emulator = createTenant();
    const worker = await start(emulator, {
      bindings: { TOKEN_CACHE_KEY: randomBytes(32).toString("base64") },
    });
    await expectOk(worker, ROUTES[0]!);
    const kv = await worker.tokenCache();
    const [entry] = (await kv.list()).keys;
    expect(entry!.name).not.toContain(CLIENT_SECRET);
    const stored = (await kv.get(entry!.name)) ?? "";
    // No plaintext field and no JWT (header.payload.): base64 ciphertext has no dots, so a
    // chance "eyJ" in it cannot make this fail.
    expect(stored).not.toMatch(/accessToken|eyJ[\w-]*\.eyJ/);
    await expectOk(worker, ROUTES[1]!);
    expect(emulator.tokenGrants).toBe(1);
  });
});
