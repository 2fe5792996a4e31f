import { describe, expect, it } from "vitest";
import {
  createManagementClient,
  InvalidResponseError,
  type Middleware,
  request,
} from "../src/index.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { DOMAIN } from "./support/secrets.js";

let tenants = 0;
const clientWith = (fetch: typeof globalThis.fetch, middleware: Middleware[] = []) =>
  createManagementClient({
    domain: `parse-${++tenants}.${DOMAIN}`,
    token: "tok",
    fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    middleware: middleware.map((m) => ({ middleware: m, before: "retry" as const })),
  });

const htmlAsJson = () =>
  new Response("<html>oops</html>", {
    status: 200,
    headers: { "content-type": "application/json", "x-auth0-requestid": "req-9" },
  });

describe("responses are what they claim", () => {
  it("a 2xx JSON answer that does not parse is ERR_INVALID_RESPONSE with status, request id and a short excerpt, retried for a GET", async () => {
    const api = scriptedFetch([htmlAsJson(), htmlAsJson(), json({ user_id: "u1" })]);
    await expect(
      request(clientWith(api.fetch), { method: "GET", path: "/users" }),
    ).resolves.toEqual({
      user_id: "u1",
    });
    expect(api.sent).toHaveLength(3);
    const once = scriptedFetch([htmlAsJson()]);
    const error = (await request(clientWith(once.fetch), {
      method: "POST",
      path: "/users",
      body: {},
    }).catch((e: unknown) => e)) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({
      code: "ERR_INVALID_RESPONSE",
      statusCode: 200,
      requestId: "req-9",
    });
    expect(error.message).toContain('"<html>oops</html>"');
    expect(once.sent).toHaveLength(1);
  });

  it("parses the body once, in the transport step: the value travels in the context", async () => {
    const seen: { bodyUsed: boolean; value: unknown }[] = [];
    const observe: Middleware = async (ctx, next) => {
      const response = await next();
      seen.push({ bodyUsed: response.bodyUsed, value: ctx.result?.value });
      return response;
    };
    const api = scriptedFetch([json({ user_id: "u1" })]);
    await expect(
      request(clientWith(api.fetch, [observe]), { method: "GET", path: "/users" }),
    ).resolves.toEqual({ user_id: "u1" });
    expect(seen).toEqual([{ bodyUsed: true, value: { user_id: "u1" } }]);
  });

  it("keeps an empty 2xx body undefined, and reads the answer of a step that answers by itself", async () => {
    const empty = scriptedFetch([
      new Response(null, { status: 200, headers: { "content-type": "application/json" } }),
    ]);
    await expect(
      request(clientWith(empty.fetch), { method: "GET", path: "/x" }),
    ).resolves.toBeUndefined();
    const cached: Middleware = async () => json({ from: "a step" });
    const api = scriptedFetch([json({})]);
    await expect(
      request(clientWith(api.fetch, [cached]), { method: "GET", path: "/x" }),
    ).resolves.toEqual({ from: "a step" });
    expect(api.sent).toHaveLength(0);
  });
});
