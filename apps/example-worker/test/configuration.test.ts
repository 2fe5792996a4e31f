import { afterEach, describe, expect, it } from "vitest";
import type { RunningWorker } from "../scripts/worker-runtime.mjs";
import {
  admin,
  CLIENT_SECRET,
  createTenant,
  expectNoSecretsIn,
  startAgainst,
} from "./support/harness.js";

let worker: RunningWorker | undefined;
afterEach(async () => {
  await worker?.dispose();
  expectNoSecretsIn(worker?.logs ?? []);
  worker = undefined;
});

async function answer(bindings: Record<string, string | undefined>, headers = admin) {
  const emulator = createTenant();
  worker = await startAgainst(emulator, { bindings });
  const response = await worker.fetch("/users?email=ada@example.com", { headers });
  return { response, body: (await response.json()) as Record<string, string>, emulator };
}

describe("a Worker missing a setting", () => {
  it("keeps the admin routes closed when ADMIN_API_TOKEN is unset or short", async () => {
    for (const token of [undefined, "short"]) {
      const { response, body, emulator } = await answer(
        { ADMIN_API_TOKEN: token },
        { authorization: `Bearer ${token ?? ""}` },
      );
      expect(response.status).toBe(500);
      expect(body).toMatchObject({ error: "misconfigured" });
      expect(body.message).toContain("ADMIN_API_TOKEN");
      expect(emulator.requests).toEqual([]);
      await worker?.dispose();
    }
  });

  it("names the missing Auth0 setting and never its value", async () => {
    const { response, body } = await answer({ AUTH0_CLIENT_ID: undefined });
    expect(response.status).toBe(500);
    expect(body.message).toBe("AUTH0_CLIENT_ID must be set");
    expect(JSON.stringify(body)).not.toContain(CLIENT_SECRET);
  });

  it("refuses a domain that is not a bare host name", async () => {
    const { response, body } = await answer({ AUTH0_DOMAIN: "https://evil.example/x" });
    expect(response.status).toBe(500);
    expect(body.error).toBe("misconfigured");
  });

  it("refuses a TOKEN_CACHE_KIND other than durable-object or kv, before calling Auth0", async () => {
    const { response, body, emulator } = await answer({ TOKEN_CACHE_KIND: "memory" });
    expect(response.status).toBe(500);
    expect(body).toMatchObject({ error: "misconfigured" });
    expect(body.message).toBe('TOKEN_CACHE_KIND must be "durable-object" or "kv"');
    expect(emulator.requests).toEqual([]);
  });

  it.each(["durable-object", "kv"])(
    "refuses a TOKEN_CACHE_KEY that is not 32 base64 bytes, without echoing it (%s)",
    async (kind) => {
      const key = "my-passphrase-is-not-a-key";
      const { response, body } = await answer({ TOKEN_CACHE_KEY: key, TOKEN_CACHE_KIND: kind });
      expect(response.status).toBe(500);
      expect(body.error).toBe("misconfigured");
      expect(body.message).toContain("TOKEN_CACHE_KEY");
      expect(JSON.stringify(body)).not.toContain(key);
      expect(worker!.logs.join("\n")).not.toContain(key);
    },
  );
});
