import { describe, expect, it } from "vitest";
import { CLIENT_SECRET } from "../support/secrets.js";
import { loopbackForSuite } from "./loopback-server.js";
import { viaCallback } from "./support.js";

const server = loopbackForSuite();

const decode = (value: string | string[] | undefined) =>
  JSON.parse(atob(String(value).replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;

describe("compat: the v2.44.1 options and calls", () => {
  it("includeResponseHeaders: resolves and calls back with { data, headers }", async () => {
    server.answer(() => ({
      headers: { "x-ratelimit-limit": "50" },
      body: [{ user_id: "auth0|1" }],
    }));
    const management = server.compat({ includeResponseHeaders: true });
    const answer = (await management.getUsers()) as unknown as {
      data: unknown;
      headers: Record<string, string>;
    };
    expect(answer.data).toEqual([{ user_id: "auth0|1" }]);
    expect(answer.headers).toMatchObject({
      "x-ratelimit-limit": "50",
      "content-type": "application/json",
    });
    const { result } = await viaCallback((cb) => management.users.get({ id: "auth0|1" }, cb));
    expect(result).toEqual({ data: [{ user_id: "auth0|1" }], headers: expect.any(Object) });
    const plain = await server.compat().getUsers();
    expect(plain).toEqual([{ user_id: "auth0|1" }]);
  });

  it("headers: go on every request, the token grant included, and never replace the bearer token", async () => {
    const management = server.compat({
      clientId: "headers-client",
      clientSecret: CLIENT_SECRET,
      headers: { "x-tenant-tag": "blue", Authorization: "Bearer not-this-one" },
    });
    await management.getRoles();
    expect(server.grants[0]?.headers["x-tenant-tag"]).toBe("blue");
    expect(server.requests[0]?.headers["x-tenant-tag"]).toBe("blue");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer loopback-token-1");
  });

  it("clientInfo replaces the Auth0-Client telemetry (base64url JSON); telemetry: false sends none", async () => {
    await server.compat({ clientInfo: { name: "my-app", version: "1.2.3" } }).getRules();
    expect(decode(server.requests[0]?.headers["auth0-client"])).toEqual({
      name: "my-app",
      version: "1.2.3",
    });
    await server.compat().getRules();
    expect(decode(server.requests[1]?.headers["auth0-client"]).name).toBe("auth0-edge-management");
    await server.compat({ telemetry: false }).getRules();
    expect(server.requests[2]?.headers["auth0-client"]).toBeUndefined();
  });

  it("blacklistedTokens.getAll(params) sends fields and include_fields", async () => {
    await server.compat().blacklistedTokens.getAll({ fields: "jti", include_fields: true });
    await server.compat().getBlacklistedTokens({ aud: "client-1" });
    expect(server.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ["GET", "/blacklists/tokens", { fields: "jti", include_fields: "true" }],
      ["GET", "/blacklists/tokens", { aud: "client-1" }],
    ]);
  });

  it("the four client-grant flat methods call clientGrants", async () => {
    const management = server.compat();
    await management.getClientGrants({ audience: "https://api.example.com/" });
    await management.createClientGrant({ client_id: "c1", audience: "a", scope: [] });
    await management.updateClientGrant({ id: "cgr_1" }, { scope: ["read:x"] });
    await management.deleteClientGrant({ id: "cgr_1" });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /client-grants",
      "POST /client-grants",
      "PATCH /client-grants/cgr_1",
      "DELETE /client-grants/cgr_1",
    ]);
  });

  it("assignRolestoUser and the misspelled deleteUserMultifcator keep the classic's spellings", async () => {
    const management = server.compat();
    await management.assignRolestoUser({ id: "auth0|1" }, { roles: ["rol_1"] });
    await management.deleteUserMultifcator({ id: "auth0|1", provider: "duo" });
    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/users/auth0%7C1/roles", { roles: ["rol_1"] }],
      ["DELETE", "/users/auth0%7C1/multifactor/duo", {}],
    ]);
  });

  it("actions take action_id for id, and getExecution fills its path from execution_id only", async () => {
    const management = server.compat();
    await management.actions.get({ action_id: "act_1" });
    await management.actions.getExecution({ execution_id: "exe_1", id: "other" });
    expect(server.requests.map((r) => [r.path, r.query])).toEqual([
      ["/actions/actions/act_1", {}],
      ["/actions/executions/exe_1", { id: "other" }],
    ]);
  });

  it("passes the API's answer through: a paged object with include_totals", async () => {
    const paged = { users: [], start: 0, limit: 50, length: 0, total: 0 };
    server.answer(() => ({ body: paged }));
    expect(await server.compat().getUsers({ include_totals: true, per_page: 50 })).toEqual(paged);
    expect(server.requests[0]?.query).toEqual({ include_totals: "true", per_page: "50" });
  });

  it("never writes into the caller's objects (the classic rewrote ids and added keys)", async () => {
    const params = { id: "a/b", from: "20250101" };
    const daily = { from: "20250101", to: "20250131" };
    const management = server.compat();
    await management.getUser(params);
    await management.getDailyStats(daily);
    expect(params).toEqual({ id: "a/b", from: "20250101" });
    expect(daily).toEqual({ from: "20250101", to: "20250131" });
  });
});
