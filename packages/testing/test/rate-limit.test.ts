import { describe, expect, it } from "vitest";
import { setup } from "./support/emulator";

describe("rate limit", () => {
  it("sends x-ratelimit-limit, -remaining and -reset (epoch seconds) on every API answer", async () => {
    const { api, clock } = setup({ rateLimit: { limit: 3, windowSeconds: 10 } });
    clock.set(Date.UTC(2025, 0, 1, 0, 0, 4));
    const response = await api("GET", "/users");
    expect(response.headers.get("x-ratelimit-limit")).toBe("3");
    expect(response.headers.get("x-ratelimit-remaining")).toBe("2");
    expect(response.headers.get("x-ratelimit-reset")).toBe(
      String(Date.UTC(2025, 0, 1, 0, 0, 10) / 1000),
    );
    const notFound = await api("GET", "/users/auth0%7Cmissing");
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("x-ratelimit-remaining")).toBe("1");
  });

  it("answers 429 too_many_requests with retry-after once the window is used up", async () => {
    const { api, clock } = setup({ rateLimit: { limit: 2, windowSeconds: 10 } });
    clock.set(Date.UTC(2025, 0, 1, 0, 0, 3));
    await api("GET", "/users");
    await api("GET", "/users");
    const refused = await api("GET", "/users");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("retry-after")).toBe("7");
    expect(await refused.json()).toEqual({
      statusCode: 429,
      error: "Too Many Requests",
      message: "Global limit has been reached",
      errorCode: "too_many_requests",
    });
  });

  it("opens a new window when the injected clock reaches x-ratelimit-reset", async () => {
    const { api, clock } = setup({ rateLimit: { limit: 1, windowSeconds: 60 } });
    await api("GET", "/users");
    expect((await api("GET", "/users")).status).toBe(429);
    clock.advance(60_000);
    const response = await api("GET", "/users");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("does not limit /oauth/token and sends no rate-limit headers when off", async () => {
    const limited = setup({ rateLimit: { limit: 1, windowSeconds: 60 } });
    for (let i = 0; i < 3; i++) expect((await limited.grant()).status).toBe(200);
    const unlimited = setup();
    const response = await unlimited.api("GET", "/users");
    expect(response.headers.has("x-ratelimit-limit")).toBe(false);
  });

  it("starts afresh after reset()", async () => {
    const { api, emulator } = setup({ rateLimit: { limit: 1, windowSeconds: 60 } });
    await api("GET", "/users");
    emulator.reset();
    expect((await api("GET", "/users")).status).toBe(200);
  });

  it("rejects a nonsensical configuration", () => {
    expect(() => setup({ rateLimit: { limit: 1, windowSeconds: 0 } })).toThrow(TypeError);
  });
});
