// One client process of the CPU and throughput benchmarks (started by run.mjs, pinned to
// its own core). It builds one client of the implementation named in argv and, for each
// message { id, calls, concurrency }, makes that many getUser calls with that many in
// flight, answering with the wall time and the process CPU time (process.cpuUsage) they
// took. With `instant` as the third argument, the client's `fetch` answers at once with a
// prebuilt small user instead of reaching the loopback server: what is left is what the
// client does around fetch (options, URL, headers, signals, retries' bookkeeping, parsing).
import { makeClient } from "./clients.mjs";

const [impl, port, mode] = process.argv.slice(2);
const user = JSON.stringify({ user_id: "auth0|1", email: "ada@example.com", name: "Ada Lovelace" });
const token = JSON.stringify({
  access_token: "bench-token",
  token_type: "Bearer",
  expires_in: 86_400,
});
const instant = async (input) =>
  new Response(String(input).endsWith("/oauth/token") ? token : user, {
    headers: { "content-type": "application/json; charset=utf-8" },
  });
// The instant fetch replaces makeClient's loopback rewrite: it is the transport.
const client = makeClient(impl, Number(port), mode === "instant" ? instant : undefined);

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
