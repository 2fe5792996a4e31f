import { describe, expect, it } from "vitest";
import { request } from "../../src/index.js";
import type { AnyOperationEntry } from "../../src/operation.js";
import type { Interaction } from "./cassettes.js";
import { expectedBody, rebuildInput } from "./input.js";
import { matchRoute, routesOf } from "./match.js";
import { replay } from "./replay.js";
import type { OperationSpec } from "./spec.js";

const HOST = "https://go-auth0-dev.eu.auth0.com/api/v2";

function recorded(overrides: Omit<Partial<Interaction>, "url"> & { url: string }): Interaction {
  return {
    index: 0,
    method: "GET",
    body: "",
    contentType: "application/json",
    status: 200,
    responseBody: '{"user_id":"auth0|1"}',
    responseContentType: "application/json; charset=utf-8",
    ...overrides,
    url: new URL(`${HOST}${overrides.url}`),
  };
}

/** An operation that sends whatever `send` asks for, to show what the replay catches. */
function operation(
  send: (input: Record<string, unknown>) => Parameters<typeof request>[1],
): AnyOperationEntry {
  return {
    method: "GET",
    path: "/",
    params: {},
    operationId: "test",
    group: "test",
    name: "test",
    scopes: [],
    lifecycle: null,
    pagination: null,
    call: (client, input) => request(client, send((input ?? {}) as Record<string, unknown>)),
  };
}

const spec: OperationSpec = {
  query: new Map([
    ["include_totals", { kind: "boolean", itemKind: "string" }],
    ["per_page", { kind: "integer", itemKind: "string" }],
    ["identifiers", { kind: "array", itemKind: "string" }],
  ]),
  bodyTypes: ["application/json"],
  multipartFields: new Map(),
};

describe("the conformance replay", () => {
  it("matches the most literal template and decodes path parameters", () => {
    const routes = routesOf({
      a: { method: "GET", path: "/users/{id}/{kind}" },
      b: { method: "GET", path: "/users/{id}/roles" },
    });
    const match = matchRoute(routes, "GET", new URL(`${HOST}/users/auth0%7C1/roles`));
    expect(match?.route.operationId).toBe("b");
    expect(match?.params).toEqual({ id: "auth0|1" });
    expect(matchRoute(routes, "POST", new URL(`${HOST}/users/auth0%7C1/roles`))).toBeUndefined();
  });

  it("types query parameters as the document declares them and keeps undeclared ones", async () => {
    const interaction = recorded({ url: "/x?include_totals=true&per_page=50&identifiers=a&q=1" });
    const match = matchRoute(
      routesOf({ x: { method: "GET", path: "/x" } }),
      "GET",
      interaction.url,
    );
    if (match === undefined) expect.fail("/x does not match its own template");
    const rebuilt = await rebuildInput(interaction, match, spec);
    expect(rebuilt.input).toEqual({
      include_totals: true,
      per_page: 50,
      identifiers: ["a"],
      q: "1",
    });
    expect(rebuilt.undeclared).toEqual(["q"]);
  });

  it("expects no body where Go sent `null` or `{}` to an operation that takes none", () => {
    const post = recorded({ method: "POST", url: "/x/rotate", body: "null\n" });
    expect(expectedBody(post, { ...spec, bodyTypes: [] })).toBe("");
    expect(expectedBody(post, spec)).toBe("null");
    expect(
      expectedBody({ ...post, method: "DELETE", body: "{}" }, { ...spec, bodyTypes: [] }),
    ).toBeUndefined();
    expect(expectedBody({ ...post, method: "GET" }, spec)).toBeUndefined();
  });

  it("passes a request equal to the recording, query order aside", async () => {
    const interaction = recorded({ url: "/users/auth0%7C1?b=2&a=1" });
    const send = () => ({
      method: "GET" as const,
      path: "/users/{id}",
      params: { id: "auth0|1" },
      query: { a: 1, b: 2 },
    });
    expect(await replay(interaction, operation(send), {}, undefined)).toEqual([]);
  });

  it("reports a different path, query or JSON body", async () => {
    const interaction = recorded({ method: "POST", url: "/users/1?a=1", body: '{"name":"x"}' });
    const send = () => ({
      method: "POST" as const,
      path: "/users/2",
      query: { a: [1, 1] },
      body: { name: "y" },
    });
    const problems = await replay(interaction, operation(send), {}, interaction.body);
    expect(problems).toEqual([
      "path: sent /api/v2/users/2",
      'query: sent [["a","1"],["a","1"]], recorded [["a","1"]]',
      'body: sent {"name":"y"}, recorded {"name":"x"}',
    ]);
  });

  it("reports a string body sent raw where the recording has JSON", async () => {
    const interaction = recorded({ method: "PUT", url: "/t", body: '"<html>"' });
    const send = () => ({ method: "PUT" as const, path: "/t", body: "<html>" });
    const problems = await replay(interaction, operation(send), {}, interaction.body);
    expect(problems).toEqual(["body: sent with Content-Type (none), not application/json"]);
  });

  it("expects a recorded 4xx to throw ManagementApiError with its statusCode and errorCode", async () => {
    const interaction = recorded({
      url: "/users/1",
      status: 404,
      responseBody:
        '{"statusCode":404,"error":"Not Found","message":"The user does not exist.","errorCode":"inexistent_user"}',
    });
    const send = () => ({ method: "GET" as const, path: "/users/1" });
    expect(await replay(interaction, operation(send), {}, undefined)).toEqual([]);
    const swallowing: AnyOperationEntry = { ...operation(send), call: async () => undefined };
    expect(await replay(interaction, swallowing, {}, undefined)).toEqual([
      "answer: resolved for a recorded 404",
      "sent 0 requests, not 1",
    ]);
  });
});
