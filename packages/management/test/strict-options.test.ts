import { describe, expect, it } from "vitest";
import { createUser, getUser } from "../src/generated/users.js";
import {
  ConfigurationError,
  createManagementClient,
  InvalidInputError,
  ManagementApiError,
  request,
} from "../src/index.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { DOMAIN } from "./support/secrets.js";

const unavailable = () =>
  json({ statusCode: 503, error: "Service Unavailable", message: "x" }, 503);
let tenants = 0;
const base = (fetch: typeof globalThis.fetch) => ({
  domain: `strict-${++tenants}.${DOMAIN}`,
  token: "a-token",
  fetch,
});

function creationError(options: Record<string, unknown>): ConfigurationError {
  try {
    createManagementClient({ ...base(scriptedFetch([]).fetch), ...options } as never);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error("expected a ConfigurationError");
}

describe("options are checked strictly, all the way down", () => {
  it('refuses retry.retryNonIdempotent: "false" (what an environment variable gives) instead of taking it as true', async () => {
    expect(creationError({ retry: { retryNonIdempotent: "false" } }).message).toContain(
      "retry.retryNonIdempotent",
    );
    // And so one createUser answered 503 is sent once, never four times.
    const api = scriptedFetch([unavailable()]);
    const client = createManagementClient({
      ...base(api.fetch),
      retry: { retryNonIdempotent: false },
    });
    await expect(
      createUser(client, { body: { connection: "db", email: "a@b.c" } } as never),
    ).rejects.toBeInstanceOf(ManagementApiError);
    expect(api.sent).toHaveLength(1);
  });

  it.each([
    [{ telemetry: "false" }, "telemetry"],
    [{ allowInsecureLocalhost: "true" }, "allowInsecureLocalhost"],
    [{ allowInsecureLocalhost: 1 }, "allowInsecureLocalhost"],
    [{ retry: { maxRetries: "3" } }, "retry.maxRetries"],
    [{ retry: { baseDelayMs: Number.NaN } }, "retry.baseDelayMs"],
    [{ retry: { maxDelayMs: Number.POSITIVE_INFINITY } }, "retry.maxDelayMs"],
    [{ timeoutMs: 2 ** 40 }, "timeoutMs"],
    [{ attemptTimeoutMs: "1000" }, "attemptTimeoutMs"],
    [{ tokenLeewaySeconds: -1 }, "tokenLeewaySeconds"],
  ])("refuses %j, naming the option", (options, name) => {
    expect(creationError(options).message).toContain(name);
  });

  it("refuses unknown keys inside nested option objects like unknown top-level keys", () => {
    expect(creationError({ retry: { maxRetry: 0 } }).message).toContain("retry.maxRetry");
    expect(
      creationError({
        middleware: [{ middleware: (_c: unknown, n: () => unknown) => n(), befor: "auth" }],
      }).message,
    ).toContain("befor");
  });

  it("refuses bad per-call options with one error class, InvalidInputError, whatever the option", async () => {
    const api = scriptedFetch([json({})]);
    const client = createManagementClient(base(api.fetch));
    const call = (options: Record<string, unknown>) =>
      getUser(client, { id: "auth0|1" }, options as never);
    for (const options of [
      { retry: { maxRetries: 99 } },
      { retry: { retryNonIdempotent: "yes" } },
      { retry: { maxRetry: 1 } },
      { timeoutMs: 0 },
      { timeoutMs: "5000" },
      { attemptTimeoutMs: -1 },
      { timeout: 5000 },
    ]) {
      const error = await call(options).catch((e: unknown) => e);
      expect(error, JSON.stringify(options)).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).code).toBe("ERR_INVALID_INPUT");
    }
    await expect(
      request(client, { method: "GET", path: "/users", retry: { maxRetries: 11 } }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(api.sent).toHaveLength(0);
  });
});
