import type { createLogIdSequence } from "./ids";
import type { EmulatorState, Log } from "./types";

/** Appends tenant log events the way Auth0 records them. */
export interface LogWriter {
  append(event: Partial<Log> & { type: string }): Log;
}

const masked = "*****";
const sensitiveKeys = new Set([
  "password",
  "client_secret",
  "client_assertion",
  "access_token",
  "smtp_pass",
  "api_key",
  "secretAccessKey",
  "clientSecret",
  "connectionString",
  "signing_secret",
]);

/**
 * A copy of a request body safe to keep in a log event: passwords and credentials are
 * replaced by `*****` as Auth0 does, so no secret ever reaches `state.logs`.
 */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = sensitiveKeys.has(key) ? masked : maskSecrets(inner);
  }
  return out;
}

/**
 * The fields every recorded log event has, in the recorded order, so that events the
 * emulator writes have the same shape as the ones in the go-auth0 recordings. (`scope`
 * appears only on some recorded events; token exchanges set it.)
 */
function template(logId: string, date: string, domain: string): Log {
  return {
    _id: logId,
    log_id: logId,
    date,
    type: "",
    description: "",
    connection: null,
    connection_id: null,
    organization_id: null,
    organization_name: null,
    client_id: null,
    client_name: null,
    ip: "127.0.0.1",
    hostname: domain,
    details: null,
    user_id: null,
    user_name: null,
    user_agent: "Other 0.0.0 / Other 0.0.0",
    audience: null,
    strategy: null,
    strategy_type: null,
    isMobile: false,
    location_info: null,
  };
}

/**
 * @example
 * ```ts
 * const writer = createLogWriter(state, createLogIdSequence(), Date.now, "tenant.example.com");
 * writer.append({ type: "sapi", description: "Create a User" });
 * ```
 */
export function createLogWriter(
  state: EmulatorState,
  ids: ReturnType<typeof createLogIdSequence>,
  now: () => number,
  domain: string,
): LogWriter {
  return {
    append(event) {
      // A seeded event keeps its own date; its id must sort by that date too.
      const given = event.date === undefined ? Number.NaN : Date.parse(event.date);
      const at = Number.isNaN(given) ? now() : given;
      const logId = event.log_id ?? ids.next(at);
      const log = {
        ...template(logId, new Date(at).toISOString(), domain),
        ...event,
        _id: logId,
        log_id: logId,
      };
      state.logs.push(log);
      return log;
    },
  };
}

const syntheticTypes = [
  { type: "seccft", description: "" },
  { type: "sapi", description: "Update a User" },
  { type: "s", description: "Successful login" },
  { type: "f", description: "Wrong email or password." },
];

/**
 * `count` synthetic events, one second apart and ending now, so that `seed.logs: 500`
 * gives a tenant with history to paginate.
 */
export function syntheticLogs(count: number, now: number): Partial<Log>[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = syntheticTypes[i % syntheticTypes.length]!;
    return { ...kind, date: new Date(now - (count - i) * 1000).toISOString() };
  });
}
