import { InvalidInputError } from "./errors.js";

/** A query value: `undefined` and `null` are left out, arrays repeat the key. */
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly (string | number | boolean)[];
export type QueryParams = Record<string, QueryValue>;
export type PathParams = Record<string, string | number>;

const PLACEHOLDER = /\{([^{}]+)\}/g;

function pathSegment(name: string, value: unknown): string {
  if (typeof value !== "string" && typeof value !== "number") {
    throw new InvalidInputError(`path parameter "${name}" is required (a string or a number)`);
  }
  const text = String(value);
  // "" would turn /users/{id} into /users/ (a list), and "." / ".." are resolved by
  // URL parsers even when percent-encoded: none of them can name a resource.
  if (text === "" || /^(?:\.|%2e){1,2}$/i.test(text)) {
    throw new InvalidInputError(`path parameter "${name}" must not be empty, "." or ".."`);
  }
  return encodeURIComponent(text);
}

/**
 * The URL for `path` (relative to `/api/v2`) with its `{name}` placeholders filled
 * from `params`, each percent-encoded, so a value like `../clients` stays one
 * segment of the path it was meant for.
 */
export function buildUrl(
  apiBase: string,
  path: string,
  params: PathParams = {},
  query: QueryParams = {},
): URL {
  if (!path.startsWith("/") || /[?#]|\/\.{1,2}(?:\/|$)/.test(path)) {
    throw new InvalidInputError(
      `path must start with "/", be relative to /api/v2 and hold no "?", "#", "." or ".." segment; put query parameters in \`query\``,
    );
  }
  const filled = path.replace(PLACEHOLDER, (_, name: string) => pathSegment(name, params[name]));
  const url = new URL(apiBase + filled);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
    else url.searchParams.append(key, String(value));
  }
  return url;
}
