import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createManagementClient,
  InvalidResponseError,
  ManagementApiError,
  type ManagementError,
  NetworkError,
  RateLimitError,
  request,
  TokenError,
} from "../../src/index.js";
import {
  type ChaosServer,
  expectNoCanary,
  type Handler,
  rejectionOf,
  sendJson,
  startChaosServer,
} from "./server.js";

/** The canary secret: no error may ever show it, nor any token the server issued. */
const SECRET = "canary-secret-5d1f0b7e9c";
const METHODS = ["GET", "PUT", "DELETE", "POST", "PATCH"] as const;
type Method = (typeof METHODS)[number];
const IDEMPOTENT = new Set<Method>(["GET", "PUT", "DELETE"]);
/** Attempts a replayable call makes against a fault that never clears: 1 + maxRetries. */
const ALL_ATTEMPTS = 3;

let api: ChaosServer;
let elsewhere: ChaosServer;
const issued: string[] = [];
/** Per client id: how /oauth/token misbehaves for it. */
const tokenFaults = new Map<string, Handler>();

beforeAll(async () => {
  api = await startChaosServer();
  elsewhere = await startChaosServer();
  elsewhere.route("/", (_req, res) => sendJson(res, 200, { reached: "the wrong server" }));
  api.route("/oauth/token", (req, res, body) => {
    const clientId = String(JSON.parse(body).client_id);
    const fault = tokenFaults.get(clientId);
    if (fault) return fault(req, res, body);
    const token = `canary-token-${clientId}-${issued.length}`;
    issued.push(token);
    sendJson(res, 200, { access_token: token, token_type: "Bearer", expires_in: 3600 });
  });
});
afterAll(async () => {
  await api.close();
  await elsewhere.close();
});

let cases = 0;
/**
 * A case of its own: a path prefix and a client id (so a budget and gates) of its own.
 * Attempts time out after 2 s, so that a busy machine cannot turn an answer into a time-out;
 * the cases about time-outs ask for 250 ms, to stay quick.
 */
function newCase(attemptTimeoutMs = 2_000) {
  const n = ++cases;
  const clientId = `chaos-${n}`;
  const prefix = `/api/v2/case-${n}`;
  const client = createManagementClient({
    domain: api.origin,
    allowInsecureLocalhost: true,
    clientId,
    clientSecret: SECRET,
    retry: { maxRetries: ALL_ATTEMPTS - 1, baseDelayMs: 5, maxDelayMs: 100 },
    attemptTimeoutMs,
    timeoutMs: 20_000,
  });
  const call = (method: Method) =>
    request(client, {
      method,
      path: `/case-${n}`,
      ...(method === "GET" || method === "DELETE" ? {} : { body: { name: "chaos" } }),
    });
  const grants = () =>
    api.received.filter((r) => r.path === "/oauth/token" && r.body.includes(`"${clientId}"`))
      .length;
  return { n, clientId, prefix, client, call, grants };
}

const canaries = () => [SECRET, ...issued];

async function failure(promise: Promise<unknown>): Promise<ManagementError> {
  const error = (await rejectionOf(promise)) as ManagementError;
  expectNoCanary(error, canaries());
  return error;
}

const unavailable = (res: ServerResponse) =>
  sendJson(res, 503, { statusCode: 503, error: "Service Unavailable", message: "down" });

