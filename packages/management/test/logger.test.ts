import { afterEach, describe, expect, it, vi } from "vitest";
import { getUser } from "../src/generated/users.js";
import { request, withResponse } from "../src/index.js";
import { type LogFields, logTo, observer } from "../src/logger.js";
import { emulatedTenant } from "./support/emulator.js";
import { CLIENT_SECRET } from "./support/secrets.js";

/** A logger that keeps what it is given, by level. */
function recorder() {
  const events: { level: string; message: string; fields: LogFields }[] = [];
  const at = (level: string) => (message: string, fields: LogFields) =>
    events.push({ level, message, fields });
  return {
    events,
    logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
  };
}

afterEach(() => vi.restoreAllMocks());

describe("the logger", () => {
  it("writes one event per attempt with the path template, status, attempt, wait and rate limit, and one per token grant", async () => {
    const tenant = emulatedTenant({ rateLimit: { limit: 50, windowSeconds: 60 } });
    const { events, logger } = recorder();
    const client = tenant.client({ observer: logTo(logger), retry: { baseDelayMs: 1 } });
    await request(client, {
      method: "POST",
      path: "/users",
      body: {
        connection: "Username-Password-Authentication",
        email: "log@example.com",
        password: "Passw0rd!long",
      },
    });
    const id = [...tenant.emulator.state.users.keys()].at(-1)!;
    tenant.emulator.failNext({ status: 429, headers: { "retry-after": "0" } });
    const { response } = await withResponse(getUser)(client, { id });

    expect(
      events.map((e) => [
        e.level,
        e.message,
        e.fields.operation,
        e.fields.status,
        e.fields.attempt,
      ]),
    ).toEqual([
      ["info", "auth0-edge token grant", "POST /oauth/token", 200, 1],
      ["debug", "auth0-edge attempt", "POST /api/v2/users", 201, 1],
      ["warn", "auth0-edge attempt", "GET /api/v2/users/{id}", 429, 1],
      ["debug", "auth0-edge attempt", "GET /api/v2/users/{id}", 200, 2],
    ]);
    const retried = events[3]!.fields;
    expect(response.attempts).toBe(2);
    expect(retried.waitedMs).toBe(response.totalRetryDelayMs);
    expect(retried.rateLimitRemaining).toBeTypeOf("number");
    expect(retried.requestId).toBeTypeOf("string");
    expect(retried.durationMs).toBeGreaterThanOrEqual(0);
    expect(events[1]!.fields.waitedMs).toBe(0);
    // The template, never the filled path with the user's id.
    expect(JSON.stringify(events)).not.toContain(encodeURIComponent(id));
  });

  it("writes filled paths only when asked", async () => {
    const tenant = emulatedTenant();
    const { events, logger } = recorder();
    const client = tenant.client({ observer: logTo(logger, { fullPaths: true }) });
    await getUser(client, { id: "auth0|nobody" }).catch(() => undefined);
    expect(events.at(-1)!.fields).toMatchObject({
      path: "/api/v2/users/auth0%7Cnobody",
      status: 404,
    });
    expect(events.at(-1)!.level).toBe("warn");
  });

  it("never shows the secret or a token, even in an error that holds them", async () => {
    const tenant = emulatedTenant();
    const { events, logger } = recorder();
    let failOnce = true;
    const client = tenant.client({
      observer: logTo(logger),
      retry: { baseDelayMs: 1 },
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.includes("/api/v2/") && failOnce) {
          failOnce = false;
          const auth = new Headers(init?.headers).get("authorization");
          throw new TypeError(`socket closed while sending ${auth} for ${CLIENT_SECRET}`);
        }
        return tenant.fetch(input, init);
      },
    });
    await request(client, { method: "GET", path: "/users" });
    const failed = events.find((e) => e.fields.error === "ERR_NETWORK")!;
    expect(failed.level).toBe("warn");
    expect(failed.fields.message).toContain(
      "socket closed while sending Bearer [REDACTED] for [REDACTED]",
    );
    const text = JSON.stringify(events);
    for (const secret of tenant.secrets()) expect(text).not.toContain(secret);
  });

  it("is silent by default", async () => {
    const spies = (["debug", "info", "warn", "error", "log"] as const).map((level) =>
      vi.spyOn(console, level),
    );
    const tenant = emulatedTenant();
    await request(tenant.client(), { method: "GET", path: "/users" });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it("never fails a call when a hook throws", async () => {
    const tenant = emulatedTenant();
    const boom = () => {
      throw new Error("observer bug");
    };
    const client = tenant.client({
      observer: observer({ callStart: boom, attemptStart: boom, attemptEnd: boom, callEnd: boom }),
    });
    expect(Array.isArray(await request(client, { method: "GET", path: "/users" }))).toBe(true);
  });

  it("writes through console, which the suite's secret scan reads", async () => {
    const debug = vi.spyOn(console, "debug").mockImplementation(() => undefined);
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const tenant = emulatedTenant();
    await request(tenant.client({ observer: logTo(console) }), { method: "GET", path: "/users" });
    expect(info).toHaveBeenCalledWith(
      "auth0-edge token grant",
      expect.objectContaining({ status: 200 }),
    );
    expect(debug).toHaveBeenCalledWith(
      "auth0-edge attempt",
      expect.objectContaining({ operation: "GET /api/v2/users" }),
    );
  });
});
