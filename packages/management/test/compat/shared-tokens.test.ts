import { afterEach, describe, expect, it, vi } from "vitest";
import { CLIENT_SECRET } from "../support/secrets.js";
import { loopbackForSuite } from "./loopback-server.js";

const server = loopbackForSuite();
afterEach(() => vi.useRealTimers());

// The sharing is process-wide: each test has a client id of its own.
let tests = 0;
const nextClientId = () => `shared-client-${++tests}`;

describe("compat: one token for every client of one configuration", () => {
  it("two clients with the same domain, client id, audience and scope make 1 grant", async () => {
    const clientId = nextClientId();
    const first = server.compat({ clientId, clientSecret: CLIENT_SECRET });
    const second = server.compat({ clientId, clientSecret: CLIENT_SECRET });
    await first.getUsers();
    await second.getUsers();
    await server.compat({ clientId, clientSecret: CLIENT_SECRET }).getRoles();
    expect(server.grants).toHaveLength(1);
    expect(new Set(server.requests.map((r) => r.headers.authorization))).toEqual(
      new Set(["Bearer loopback-token-1"]),
    );
  });

  it("joins the first calls of many new clients into one grant", async () => {
    const clientId = nextClientId();
    await Promise.all(
      Array.from({ length: 5 }, () =>
        server.compat({ clientId, clientSecret: CLIENT_SECRET }).getUsers(),
      ),
    );
    expect(server.grants).toHaveLength(1);
  });

  it("makes 2 grants when the secrets differ: a wrong or rotated secret never uses another's token", async () => {
    const clientId = nextClientId();
    await server.compat({ clientId, clientSecret: CLIENT_SECRET }).getUsers();
    await server.compat({ clientId, clientSecret: `${CLIENT_SECRET}-rotated` }).getUsers();
    await server.compat({ clientId, clientSecret: `${CLIENT_SECRET}-rotated` }).getUsers();
    expect(server.grants.map((g) => (g.body as { client_secret: string }).client_secret)).toEqual([
      CLIENT_SECRET,
      `${CLIENT_SECRET}-rotated`,
    ]);
  });

  it("does not share across audiences or scopes", async () => {
    const clientId = nextClientId();
    await server.compat({ clientId, clientSecret: CLIENT_SECRET, scope: "read:users" }).getUsers();
    await server.compat({ clientId, clientSecret: CLIENT_SECRET, scope: "read:roles" }).getUsers();
    await server
      .compat({
        clientId,
        clientSecret: CLIENT_SECRET,
        audience: "https://other.example.com/api/v2/",
      })
      .getUsers();
    expect(server.grants).toHaveLength(3);
  });

  it("enableCache: false still grants a token for every call", async () => {
    const clientId = nextClientId();
    const options = {
      clientId,
      clientSecret: CLIENT_SECRET,
      tokenProvider: { enableCache: false },
    };
    await server.compat(options).getUsers();
    await server.compat(options).getUsers();
    await server.compat(options).getUsers();
    expect(server.grants).toHaveLength(3);
  });

  it("cacheTTLInSeconds still bounds how long the shared token is used", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2025, 0, 1));
    const clientId = nextClientId();
    const options = {
      clientId,
      clientSecret: CLIENT_SECRET,
      tokenProvider: { cacheTTLInSeconds: 10 },
    };
    await server.compat(options).getUsers();
    vi.setSystemTime(Date.UTC(2025, 0, 1, 0, 0, 9));
    await server.compat(options).getUsers();
    expect(server.grants).toHaveLength(1);
    vi.setSystemTime(Date.UTC(2025, 0, 1, 0, 0, 11));
    await server.compat(options).getUsers();
    expect(server.grants).toHaveLength(2);
  });

  it("getAccessToken resolves the shared token without calling the API, and a static token as it is", async () => {
    const clientId = nextClientId();
    const management = server.compat({ clientId, clientSecret: CLIENT_SECRET });
    expect(await management.getAccessToken()).toBe("loopback-token-1");
    expect(
      await server.compat({ clientId, clientSecret: CLIENT_SECRET }).tokenProvider.getAccessToken(),
    ).toBe("loopback-token-1");
    expect(await server.compat({ token: "my-token" }).getAccessToken()).toBe("my-token");
    expect([server.grants.length, server.requests.length]).toEqual([1, 0]);
  });
});
