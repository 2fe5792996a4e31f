import { afterEach, describe, expect, it, vi } from "vitest";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN } from "../support/secrets.js";
import { compatTenant } from "./support.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("compat: options", () => {
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
