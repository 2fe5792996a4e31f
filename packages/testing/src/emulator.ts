import { handleApiRequest } from "./api";
import { createAssertionVerifier } from "./client-assertion";
import { resolveConfig } from "./config";
import { routeNotFound } from "./errors";
import { createEventLog } from "./event-log";
import { createFaultQueue } from "./faults";
import { apiRoutes } from "./handlers";
import { apiContentType, defaultErrorBody, errorResponse, jsonResponse } from "./http";
import { createLogIdSequence, requestId } from "./ids";
import { createLogWriter } from "./log-events";
import { handleTokenRequest } from "./oauth-token";
import { createRateLimiter } from "./rate-limit";
import { serveExport } from "./resources/users-exports";
import { createRouter } from "./router";
import { applySeed } from "./seed";
import { createState, resetState } from "./state";
import { createTokenAuthority } from "./tokens";
import type { Auth0Emulator, Auth0EmulatorOptions, ServedRequest, StatusFault } from "./types";

/** Query parameters whose values never reach the request log. */
const secretParams = new Set(["client_secret", "client_assertion", "access_token", "password"]);
const nullBodyStatuses = new Set([101, 204, 205, 304]);

function kindOf(path: string): ServedRequest["kind"] {
  if (path === "/oauth/token") return "token";
  return path === "/api/v2" || path.startsWith("/api/v2/") ? "api" : "other";
}

function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

function faultResponse(fault: StatusFault, kind: ServedRequest["kind"]) {
  const body = nullBodyStatuses.has(fault.status)
    ? undefined
    : (fault.body ?? defaultErrorBody(fault.status));
  const contentType = kind === "token" ? "application/json" : apiContentType;
  return jsonResponse(fault.status, body, fault.headers ?? {}, contentType);
}

/** Writes `user.created`, `user.updated` and `user.deleted` to the event stream after a user's change succeeded. */
async function recordUserEvent(
  events: ReturnType<typeof createEventLog>,
  method: string,
  path: string,
  response: Response,
): Promise<void> {
  const match = /^\/api\/v2\/users(?:\/([^/]+))?$/.exec(path);
  const type = { POST: "user.created", PATCH: "user.updated", DELETE: "user.deleted" }[method];
  if (!match || !type || !response.ok || (method === "POST") === (match[1] !== undefined)) return;
  const object =
    method === "DELETE"
      ? { user_id: decodeURIComponent(match[1]!) }
      : await response.clone().json();
  events.append(type, object);
}

/**
 * Creates a stateful Auth0 tenant (token endpoint, users, roles, logs) that answers
 * through a plain `fetch` function, so it runs unchanged on Node, Deno, Bun and workerd.
 * Exported from `@auth0-edge/testing` (also as `@auth0-edge/testing/core`).
 *
 * Creating one does no I/O, makes no random ids and no keys: the tenant is built on the
 * first request or the first read of its state. So it can be created at a Worker's module
 * scope, where workerd forbids randomness and crypto until a request arrives.
 *
 * @example
 * ```ts
 * import { createAuth0Emulator } from "@auth0-edge/testing/core";
 *
 * const emulator = createAuth0Emulator({ domain: "tenant.example.auth0.com", clientId: "abc", clientSecret: "s3cret" });
 * const client = createManagementClient({ domain: emulator.domain, clientId: "abc", clientSecret: "s3cret", fetch: emulator.fetch });
 * ```
 */
export function createAuth0Emulator(options: Auth0EmulatorOptions): Auth0Emulator {
  const config = resolveConfig(options);
  // Pure (no randomness or I/O), so it checks its options here, at creation.
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit, config.now) : undefined;
  let built: Auth0Emulator | undefined;
  const tenant = () => {
    built ??= buildEmulator(options, config, limiter);
    return built;
  };
  return {
    domain: config.domain,
    audience: config.audience,
    fetch: (input, init) => tenant().fetch(input, init),
    get requests() {
      return tenant().requests;
    },
    get tokenGrants() {
      return tenant().tokenGrants;
    },
    get state() {
      return tenant().state;
    },
    revokeIssuedTokens: () => tenant().revokeIssuedTokens(),
    failNext: (fault) => tenant().failNext(fault),
    reset: () => tenant().reset(),
  };
}

