import type { ManagementClient } from "./client.js";
import { InvalidInputError } from "./errors.js";
import type { CallOptions } from "./request.js";

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

/** A list operation with `.all`, which yields every item of every page. */
export type Paginated<F extends ListFunction, Key> = F & {
  /**
   * Yields every item, fetching one page at a time (only one page is held in memory).
   * Stops after the last page, when you `break`, and rejects with the signal's reason
   * as soon as `options.signal` aborts, without a further request.
   */
  all(...args: Parameters<F>): AsyncGenerator<ItemOf<Awaited<ReturnType<F>>, Key>, void, undefined>;
};

const DEFAULT_PAGE_SIZE = 50;

function itemsOf(answer: unknown, key: string | undefined): unknown[] {
  if (Array.isArray(answer)) return answer;
  const items = key === undefined ? undefined : (answer as Fields | null)?.[key];
  return Array.isArray(items) ? items : [];
}

function numberField(answer: unknown, name: string): number | undefined {
  const value = (answer as Fields | null)?.[name];
  return typeof value === "number" ? value : undefined;
}

/** Offset pages: `page` from 0, until a short (or empty) page, or `total` is reached. */
async function* byOffset(call: Call, spec: PageSpec, input: Fields, signal?: AbortSignal) {
  const perPage = (input.per_page as number | undefined) ?? DEFAULT_PAGE_SIZE;
  let page = (input.page as number | undefined) ?? 0;
  const fields: Fields = { ...input, per_page: perPage };
  // With totals the last page is known without asking for an empty one after it.
  if (spec.totals && input.include_totals === undefined) fields.include_totals = true;
  for (;;) {
    signal?.throwIfAborted();
    const answer = await call({ ...fields, page });
    const items = itemsOf(answer, spec.items);
    yield* items;
    const total = numberField(answer, "total");
    const start = numberField(answer, "start") ?? page * perPage;
    const last = items.length === 0 || items.length < perPage;
    if (last || (total !== undefined && start + items.length >= total)) return;
    page++;
  }
}

/** Checkpoint pages: `from` the previous page's cursor, until there is none or a page is empty. */
async function* byCheckpoint(call: Call, spec: PageSpec, input: Fields, signal?: AbortSignal) {
  let from = input.from as string | undefined;
  const fields: Fields = { ...input };
  const take = (input.take as number | undefined) ?? DEFAULT_PAGE_SIZE;
  // Answers that are bare arrays (logs) say nothing of the end: a short page is the last.
  if (spec.cursor !== "next") fields.take = take;
  for (;;) {
    signal?.throwIfAborted();
    const answer = await call(from === undefined ? fields : { ...fields, from });
    const items = itemsOf(answer, spec.items);
    if (spec.cursor === "next") {
      yield* items;
      const next = (answer as Fields | null)?.next;
      if (items.length === 0 || typeof next !== "string" || next === "" || next === from) return;
      from = next;
      continue;
    }
    const cursorOf = (item: unknown) => (item as Fields | null)?.[spec.cursor!];
    // Should `from` be inclusive, the item it names comes back first: it was yielded already.
    const fresh = from !== undefined && cursorOf(items[0]) === from ? items.slice(1) : items;
    yield* fresh;
    const last = cursorOf(items[items.length - 1]);
    if (fresh.length === 0 || items.length < take || typeof last !== "string") return;
    from = last;
  }
}

type Call = (input: Fields) => Promise<unknown>;

async function* pages(
  fn: ListFunction,
  spec: PageSpec,
  client: ManagementClient,
  input: unknown = {},
  options: CallOptions = {},
): AsyncGenerator<unknown, void, undefined> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new InvalidInputError("`input` must be an object");
  }
  const given = input as Fields;
  const call: Call = (fields) => fn(client, fields as never, options);
  // Checkpoints have no 1,000-item ceiling: they are the default where the API offers both.
  const offset =
    spec.kind === "offset" ||
    (spec.kind === "offset+checkpoint" &&
      (given.page !== undefined ||
        given.per_page !== undefined ||
        given.include_totals !== undefined));
  yield* offset
    ? byOffset(call, spec, given, options.signal)
    : byCheckpoint(call, spec, given, options.signal);
}

/**
 * Gives a generated list function its `.all`. A pure call, so that bundlers drop a
 * list function nobody imports.
 */
export function paginated<F extends ListFunction, const S extends PageSpec>(
  fn: F,
  spec: S,
): Paginated<F, S["items"]> {
  const all = (client: ManagementClient, input?: unknown, options?: CallOptions) =>
    pages(fn, spec, client, input, options);
  return Object.assign(fn, { all }) as unknown as Paginated<F, S["items"]>;
}
