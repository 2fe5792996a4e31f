import type { ManagementClient } from "./client.js";
import { InvalidInputError, InvalidResponseError } from "./errors.js";
import { OBSERVE, type Observer } from "./observe.js";
import type { CallOptions } from "./request.js";
import { number } from "./validate.js";

/** How a list operation pages; written by the generator from the document. */
export interface PageSpec {
  kind: "offset" | "checkpoint" | "offset+checkpoint";
  /** The property of an object answer that holds the items (answers that are arrays need none). */
  items?: string;
  /** The next checkpoint: the answer's `next`, or that field of the last item (logs: `log_id`). */
  cursor?: "next" | "log_id" | "id";
  /** The operation takes `include_totals`. */
  totals: boolean;
}

type ListFunction = (
  client: ManagementClient,
  input: never,
  options?: CallOptions,
) => Promise<unknown>;
type Fields = Record<string, unknown>;

/** The items of a page: the answer itself when it is an array, else its `Key` property. */
export type ItemOf<R, Key> = R extends readonly (infer T)[]
  ? T
  : Key extends string
    ? R extends { [P in Key]?: infer A }
      ? Exclude<A, undefined> extends readonly (infer T)[]
        ? T
        : never
      : never
    : never;

/** Options of `.all`: the per-call options of every page, and a bound on the walk. */
export interface PageOptions extends CallOptions {
  /**
   * The most pages the walk fetches; it ends after that many. Default: unlimited for
   * checkpoint walks, and for offset walks the pages that hold Auth0's ceiling of 1,000
   * records (`ceil(1000 / per_page)`).
   */
  maxPages?: number;
}

/**
 * A list operation with `.all`, which yields every item of every page, typed from the
 * function's own signature (the generated functions use the explicit interfaces below).
 */
export type Paginated<F extends ListFunction, Key> = F & {
  /**
   * Yields every item, fetching one page at a time (only one page is held in memory).
   * Stops after the last page, after `maxPages` pages, when you `break`, and rejects with
   * the signal's reason as soon as `options.signal` aborts, without a further request.
   * A server that repeats itself (a page, a cursor, more pages than its total) ends the
   * walk with an `InvalidResponseError`, so a walk always ends.
   */
  all(
    client: Parameters<F>[0],
    ...rest: undefined extends Parameters<F>[1]
      ? [input?: Parameters<F>[1], options?: PageOptions]
      : [input: Parameters<F>[1], options?: PageOptions]
  ): AsyncGenerator<ItemOf<Awaited<ReturnType<F>>, Key>, void, undefined>;
};

/** `.all(client, input, options)`, walking a list that needs an input. */
export interface WalkWithInput<I, Item> {
  /**
   * Yields every item, fetching one page at a time (only one page is held in memory).
   * Stops after the last page, after `maxPages` pages, when you `break`, and rejects with
   * the signal's reason as soon as `options.signal` aborts, without a further request.
   * A server that repeats itself (a page, a cursor, more pages than its total) ends the
   * walk with an `InvalidResponseError`, so a walk always ends.
   */
  all(
    client: ManagementClient,
    input: I,
    options?: PageOptions,
  ): AsyncGenerator<Item, void, undefined>;
}

/** `.all(client, input?, options?)`, walking a list whose input may be left out. */
export interface Walk<I, Item> {
  /** {@inheritDoc WalkWithInput.all} */
  all(
    client: ManagementClient,
    input?: I,
    options?: PageOptions,
  ): AsyncGenerator<Item, void, undefined>;
}

/** A list operation whose input may be left out: a call gives one page, `.all` every item. */
export interface ListOperation<I, R, Item> extends Walk<I, Item> {
  (client: ManagementClient, input?: I, options?: CallOptions): Promise<R>;
}

/** A list operation that needs an input (a path parameter, say). */
export interface ListOperationWithInput<I, R, Item> extends WalkWithInput<I, Item> {
  (client: ManagementClient, input: I, options?: CallOptions): Promise<R>;
}

