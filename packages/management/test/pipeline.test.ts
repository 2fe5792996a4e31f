import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createManagementClient,
  type Middleware,
  request,
} from "../src/index.js";
import { compose } from "../src/pipeline.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { DOMAIN } from "./support/secrets.js";

function recorder(name: string, log: string[]): Middleware {
  return async (ctx, next) => {
    log.push(
      `${name}:${ctx.headers.has("authorization") ? "auth" : "no-auth"}:attempt${ctx.attempt}`,
    );
    return next();
  };
}

describe("the pipeline", () => {
  it("runs user steps where they are placed among the built-in steps", async () => {
    const log: string[] = [];
    const api = scriptedFetch([json({ statusCode: 503 }, 503), json({})]);
    const client = createManagementClient({
      domain: DOMAIN,
      token: "t",
      fetch: api.fetch,
      retry: { baseDelayMs: 0 },
      middleware: [
        { name: "outer", middleware: recorder("before-retry", log), before: "retry" },
        { name: "default", middleware: recorder("default", log) },
        { name: "wire", middleware: recorder("before-transport", log), before: "transport" },
      ],
    });
    await request(client, { method: "GET", path: "/users" });
    expect(log).toEqual([
      "before-retry:no-auth:attempt1",
      "default:no-auth:attempt1",
      "before-transport:auth:attempt1",
      "default:no-auth:attempt2",
      "before-transport:auth:attempt2",
    ]);
  });

  it("puts the token on the call's headers for each attempt only: a step before auth finds none there once next() settles", async () => {
    const seen: string[] = [];
    const before: Middleware = async (ctx, next) => {
      try {
        return await next();
      } finally {
        seen.push(`${ctx.attempt}:${ctx.headers.get("authorization") ?? "none"}`);
      }
    };
    const reset = () => {
      throw new TypeError("fetch failed");
    };
    const api = scriptedFetch([json({ statusCode: 503 }, 503), reset, json({})]);
    const client = createManagementClient({
      domain: DOMAIN,
      token: "the-token",
      fetch: api.fetch,
      retry: { baseDelayMs: 0 },
      middleware: [{ middleware: before }],
    });
    await request(client, { method: "GET", path: "/users" });
    // Each attempt was sent with the token (answered, failed, answered), and after each
    // the headers the steps before auth hold are back as they were.
    expect(api.sent.map((call) => call.headers.get("authorization"))).toEqual([
      "Bearer the-token",
      "Bearer the-token",
      "Bearer the-token",
    ]);
    expect(seen).toEqual(["1:none", "2:none", "3:none"]);
  });

  it("lets a user step answer without reaching the network", async () => {
    const api = scriptedFetch([json({ from: "network" })]);
    const client = createManagementClient({
      domain: DOMAIN,
      token: "t",
      fetch: api.fetch,
      middleware: [{ middleware: async () => json({ from: "cache" }), after: "telemetry" }],
    });
    await expect(request(client, { method: "GET", path: "/users" })).resolves.toEqual({
      from: "cache",
    });
    expect(api.sent).toHaveLength(0);
  });

  it("refuses a step placed after the transport, which would never run, when the client is made", () => {
    const place = (placement: object) => () =>
      createManagementClient({
        domain: DOMAIN,
        token: "t",
        middleware: [{ name: "late", middleware: (_c, next) => next(), ...placement }],
      });
    expect(place({ after: "transport" as never })).toThrow(ConfigurationError);
    expect(place({ after: "transport" as never })).toThrow(/"late".*not after `transport`/);
    // Right before it is fine.
    expect(place({ before: "transport" })).not.toThrow();
    expect(place({ after: "auth" })).not.toThrow();
  });

  it("takes a step that answers at once or throws as if it were async", async () => {
    const answers = compose([
      { name: "passes", middleware: (_ctx, next) => next() },
      { name: "at once", middleware: (() => new Response("now")) as unknown as Middleware },
    ]);
    await expect(answers({} as never).then((r) => r.text())).resolves.toBe("now");
    const throws = compose([
      {
        name: "throws",
        middleware: () => {
          throw new Error("thrown, not rejected");
        },
      },
    ]);
    const run = throws({} as never);
    expect(run).toBeInstanceOf(Promise);
    await expect(run).rejects.toThrow("thrown, not rejected");
  });

  it("refuses a second next() while the first is still pending", async () => {
    const run = compose([
      { name: "twice", middleware: (_ctx, next) => Promise.all([next(), next()]).then(([r]) => r) },
      { name: "end", middleware: async () => new Response("x") },
    ]);
    await expect(run({} as never)).rejects.toThrow(
      /called next\(\) while its previous call was pending/,
    );
  });

  it("allows next() again once the previous call settled, which is how retries work", async () => {
    let calls = 0;
    const run = compose([
      {
        name: "again",
        middleware: async (_ctx, next) => {
          await next();
          return next();
        },
      },
      { name: "end", middleware: async () => new Response(String(++calls)) },
    ]);
    expect(await (await run({} as never)).text()).toBe("2");
  });
});
