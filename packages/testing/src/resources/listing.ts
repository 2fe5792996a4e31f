import type { HandlerResult } from "../http";
import { pageOf, projectFields, readOffsetPage } from "../pagination";

/** How one list endpoint presents its items. */
export interface ListShape<T> {
  /** Key of the items in the `include_totals` answer, e.g. `clients`. */
  key: string;
  /** Fields Auth0 keeps even when `fields` leaves them out (`is_domain_connection`, as recorded). */
  alwaysKept?: string[];
  /** Fields added to every listed item after projection (`tenant` on clients, as recorded). */
  extra?: (item: T) => Record<string, unknown>;
}

/**
 * An offset-paginated list of the tenant configuration endpoints: `page`, `per_page`
 * (at most 100, default 50), `fields`/`include_fields`, and with `include_totals=true`
 * the recorded shape `{ total, start, limit, [key] }` (total first, unlike users and roles).
 *
 * @example
 * ```ts
 * return listAnswer([...context.state.rules.values()], context.query, { key: "rules" });
 * ```
 */
export function listAnswer<T extends object>(
  items: readonly T[],
  query: URLSearchParams,
  shape: ListShape<T>,
): HandlerResult {
  const page = readOffsetPage(query);
  const presented = items.map((item) => {
    const projected: Record<string, unknown> = projectFields(item, query);
    const full = item as Record<string, unknown>;
    for (const name of shape.alwaysKept ?? []) {
      if (full[name] !== undefined && !(name in projected)) projected[name] = full[name];
    }
    return { ...projected, ...shape.extra?.(item) };
  });
  const slice = pageOf(presented, page);
  if (!page.includeTotals) return { status: 200, body: slice };
  return {
    status: 200,
    body: {
      total: items.length,
      start: page.page * page.perPage,
      limit: page.perPage,
      [shape.key]: slice,
    },
  };
}

/** A copy of `item` without the named fields (secrets Auth0 never sends back). */
export function without<T extends Record<string, unknown>>(item: T, names: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) if (!names.includes(key)) out[key] = value;
  return out as T;
}