/**
 * An offset list that takes `include_totals`: with `include_totals: true` a call
 * resolves to the page object (`Page`, with `start`, `limit` and `total`), otherwise to
 * the array of items (`Items`); a `boolean` known only at run time gives either.
 */
export interface TotalsListOperation<I, Page, Items, Item> extends Walk<I, Item> {
  (
    client: ManagementClient,
    input: I & { include_totals: true },
    options?: CallOptions,
  ): Promise<Page>;
  (
    client: ManagementClient,
    input?: I & { include_totals?: false },
    options?: CallOptions,
  ): Promise<Items>;
  (client: ManagementClient, input?: I, options?: CallOptions): Promise<Page | Items>;
}

/** {@link TotalsListOperation} for a list that needs an input. */
export interface TotalsListOperationWithInput<I, Page, Items, Item> extends WalkWithInput<I, Item> {
  (
    client: ManagementClient,
    input: I & { include_totals: true },
    options?: CallOptions,
  ): Promise<Page>;
  (
    client: ManagementClient,
    input: I & { include_totals?: false },
    options?: CallOptions,
  ): Promise<Items>;
  (client: ManagementClient, input: I, options?: CallOptions): Promise<Page | Items>;
}

const DEFAULT_PAGE_SIZE = 50;
/** Auth0 serves at most this many records by offset paging. */
const OFFSET_CEILING = 1000;

function itemsOf(answer: unknown, key: string | undefined): unknown[] {
  if (Array.isArray(answer)) return answer;
  const items = key === undefined ? undefined : (answer as Fields | null)?.[key];
  return Array.isArray(items) ? items : [];
}

function numberField(answer: unknown, name: string): number | undefined {
  const value = (answer as Fields | null)?.[name];
  return typeof value === "number" ? value : undefined;
}

