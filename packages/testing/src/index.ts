/**
 * `@auth0-edge/testing`: the emulator of `/core` plus msw handlers. Import `/core` on
 * runtimes where msw cannot load (workerd).
 */
export * from "./core";
export type { Auth0EmulatorWithHandlers } from "./msw";
export { createAuth0Emulator, createMswHandlers } from "./msw";
