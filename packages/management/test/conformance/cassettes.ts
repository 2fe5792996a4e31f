import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse } from "yaml";

/** One recorded request and the answer Auth0 gave, reduced to what a replay needs. */
export interface Interaction {
  /** The position of the interaction in its cassette. */
  index: number;
  method: string;
  url: URL;
  /** The request body as sent; `""` when there was none. */
  body: string;
  /** The request's Content-Type, when the recorder kept one. */
  contentType: string | undefined;
  status: number;
  responseBody: string;
  responseContentType: string | undefined;
}

export interface Cassette {
  /** The cassette's path relative to the recordings folder, with `/` separators. */
  name: string;
  interactions: Interaction[];
}

type Headers = Record<string, string[] | undefined> | undefined;

interface RawInteraction {
  request: { method: string; url: string; body?: string; headers?: Headers };
  response: { code: number; body?: string; headers?: Headers };
}

function header(headers: Headers, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers?.[key]?.[0];
}

/** Reads one go-vcr `version: 2` cassette. */
export function readCassette(file: string, name: string): Cassette {
  // The recorder writes each key once; skipping the duplicate-key check saves a quarter of the parse time.
  const document = parse(readFileSync(file, "utf8"), {
    uniqueKeys: false,
    prettyErrors: false,
  }) as {
    version: number;
    interactions?: RawInteraction[];
  };
  if (document.version !== 2) throw new Error(`${name}: not a go-vcr version 2 cassette`);
  const interactions = (document.interactions ?? []).map((raw, index) => ({
    index,
    method: raw.request.method,
    url: new URL(raw.request.url),
    body: raw.request.body ?? "",
    contentType: header(raw.request.headers, "content-type"),
    status: raw.response.code,
    responseBody: raw.response.body ?? "",
    responseContentType: header(raw.response.headers, "content-type"),
  }));
  return { name, interactions };
}

function yamlFiles(dir: string, skipDirs: readonly string[], root = dir): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipDirs.includes(relative(root, path).split(sep).join("/"))) {
        files.push(...yamlFiles(path, skipDirs, root));
      }
    } else if (entry.name.endsWith(".yaml")) files.push(path);
  }
  return files;
}

/** Every cassette file under `dir`, sorted by name, leaving out the folders in `skipDirs`. */
export function listCassettes(
  dir: string,
  skipDirs: readonly string[] = [],
): { name: string; file: string }[] {
  return yamlFiles(dir, skipDirs)
    .map((file) => ({ name: relative(dir, file).split(sep).join("/"), file }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
