import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  createManagementClient,
  ManagementApiError,
  ManagementError,
  RateLimitError,
  request,
} from "../src/index.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { DOMAIN, rejectionOf } from "./support/secrets.js";

const inexistentUser = {
  statusCode: 404,
  error: "Not Found",
  message: "The user does not exist.",
  errorCode: "inexistent_user",
};

describe("API errors", () => {
  it("carry Auth0's statusCode, error, errorCode, message, headers and request id", async () => {
    const api = scriptedFetch([
      json(inexistentUser, 404, {
        "x-auth0-requestid": "req-123",
        "x-ratelimit-limit": "50",
        "x-ratelimit-remaining": "49",
        "x-ratelimit-reset": "1790000000",
      }),
    ]);
    const client = createManagementClient({ domain: DOMAIN, token: "tok-value", fetch: api.fetch });
    const error = (await rejectionOf(
      request(client, { method: "GET", path: "/users/{id}", params: { id: "auth0|nope" } }),
      ["tok-value"],
    )) as ManagementApiError;
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error).toMatchObject({
      code: "ERR_API",
      statusCode: 404,
      error: "Not Found",
      errorCode: "inexistent_user",
      requestId: "req-123",
      method: "GET",
      path: "/api/v2/users/auth0%7Cnope",
      rateLimit: { limit: 50, remaining: 49, resetAt: 1_790_000_000_000 },
      body: inexistentUser,
      attempts: 1,
    });
    expect(error.message).toBe(
      "[GET] /api/v2/users/auth0%7Cnope: 404 Not Found: The user does not exist.",
    );
    expect(error.headers["x-auth0-requestid"]).toBe("req-123");
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "ManagementApiError",
      errorCode: "inexistent_user",
    });
  });

  it("uses the status text when the body is not Auth0's JSON", async () => {
    const api = scriptedFetch([
      new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    ]);
    const client = createManagementClient({
      domain: DOMAIN,
      token: "t",
      fetch: api.fetch,
      retry: { maxRetries: 0 },
    });
    const error = (await rejectionOf(
      request(client, { method: "GET", path: "/users" }),
    )) as ManagementApiError;
    expect(error.statusCode).toBe(502);
    expect(error.error).toBe("Bad Gateway");
    expect(error.errorCode).toBeUndefined();
  });

  it("are recognised with instanceof across two copies of the package (ESM and CJS builds)", async () => {
    const require = createRequire(import.meta.url);
    const esm = await import("../dist/index.js");
    const cjs = require("../dist/index.cjs") as typeof esm;
    expect(esm.RateLimitError).not.toBe(cjs.RateLimitError);
    const api = scriptedFetch([
      json({ statusCode: 429, error: "Too Many Requests", message: "slow down" }, 429, {
        "retry-after": "999",
      }),
    ]);
    const client = cjs.createManagementClient({ domain: DOMAIN, token: "t", fetch: api.fetch });
    const error = await rejectionOf(esm.request(client, { method: "GET", path: "/users" }));
    for (const copy of [esm, cjs]) {
      expect(error).toBeInstanceOf(copy.RateLimitError);
      expect(error).toBeInstanceOf(copy.ManagementApiError);
      expect(error).toBeInstanceOf(copy.ManagementError);
      expect(error).not.toBeInstanceOf(copy.TimeoutError);
    }
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(ManagementError);
    expect({ code: "ERR_API" }).not.toBeInstanceOf(ManagementError);
  });
});
