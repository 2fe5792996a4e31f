import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLIENT_CACHE_KEY, startWorkerd, type Workerd } from "./support/workerd.js";

let workerd: Workerd;
beforeAll(async () => {
  workerd = await startWorkerd();
});
afterAll(() => workerd?.dispose());
beforeEach(async () => {
  await workerd.clearKv();
  workerd.newEmulator();
});

const inAnHour = () => Date.now() + 3_600_000;

/** What another writer (an older version, another program, a person) may leave under the key. */
const foreign: [string, () => string][] = [
  ["text that is not JSON", () => "eyJhbGciOi-not-json"],
  ["JSON cut short", () => '{"accessToken":"at-foreign","expiresAt":'],
  ["JSON null", () => "null"],
  ["a JSON array", () => '["at-foreign", 1]'],
  ["a JSON string", () => '"at-foreign"'],
  ["no accessToken", () => JSON.stringify({ expiresAt: inAnHour() })],
  ["an empty accessToken", () => JSON.stringify({ accessToken: "", expiresAt: inAnHour() })],
  ["a numeric accessToken", () => JSON.stringify({ accessToken: 42, expiresAt: inAnHour() })],
  ["no expiresAt", () => JSON.stringify({ accessToken: "at-foreign" })],
  [
    "expiresAt as a date string",
    () => JSON.stringify({ accessToken: "at-foreign", expiresAt: new Date(inAnHour()) }),
  ],
  [
    "an accessToken that no HTTP header can carry",
    () => JSON.stringify({ accessToken: "at-foreign\r\nx-injected: 1", expiresAt: inAnHour() }),
  ],
  [
    "an accessToken with a space",
    () => JSON.stringify({ accessToken: "at foreign", expiresAt: inAnHour() }),
  ],
  [
    "a token that expired a second ago",
    () => JSON.stringify({ accessToken: "at-foreign", expiresAt: Date.now() - 1_000 }),
  ],
  [
    "an access_token response stored as it came",
    () => JSON.stringify({ access_token: "at-foreign", expires_in: 86400 }),
  ],
];

describe("an entry written by another writer", () => {
  it.each(foreign)("is a miss, not an error, when it holds %s", async (_, value) => {
    await (await workerd.kv()).put(CLIENT_CACHE_KEY, value());
    expect(await workerd.cache([{ op: "get", key: CLIENT_CACHE_KEY }])).toEqual([{ value: null }]);
  });

  it.each(foreign)("is replaced by a fresh token when it holds %s", async (_, value) => {
    await (await workerd.kv()).put(CLIENT_CACHE_KEY, value());
    const result = await workerd.calls({ count: 3 });
    expect(result).toMatchObject({ succeeded: 3, errors: [] });
    expect(workerd.emulator.tokenGrants).toBe(1);
    const stored = JSON.parse((await (await workerd.kv()).get(CLIENT_CACHE_KEY, "text")) ?? "null");
    expect(Object.keys(stored)).toEqual(["accessToken", "expiresAt", "issuedAt"]);
    expect(stored.accessToken).toMatch(/^eyJ/);
    expect(stored.expiresAt).toBeGreaterThan(Date.now());
    expect(stored.issuedAt).toBeLessThanOrEqual(Date.now());
  });

  it("holding a valid token is used as it is: no grant", async () => {
    await workerd.calls({ count: 1 });
    const shared = await (await workerd.kv()).get(CLIENT_CACHE_KEY, "text");
    const grantsBefore = workerd.emulator.tokenGrants;
    expect(await workerd.calls({ count: 5 })).toMatchObject({ succeeded: 5, errors: [] });
    expect(workerd.emulator.tokenGrants).toBe(grantsBefore);
    expect(await (await workerd.kv()).get(CLIENT_CACHE_KEY, "text")).toBe(shared);
  });
});
