import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { connect, createServer } from "node:net";

/** A `redis-server` of our own on a loopback port, for one test file. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Ends the server with SIGKILL, as a crash would, and waits until it is gone. */
  kill(): Promise<void>;
  /** Ends the server (SIGTERM) and waits until it is gone; safe to call twice. */
  stop(): Promise<void>;
  /** Stalls the server (SIGSTOP): it keeps its connections but answers nothing. */
  pause(): void;
  /** Lets a stalled server go on (SIGCONT): it then runs every command it was sent. */
  resume(): void;
}

/**
 * The suite runs only where `redis-server` is installed: `pnpm test` runs it through
 * scripts/test.mjs, which names the suite and the install command when it is missing.
 * Run directly on such a machine, every test fails with this message instead of skipping.
 */
function requireRedisServer(): void {
  if (spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status !== 0) {
    throw new Error("redis-server is not installed: apt-get install -y redis-server");
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port for redis");
  return address.port;
}

/** Resolves once the server answers PING with PONG, polling for at most `withinMs`. */
async function answersPing(port: number, withinMs: number): Promise<void> {
  const giveUpAt = Date.now() + withinMs;
  for (;;) {
    const pong = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.setTimeout(500, () => socket.destroy());
      socket.once("error", () => resolve(false));
      socket.once("close", () => resolve(false));
      socket.once("connect", () => socket.write("PING\r\n"));
      socket.once("data", (data) => {
        resolve(data.toString().startsWith("+PONG"));
        socket.destroy();
      });
    });
    if (pong) return;
    if (Date.now() > giveUpAt) throw new Error(`redis-server on port ${port} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Starts a throwaway redis-server: loopback only, nothing written to disk. Another
 * program may take the free port before redis-server binds it, so it tries three ports.
 */
export async function startRedisServer(): Promise<RedisServer> {
  requireRedisServer();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(await freePort());
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function startOn(port: number): Promise<RedisServer> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const failed = new Promise<never>((_, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  try {
    await Promise.race([answersPing(port, 5_000), failed]);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  failed.catch(() => {});
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited(child);
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => end("SIGKILL"),
    stop: async () => {
      child.kill("SIGCONT");
      await end("SIGTERM");
    },
    pause: () => void child.kill("SIGSTOP"),
    resume: () => void child.kill("SIGCONT"),
  };
}
