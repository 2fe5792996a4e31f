import {
  createManagementClient,
  ManagementApiError,
  ManagementError,
  RateLimitError,
  TokenError,
} from "@auth0-edge/management";
import { parseArgs, UsageError } from "./args.ts";
import { commands } from "./commands.ts";

/** What the program needs from its surroundings; tests pass their own. */
export interface CliIo {
  /** Reads an environment variable. */
  env(name: string): string | undefined;
  out(line: string): void;
  err(line: string): void;
  /** The fetch the client sends requests with. Default: the global one. */
  fetch?: typeof fetch;
  /** Shows a progress line (a terminal rewrites it in place). Default: `err`. */
  progress?(line: string): void;
}

const CREDENTIALS = ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET"] as const;

function usage(): string[] {
  const width = Math.max(...Object.values(commands).map((c) => c.usage.length));
  return [
    "usage: auth0-admin <command> [options] [--json]",
    "",
    ...Object.values(commands).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    "",
    "Reads AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET from the environment.",
  ];
}

/** One line saying what went wrong; messages of the SDK's errors never hold a secret or token. */
function describe(error: ManagementError): string {
  if (error instanceof RateLimitError) {
    const wait = error.retryAfterMs ? `; retry in ${Math.ceil(error.retryAfterMs / 1000)} s` : "";
    return `Auth0 rate limit reached${wait}`;
  }
  if (error instanceof ManagementApiError) {
    const body = error.body as { message?: unknown } | undefined;
    const message = typeof body?.message === "string" ? body.message : error.error;
    return `Auth0 answered ${error.statusCode}${error.errorCode ? ` ${error.errorCode}` : ""}: ${message}`;
  }
  if (error instanceof TokenError) return `no Management API token: ${error.message}`;
  return error.message;
}

/**
 * Runs one command line and returns the exit code: 0 done, 1 Auth0 or the network
 * failed, 2 the command line or the environment is wrong.
 *
 * @example
 * ```ts
 * const code = await runCli(["users:by-email", "ada@example.com"], {
 *   env: (name) => Deno.env.get(name),
 *   out: console.log,
 *   err: console.error,
 * });
 * ```
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "help" || name === "--help") {
    for (const line of usage()) (name === undefined ? io.err : io.out)(line);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    io.err(`unknown command: ${name}`);
    for (const line of usage()) io.err(line);
    return 2;
  }
  try {
    const parsed = parseArgs(rest, new Set(["json"]));
    const missing = CREDENTIALS.filter((variable) => !io.env(variable));
    if (missing.length > 0) throw new UsageError(`set ${missing.join(", ")} in the environment`);
    const client = createManagementClient({
      domain: io.env("AUTH0_DOMAIN")!,
      clientId: io.env("AUTH0_CLIENT_ID")!,
      clientSecret: io.env("AUTH0_CLIENT_SECRET")!,
      ...(io.fetch && { fetch: io.fetch }),
    });
    const result = await command.run(client, parsed, {
      out: io.out,
      progress: io.progress ?? io.err,
    });
    if (parsed.options.has("json")) io.out(JSON.stringify(result.data, null, 2));
    else for (const line of result.lines) io.out(line);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    if (error instanceof ManagementError) {
      io.err(`error: ${describe(error)}`);
      return error.code === "ERR_CONFIGURATION" || error.code === "ERR_INVALID_INPUT" ? 2 : 1;
    }
    throw error;
  }
}
