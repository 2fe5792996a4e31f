import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One connection to the stream, as the server saw it. */
export interface StreamConnection {
  lastEventId: string | undefined;
  query: Record<string, string>;
  authorization: string | undefined;
  /** Events written to this connection so far. */
  sent: number;
  closed: boolean;
}

export interface SseServer {
  origin: string;
  connections: StreamConnection[];
  close(): Promise<void>;
}

/**
 * A live event stream on loopback that keeps its connections open, scripted for the
 * tests: the first connection sends event 1 and holds; `GET /control/next` then makes it
 * send event 2 and drop the connection. Every later connection sends event 3 (event 4
 * too for the `from` case) and stays open until the client goes. `?close=1` makes every
 * connection end at once without an event, and `?status=N` answers that status instead.
 */
export async function startSseServer(): Promise<SseServer> {
  const connections: StreamConnection[] = [];
  let first: ServerResponse | undefined;
  const event = (res: ServerResponse, connection: StreamConnection, id: number) => {
    connection.sent++;
    const data = JSON.stringify({ offset: `cursor-${id}`, event: { id: `evt_${id}` } });
    res.write(`id: ${id}\nevent: user.created\ndata: ${data}\n\n`);
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/control/next") {
      const connection = connections[0]!;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ sentBefore: connection.sent }));
      if (first) {
        event(first, connection, 2);
        // A dropped connection, as a proxy that gives up on it would leave it.
        setTimeout(() => first?.socket?.destroy(), 20);
      }
      return;
    }
    if (url.pathname !== "/api/v2/events") {
      res.writeHead(404).end();
      return;
    }
    const connection: StreamConnection = {
      lastEventId: req.headers["last-event-id"] as string | undefined,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      sent: 0,
      closed: false,
    };
    connections.push(connection);
    res.on("close", () => {
      connection.closed = true;
    });
    const status = Number(url.searchParams.get("status") ?? 200);
    if (status !== 200) {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ statusCode: status, error: "Unauthorized", message: "no" }));
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    if (url.searchParams.has("close")) {
      res.end(": nothing today\n\n");
      return;
    }
    res.write(": connected\nretry: 10\n\n");
    if (connections.length === 1) {
      first = res;
      event(res, connection, 1);
    } else {
      event(res, connection, 3);
    }
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
