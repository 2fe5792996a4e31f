import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createUser, getUser } from "../src/generated/users.js";
import {
  createManagementClient,
  InvalidInputError,
  ManagementError,
  NetworkError,
  request,
} from "../src/index.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { DOMAIN } from "./support/secrets.js";

let tenants = 0;
const clientWith = (fetch: typeof globalThis.fetch, extra: Record<string, unknown> = {}) =>
  createManagementClient({ domain: `typed-${++tenants}.${DOMAIN}`, token: "tok", fetch, ...extra });

const cycle: Record<string, unknown> = {};
cycle.self = cycle;

describe("every error a caller can see is a ManagementError with its code", () => {
  it.each([
    ["a header value with CR LF", { headers: { "x-a": "1\r\nx-b: 2" } }],
    ["a header value with NUL", { headers: { "x-a": "1\u0000" } }],
    ["a header value beyond Latin-1", { headers: { "x-a": "\u4e2d" } }],
    ["an invalid header name", { headers: { "bad name": "1" } }],
    ["a BigInt body", { method: "POST", body: { n: 10n } }],
    ["a body with a cycle", { method: "POST", body: cycle }],
    ["a function body", { method: "POST", body: () => 1 }],
    ["a lone surrogate in a path parameter", { params: { id: "a\ud800b" } }],
    ["a lone surrogate in a query value", { query: { q: "\udc00" } }],
    // Side by side they would make a pair; sent apart, each is lone.
    [
      "a query key ending in a lone high surrogate, its value starting with a low one",
      { query: { "\ud800": "\udfff" } },
    ],
    ["a signal that is not an AbortSignal", { signal: { aborted: false } }],
    ["a method that is not one", { method: "TRACE" }],
    ["an unknown option", { headrs: {} }],
  ])("%s: InvalidInputError, nothing sent", async (_what, options) => {
    const api = scriptedFetch([json({})]);
    const error = await request(clientWith(api.fetch), {
      method: "GET",
      path: "/users/{id}",
      params: { id: "x" },
      ...options,
    } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).code).toBe("ERR_INVALID_INPUT");
    expect(api.sent).toHaveLength(0);
  });

  it("refuses CR LF in a generated operation's headers with InvalidInputError, nothing sent", async () => {
    const api = scriptedFetch([json({})]);
    const error = await getUser(
      clientWith(api.fetch),
      { id: "x" },
      {
        headers: { "x-trace": "a\r\nb" },
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    const headerParameter = await createUser(clientWith(api.fetch), {
      "auth0-custom-domain": "login.example.com\r\nx-evil: 1",
      body: { connection: "db" },
    } as never).catch((e: unknown) => e);
    expect(headerParameter).toBeInstanceOf(InvalidInputError);
    expect(api.sent).toHaveLength(0);
  });

  it("names the runtime's reason for a refused connection on a closed loopback port", async () => {
    // A port that was just free: nothing listens on it.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const client = createManagementClient({
      domain: `http://127.0.0.1:${port}`,
      allowInsecureLocalhost: true,
      token: "tok",
      retry: { maxRetries: 0 },
    });
    const error = await request(client, { method: "GET", path: "/users" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
  });

  it("names the runtime's reason for a failed DNS lookup (the runtime's error shape, no real lookup)", async () => {
    const fetch = (async () => {
      const lookup = Object.assign(new Error("getaddrinfo ENOTFOUND tenant.invalid"), {
        code: "ENOTFOUND",
        hostname: "tenant.invalid",
      });
      throw new TypeError("fetch failed", { cause: lookup });
    }) as typeof globalThis.fetch;
    const error = await request(clientWith(fetch, { retry: { maxRetries: 0 } }), {
      method: "GET",
      path: "/users",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain("ENOTFOUND tenant.invalid");
  });

  it("puts attempts and totalRetryDelayMs on every error, 0 when nothing was sent", async () => {
    const api = scriptedFetch([json({})]);
    const error = (await request(clientWith(api.fetch), {
      method: "GET",
      path: "/users/{id}",
    }).catch((e: unknown) => e)) as ManagementError;
    expect(error).toBeInstanceOf(ManagementError);
    expect(error).toMatchObject({ attempts: 0, totalRetryDelayMs: 0 });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ attempts: 0, totalRetryDelayMs: 0 });
  });
});
