import { apiError, queryError } from "../errors";
import type { ApiContext, Handlers } from "../router";

const dayMs = 86_400_000;

/** Log event types counted by `/stats/daily`. */
const counted: Record<string, "logins" | "signups" | "leaked_passwords"> = {
  s: "logins",
  ss: "signups",
  pwd_leak: "leaked_passwords",
};

function readDay(context: ApiContext, name: "from" | "to"): string | undefined {
  const raw = context.query.get(name);
  if (raw === null || raw === "") return undefined;
  if (
    !/^\d{8}$/.test(raw) ||
    Number.isNaN(Date.parse(`${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6)}`))
  ) {
    throw queryError(`String does not match pattern ^\\d{8}$: ${raw}`, name);
  }
  return raw;
}

interface Day {
  date: string;
  created_at: string;
  leaked_passwords: number;
  logins: number;
  signups: number;
  updated_at: string;
}

/**
 * Daily figures computed from the log: successful logins (`s`), signups (`ss`) and leaked
 * password detections (`pwd_leak`), one entry per day that has any event, oldest first,
 * with the recorded keys. `created_at`/`updated_at` are the day's first and last event.
 */
function dailyStats(context: ApiContext): Day[] {
  const from = readDay(context, "from");
  const to = readDay(context, "to");
  if (from !== undefined && to !== undefined && from > to) {
    throw apiError(400, "'from' date cannot be greater than 'to' date.", "invalid_query_string");
  }
  const days = new Map<string, Day>();
  for (const log of context.state.logs) {
    const field = counted[log.type];
    if (field === undefined) continue;
    const compact = log.date.slice(0, 10).replaceAll("-", "");
    if ((from !== undefined && compact < from) || (to !== undefined && compact > to)) continue;
    const date = `${log.date.slice(0, 10)}T00:00:00.000Z`;
    const day = days.get(date) ?? {
      date,
      created_at: log.date,
      leaked_passwords: 0,
      logins: 0,
      signups: 0,
      updated_at: log.date,
    };
    day[field] += 1;
    if (log.date < day.created_at) day.created_at = log.date;
    if (log.date > day.updated_at) day.updated_at = log.date;
    days.set(date, day);
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** `/stats` routes. */
export const statHandlers = {
  "get_active-users": {
    handle(context) {
      // Users who logged in during the last 30 days (by `last_login`), as Auth0 counts them.
      const since = context.now() - 30 * dayMs;
      let count = 0;
      for (const user of context.state.users.values()) {
        const at = typeof user.last_login === "string" ? Date.parse(user.last_login) : Number.NaN;
        if (at >= since) count += 1;
      }
      return { status: 200, body: count };
    },
  },
  get_daily: {
    handle: (context) => ({ status: 200, body: dailyStats(context) }),
  },
} satisfies Handlers;
