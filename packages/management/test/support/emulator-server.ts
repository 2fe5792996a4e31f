import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Auth0EmulatorOptions, createAuth0Emulator } from "@auth0-edge/testing/core";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN } from "./secrets.js";

/** One request the server received, with the headers that matter here. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The emulator behind a real HTTP server on loopback: API and token requests reach the
 * tenant, `/user-exports/…` reaches its export files (served as `exportsOrigin`, this
 * server's own origin). Every request's headers are recorded on the server side.
 * `cutDownloadAfter` drops the first download's connection after that many bytes.
 */
export async function startEmulatorServer(
  options: Partial<Auth0EmulatorOptions> & { cutDownloadAfter?: number } = {},
) {
  const received: ReceivedRequest[] = [];
  let origin = "";
  let downloads = 0;
  const { cutDownloadAfter, ...emulatorOptions } = options;
  // The emulator is made once the port is known: its export URLs name this server.
  let emulator: ReturnType<typeof createAuth0Emulator>;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? "/";
    received.push({ method: req.method ?? "", path, headers: req.headers });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const download = path.startsWith("/user-exports/");
    const target = download ? `${origin}${path}` : `https://${DOMAIN}${path}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && name !== "host") headers.set(name, value);
    }
    const response = await emulator.fetch(target, {
      method: req.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    let sent = 0;
    const cut = download && downloads++ === 0 ? cutDownloadAfter : undefined;
    if (response.body) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        if (cut !== undefined && sent + chunk.length > cut) {
          res.write(chunk.subarray(0, cut - sent));
          await new Promise((r) => setTimeout(r, 20));
          res.socket?.destroy();
          return;
        }
        sent += chunk.length;
        res.write(chunk);
      }
    }
    res.end();
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  emulator = createAuth0Emulator({
    domain: DOMAIN,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    exportsOrigin: origin,
    jobPollsToFinish: 3,
    ...emulatorOptions,
  });
  return {
    origin,
    emulator,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
