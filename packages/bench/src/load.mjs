// One client process of the loopback benchmarks (started by run.mjs, pinned to its own
// core). It builds one client of the implementation named in argv and, for each message
// { id, calls, concurrency }, makes that many getUser calls with that many in flight,
// answering with the wall time and the process CPU time (process.cpuUsage) they took.
import { makeClient } from "./clients.mjs";

const [impl, port] = process.argv.slice(2);
const client = makeClient(impl, Number(port));

async function round(id, calls, concurrency) {
  let started = 0;
  const worker = async () => {
    while (started < calls) {
      started++;
      const user = await client.getUser(id);
      if (typeof user?.user_id !== "string") throw new Error(`${impl}: no user in the answer`);
    }
  };
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuUs: used.user + used.system };
}

process.on("message", async (message) => {
  try {
    process.send({ ok: true, ...(await round(message.id, message.calls, message.concurrency)) });
  } catch (error) {
    process.send({ ok: false, error: String(error?.stack ?? error) });
  }
});
process.send({ ready: true });
