import { md5Hex } from "./md5";

/**
 * The `con_…` id of a connection named in the emulator's `connections` option: derived from
 * its name, so it is the same in every emulator and every run, and matches Auth0's
 * `^con_[A-Za-z0-9]{16}$`.
 * Exported from `@auth0-edge/testing/core`.
 *
 * @example
 * ```ts
 * import { connectionIdOf } from "@auth0-edge/testing/core";
 * const connection_id = connectionIdOf("Username-Password-Authentication");
 * ```
 */
export function connectionIdOf(name: string): string {
  return `con_${md5Hex(name).slice(0, 16)}`;
}
