// Node, Deno and Bun run this bundle as a script; it prints one marked JSON line of results.
import { runCases } from "../suite.js";

const results = await runCases();
console.log(`@@results ${JSON.stringify(results)}`);
