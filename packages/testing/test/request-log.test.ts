import { describe, expect, it } from "vitest";
import { base, clientSecret, setup } from "./support/emulator";

describe("the request log", () => {
  it("records method, url, path, query, status, kind and the clock time of each request", async () => {
    const { api, emulator, clock } = setup();
    await api("GET", "/users?per_page=5&q=email%3A%22a%40b.c%22");
    clock.advance(1_000);
    await emulator.fetch(`${base}/.well-known/jwks.json`);
    expect(emulator.requests).toEqual([
      {
        method: "POST",
        url: `${base}/oauth/token`,
        path: "/oauth/token",
        query: {},
        status: 200,
        kind: "token",
        at: Date.UTC(2025, 0, 1),
      },
      {
        method: "GET",
        url: `${base}/api/v2/users?per_page=5&q=email%3A%22a%40b.c%22`,
        path: "/api/v2/users",
        query: { per_page: "5", q: 'email:"a@b.c"' },
        status: 200,
        kind: "api",
        at: Date.UTC(2025, 0, 1),
      },
      {
        method: "GET",
        url: `${base}/.well-known/jwks.json`,
        path: "/.well-known/jwks.json",
        query: {},
        status: 200,
        kind: "other",
        at: Date.UTC(2025, 0, 1) + 1_000,
      },
    ]);
  });

  it("never holds bodies, the Authorization header, the secret or the token", async () => {
    const { api, emulator, token } = setup();
    const jwt = await token();
    await api("POST", "/users", {
      connection: "Username-Password-Authentication",
      email: "x@example.com",
      password: "pw-123",
    });
    const serialized = JSON.stringify(emulator.requests);
    for (const secret of [clientSecret, jwt, "pw-123", "Bearer"])
      expect(serialized).not.toContain(secret);
  });

  it("redacts credentials sent in a query string", async () => {
    const { emulator } = setup();
    await emulator.fetch(`${base}/oauth/token?client_secret=${clientSecret}&x=1`, {
      method: "POST",
    });
    const [entry] = emulator.requests;
    expect(entry!.query).toEqual({ client_secret: "[REDACTED]", x: "1" });
    expect(entry!.url).not.toContain(clientSecret);
  });

  it("is a standard fetch: assignable to typeof fetch, unbound, and accepting Request objects", async () => {
    const { emulator } = setup();
    const standardFetch: typeof fetch = emulator.fetch;
    const response = await standardFetch(new Request(`${base}/api/v2/roles`));
    expect(response.status).toBe(401);
    expect(emulator.requests[0]).toMatchObject({ kind: "api", status: 401 });
  });

  it("is emptied by reset()", async () => {
    const { api, emulator } = setup();
    await api("GET", "/users");
    emulator.reset();
    expect(emulator.requests).toEqual([]);
  });
});
