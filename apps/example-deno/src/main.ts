// The command line: `deno task cli users:by-email ada@example.com`.
import { runCli } from "./cli.ts";

const encoder = new TextEncoder();
// A progress line is rewritten in place on stderr; any other line starts below it.
let progressShown = false;
const endProgress = () => {
  if (progressShown) Deno.stderr.writeSync(encoder.encode("\n"));
  progressShown = false;
};

if (import.meta.main) {
  const code = await runCli(Deno.args, {
    env: (name) => Deno.env.get(name),
    out: (line) => {
      endProgress();
      console.log(line);
    },
    err: (line) => {
      endProgress();
      console.error(line);
    },
    progress: (line) => {
      Deno.stderr.writeSync(encoder.encode(`\r\x1b[K${line}`));
      progressShown = true;
    },
  });
  endProgress();
  Deno.exit(code);
}
