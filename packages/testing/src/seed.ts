import type { EmulatorConfig } from "./config";
import { objectId, roleId } from "./ids";
import { type LogWriter, syntheticLogs } from "./log-events";
import type { EmulatorSeed, EmulatorState, Role, User } from "./types";
import { buildUser } from "./user-model";

/**
 * Fills empty stores from the seed. Seeded users get Auth0's defaults for every field
 * they leave out, and keep every field they set (including ids and dates).
 */
export function applySeed(
  state: EmulatorState,
  seed: EmulatorSeed,
  config: EmulatorConfig,
  logs: LogWriter,
): void {
  const now = config.now();
  for (const partial of seed.users ?? []) {
    const userId = partial.user_id ?? `auth0|${objectId(now)}`;
    const connection = partial.identities?.[0]?.connection ?? config.connections[0] ?? "";
    const user: User = buildUser({ userId, connection, profile: partial, nowMs: now });
    for (const [key, value] of Object.entries(partial)) {
      if (value !== undefined) user[key] = key === "email" ? String(value).toLowerCase() : value;
    }
    state.users.set(userId, user);
  }
  (seed.roles ?? []).forEach((partial, index) => {
    const role: Role = { id: partial.id ?? roleId(), name: partial.name ?? `role-${index + 1}` };
    if (partial.description !== undefined) role.description = partial.description;
    state.roles.set(role.id, role);
    if (partial.users !== undefined && partial.users.length > 0) {
      state.roleMembers.set(role.id, new Map(partial.users.map((id) => [id, now])));
    }
  });
  const seededLogs =
    typeof seed.logs === "number" ? syntheticLogs(seed.logs, now) : (seed.logs ?? []);
  for (const log of seededLogs) logs.append({ type: "sapi", ...log });
}
