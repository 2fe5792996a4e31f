// The command line: `deno task cli users:by-email ada@example.com`.
import { runCli } from "./cli.ts";

if (import.meta.main) {
  const code = await runCli(Deno.args, {
    env: (name) => Deno.env.get(name),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
  Deno.exit(code);
}
