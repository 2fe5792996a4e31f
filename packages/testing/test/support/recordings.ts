import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root: this file is packages/testing/test/support/recordings.ts. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
/** The recorded go-auth0 traffic, vendored in the repository (recordings/README.md). */
export const cassetteDir = join(repoRoot, "recordings", "go-auth0");

export interface Interaction {
  request: { method: string; url: string; body: string };
  response: { code: number; body: string };
}

function scalar(raw: string): string {
  if (raw.startsWith("'")) return raw.slice(1, -1).replaceAll("''", "'");
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  return raw;
}

/**
 * Reads the request/response pairs of a go-vcr cassette. The files are machine written
 * and regular enough for this: single-line quoted or plain scalars, and `|` blocks.
 */
export function loadCassette(name: string): Interaction[] {
  const path = join(cassetteDir, name);
  if (!existsSync(path)) throw new Error(`recording not found: ${path}`);
  const lines = readFileSync(path, "utf8").split("\n");
  const interactions: Interaction[] = [];
  let current: Interaction | undefined;
  let section: "request" | "response" = "request";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^ {4}- id: \d+/.test(line)) {
      current = { request: { method: "", url: "", body: "" }, response: { code: 0, body: "" } };
      interactions.push(current);
      continue;
    }
    const sectionMatch = /^ {6}(request|response):/.exec(line);
    if (sectionMatch) {
      section = sectionMatch[1] as "request" | "response";
      continue;
    }
    const field = /^ {8}(body|url|method|code): ?(.*)$/.exec(line);
    if (!field || current === undefined) continue;
    const [, key, raw = ""] = field;
    let value: string;
    if (raw === "|" || raw === "|-") {
      const block: string[] = [];
      while (
        i + 1 < lines.length &&
        (lines[i + 1]!.startsWith(" ".repeat(12)) || lines[i + 1] === "")
      ) {
        block.push(lines[++i]!.slice(12));
      }
      value = block.join("\n").replace(/\n+$/, "") + (raw === "|" ? "\n" : "");
    } else {
      value = scalar(raw);
    }
    if (key === "code") current.response.code = Number(value);
    else if (key === "body") current[section].body = value;
    else if (section === "request") current.request[key as "url" | "method"] = value;
  }
  return interactions;
}

/** The interactions of a cassette whose method and URL path match. */
export function findInteractions(name: string, method: string, pathPattern: RegExp): Interaction[] {
  return loadCassette(name).filter(
    (interaction) =>
      interaction.request.method === method &&
      pathPattern.test(new URL(interaction.request.url).pathname),
  );
}
