import { describe, expect, it } from "vitest";
import { base, setup } from "./support/emulator";

describe("failNext", () => {
  it("answers the next API request with the status and an Auth0 error body, then recovers", async () => {
    const { api, emulator } = setup();
    emulator.failNext({ status: 503 });
    const failed = await api("GET", "/users");
    expect(failed.status).toBe(503);
    expect(failed.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await failed.json()).toEqual({
      statusCode: 503,
      error: "Service Unavailable",
      message: "Service Unavailable",
    });
    expect((await api("GET", "/users")).status).toBe(200);
  });

  it("fails `times` matching requests and leaves token requests alone by default", async () => {
    const { api, emulator, grant } = setup();
    emulator.failNext({ status: 500, times: 2 });
    expect((await grant()).status).toBe(200);
    expect((await api("GET", "/users")).status).toBe(500);
    expect((await api("GET", "/users")).status).toBe(500);
    expect((await api("GET", "/users")).status).toBe(200);
  });

  it("matches on method and on path with or without /api/v2, or a RegExp", async () => {
    const { api, emulator, createUser } = setup();
    emulator.failNext({ status: 408, method: "post", path: "/users" });
    expect((await api("GET", "/users")).status).toBe(200);
    expect((await api("POST", "/users", {})).status).toBe(408);
    emulator.failNext({ status: 502, path: /^\/api\/v2\/roles/ });
    expect((await createUser()).user_id).toMatch(/^auth0\|/);
    expect((await api("GET", "/roles")).status).toBe(502);
    emulator.failNext({ status: 504, path: "/api/v2/logs" });
    expect((await api("GET", "/logs")).status).toBe(504);
  });

  it("fails the token endpoint when its path is named", async () => {
    const { grant, emulator } = setup();
    emulator.failNext({ status: 503, path: "/oauth/token" });
    const response = await grant();
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(emulator.tokenGrants).toBe(0);
  });

  it("sends the given headers and body, e.g. a 429 with retry-after", async () => {
    const { api, emulator } = setup();
    emulator.failNext({
      status: 429,
      headers: { "retry-after": "2", "x-ratelimit-remaining": "0" },
    });
    const response = await api("GET", "/users");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(((await response.json()) as { errorCode: string }).errorCode).toBe("too_many_requests");
    emulator.failNext({ status: 500, body: "upstream exploded" });
    expect(await (await api("GET", "/users")).text()).toBe("upstream exploded");
  });

  it("does not run the handler of a failed request", async () => {
    const { api, emulator } = setup();
    await api("GET", "/users");
    emulator.failNext({ status: 503, method: "POST" });
    await api("POST", "/roles", { name: "never-created" });
    expect(emulator.state.roles.size).toBe(0);
  });

  it("makes fetch reject with a TypeError for a network fault", async () => {
    const { api, emulator } = setup();
    await api("GET", "/users");
    emulator.failNext({ networkError: true });
    await expect(api("GET", "/users")).rejects.toThrow(TypeError);
    expect(emulator.requests.at(-1)).toMatchObject({ status: 0, path: "/api/v2/users" });
  });

  it("hangs until the request's signal aborts, for timeout tests without real time", async () => {
    const { api, emulator } = setup();
    await api("GET", "/users");
    emulator.failNext({ hang: true });
    const controller = new AbortController();
    const pending = emulator.fetch(`${base}/api/v2/users`, { signal: controller.signal });
    let settled = false;
    pending
      .catch(() => {})
      .finally(() => {
        settled = true;
      });
    await Promise.resolve();
    expect(settled).toBe(false);
    const reason = new DOMException("The operation timed out.", "TimeoutError");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("refuses invalid fault descriptions", () => {
    const { emulator } = setup();
    expect(() => emulator.failNext({ status: 42 })).toThrow(TypeError);
    expect(() => emulator.failNext({ status: 500, times: 0 })).toThrow(TypeError);
  });

  it("forgets pending faults on reset()", async () => {
    const { api, emulator } = setup();
    emulator.failNext({ status: 500 });
    emulator.reset();
    expect((await api("GET", "/users")).status).toBe(200);
  });
});
