import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { getUser, listUsers } from "../src/generated/users.js";
import {
  createManagementClient,
  type ResponseInfo,
  requestWithResponse,
  withResponse,
} from "../src/index.js";

/** A loopback Management API that answers with Auth0's metadata headers. */
let server: Server;
let origin = "";
let calls = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    calls++;
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/api/v2/flaky" && calls % 2 === 1) {
      res.writeHead(503, { "content-type": "application/json", "retry-after": "0" });
      res.end(JSON.stringify({ statusCode: 503, error: "Service Unavailable", message: "busy" }));
      return;
    }
    res.writeHead(200, {
      "content-type": "application/json",
      "x-auth0-requestid": `req-${calls}`,
      "x-ratelimit-limit": "50",
      "x-ratelimit-remaining": "49",
      "x-ratelimit-reset": "1767225600",
    });
    res.end(
      path.startsWith("/api/v2/users/")
        ? JSON.stringify({ user_id: "auth0|1", email: "ada@example.com" })
        : "[]",
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () =>
  createManagementClient({
    domain: origin,
    allowInsecureLocalhost: true,
    token: "a-static-token",
    retry: { baseDelayMs: 1 },
  });

describe("response metadata", () => {
  it("withResponse gives a generated operation's result with the headers Auth0 sent", async () => {
    const { data, response } = await withResponse(getUser)(client(), { id: "auth0|1" });
    expect(data).toEqual({ user_id: "auth0|1", email: "ada@example.com" });
    expect(response).toMatchObject({
      status: 200,
      requestId: expect.stringMatching(/^req-\d+$/),
      rateLimit: { limit: 50, remaining: 49, resetAt: 1_767_225_600_000 },
      attempts: 1,
      totalRetryDelayMs: 0,
    });
    expect(response.headers.get("x-ratelimit-remaining")).toBe("49");
    expectTypeOf(data.email).toEqualTypeOf<string | undefined>();
    expectTypeOf(response).toEqualTypeOf<ResponseInfo>();
  });

  it("works for operations whose input is optional, and keeps their per-call options", async () => {
    const { data, response } = await withResponse(listUsers)(client(), undefined, {
      timeoutMs: 5_000,
    });
    expect(data).toEqual([]);
    expect(response.status).toBe(200);
  });

  it("requestWithResponse does the same for request(), counting the attempts of a retried call", async () => {
    calls = 0;
    const { data, response } = await requestWithResponse(client(), {
      method: "GET",
      path: "/flaky",
    });
    expect(data).toEqual([]);
    expect(response).toMatchObject({ status: 200, attempts: 2, requestId: "req-2" });
    expect(response.totalRetryDelayMs).toBeGreaterThanOrEqual(0);
  });

  it("leaves the plain operation as it was: only the result", async () => {
    await expect(getUser(client(), { id: "auth0|1" })).resolves.toEqual({
      user_id: "auth0|1",
      email: "ada@example.com",
    });
  });
});