function buildEmulator(
  options: Auth0EmulatorOptions,
  config: ReturnType<typeof resolveConfig>,
  limiter: ReturnType<typeof createRateLimiter> | undefined,
): Auth0Emulator {
  const state = createState(config);
  const logIds = createLogIdSequence();
  const logs = createLogWriter(state, logIds, config.now, config.domain);
  const tokens = createTokenAuthority({
    issuer: config.issuer,
    audience: config.audience,
    lifetimeSeconds: config.tokenLifetimeSeconds,
    now: config.now,
  });
  const assertions = createAssertionVerifier({ domain: config.domain, now: config.now });
  const faults = createFaultQueue();
  const events = createEventLog(config.domain, config.now);
  const router = createRouter(apiRoutes);
  const requests: ServedRequest[] = [];
  let grants = 0;

  const route = async (request: Request, url: URL, kind: ServedRequest["kind"]) => {
    if (url.origin === config.exportsOrigin && url.pathname.startsWith("/user-exports/")) {
      return serveExport(request, url, state);
    }
    if (kind === "api") {
      const response = await handleApiRequest(request, url, {
        config,
        state,
        tokens,
        logs,
        events,
        router,
        limiter,
      });
      await recordUserEvent(events, request.method, url.pathname, response);
      return response;
    }
    if (kind === "token" && request.method === "POST") {
      return handleTokenRequest(request, {
        config,
        tokens,
        assertions,
        logs,
        onGrant: () => grants++,
      });
    }
    if (url.pathname === "/.well-known/jwks.json" && request.method === "GET") {
      return jsonResponse(200, await tokens.jwks());
    }
    return errorResponse(routeNotFound());
  };

  async function emulatorFetch(
    input: Request | string | URL,
    init?: RequestInit,
  ): Promise<Response> {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.host !== config.domain && url.origin !== config.exportsOrigin) {
      throw new TypeError(`fetch failed: the Auth0 emulator only serves ${config.domain}`);
    }
    if (request.signal.aborted) throw request.signal.reason;
    const kind = kindOf(url.pathname);
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) {
      query[name] = secretParams.has(name) ? "[REDACTED]" : value;
    }
    const logged = new URL(url.pathname, url);
    for (const [name, value] of Object.entries(query)) logged.searchParams.append(name, value);
    const entry: ServedRequest = {
      method: request.method,
      url: logged.href,
      path: url.pathname,
      query,
      status: 0,
      kind,
      at: config.now(),
    };
    requests.push(entry);

    const fault = faults.take(request.method, url.pathname, kind);
    if (fault !== undefined && "networkError" in fault) throw new TypeError("fetch failed");
    if (fault !== undefined && "hang" in fault) return hang(request.signal);
    const response =
      fault !== undefined ? faultResponse(fault, kind) : await route(request, url, kind);
    if (!response.headers.has("x-auth0-requestid"))
      response.headers.set("x-auth0-requestid", requestId());
    entry.status = response.status;
    return response;
  }

  const emulator: Auth0Emulator = {
    domain: config.domain,
    audience: config.audience,
    fetch: emulatorFetch,
    get requests() {
      return requests;
    },
    get tokenGrants() {
      return grants;
    },
    state,
    revokeIssuedTokens: () => tokens.revokeIssued(),
    failNext: (fault) => faults.add(fault),
    reset() {
      resetState(state, config);
      events.clear();
      logIds.reset();
      requests.length = 0;
      grants = 0;
      faults.clear();
      limiter?.reset();
      assertions.reset();
      tokens.reset();
      applySeed(state, options.seed ?? {}, config, logs);
    },
  };
  applySeed(state, options.seed ?? {}, config, logs);
  return emulator;
}
