// The clients' own CPU per call, without sockets: each client gets a `fetch` that answers
// at once with a prebuilt small user, so what is left is what the client does around
// fetch (options, URL, headers, signals, retries' bookkeeping, parsing). One process
// pinned to a core, interleaved rounds; prints { samples: { impl: [µs per call] } }.
import { makeClient } from "./clients.mjs";

const [roundsArg = "10", callsArg = "3000"] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const CALLS = Number(callsArg);
const user = JSON.stringify({ user_id: "auth0|1", email: "ada@example.com", name: "Ada Lovelace" });
const token = JSON.stringify({
  access_token: "bench-token",
  token_type: "Bearer",
  expires_in: 86_400,
});
const answer = async (input) =>
  new Response(String(input).endsWith("/oauth/token") ? token : user, {
    headers: { "content-type": "application/json; charset=utf-8" },
  });
// makeClient's loopback rewrite is skipped: the instant fetch is the transport.
const clients = Object.fromEntries(
  ["raw", "ours", "official"].map((impl) => [impl, makeClient(impl, 0, answer)]),
);

async function round(client, calls) {
  let started = 0;
  const worker = async () => {
    while (started++ < calls) await client.getUser("auth0|1");
  };
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: 16 }, worker));
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / calls;
}

const names = Object.keys(clients);
for (const name of names) await round(clients[name], CALLS);
const samples = Object.fromEntries(names.map((n) => [n, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + r) % names.length];
    samples[name].push(await round(clients[name], CALLS));
  }
}
process.stdout.write(`${JSON.stringify({ samples })}\n`);
