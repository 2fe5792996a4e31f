import { describe, expect, it } from "vitest";
import { ManagementClient } from "../../src/compat/index.js";
import {
  ConfigurationError,
  InvalidInputError,
  ManagementApiError,
  ManagementError,
  NetworkError,
  RateLimitError,
  TokenError,
} from "../../src/index.js";
import { CLIENT_ID, CLIENT_SECRET } from "../support/secrets.js";
import { loopbackForSuite, startLoopback } from "./loopback-server.js";
import { viaCallback } from "./support.js";

const server = loopbackForSuite();

const notFound = {
  status: 404,
  headers: {
    "x-auth0-requestid": "req-404",
    "x-ratelimit-limit": "50",
    "x-ratelimit-remaining": "49",
  },
  body: {
    statusCode: 404,
    error: "Not Found",
    message: "The user does not exist.",
    errorCode: "inexistent_user",
  },
};

describe("compat: errors shaped as the classic client's", () => {
  it("a 404 rejects with the classic's name, message and statusCode, and is still a ManagementApiError", async () => {
    server.answer(() => notFound);
    const error = (await server
      .compat()
      .getUser({ id: "auth0|nobody", fields: "email" })
      .catch((e: unknown) => e)) as ManagementApiError & Record<string, unknown>;
    expect(error.name).toBe("Not Found");
    expect(error.message).toBe("The user does not exist.");
    expect(error.statusCode).toBe(404);
    expect(error.requestInfo).toEqual({
      method: "get",
      url: `${server.origin}/api/v2/users/auth0%7Cnobody`,
    });
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error).toBeInstanceOf(Error);
    expect([error.code, error.errorCode, error.requestId, error.rateLimit?.remaining]).toEqual([
      "ERR_API",
      "inexistent_user",
      "req-404",
      49,
    ]);
    expect(error.originalError).toBeInstanceOf(ManagementApiError);
    expect((error.originalError as Error).message).toMatch(/^\[GET\] .*404 Not Found/);
    expect(String(error.stack)).toMatch(/^Not Found: The user does not exist\./);
    const { error: viaCb } = await viaCallback((cb) => server.compat().getUser({ id: "x" }, cb));
    expect([viaCb?.name, viaCb?.message]).toEqual(["Not Found", "The user does not exist."]);
  });

  it("a final 429 is still a RateLimitError; DELETE shows as `del`, as the classic's requestInfo did", async () => {
    server.answer(() => ({
      status: 429,
      headers: { "retry-after": "0" },
      body: {
        statusCode: 429,
        error: "Too Many Requests",
        message: "Global limit has been reached",
      },
    }));
    const error = (await server
      .compat({ retry: { enabled: false } })
      .deleteUser({ id: "auth0|1" })
      .catch((e: unknown) => e)) as RateLimitError & Record<string, unknown>;
    expect(error).toBeInstanceOf(RateLimitError);
    expect([error.name, error.message, error.code]).toEqual([
      "Too Many Requests",
      "Global limit has been reached",
      "ERR_RATE_LIMITED",
    ]);
    expect((error.requestInfo as { method: string }).method).toBe("del");
  });

  it("names an error without Auth0's `error` APIError, and uses the body's JSON as its message", async () => {
    server.answer(() => ({ status: 400, body: { foo: "bar" } }));
    const error = (await server
      .compat()
      .getRules()
      .catch((e: unknown) => e)) as Error;
    expect([error.name, error.message]).toEqual(["APIError", '{"foo":"bar"}']);
  });

  it("never shows the client secret, even when the server echoes it back", async () => {
    server.answer(() => ({
      status: 400,
      body: { error: `bad ${CLIENT_SECRET}`, message: `you sent ${CLIENT_SECRET}` },
    }));
    const management = server.compat({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const error = (await management.getRules().catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("bad [REDACTED]");
    expect(error.message).toBe("you sent [REDACTED]");
    expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
  });

  it("a refused token grant rejects with the OAuth error as its name and /oauth/token as requestInfo", async () => {
    // A client id of its own: the process-wide token of the other tests must not answer for it.
    const management = server.compat({
      clientId: "refused-client",
      clientSecret: CLIENT_SECRET,
      core: {
        fetch: async (input, init) =>
          String(input).endsWith("/oauth/token")
            ? new Response(
                JSON.stringify({ error: "access_denied", error_description: "Unauthorized" }),
                {
                  status: 401,
                  headers: { "content-type": "application/json" },
                },
              )
            : fetch(input, init),
      },
    });
    const error = (await management.getRules().catch((e: unknown) => e)) as TokenError &
      Record<string, unknown>;
    expect(error).toBeInstanceOf(TokenError);
    expect([error.name, error.statusCode]).toEqual(["access_denied", 401]);
    expect(error.requestInfo).toEqual({ method: "post", url: `${server.origin}/oauth/token` });
    expect(server.requests).toHaveLength(0);
  });

  it("a network error has the runtime's error code as statusCode and APIError as name", async () => {
    const closed = await startLoopback();
    const management = closed.compat();
    await closed.close();
    const error = (await management.getRules().catch((e: unknown) => e)) as Error &
      Record<string, unknown>;
    expect(error).toBeInstanceOf(NetworkError);
    expect([error.name, error.statusCode]).toEqual(["APIError", "ECONNREFUSED"]);
    expect(error.requestInfo).toEqual({ method: "get", url: `${closed.origin}/api/v2/rules` });
  });

  it("a bad argument of a call rejects with an InvalidInputError before anything is sent", async () => {
    const management = server.compat();
    await expect(management.getUser({} as { id: string })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(management.linkUsers("", { provider: "auth0" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe("compat: argument errors of the constructor, under the classic's conditions", () => {
  const credentials = {
    domain: "tenant.example.com",
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  };
  const refused: [string, unknown][] = [
    ["options that are not an object", undefined],
    ["options that are a string", "tenant.example.com"],
    ["no domain", { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
    ["an empty domain", { ...credentials, domain: "" }],
    ["an empty token", { domain: "tenant.example.com", token: "" }],
    ["no clientId without a token", { domain: "tenant.example.com", clientSecret: CLIENT_SECRET }],
    ["no clientSecret without a token", { domain: "tenant.example.com", clientId: CLIENT_ID }],
    ["a scope that is not a string", { ...credentials, scope: ["read:users"] }],
    ["a non-boolean enableCache", { ...credentials, tokenProvider: { enableCache: "yes" } }],
    ["a cacheTTLInSeconds of 0", { ...credentials, tokenProvider: { cacheTTLInSeconds: 0 } }],
    ["a negative cacheTTLInSeconds", { ...credentials, tokenProvider: { cacheTTLInSeconds: -1 } }],
    [
      "a non-number cacheTTLInSeconds",
      { ...credentials, tokenProvider: { cacheTTLInSeconds: "10" } },
    ],
    ["a non-boolean retry.enabled", { ...credentials, retry: { enabled: 1 } }],
    ["a maxRetries of 0", { ...credentials, retry: { maxRetries: 0 } }],
    ["a negative maxRetries", { ...credentials, retry: { maxRetries: -1 } }],
    ["a proxy, which needs Node's HTTP stack", { ...credentials, proxy: "http://proxy:3128" }],
  ];

  it.each(refused)("throws an ArgumentError for %s", async (_, options) => {
    const { ArgumentError } = await import("../../src/compat/index.js");
    let thrown: unknown;
    try {
      new ManagementClient(options as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ArgumentError);
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect(thrown).toBeInstanceOf(ManagementError);
    expect((thrown as Error).name).toBe("ArgumentError");
    expect(JSON.stringify((thrown as Error).message)).not.toContain(CLIENT_SECRET);
  });

  it("accepts what the classic accepted: a cache switched off ignores its TTL, a token ignores the credentials", () => {
    expect(
      () =>
        new ManagementClient({
          ...credentials,
          tokenProvider: { enableCache: false, cacheTTLInSeconds: -5 },
        }),
    ).not.toThrow();
    expect(
      () =>
        new ManagementClient({ domain: "tenant.example.com", token: "t", clientId: 5 as never }),
    ).not.toThrow();
  });
});
