import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Redis from "ioredis";

/**
 * A small stand-in for Upstash's REST API in front of a real redis-server, so that the
 * real @upstash/redis client can be tested. It speaks what that client sends: a command as
 * a JSON array posted to `/`, several to `/pipeline` (run in order), a bearer token, and
 * `Upstash-Encoding: base64` for replies. Redis's own error replies come back as
 * `{ "error": "…" }`; when Redis cannot be reached the shim answers 500, as a gateway would.
 */
export interface UpstashShim {
  readonly url: string;
  readonly token: string;
  /** Every command the shim ran, upper-cased name first. */
  readonly commands: string[][];
  close(): Promise<void>;
}

type Reply = string | number | null | Reply[];

function encoded(reply: unknown): Reply {
  if (Array.isArray(reply)) return reply.map(encoded);
  if (typeof reply === "string")
    return reply === "OK" ? reply : Buffer.from(reply, "utf8").toString("base64");
  if (typeof reply === "number" || reply === null) return reply;
  return String(reply);
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

export async function startUpstashShim(redisUrl: string): Promise<UpstashShim> {
  const token = "shim-rest-token";
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  redis.on("error", () => {});
  const commands: string[][] = [];

  async function run(
    command: unknown,
    base64: boolean,
  ): Promise<{ result?: Reply; error?: string }> {
    if (!Array.isArray(command) || command.length === 0) return { error: "ERR bad command" };
    const [name, ...args] = command.map(String) as [string, ...string[]];
    commands.push([name.toUpperCase(), ...args]);
    try {
      const reply = await redis.call(name, ...args);
      return { result: base64 ? encoded(reply) : (reply as Reply) };
    } catch (error) {
      if (error instanceof Error && error.name === "ReplyError") return { error: error.message };
      throw error;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST") return send(405, { error: "method not allowed" });
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(401, { error: "Unauthorized" });
    const base64 = req.headers["upstash-encoding"] === "base64";
    const path = new URL(req.url ?? "/", "http://shim").pathname;
    const body = await bodyOf(req);
    try {
      if (path === "/pipeline") {
        if (!Array.isArray(body)) return send(400, { error: "ERR a pipeline is an array" });
        const replies = [];
        for (const command of body) replies.push(await run(command, base64));
        return send(200, replies);
      }
      const reply = await run(body, base64);
      return send(reply.error === undefined ? 200 : 400, reply);
    } catch (error) {
      return send(500, { error: error instanceof Error ? error.message : "redis unavailable" });
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    commands,
    async close() {
      redis.disconnect();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
