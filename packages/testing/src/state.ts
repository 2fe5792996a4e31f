import type { EmulatorConfig } from "./config";
import { seedTenant } from "./tenant-state";
import type { EmulatorState } from "./types";

/**
 * Every store of the emulator, empty but for what a new tenant has (see `seedTenant`).
 *
 * @example
 * ```ts
 * const state = createState(resolveConfig(options));
 * ```
 */
export function createState(config: EmulatorConfig): EmulatorState {
  const state: EmulatorState = {
    users: new Map(),
    roles: new Map(),
    roleMembers: new Map(),
    logs: [],
    jobs: new Map(),
    clients: new Map(),
    connections: new Map(),
    clientGrants: new Map(),
    resourceServers: new Map(),
    rules: new Map(),
    deviceCredentials: new Map(),
    blacklistedTokens: [],
    guardianEnrollments: new Map(),
    tenant: { settings: {}, emailProvider: undefined },
  };
  seedTenant(state, config);
  return state;
}

/**
 * Empties every store in place, so `emulator.state` stays the same object, and seeds the
 * tenant again. Every `Map` and array of the state is a store: one added to
 * {@link createState} is emptied here without a line more.
 */
export function resetState(state: EmulatorState, config: EmulatorConfig): void {
  for (const store of Object.values(state)) {
    if (store instanceof Map) store.clear();
    else if (Array.isArray(store)) store.length = 0;
  }
  state.tenant.settings = {};
  state.tenant.emailProvider = undefined;
  seedTenant(state, config);
}
