import { queryError } from "./errors";

/** Offset pagination as requested. */
export interface OffsetPage {
  page: number;
  perPage: number;
  includeTotals: boolean;
}

const descriptions: Record<string, string> = {
  page: "Page index of the results to return. First page is 0.",
  per_page: "Number of results per page.",
  take: "Number of entries to retrieve when using the from parameter.",
  include_totals:
    "Return results inside an object that contains the total result count (true) or as a direct array of results (false, default).",
};

function typeOf(raw: string): string {
  return /^-?\d+(\.\d+)?$/.test(raw) ? "number" : "string";
}

/** Reads an integer query parameter within bounds, answering 400 like Auth0 otherwise. */
export function readInteger(
  query: URLSearchParams,
  name: string,
  bounds: { min: number; max?: number; fallback: number },
): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return bounds.fallback;
  const description = descriptions[name] ?? name;
  if (!/^-?\d+$/.test(raw)) {
    throw queryError(`Expected type integer but found type ${typeOf(raw)}`, name, description);
  }
  const value = Number(raw);
  if (value < bounds.min) {
    throw queryError(`Value ${value} is less than minimum ${bounds.min}`, name, description);
  }
  if (bounds.max !== undefined && value > bounds.max) {
    throw queryError(`Value ${value} is greater than maximum ${bounds.max}`, name, description);
  }
  return value;
}

/** Reads a boolean query parameter (`true`/`false`). */
export function readBoolean(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw queryError("Expected type boolean but found type string", name, descriptions[name] ?? name);
}

/**
 * `page`, `per_page` (at most 100, default 50) and `include_totals`.
 *
 * @example
 * ```ts
 * readOffsetPage(new URLSearchParams("page=2&per_page=10")); // { page: 2, perPage: 10, includeTotals: false }
 * ```
 */
export function readOffsetPage(query: URLSearchParams, minPerPage = 0): OffsetPage {
  return {
    page: readInteger(query, "page", { min: 0, fallback: 0 }),
    perPage: readInteger(query, "per_page", { min: minPerPage, max: 100, fallback: 50 }),
    includeTotals: readBoolean(query, "include_totals", false),
  };
}

/** The items of one page. */
export function pageOf<T>(items: readonly T[], { page, perPage }: OffsetPage): T[] {
  return items.slice(page * perPage, page * perPage + perPage);
}

/**
 * The list shape Auth0 uses for `include_totals=true`: `{ start, limit, length?, total, [key] }`.
 * Users and logs carry `length`; roles and role members do not (as recorded).
 */
export function withTotals<T>(
  key: string,
  all: readonly T[],
  page: OffsetPage,
  shape: "with-length" | "without-length",
): Record<string, unknown> {
  const items = pageOf(all, page);
  const start = page.page * page.perPage;
  if (shape === "with-length") {
    return { start, limit: page.perPage, length: items.length, [key]: items, total: all.length };
  }
  return { [key]: items, start, limit: page.perPage, total: all.length };
}

/** Applies `fields` and `include_fields` to one object. */
export function projectFields<T extends object>(item: T, query: URLSearchParams): Partial<T> {
  const fields = query.get("fields");
  if (fields === null || fields.trim() === "") return item;
  const names = new Set(fields.split(",").map((name) => name.trim()));
  const include = readBoolean(query, "include_fields", true);
  return Object.fromEntries(
    Object.entries(item).filter(([name]) => names.has(name) === include),
  ) as Partial<T>;
}
