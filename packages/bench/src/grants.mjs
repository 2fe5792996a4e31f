// One process per implementation: a fresh client makes 1,000 getUser calls at once, as a
// cold isolate does under a burst. run.mjs counts the token grants the server saw.
import { makeClient } from "./clients.mjs";

const [impl, port, calls = "1000"] = process.argv.slice(2);
const client = makeClient(impl, Number(port));
const results = await Promise.allSettled(
  Array.from({ length: Number(calls) }, () => client.getUser("auth0|1")),
);
const failed = results.filter((r) => r.status === "rejected");
process.stdout.write(
  `${JSON.stringify({ calls: results.length, failed: failed.length, error: failed[0] ? String(failed[0].reason) : undefined })}\n`,
);
