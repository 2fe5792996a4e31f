import { logNotFound, queryError } from "../errors";
import type { HandlerResult } from "../http";
import { pageOf, projectFields, readInteger, readOffsetPage, withTotals } from "../pagination";
import { compileQuery, QuerySyntaxError } from "../query";
import type { ApiContext, Handlers } from "../router";
import type { Log } from "../types";

const byIdAscending = (a: Log, b: Log) => (a.log_id < b.log_id ? -1 : a.log_id > b.log_id ? 1 : 0);

function sorted(logs: Log[], sort: string | null): Log[] {
  const match = /^([\w.]+):(-?1)$/.exec(sort ?? "");
  if (!match) return [...logs].sort(byIdAscending).reverse();
  const [, field, order] = match;
  const direction = order === "1" ? 1 : -1;
  return [...logs].sort((a, b) => {
    const left = String(a[field!] ?? "");
    const right = String(b[field!] ?? "");
    return (left.localeCompare(right) || byIdAscending(a, b)) * direction;
  });
}

/**
 * Checkpoint reading as Auth0 documents it: ordered by `log_id` ascending, only ids after
 * `from`, at most `take`; every other parameter ignored; a `Link` header with the next
 * checkpoint. Without `from` the stream starts at the oldest event.
 */
function checkpoint(context: ApiContext): HandlerResult {
  const take = readInteger(context.query, "take", { min: 1, max: 100, fallback: 50 });
  const from = context.query.get("from") ?? "";
  const logs = [...context.state.logs]
    .sort(byIdAscending)
    .filter((log) => from === "" || log.log_id > from)
    .slice(0, take);
  const next = logs[logs.length - 1]?.log_id ?? from;
  const link = new URL(`https://${context.config.domain}/api/v2/logs`);
  if (next !== "") link.searchParams.set("from", next);
  link.searchParams.set("take", String(take));
  return { status: 200, body: logs, headers: { link: `<${link.href}>; rel="next"` } };
}

function search(context: ApiContext, logs: Log[]): HandlerResult {
  const page = readOffsetPage(context.query);
  let matching = logs;
  const q = context.query.get("q");
  if (q !== null && q.trim() !== "") {
    try {
      matching = matching.filter(compileQuery(q));
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      throw queryError(error.message, "q", "Query in Lucene query string syntax.");
    }
  }
  const projected = sorted(matching, context.query.get("sort")).map((log) =>
    projectFields(log, context.query),
  );
  if (page.includeTotals)
    return { status: 200, body: withTotals("logs", projected, page, "with-length") };
  return { status: 200, body: pageOf(projected, page) };
}

/** `/logs` and `/users/{id}/logs` routes. */
export const logHandlers = {
  get_logs: {
    handle(context) {
      if (context.query.has("from") || context.query.has("take")) return checkpoint(context);
      return search(context, context.state.logs);
    },
  },
  get_logs_by_id: {
    handle(context) {
      const log = context.state.logs.find((entry) => entry.log_id === context.params.id);
      if (log === undefined) throw logNotFound();
      return { status: 200, body: log };
    },
  },
  get_logs_by_user: {
    handle(context) {
      const logs = context.state.logs.filter((log) => log.user_id === context.params.id);
      return search(context, logs);
    },
  },
} satisfies Handlers;
