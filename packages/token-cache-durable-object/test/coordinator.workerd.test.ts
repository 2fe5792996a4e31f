import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredToken } from "../src/protocol.js";
import { CLIENT_SECRET, cacheKeyOf, startWorkerd, type Workerd } from "./support/workerd.js";
import type { CacheResult } from "./worker/wire.js";

let workerd: Workerd;
let a: string;
let b: string;
// Two workers: two isolates that share only the namespace of coordinators.
beforeAll(async () => {
  workerd = await startWorkerd(2);
  [a, b] = workerd.workers as [string, string];
});
afterAll(() => workerd?.dispose());

let keys = 0;
/** A key no other test uses: each test has objects of its own. */
const newKey = () => `auth0-edge:token:coordinator-test-${++keys}`;
const token = (accessToken = "at-0001", lifetimeMs = 3_600_000) => ({
  accessToken,
  expiresAt: Date.now() + lifetimeMs,
  issuedAt: Date.now(),
});
const value = (result: CacheResult | undefined) => {
  if (!result || "error" in result)
    throw new Error(`expected a value, got ${JSON.stringify(result)}`);
  return result.value;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the coordinator object, in workerd", () => {
  it("stores a token and gives it back to another isolate, issuedAt included", async () => {
    const key = newKey();
    const stored = token();
    await workerd.cache([{ op: "set", key, value: stored, ttl: 3600 }], {}, a);
    expect(await workerd.cache([{ op: "get", key }], {}, b)).toEqual([{ value: stored }]);
  });

  it("answers a miss for a key never stored, and for what is not a token", async () => {
    const key = newKey();
    const [miss] = await workerd.cache([{ op: "get", key }]);
    expect(miss).toEqual({ value: null });
    const entry = { data: "not json", fingerprint: "0".repeat(64), expiresAt: Date.now() + 60_000 };
    await workerd.cache([{ op: "raw-write", name: key, entry }]);
    expect(await workerd.cache([{ op: "get", key }])).toEqual([{ value: null }]);
  });

  it("forgets a token after its TTL, even while the token itself lives on", async () => {
    const key = newKey();
    await workerd.cache([{ op: "set", key, value: token(), ttl: 5 }]);
    expect(value((await workerd.cache([{ op: "get", key }]))[0])).not.toBeNull();
    const [later] = await workerd.cache([{ op: "get", key }], { clockOffsetMs: 6_000 });
    expect(later).toEqual({ value: null });
  });

  it("deletes on a 401 only while the object still holds the refused token", async () => {
    const key = newKey();
    const current = token("at-current");
    const results = await workerd.cache([
      { op: "set", key, value: current, ttl: 3600 },
      { op: "delete", key, accessToken: "at-refused-older" },
      { op: "get", key },
      { op: "delete", key, accessToken: "at-current" },
      { op: "get", key },
    ]);
    expect(results[2]).toEqual({ value: current });
    expect(results[4]).toEqual({ value: null });
  });

  it("parks a caller asking for a held lease until the holder stores its token, then answers no lease", async () => {
    const key = newKey();
    expect(
      await workerd.cache(
        [{ op: "lease", key: `${key}:lock`, ttlMs: 5_000, waitMs: 0, hold: "h" }],
        {},
        a,
      ),
    ).toEqual([{ value: "held" }]);
    let setStarted = false;
    const waiting = workerd
      .cache([{ op: "lease", key: `${key}:lock`, ttlMs: 5_000, waitMs: 50_000, hold: "w" }], {}, b)
      .then((results) => ({ results, afterSet: setStarted }));
    await sleep(300);
    setStarted = true;
    await workerd.cache([{ op: "set", key, value: token(), ttl: 3600 }], {}, a);
    // Answered because the token came: not at once (no polling), not at the end of its 50 s.
    expect(await waiting).toEqual({ results: [{ value: null }], afterSet: true });
  }, 20_000);

  it("passes a released lease to the one waiter that asked first", async () => {
    const name = `${newKey()}:lock`;
    await workerd.cache([{ op: "lease", key: name, ttlMs: 5_000, waitMs: 0, hold: "r" }], {}, a);
    const first = workerd.cache(
      [{ op: "lease", key: name, ttlMs: 5_000, waitMs: 10_000, hold: "r1" }],
      {},
      b,
    );
    await sleep(200);
    const second = workerd.cache(
      [{ op: "lease", key: name, ttlMs: 5_000, waitMs: 3_000, hold: "r2" }],
      {},
      b,
    );
    await sleep(200);
    await workerd.cache([{ op: "release", hold: "r" }], {}, a);
    expect(await first).toEqual([{ value: "held" }]);
    expect(await second).toEqual([{ value: null }]);
  });

  it("passes a lapsed lease (a holder that stopped renewing) to one waiter, by the object's alarm", async () => {
    const name = `${newKey()}:lock`;
    await workerd.cache([{ op: "lease", key: name, ttlMs: 1_000, waitMs: 0, hold: "l" }], {}, a);
    // Both wait longer than the lease lives: only the alarm can end the first one's wait with a lease.
    const first = workerd.cache(
      [{ op: "lease", key: name, ttlMs: 30_000, waitMs: 20_000, hold: "l1" }],
      {},
      b,
    );
    await sleep(200);
    const second = workerd.cache(
      [{ op: "lease", key: name, ttlMs: 30_000, waitMs: 3_000, hold: "l2" }],
      {},
      b,
    );
    expect(await first).toEqual([{ value: "held" }]);
    expect(await second).toEqual([{ value: null }]);
    // The old holder's lease is gone: renewing it says so.
    expect(await workerd.cache([{ op: "renew", hold: "l" }], {}, a)).toEqual([{ value: false }]);
  }, 30_000);

  it("keeps a lease its holder renews: no waiter takes it over", async () => {
    const name = `${newKey()}:lock`;
    await workerd.cache([{ op: "lease", key: name, ttlMs: 2_000, waitMs: 0, hold: "n" }], {}, a);
    const waiting = workerd.cache(
      [{ op: "lease", key: name, ttlMs: 2_000, waitMs: 4_000, hold: "n1" }],
      {},
      b,
    );
    const renewals: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      await sleep(500);
      renewals.push(value((await workerd.cache([{ op: "renew", hold: "n" }], {}, a))[0]));
    }
    expect(renewals).toEqual([true, true, true, true, true, true]);
    expect(await waiting).toEqual([{ value: null }]);
  });
});

