// The Management API calls of this program, each in one place. They go through
// `request` until the generated operations ship; then each body becomes one call
// (`getUsersByEmail`, `listUsers`, `assignUserRoles`, `listLogs`) with the same result.
import { type ManagementClient, request } from "@auth0-edge/management";

/** A user as this program shows it. */
export interface User {
  user_id: string;
  email?: string;
  name?: string;
  blocked?: boolean;
  created_at?: string;
  last_login?: string;
  logins_count?: number;
}

/** A log event as this program shows it. */
export interface LogEvent {
  log_id: string;
  date: string;
  type: string;
  description?: string | null;
  user_id?: string | null;
  user_name?: string | null;
  client_name?: string | null;
}

/** Every user with this email address (one per connection). */
export function findUsersByEmail(client: ManagementClient, email: string): Promise<User[]> {
  return request<User[]>(client, { method: "GET", path: "/users-by-email", query: { email } });
}

/** One page of users with the tenant's total. */
export function listUsersPage(
  client: ManagementClient,
  page: number,
  perPage: number,
): Promise<{ users: User[]; total: number }> {
  return request(client, {
    method: "GET",
    path: "/users",
    query: { page, per_page: perPage, include_totals: true },
  });
}

/** Adds roles to a user; roles the user already has stay as they are. */
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
const byLogId = (a: LogEvent, b: LogEvent) =>
  a.log_id < b.log_id ? -1 : a.log_id > b.log_id ? 1 : 0;

/**
 * Log events in the order they were recorded (by log id), and the checkpoint to read
 * the ones after them. Without `from`: the `take` most recent events; with it: the
 * `take` events after that checkpoint (Auth0's checkpoint pagination).
 */
export async function readLogs(
  client: ManagementClient,
  from: string | undefined,
  take: number,
): Promise<{ logs: LogEvent[]; next: string | undefined }> {
  const query = from === undefined ? { page: 0, per_page: take, sort: "date:-1" } : { from, take };
  const logs = await request<LogEvent[]>(client, { method: "GET", path: "/logs", query });
  logs.sort(byLogId);
  return { logs, next: logs.at(-1)?.log_id ?? from };
}
