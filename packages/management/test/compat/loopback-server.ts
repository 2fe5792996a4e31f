import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { ManagementClient, type ManagementClientOptions } from "../../src/compat/index.js";

/** One request as the loopback server received it. */
export interface Recorded {
  method: string;
  /** The path as sent (percent-encoded), without `/api/v2`. */
  path: string;
  /** Each query key with its value, or its values when the key repeats. */
  query: Record<string, string | string[]>;
  /** JSON as parsed, a multipart form as an object of its fields (files as text), or `undefined`. */
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

async function bodyOf(raw: Buffer, type: string | undefined): Promise<unknown> {
  if (raw.length === 0) return undefined;
  if (type?.startsWith("multipart/form-data")) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { "content-type": type },
    }).formData();
    const fields: Record<string, string> = {};
    for (const [name, value] of form) {
      fields[name] = typeof value === "string" ? value : await value.text();
    }
    return fields;
  }
  const text = raw.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A real HTTP server on 127.0.0.1 that records every Management API request and answers
 * with what `answer` says (by default 200 and `{ "ok": true }`), and grants tokens on
 * `/oauth/token`. With `tls`, it also listens for HTTPS on a second port: both listeners
 * record into the same list, so a client that can only speak HTTPS (the classic SDK) and
 * one that speaks HTTP to loopback are compared on one record.
 */
export async function startLoopback(tls?: { key: string; cert: string }) {
  const requests: Recorded[] = [];
  const grants: Recorded[] = [];
  let answer: (request: Recorded) => Answer | undefined = () => undefined;
  const handle = async (req: IncomingMessage, res: import("node:http").ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://loopback");
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0]! : values;
    }
    const recorded: Recorded = {
      method: req.method ?? "",
      path: url.pathname.replace(/^\/api\/v2/, ""),
      query,
      body: await bodyOf(Buffer.concat(chunks), req.headers["content-type"]),
      headers: req.headers,
    };
    if (url.pathname === "/oauth/token") {
      grants.push(recorded);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          access_token: `loopback-token-${grants.length}`,
          token_type: "Bearer",
          expires_in: 86_400,
        }),
      );
      return;
    }
    requests.push(recorded);
    const given = answer(recorded) ?? {};
    res.writeHead(given.status ?? 200, { "content-type": "application/json", ...given.headers });
    res.end(given.body === undefined ? JSON.stringify({ ok: true }) : JSON.stringify(given.body));
  };
  const listen = async (server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  };
  const servers: Server[] = [createServer(handle)];
  const port = await listen(servers[0]!);
  let tlsPort: number | undefined;
  if (tls) {
    servers.push(createTlsServer(tls, handle));
    tlsPort = await listen(servers[1]!);
  }
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    /** `127.0.0.1:{port}` of the HTTPS listener, for a client that builds `https://{domain}`. */
    tlsDomain: tlsPort === undefined ? undefined : `127.0.0.1:${tlsPort}`,
    requests,
    grants,
    answer(fn: (request: Recorded) => Answer | undefined) {
      answer = fn;
    },
    /** A compat client of this server (a fixed token unless the options say otherwise). */
    compat(options: Partial<ManagementClientOptions> = {}) {
      return new ManagementClient({
        domain: origin,
        ...(options.clientId === undefined ? { token: "loopback-static-token" } : {}),
        ...options,
        core: { allowInsecureLocalhost: true, ...options.core },
      });
    },
    reset() {
      requests.length = 0;
      grants.length = 0;
      answer = () => undefined;
    },
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

export type Loopback = Awaited<ReturnType<typeof startLoopback>>;

/**
 * A loopback server for the tests of one file: started before them, reset before each,
 * closed after them. The returned object stands for the running server.
 */
export function loopbackForSuite(): Loopback {
  let current: Loopback | undefined;
  beforeAll(async () => {
    current = await startLoopback();
  });
  beforeEach(() => current!.reset());
  afterAll(() => current!.close());
  return new Proxy({} as Loopback, { get: (_, key) => Reflect.get(current!, key) });
}
