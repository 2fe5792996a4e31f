// One process per implementation: walks every log of the loopback server by checkpoint
// (100,000 records in pages of 100) and reports the heap after a forced GC every 100
// pages. Flat means the walk holds one page, not the list. Run with --expose-gc.
import { makeClient } from "./clients.mjs";

const [impl, port] = process.argv.slice(2);
const client = makeClient(impl, Number(port));
const heap = () => {
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};
const samples = [];
let count = 0;
const before = heap();
let peakRss = 0;
await client.walkLogs(() => {
  count++;
  if (count % 10_000 === 0) {
    samples.push(heap());
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
});
process.stdout.write(`${JSON.stringify({ count, before, samples, peakRss })}\n`);
