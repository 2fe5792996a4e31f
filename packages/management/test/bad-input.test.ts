import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createManagementClient,
  InvalidInputError,
  request,
} from "../src/index.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { DOMAIN } from "./support/secrets.js";

describe("request() cannot leave its endpoint", () => {
  it.each([
    "/users/%2e%2e/%2e%2e/%2e%2e/oauth/token",
    "/users/.%2E/clients",
    "/users/%2E./clients",
    "/users/%2e/x",
    "/users/..\\..\\oauth\\token",
    "/users\\..\\clients",
    "/users/x%2f..%2f..%2foauth%2ftoken",
    "/users/x%5c..",
    "/users/./x",
    "/users/../clients",
    "/users?q=1",
    "/users#x",
    "/users/a\tb",
    "/users/a\nb",
    "/users/ä",
    "//evil.example/api",
    "users",
  ])("refuses the path %j, sending nothing", async (path) => {
    const api = scriptedFetch([json({})]);
    const client = createManagementClient({ domain: DOMAIN, token: "tok", fetch: api.fetch });
    const error = await request(client, { method: "GET", path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(api.sent).toHaveLength(0);
  });

  it("sends a clean path exactly as given", async () => {
    const api = scriptedFetch([json({})]);
    const client = createManagementClient({ domain: DOMAIN, token: "tok", fetch: api.fetch });
    await request(client, { method: "GET", path: "/users/{id}/roles", params: { id: "a/../b" } });
    expect(api.sent[0]!.url.href).toBe(`https://${DOMAIN}/api/v2/users/a%2F..%2Fb/roles`);
  });
});

describe("`domain` is a real DNS name", () => {
  it.each([
    "0x7f.1",
    "127.1",
    "127.0.0.1",
    "2130706433",
    "0177.0.0.1",
    "1.2.3.4.5",
    "x.0",
    "tenant.auth0.123",
    "tenant.0x10",
    "[::1]",
    "::1",
    "localhost",
    "tenant.localhost",
    "tenant.auth0.com.",
    "tenant..auth0.com",
    "-tenant.auth0.com",
    "tenant_a.auth0.com",
    "a@tenant.auth0.com",
    "tenant.auth0.com:443",
    "tenant.auth0.com\u0000",
  ])("refuses %j with a ConfigurationError", (domain) => {
    expect(() => createManagementClient({ domain, token: "tok" })).toThrow(ConfigurationError);
  });

  it("refuses a non-ASCII name with a hint to give its punycode form", () => {
    expect(() => createManagementClient({ domain: "tenänt.auth0.com", token: "tok" })).toThrow(
      /punycode/,
    );
    expect(createManagementClient({ domain: "xn--tennt-lra.auth0.com", token: "tok" }).domain).toBe(
      "xn--tennt-lra.auth0.com",
    );
  });

  it("allows localhost names only with allowInsecureLocalhost", () => {
    expect(() => createManagementClient({ domain: "tenant.localhost", token: "tok" })).toThrow(
      /allowInsecureLocalhost/,
    );
    const client = createManagementClient({
      domain: "tenant.localhost",
      token: "tok",
      allowInsecureLocalhost: true,
    });
    expect(client.apiBase).toBe("https://tenant.localhost/api/v2");
  });
});