/** A small fingerprint of a page (a 53-bit hash of its JSON), so a repeated page is seen without keeping pages. */
function fingerprint(items: unknown[]): number {
  const text = JSON.stringify(items);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function loop(what: string): InvalidResponseError {
  return new InvalidResponseError(`the list does not end: ${what}`);
}

/** Offset pages: `page` from 0, until a short (or empty) page, or `total` is reached. */
async function* byOffset(call: Call, spec: PageSpec, input: Fields, maxPages: number | undefined) {
  const perPage = (input.per_page as number | undefined) ?? DEFAULT_PAGE_SIZE;
  let page = (input.page as number | undefined) ?? 0;
  const fields: Fields = { ...input, per_page: perPage };
  // With totals the last page is known without asking for an empty one after it.
  if (spec.totals && input.include_totals === undefined) fields.include_totals = true;
  const limit = maxPages ?? Math.ceil(OFFSET_CEILING / perPage);
  const seen = new Set<number>();
  let lastStart = -1;
  let allowed = Number.POSITIVE_INFINITY;
  for (let fetched = 1; ; fetched++) {
    const { answer } = await call({ ...fields, page });
    const items = itemsOf(answer, spec.items);
    const total = numberField(answer, "total");
    const start = numberField(answer, "start") ?? page * perPage;
    if (items.length > 0) {
      if (start <= lastStart) throw loop(`page ${page} starts at ${start} again`);
      const print = fingerprint(items);
      if (seen.has(print)) throw loop(`page ${page} repeats an earlier page`);
      seen.add(print);
      if (total !== undefined) allowed = Math.min(allowed, Math.ceil(total / perPage));
      if (fetched > allowed) throw loop(`more pages than its total of ${total} allows`);
    }
    lastStart = start;
    yield* items;
    const last = items.length === 0 || items.length < perPage;
    if (last || (total !== undefined && start + items.length >= total) || fetched >= limit) return;
    page++;
  }
}

/** Checkpoint pages: `from` the previous page's cursor, until there is none or a page is empty. */
async function* byCheckpoint(
  call: Call,
  spec: PageSpec,
  input: Fields,
  maxPages: number | undefined,
) {
  let from = input.from as string | undefined;
  const fields: Fields = { ...input };
  const take = (input.take as number | undefined) ?? DEFAULT_PAGE_SIZE;
  // Answers that are bare arrays (logs) say nothing of the end: a short page is the last.
  if (spec.cursor !== "next") fields.take = take;
  // Every cursor of the walk: a cycle of any length comes back to one of them.
  const seen = new Set<unknown>([from]);
  for (let fetched = 1; ; fetched++) {
    const { answer, link } = await call(from === undefined ? fields : { ...fields, from });
    const items = itemsOf(answer, spec.items);
    let next: unknown;
    if (spec.cursor === "next") {
      yield* items;
      next = (answer as Fields | null)?.next;
      // An empty page ends the walk: Auth0's answers to the last one repeat its cursor.
      if (items.length === 0 || typeof next !== "string" || next === "") return;
    } else {
      const cursorOf = (item: unknown) => (item as Fields | null)?.[spec.cursor!];
      // Should `from` be inclusive, the item it names comes back first: it was yielded already.
      const fresh = from !== undefined && cursorOf(items[0]) === from ? items.slice(1) : items;
      yield* fresh;
      // Auth0's `Link: <…/api/v2/logs?from=…>; rel="next"` names the next checkpoint itself.
      next = link ?? cursorOf(items[items.length - 1]);
      if (fresh.length === 0 || items.length < take || typeof next !== "string") return;
    }
    if (seen.has(next)) throw loop(`cursor ${JSON.stringify(next)} came back`);
    if (fetched === maxPages) return;
    seen.add(next);
    from = next as string;
  }
}

type Call = (input: Fields) => Promise<{ answer: unknown; link: string | undefined }>;

/**
 * The `from` of a `rel="next"` link, only when the link stays on the client's origin and
 * under `/api/v2/logs`: a header never sends the walk (or its token) anywhere else.
 */
function nextFromLink(header: string | null, apiBase: string): string | undefined {
  const target = /<([^>]+)>[^,]*;\s*rel="?next"?/.exec(header ?? "")?.[1];
  if (target === undefined) return undefined;
  try {
    const url = new URL(target, apiBase);
    const base = new URL(apiBase);
    if (url.origin !== base.origin || !/^\/api\/v2\/logs\/?$/.test(url.pathname)) return undefined;
    return url.searchParams.get("from") ?? undefined;
  } catch {
    return undefined;
  }
}

async function* pages(
  fn: ListFunction,
  spec: PageSpec,
  client: ManagementClient,
  input: unknown = {},
  options: PageOptions = {},
): AsyncGenerator<unknown, void, undefined> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new InvalidInputError("`input` must be an object");
  }
  const { maxPages, ...callOptions } = options;
  if (maxPages !== undefined)
    number(1, Number.MAX_SAFE_INTEGER, true)(maxPages, "maxPages", InvalidInputError);
  const given = input as Fields;
  const call: Call = async (fields) => {
    // Checked before each page, so an abort between pages sends nothing more.
    options.signal?.throwIfAborted();
    let link: string | undefined;
    const observer: Observer = (_ctx, response) => {
      link = nextFromLink(response.headers.get("link"), client.apiBase);
    };
    const answer = await fn(
      client,
      fields as never,
      {
        ...callOptions,
        [OBSERVE]: observer,
      } as CallOptions,
    );
    return { answer, link };
  };
  // Checkpoints have no 1,000-item ceiling: they are the default where the API offers both.
  const offset =
    spec.kind === "offset" ||
    (spec.kind === "offset+checkpoint" &&
      (given.page !== undefined ||
        given.per_page !== undefined ||
        given.include_totals !== undefined));
  yield* offset ? byOffset(call, spec, given, maxPages) : byCheckpoint(call, spec, given, maxPages);
}

/**
 * Gives a generated list function its `.all`. A pure call, so that bundlers drop a
 * list function nobody imports. `T` is the list interface the generated code declares.
 */
export function paginated<T>(fn: ListFunction, spec: PageSpec): T {
  const all = (client: ManagementClient, input?: unknown, options?: PageOptions) =>
    pages(fn, spec, client, input, options);
  return Object.assign(fn, { all }) as T;
}
