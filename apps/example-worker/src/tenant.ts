// The Management API calls this Worker makes, each in one place. They go through
// `request` until the generated operations ship; then each body becomes one call
// (`getUsersByEmail`, `listUsers`, `assignUserRoles`, `listLogs`) with the same result.
import { type ManagementClient, request } from "@auth0-edge/management";

/** The fields of a user this Worker shows. */
export interface UserSummary {
  user_id: string;
  email: string | undefined;
  name: string | undefined;
  blocked: boolean;
  created_at: string | undefined;
  last_login: string | undefined;
  logins_count: number;
}

/** The fields of a log event this Worker shows. */
export interface LogSummary {
  log_id: string;
  date: string;
  type: string;
  description: string | null;
  user_id: string | null;
  client_name: string | null;
  ip: string | null;
}

type Auth0User = Partial<Omit<UserSummary, "user_id" | "blocked" | "logins_count">> & {
  user_id: string;
  blocked?: boolean;
  logins_count?: number;
};
type Auth0Log = Partial<LogSummary> & { log_id: string; date: string; type: string };

function summarizeUser(user: Auth0User): UserSummary {
  return {
    user_id: user.user_id,
    email: user.email,
    name: user.name,
    blocked: user.blocked === true,
    created_at: user.created_at,
    last_login: user.last_login,
    logins_count: user.logins_count ?? 0,
  };
}

function summarizeLog(log: Auth0Log): LogSummary {
  return {
    log_id: log.log_id,
    date: log.date,
    type: log.type,
    description: log.description ?? null,
    user_id: log.user_id ?? null,
    client_name: log.client_name ?? null,
    ip: log.ip ?? null,
  };
}

/** Every user with this email address (one per connection). */
export async function findUsersByEmail(
  client: ManagementClient,
  email: string,
): Promise<UserSummary[]> {
  const users = await request<Auth0User[]>(client, {
    method: "GET",
    path: "/users-by-email",
    query: { email },
  });
  return users.map(summarizeUser);
}

/** One page of the tenant's users with the total count. */
export async function listUsersPage(
  client: ManagementClient,
  page: number,
  perPage: number,
): Promise<{ users: UserSummary[]; total: number }> {
  const result = await request<{ users: Auth0User[]; total: number }>(client, {
    method: "GET",
    path: "/users",
    query: { page, per_page: perPage, include_totals: true },
  });
  return { users: result.users.map(summarizeUser), total: result.total };
}

/** Adds roles to a user (roles the user already has stay as they are). */
export async function assignUserRoles(
  client: ManagementClient,
  userId: string,
  roles: string[],
): Promise<void> {
  await request(client, {
    method: "POST",
    path: "/users/{id}/roles",
    params: { id: userId },
    body: { roles },
  });
}

// A page of logs comes newest first, a checkpoint read in log id order (which Auth0 warns
// is not always date order). Sorting by id gives both the order Auth0 recorded the events
// in, and makes the last id the checkpoint for the next read.
const byLogId = (a: Auth0Log, b: Auth0Log) =>
  a.log_id < b.log_id ? -1 : a.log_id > b.log_id ? 1 : 0;

/**
 * Log events in the order they were recorded (by log id), with the checkpoint to read
 * the events after them. Without `from`: the `take` most recent events. With `from`:
 * the `take` events that follow that checkpoint (Auth0's checkpoint pagination).
 */
export async function readLogs(
  client: ManagementClient,
  options: { from: string | undefined; take: number },
): Promise<{ logs: LogSummary[]; next: string | undefined }> {
  const query =
    options.from === undefined
      ? { page: 0, per_page: options.take, sort: "date:-1" }
      : { from: options.from, take: options.take };
  const logs = await request<Auth0Log[]>(client, { method: "GET", path: "/logs", query });
  logs.sort(byLogId);
  return { logs: logs.map(summarizeLog), next: logs.at(-1)?.log_id ?? options.from };
}
