import { beforeAll, describe, expect, it } from "vitest";
import surface from "../../data/classic-surface.json" with { type: "json" };
import { ManagementClient } from "../../src/compat/index.js";
import { type CallCase, callCases, callOn } from "./classic-calls.js";
import { type Loopback, loopbackForSuite } from "./loopback-server.js";

const server = loopbackForSuite();
let management: ManagementClient;
beforeAll(() => {
  management = server.compat();
});

/** Path values with a character that must be percent-encoded. */
const { managerCases, flatCases } = callCases((key) => `auth0|${key}`);

/** The v2.44.1 flat methods: the data file also lists the seed era's createRules and getClientInfo. */
const flatOf2441 = surface.flatMethods.filter(
  (f) => f.removedIn === null && f.method !== "createRules",
);
const seen = (requests: Loopback["requests"]) =>
  requests.map(({ method, path, query, body }) => ({ method, path, query, body }));

async function sends(c: CallCase, style: "promise" | "callback") {
  server.reset();
  if (c.answer) server.answer(c.answer);
  const result = await callOn(management, c.on, c.args(), style);
  expect(seen(server.requests), style).toEqual(c.expected);
  expect(result, style).toEqual(c.resolves);
}

describe("compat conformance: the classic surface, row by row from data/classic-surface.json", () => {
  it("has the whole v2.44.1 surface in the table: 29 managers, 189 manager methods, 140 flat methods", () => {
    expect(surface.managers).toHaveLength(29);
    expect(surface.managerMethods).toHaveLength(189);
    expect(flatOf2441).toHaveLength(140);
    expect(managerCases).toHaveLength(189);
    // Every flat method but getAccessToken (no request) and getClientInfo (no request) has a case.
    expect(flatCases).toHaveLength(surface.flatMethods.length - 2);
  });

  it("matches the live client both ways: every manager, method and flat method, and nothing else", () => {
    expect(Object.keys(management)).toEqual([
      "tokenProvider",
      ...surface.managers.map((m) => m.name),
    ]);
    const live = management as unknown as Record<string, Record<string, unknown>>;
    for (const { name } of surface.managers) {
      const methods = surface.managerMethods.filter((m) => m.manager === name).map((m) => m.method);
      expect(Object.keys(live[name]!).sort(), name).toEqual(methods.sort());
      for (const method of methods)
        expect(typeof live[name]![method], `${name}.${method}`).toBe("function");
    }
    const prototype = Object.getOwnPropertyNames(ManagementClient.prototype).filter(
      (n) => n !== "constructor",
    );
    expect(prototype.sort()).toEqual(surface.flatMethods.map((f) => f.method).sort());
  });

  it.each(managerCases.map((c) => [c.label, c] as const))(
    "%s sends the classic's request, with a promise and with a callback",
    async (_, c) => {
      await sends(c, "promise");
      await sends(c, "callback");
    },
  );

  it.each(flatCases.map((c) => [c.label, c] as const))(
    "%s sends the same request as its manager method, with a promise and with a callback",
    async (_, c) => {
      await sends(c, "promise");
      await sends(c, "callback");
    },
  );

  it("getAccessToken and getClientInfo send no API request", async () => {
    expect(await management.getAccessToken()).toBe("loopback-static-token");
    expect(management.getClientInfo().name).toBe("auth0-edge-management");
    expect(server.requests).toHaveLength(0);
  });
});
