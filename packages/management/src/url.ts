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

/** `text` percent-encoded; a lone surrogate, which has no UTF-8 form, is refused rather than replaced. */
function encoded(what: string, text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new InvalidInputError(`${what} holds a lone surrogate`);
  }
}

function pathSegment(name: string, value: unknown): string {
  const what = `path parameter "${name}"`;
  // "" would turn /users/{id} into /users/ (a list), and "." / ".." are resolved by
  // URL parsers (or a server) even when percent-encoded: none of them can name a resource.
  if (
    (typeof value !== "string" && typeof value !== "number") ||
    /^(?:\.|%2e){0,2}$/i.test(String(value))
  ) {
    throw new InvalidInputError(`${what} is required (not "", "." or "..")`);
  }
  return encoded(what, String(value));
}

/**
 * The URL for `path` (relative to `/api/v2`) with its `{name}` placeholders filled
 * from `params`, each percent-encoded, so a value like `../clients` stays one
 * segment of the path it was meant for. A path the URL parser would change (a `.` or
 * `..` segment in any spelling, an empty segment, a backslash, `?`, `#`) is refused: what is sent is
 * exactly the endpoint asked for.
 */
export function buildUrl(
  apiBase: string,
  path: string,
  params: PathParams = {},
  query: QueryParams = {},
): URL {
  const filled =
    typeof path === "string" && path[0] === "/" && !/[?#\\]|\/\/|%(?:2e|2f|5c)/i.test(path)
      ? path.replace(PLACEHOLDER, (_, name: string) => pathSegment(name, params[name]))
      : "";
  const url = new URL(apiBase + filled);
  if (filled === "" || url.pathname !== `/api/v2${filled}`) {
    throw new InvalidInputError("`path` must be like /users/{id}: no . or .. segment, ? or #");
  }
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) {
        // With "=" between them, a key and a value cannot join two halves of one surrogate pair.
        encoded(`query "${key}"`, `${key}=${item}`);
        url.searchParams.append(key, String(item));
      }
    }
  }
  return url;
}
