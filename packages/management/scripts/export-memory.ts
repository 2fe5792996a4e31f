/**
 * Measures the memory of a users export: `exportUsers` reads N users (default 100,000) from
 * the emulator served in another process, and the heap is sampled after a full GC every
 * 5,000 users. Prints one JSON line: users read, the heap at the start, its peak growth
 * and the peak RSS growth, in bytes.
 *
 *   node --expose-gc --import tsx scripts/export-memory.ts [users]
 */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { exportUsers } from "../src/entries/jobs.js";
import { createManagementClient } from "../src/index.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN } from "../test/support/secrets.js";

const users = Number(process.argv[2] ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

const here = dirname(fileURLToPath(import.meta.url));
const child = spawn(
  process.execPath,
  ["--import", "tsx", join(here, "../test/support/serve-emulator.ts"), String(users)],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const origin = await new Promise<string>((resolve, reject) => {
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk;
    const match = /@@origin (\S+)/.exec(out);
    if (match) resolve(match[1]!);
  });
  child.on("exit", (code) => reject(new Error(`the emulator exited ${code}`)));
});

try {
  const client = createManagementClient({
    domain: origin,
    allowInsecureLocalhost: true,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    audience: `https://${DOMAIN}/api/v2/`,
  });
  gc();
  const heapStart = process.memoryUsage().heapUsed;
  const rssStart = process.memoryUsage().rss;
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    gc();
    const { heapUsed, rss } = process.memoryUsage();
    peakHeap = Math.max(peakHeap, heapUsed - heapStart);
    peakRss = Math.max(peakRss, rss - rssStart);
  };
  let read = 0;
  const fields = [{ name: "user_id" }, { name: "email" }, { name: "name" }];
  for await (const _ of exportUsers(
    client,
    { format: "json", fields },
    { allowInsecureLocalhost: true, initialDelayMs: 1 },
  )) {
    if (++read % 5000 === 0) sample();
  }
  sample();
  console.log(
    JSON.stringify({
      users: read,
      heapStartBytes: heapStart,
      peakHeapGrowthBytes: peakHeap,
      peakRssGrowthBytes: peakRss,
    }),
  );
} finally {
  child.kill();
}