describe("encryption at rest in the coordinator", () => {
  const KEY = randomBytes(32).toString("base64");
  const OTHER_KEY = randomBytes(32).toString("base64");

  it("leaves only ciphertext in the object, which the same key opens and no other", async () => {
    const key = newKey();
    const stored = token("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
    await workerd.cache([{ op: "set", key, value: stored, ttl: 3600 }], { encryptionKey: KEY });
    const raw = value((await workerd.cache([{ op: "raw-read", name: key }]))[0]) as StoredToken;
    // The kit's envelope: base64 has no dots, so a chance "eyJ" in it cannot pass for a JWT.
    expect(JSON.parse(raw.data)).toMatchObject({ v: 1, alg: "A256GCM" });
    expect(raw.data).not.toMatch(/accessToken|eyJ[\w-]*\.eyJ/);
    expect(await workerd.cache([{ op: "get", key }], { encryptionKey: KEY })).toEqual([
      { value: stored },
    ]);
    expect(await workerd.cache([{ op: "get", key }], { encryptionKey: OTHER_KEY })).toEqual([
      { value: null },
    ]);
    expect(await workerd.cache([{ op: "get", key }])).toEqual([{ value: null }]);
  });

  it("does not open a value copied into another key's object", async () => {
    const [from, to] = [newKey(), newKey()];
    await workerd.cache([{ op: "set", key: from, value: token(), ttl: 3600 }], {
      encryptionKey: KEY,
    });
    const raw = value((await workerd.cache([{ op: "raw-read", name: from }]))[0]) as StoredToken;
    await workerd.cache([{ op: "raw-write", name: to, entry: raw }]);
    expect(await workerd.cache([{ op: "get", key: to }], { encryptionKey: KEY })).toEqual([
      { value: null },
    ]);
  });

  it("treats a token stored in clear as a miss for an encrypting cache", async () => {
    const key = newKey();
    await workerd.cache([{ op: "set", key, value: token(), ttl: 3600 }]);
    expect(await workerd.cache([{ op: "get", key }], { encryptionKey: KEY })).toEqual([
      { value: null },
    ]);
  });
});

describe("the client with the coordinator cache", () => {
  it("keeps the client secret out of the object: the grant runs in the Worker", async () => {
    const tenant = workerd.tenant();
    expect(await workerd.run({ domain: tenant.domain, burst: 3 })).toMatchObject({ ok: 3 });
    const raw = value(
      (await workerd.cache([{ op: "raw-read", name: cacheKeyOf(tenant.domain) }]))[0],
    );
    expect(JSON.stringify(raw)).toMatch(/accessToken/);
    expect(JSON.stringify(raw)).not.toContain(CLIENT_SECRET);
  });
});
