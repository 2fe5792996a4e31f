import { describe, expect, it } from "vitest";
import { createManagementClient, InvalidInputError, request } from "../src/index.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { DOMAIN } from "./support/secrets.js";

function clientWith(fetch: typeof globalThis.fetch) {
  return createManagementClient({ domain: DOMAIN, token: "a-token", fetch });
}

describe("request paths and queries", () => {
  it("keeps an id like ../clients inside /users/", async () => {
    const api = scriptedFetch([json({})]);
    await request(clientWith(api.fetch), {
      method: "GET",
      path: "/users/{id}",
      params: { id: "../clients" },
    });
    expect(api.sent[0]!.url.pathname).toBe("/api/v2/users/..%2Fclients");
  });

  it("percent-encodes path parameters", async () => {
    const api = scriptedFetch([json({})]);
    await request(clientWith(api.fetch), {
      method: "GET",
      path: "/users/{id}/roles",
      params: { id: "auth0|123 ?#/" },
    });
    expect(api.sent[0]!.url.pathname).toBe("/api/v2/users/auth0%7C123%20%3F%23%2F/roles");
  });

  it.each(["", ".", "..", "%2e%2E", "%2E."])(
    "refuses the path parameter %j before sending anything",
    async (id) => {
      const api = scriptedFetch([json({})]);
      await expect(
        request(clientWith(api.fetch), { method: "GET", path: "/users/{id}", params: { id } }),
      ).rejects.toBeInstanceOf(InvalidInputError);
      expect(api.sent).toHaveLength(0);
    },
  );

  it("refuses a missing path parameter and a path that is not relative to /api/v2", async () => {
    const api = scriptedFetch([json({})]);
    const client = clientWith(api.fetch);
    await expect(request(client, { method: "GET", path: "/users/{id}" })).rejects.toThrow(
      /"id" is required/,
    );
    await expect(request(client, { method: "GET", path: "users" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(
      request(client, { method: "GET", path: "/users/../clients" }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(request(client, { method: "GET", path: "/users?q=x" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    expect(api.sent).toHaveLength(0);
  });

  it("serializes query values, repeating array keys and leaving out undefined", async () => {
    const api = scriptedFetch([json([])]);
    await request(clientWith(api.fetch), {
      method: "GET",
      path: "/users",
      query: {
        q: 'email:"a@b.c"',
        page: 0,
        include_totals: true,
        fields: undefined,
        ids: ["a", "b"],
      },
    });
    const params = api.sent[0]!.url.searchParams;
    expect(params.get("q")).toBe('email:"a@b.c"');
    expect(params.get("page")).toBe("0");
    expect(params.get("include_totals")).toBe("true");
    expect(params.has("fields")).toBe(false);
    expect(params.getAll("ids")).toEqual(["a", "b"]);
  });
});

describe("request bodies and results", () => {
  it("sends JSON bodies with their content type and parses JSON results", async () => {
    const api = scriptedFetch([json({ user_id: "auth0|1" }, 201)]);
    const created = await request<{ user_id: string }>(clientWith(api.fetch), {
      method: "POST",
      path: "/users",
      body: { email: "a@b.c", connection: "db" },
    });
    expect(created).toEqual({ user_id: "auth0|1" });
    expect(api.sent[0]!.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(api.sent[0]!.body!)).toEqual({ email: "a@b.c", connection: "db" });
  });

  it("resolves to undefined for 204 No Content", async () => {
    const api = scriptedFetch([new Response(null, { status: 204 })]);
    await expect(
      request(clientWith(api.fetch), {
        method: "DELETE",
        path: "/users/{id}",
        params: { id: "x" },
      }),
    ).resolves.toBeUndefined();
  });

  it("sends the bearer token and the Auth0-Client telemetry header", async () => {
    const api = scriptedFetch([json({})]);
    await request(clientWith(api.fetch), { method: "GET", path: "/stats/active-users" });
    const headers = api.sent[0]!.headers;
    expect(headers.get("authorization")).toBe("Bearer a-token");
    const telemetry = JSON.parse(atob(headers.get("auth0-client")!));
    expect(telemetry).toMatchObject({ name: "auth0-edge-management", version: "0.1.0" });
  });

  it("leaves the telemetry header out when telemetry is off", async () => {
    const api = scriptedFetch([json({})]);
    const client = createManagementClient({
      domain: DOMAIN,
      token: "t",
      fetch: api.fetch,
      telemetry: false,
    });
    await request(client, { method: "GET", path: "/stats/active-users" });
    expect(api.sent[0]!.headers.has("auth0-client")).toBe(false);
  });
});
