import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP server on loopback that hands every request to an emulator's `fetch`, so
 * that other processes can reach one emulator living in the test process.
 * `beforeTokenGrant` runs, and is awaited, before each `/oauth/token` request goes on (it
 * gets the request's headers: the fleet's processes name themselves in `x-fleet-pid`);
 * `grantAnswered` is called as each token answer is sent.
 */
export interface EmulatorBridge {
  readonly url: string;
  close(): Promise<void>;
}

export async function startEmulatorBridge(
  domain: string,
  target: () => (request: Request) => Promise<Response>,
  beforeTokenGrant: (headers: IncomingMessage["headers"]) => Promise<void> = async () => {},
  grantAnswered: () => void = () => {},
): Promise<EmulatorBridge> {
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const path = req.url ?? "/";
    const grant = path.startsWith("/oauth/token");
    if (grant) await beforeTokenGrant(req.headers);
    const response = await target()(
      new Request(`https://${domain}${path}`, {
        method: req.method ?? "GET",
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      }),
    );
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(body);
    if (grant) grantAnswered();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  // 20 processes open up to 1,000 connections at once: a deep backlog keeps them from waiting.
  await new Promise<void>((resolve) =>
    server.listen({ port: 0, host: "127.0.0.1", backlog: 2048 }, resolve),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