describe.each(METHODS)("chaos on a real loopback server: %s", (method) => {
  const replayable = IDEMPOTENT.has(method);
  const attempts = replayable ? ALL_ATTEMPTS : 1;

  it(`a 503 storm: ${replayable ? "retried, then" : "never replayed,"} an ERR_API error`, async () => {
    const c = newCase();
    api.route(c.prefix, (_req, res) => unavailable(res));
    const error = await failure(c.call(method));
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error).toMatchObject({ code: "ERR_API", statusCode: 503, attempts });
    expect(api.count(c.prefix)).toBe(attempts);
  });

  it("a 500 then a 200", async () => {
    const c = newCase();
    let seen = 0;
    api.route(c.prefix, (_req, res) =>
      ++seen === 1 ? sendJson(res, 500, { message: "oops" }) : sendJson(res, 200, { ok: true }),
    );
    if (replayable) {
      await expect(c.call(method)).resolves.toEqual({ ok: true });
      expect(api.count(c.prefix)).toBe(2);
    } else {
      const error = await failure(c.call(method));
      expect(error).toMatchObject({ code: "ERR_API", statusCode: 500 });
      expect(api.count(c.prefix)).toBe(1);
    }
  });

  it("a 429 storm with Retry-After: 0 is retried for every method, each wait floored by backoff", async () => {
    const c = newCase();
    api.route(c.prefix, (_req, res) =>
      sendJson(res, 429, { message: "slow down" }, { "retry-after": "0" }),
    );
    const error = await failure(c.call(method));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.code).toBe("ERR_RATE_LIMITED");
    expect(api.count(c.prefix)).toBe(ALL_ATTEMPTS);
    // Two waits of at least half of 5 and 10 ms: never zero, whatever the hint said.
    expect(error.totalRetryDelayMs).toBeGreaterThanOrEqual(2 + 5);
  });

  it("a connection reset before the answer", async () => {
    const c = newCase();
    api.route(c.prefix, (req) => req.socket.destroy());
    const error = await failure(c.call(method));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe("ERR_NETWORK");
    expect(api.count(c.prefix)).toBe(attempts);
  });

  it("a connection reset in the middle of the body", async () => {
    const c = newCase();
    api.route(c.prefix, (req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"user_id":"auth0|');
      setTimeout(() => req.socket.destroy(), 10);
    });
    const error = await failure(c.call(method));
    expect(error).toBeInstanceOf(NetworkError);
    expect(api.count(c.prefix)).toBe(attempts);
  });

  it.each([
    ["a truncated JSON body", '{"user_id":"auth0|12'],
    ["an HTML page", "<html><body>Bad gateway</body></html>"],
    ["garbage", "\u0000\u0001garbage"],
  ])("a 200 that says JSON but sends %s is ERR_INVALID_RESPONSE", async (_what, body) => {
    const c = newCase();
    api.route(c.prefix, (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-auth0-requestid": "req-7" });
      res.end(body);
    });
    const error = await failure(c.call(method));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({
      code: "ERR_INVALID_RESPONSE",
      statusCode: 200,
      requestId: "req-7",
    });
    expect(api.count(c.prefix)).toBe(attempts);
  });

  it("an empty 200 resolves to undefined", async () => {
    const c = newCase();
    api.route(c.prefix, (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end();
    });
    await expect(c.call(method)).resolves.toBeUndefined();
    expect(api.count(c.prefix)).toBe(1);
  });

  it("a server that stalls: each attempt times out", async () => {
    const c = newCase(250);
    api.route(c.prefix, () => {});
    const error = await failure(c.call(method));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain("no answer within 250 ms");
    expect(api.count(c.prefix)).toBe(attempts);
  });

  it("a body that trickles past the attempt's time-out", async () => {
    const c = newCase(250);
    api.route(c.prefix, (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      const timer = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(timer));
    });
    const error = await failure(c.call(method));
    expect(error).toBeInstanceOf(NetworkError);
    expect(api.count(c.prefix)).toBe(attempts);
  });

  it("a redirect to a second server is not followed: that server receives nothing", async () => {
    const c = newCase();
    const before = elsewhere.received.length;
    api.route(c.prefix, (_req, res) => {
      res.writeHead(307, { location: `${elsewhere.origin}/api/v2/steal` });
      res.end();
    });
    const error = await failure(c.call(method));
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error).toMatchObject({ code: "ERR_API", statusCode: 307 });
    expect(api.count(c.prefix)).toBe(1);
    expect(elsewhere.received.length).toBe(before);
  });

  it("an error answer that echoes the bearer token and the secret shows neither", async () => {
    const c = newCase();
    api.route(c.prefix, (req, res, body) =>
      sendJson(
        res,
        400,
        {
          statusCode: 400,
          error: `Bad Request ${req.headers.authorization}`,
          errorCode: `echo ${SECRET}`,
          message: `Invalid token ${req.headers.authorization} for body ${body} and ${SECRET}`,
          echo: { deep: [{ authorization: req.headers.authorization, secret: SECRET }] },
        },
        { "x-echo": String(req.headers.authorization), "x-secret": SECRET },
      ),
    );
    const error = await failure(c.call(method));
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error).toMatchObject({ code: "ERR_API", statusCode: 400 });
    expect(error.message).toContain("[REDACTED]");
    expect(api.count(c.prefix)).toBe(1);
  });

  it("a token endpoint in a 503 storm: a TokenError, and the API is never called", async () => {
    const c = newCase();
    tokenFaults.set(c.clientId, (_req, res) => unavailable(res));
    const error = await failure(c.call(method));
    expect(error).toBeInstanceOf(TokenError);
    expect(error.code).toBe("ERR_TOKEN");
    expect(c.grants()).toBe(ALL_ATTEMPTS);
    expect(api.count(c.prefix)).toBe(0);
  });

  it("a token endpoint that echoes the secret in its refusal", async () => {
    const c = newCase();
    tokenFaults.set(c.clientId, (_req, res, body) =>
      sendJson(res, 401, {
        error: `access_denied ${SECRET}`,
        error_description: `Unauthorized: ${body}`,
      }),
    );
    const error = await failure(c.call(method));
    expect(error).toBeInstanceOf(TokenError);
    expect(error).toMatchObject({ code: "ERR_TOKEN", statusCode: 401 });
    expect(c.grants()).toBe(1);
    expect(api.count(c.prefix)).toBe(0);
  });

  it("a token endpoint that grants a token with CR LF: refused, not kept, granted again next call", async () => {
    const c = newCase();
    const bad = `canary-token-crlf-${c.n}\r\nX-Injected: 1`;
    issued.push(bad, `canary-token-crlf-${c.n}`);
    tokenFaults.set(c.clientId, (_req, res) =>
      sendJson(res, 200, { access_token: bad, token_type: "Bearer", expires_in: 86_400 }),
    );
    for (let call = 1; call <= 2; call++) {
      const error = await failure(c.call(method));
      expect(error).toBeInstanceOf(TokenError);
      expect(c.grants()).toBe(call);
    }
    expect(api.count(c.prefix)).toBe(0);
  });

  it("a token endpoint that answers invalid JSON", async () => {
    const c = newCase();
    tokenFaults.set(c.clientId, (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"access_token":"canary-tok');
    });
    const error = await failure(c.call(method));
    expect(error).toBeInstanceOf(TokenError);
    expect(error.cause).toBeInstanceOf(InvalidResponseError);
    expect(c.grants()).toBe(ALL_ATTEMPTS);
    expect(api.count(c.prefix)).toBe(0);
  });
});
