import { afterEach, describe, expect, it, vi } from "vitest";
import { ManagementClient } from "../../src/compat/index.js";
import { ConfigurationError, ManagementApiError } from "../../src/index.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN } from "../support/secrets.js";
import { compatTenant } from "./support.js";

afterEach(() => {
  vi.useRealTimers();
});

/** Makes every GET /users/{id} answer 503 and counts the attempts one call makes. */
async function attemptsFor(retry: { enabled?: boolean; maxRetries?: number } | undefined) {
  const t = compatTenant({ seed: { users: [{ user_id: "auth0|ada" }] } });
  const management = t.management(retry === undefined ? {} : { retry });
  t.emulator.failNext({ status: 503, times: 30, path: /\/users\// });
  await expect(management.getUser({ id: "auth0|ada" })).rejects.toBeInstanceOf(ManagementApiError);
  return t.calls().length;
}

describe("compat: options", () => {
  it("checks the options when constructed, like the classic client", () => {
    expect(() => new ManagementClient({ domain: "" })).toThrow(ConfigurationError);
    expect(() => new ManagementClient({ domain: DOMAIN })).toThrow(ConfigurationError);
    expect(() => new ManagementClient({ domain: DOMAIN, clientId: CLIENT_ID })).toThrow(
      /exactly one way to authenticate/,
    );
    const credentials = { domain: DOMAIN, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
    for (const cacheTTLInSeconds of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(
        () => new ManagementClient({ ...credentials, tokenProvider: { cacheTTLInSeconds } }),
      ).toThrow(ConfigurationError);
    }
    expect(() => new ManagementClient({ ...credentials, retry: { maxRetries: -1 } })).toThrow(
      ConfigurationError,
    );
  });

  it("uses a given token and ignores the credentials then, as the classic client did", async () => {
    const t = compatTenant({ seed: { users: [{ user_id: "auth0|ada" }] } });
    const grant = await t.emulator.fetch(`https://${DOMAIN}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        audience: t.emulator.audience,
      }),
    });
    const { access_token } = (await grant.json()) as { access_token: string };
    const management = t.management({ token: access_token, tokenProvider: { enableCache: false } });
    expect((await management.getUser({ id: "auth0|ada" })).user_id).toBe("auth0|ada");
    expect(t.emulator.tokenGrants).toBe(1);
  });

  it("asks for the given audience and scope", async () => {
    const bodies: Record<string, string>[] = [];
    const t = compatTenant();
    const management = t.management({
      scope: "read:users",
      audience: t.emulator.audience,
      core: {
        fetch: async (input, init) => {
          if (String(input).endsWith("/oauth/token")) bodies.push(JSON.parse(String(init?.body)));
          return t.emulator.fetch(input, init);
        },
      },
    });
    await management.getUsers();
    expect(bodies).toEqual([
      expect.objectContaining({ scope: "read:users", audience: t.emulator.audience }),
    ]);
  });

  it("retry.maxRetries: makes that many retries", async () => {
    expect(await attemptsFor({ maxRetries: 2 })).toBe(3);
  });

  it("retry.maxRetries: is capped at 10, the most the client allows", async () => {
    expect(await attemptsFor({ maxRetries: 50 })).toBe(11);
  });

  it("retry.enabled: false makes no retry", async () => {
    expect(await attemptsFor({ enabled: false, maxRetries: 5 })).toBe(1);
  });

  it("retries 10 times by default, the classic client's default", async () => {
    expect(await attemptsFor(undefined)).toBe(11);
  });

  it("tokenProvider.enableCache: keeps one token by default", async () => {
    const t = compatTenant();
    const management = t.management();
    for (let i = 0; i < 3; i++) await management.getUsers();
    expect(t.emulator.tokenGrants).toBe(1);
  });

  it("tokenProvider.enableCache: false grants a token for every call", async () => {
    const t = compatTenant();
    const management = t.management({ tokenProvider: { enableCache: false } });
    for (let i = 0; i < 3; i++) await management.getUsers();
    expect(t.emulator.tokenGrants).toBe(3);
    expect(t.calls()).toHaveLength(3);
  });

  it("tokenProvider.cacheTTLInSeconds: reuses a token for at most that long", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2025, 0, 1));
    const t = compatTenant();
    const management = t.management({ tokenProvider: { cacheTTLInSeconds: 10 } });
    await management.getUsers();
    vi.setSystemTime(Date.UTC(2025, 0, 1, 0, 0, 9));
    await management.getUsers();
    expect(t.emulator.tokenGrants).toBe(1);
    vi.setSystemTime(Date.UTC(2025, 0, 1, 0, 0, 11));
    await management.getUsers();
    expect(t.emulator.tokenGrants).toBe(2);
  });

  it("tokenProvider.cacheTTLInSeconds: never keeps a token past its expiry (less the leeway)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2025, 0, 1));
    const t = compatTenant({ tokenLifetimeSeconds: 100 });
    const management = t.management({ tokenProvider: { cacheTTLInSeconds: 3600 } });
    await management.getUsers();
    vi.setSystemTime(Date.UTC(2025, 0, 1, 0, 0, 39));
    await management.getUsers();
    expect(t.emulator.tokenGrants).toBe(1);
    vi.setSystemTime(Date.UTC(2025, 0, 1, 0, 0, 41));
    await management.getUsers();
    expect(t.emulator.tokenGrants).toBe(2);
  });

  it("core: passes the new client's options through (here a middleware step)", async () => {
    const seen: string[] = [];
    const t = compatTenant();
    const management = t.management({
      core: {
        middleware: [
          {
            middleware: (ctx, next) => {
              seen.push(`${ctx.method} ${ctx.url.pathname}`);
              return next();
            },
          },
        ],
      },
    });
    await management.getRules();
    expect(seen).toEqual(["GET /api/v2/rules"]);
  });
});
