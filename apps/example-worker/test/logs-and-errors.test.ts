import { describe, expect, it } from "vitest";
import { ADMIN_API_TOKEN, admin, apiRequestsSince, CLIENT_SECRET } from "./support/harness.js";
import { sharedWorker } from "./support/shared-worker.js";

const t = sharedWorker();

describe("GET /logs", () => {
  it("reads the most recent events, oldest first, with the checkpoint of the newest", async () => {
    const body = (await (await t.get("/logs?take=3")).json()) as {
      logs: { log_id: string }[];
      next: string;
    };
    // Read after the call: a token grant on the way is itself a log event.
    const all = [...t.emulator.state.logs].map((l) => l.log_id).sort();
    expect(body.logs.map((l) => l.log_id)).toEqual(all.slice(-3));
    expect(body.next).toBe(all.at(-1));
  });

  it("reads only the events after a checkpoint `from`", async () => {
    const { next } = (await (await t.get("/logs?take=100")).json()) as { next: string };
    // A role assignment is a write, and Auth0 logs every successful write.
    await t.postRoles(
      t.userByEmail("linus@example.com").user_id,
      JSON.stringify({ roles: [t.roleNamed("support").id] }),
    );
    const body = (await (await t.get(`/logs?from=${next}&take=10`)).json()) as {
      logs: { log_id: string; type: string }[];
      next: string;
    };
    expect(body.logs.map((l) => l.type)).toEqual(["sapi"]);
    expect(body.logs[0]!.log_id > next).toBe(true);
    expect(body.next).toBe(body.logs[0]!.log_id);
    const after = (await (await t.get(`/logs?from=${body.next}`)).json()) as typeof body;
    expect(after).toEqual({ logs: [], next: body.next });
  });

  it("refuses a take out of 1–100 or a checkpoint that is not a log id", async () => {
    for (const query of ["take=0", "take=101", "take=x", "from=../users", "from=a%20b"]) {
      expect((await t.get(`/logs?${query}`)).status, query).toBe(400);
    }
  });
});

describe("Auth0 failures", () => {
  it("passes an Auth0 rate limit on as 429 with Retry-After, without waiting a minute", async () => {
    t.emulator.failNext({ status: 429, headers: { "retry-after": "60" } });
    const before = t.emulator.requests.length;
    const response = await t.get("/users/page");
    expect(response.status).toBe(429);
    expect(apiRequestsSince(t.emulator, before)).toHaveLength(1);
    expect(response.headers.get("retry-after")).toBe("60");
    expect(await response.json()).toMatchObject({
      error: "rate_limited",
      errorCode: "too_many_requests",
    });
  });

  it("answers 502 when Auth0 refuses this Worker's token, not a 401 that would blame the caller", async () => {
    t.emulator.failNext({
      status: 403,
      body: {
        statusCode: 403,
        error: "Forbidden",
        message: "Insufficient scope, expected any of: read:logs",
        errorCode: "insufficient_scope",
      },
    });
    const response = await t.get("/logs");
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      error: "upstream_error",
      upstreamStatus: 403,
      errorCode: "insufficient_scope",
    });
  });
});

describe("the admin check and the routing", () => {
  it("refuses requests without the admin bearer token, before calling Auth0", async () => {
    const before = t.emulator.requests.length;
    for (const authorization of [
      undefined,
      "Bearer wrong",
      `Basic ${ADMIN_API_TOKEN}`,
      `Bearer ${ADMIN_API_TOKEN}x`,
    ]) {
      const response = await t.worker.fetch("/users?email=ada@example.com", {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    expect(t.emulator.requests.length).toBe(before);
  });

  it("answers 404 for an unknown path and 405 with Allow for a known path's wrong method", async () => {
    expect((await t.get("/admin")).status).toBe(404);
    const response = await t.worker.fetch("/logs", { method: "DELETE", headers: admin });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
  });

  it("marks every answer as uncacheable", async () => {
    for (const path of ["/users?email=ada@example.com", "/nope"]) {
      expect((await t.get(path)).headers.get("cache-control")).toBe("no-store");
    }
  });

  // Last in the file: it reads what all the tests above made the Worker log.
  it("logs one line per request without the secret, a token, the admin token or an email", async () => {
    const lines = t.worker.logs.filter((line) => line.startsWith("{"));
    expect(lines.length).toBeGreaterThan(10);
    const text = t.worker.logs.join("\n");
    for (const secret of [CLIENT_SECRET, ADMIN_API_TOKEN, "eyJ", "@example.com"]) {
      expect(text).not.toContain(secret);
    }
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(
      expect.objectContaining({ route: "users.byEmail", status: 200 }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        route: "users.page",
        status: 429,
        errorCode: "too_many_requests",
      }),
    );
  });
});
