import { afterAll, expect } from "vitest";
import { CLIENT_SECRET } from "./secrets.js";

/**
 * Records everything a test file writes to the console, stdout and stderr, and fails
 * the file if any of it contains a secret: the rule "no secret in any log" holds for
 * the whole suite, not just for the tests that look for it. Other packages use this
 * file too and name their own secrets in `WATCHED_SECRETS` (a JSON array, set in
 * their vitest config).
 */
const secrets = [CLIENT_SECRET, ...(JSON.parse(process.env.WATCHED_SECRETS ?? "[]") as string[])];
const written: string[] = [];
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    written.push(String(chunk));
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
for (const level of ["log", "info", "warn", "error", "debug"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    // Objects as JSON, so that a logger's structured fields are scanned too, not "[object Object]".
    written.push(args.map((a) => (typeof a === "object" ? safeJson(a) : String(a))).join(" "));
    original(...args);
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

afterAll(() => {
  expect(written.filter((text) => secrets.some((secret) => text.includes(secret)))).toEqual([]);
});
