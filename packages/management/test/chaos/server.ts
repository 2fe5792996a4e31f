import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { expect } from "vitest";

/** What one received request looked like. */
export interface Received {
  method: string;
  path: string;
  search: string;
  authorization: string | undefined;
  body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/**
 * A real HTTP server on 127.0.0.1 whose behaviour each case scripts (one handler per
 * path prefix) and which records every request it receives.
 */
export interface ChaosServer {
  origin: string;
  received: Received[];
  /** Requests received under `prefix` (e.g. "/api/v2/case-3"). */
  count(prefix: string): number;
  route(prefix: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startChaosServer(): Promise<ChaosServer> {
  const received: Received[] = [];
  const routes: [string, Handler][] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({
        method: req.method ?? "",
        path: url.pathname,
        search: url.search,
        authorization: req.headers.authorization,
        body,
      });
      const route = routes.find(([prefix]) => url.pathname.startsWith(prefix));
      if (!route) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ statusCode: 404, error: "Not Found", message: "no such case" }));
        return;
      }
      route[1](req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    count: (prefix) => received.filter((r) => r.path.startsWith(prefix)).length,
    route: (prefix, handler) => {
      routes.unshift([prefix, handler]);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Every string reachable from `value`: own properties at any depth, non-enumerable ones and the cause chain included. */
function strings(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === "string") out.push(value);
  if (typeof value !== "object" || value === null || seen.has(value)) return out;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    out.push(String(key));
    strings((value as Record<PropertyKey, unknown>)[key], out, seen);
  }
  return out;
}

/**
 * Scans an error the way a user or a logger may see it — message, every field at any
 * depth, the cause chain, `toJSON()`, `toString()` and `util.inspect` — and fails if any
 * canary (a secret, a token) shows.
 */
export function expectNoCanary(error: unknown, canaries: readonly string[]): void {
  const views = [
    ...strings(error),
    String(error),
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    views.push(String(e), e.stack ?? "");
    try {
      views.push(JSON.stringify(e) ?? "");
    } catch {
      // A cycle: inspect above covered it.
    }
  }
  for (const canary of canaries) {
    const hits = views.filter((v) => v.includes(canary));
    expect(hits, `canary ${canary} leaked`).toEqual([]);
  }
}

/** The rejection of `promise` (which must reject). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}
