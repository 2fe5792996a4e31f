import { ConfigurationError } from "../errors.js";

/**
 * The classic client's `ArgumentError`: options that cannot work, thrown by `new
 * ManagementClient(...)` under the classic's conditions. A `ConfigurationError` too, so
 * code written for this package's errors catches it the same way.
 *
 * @example
 * ```ts
 * import { ArgumentError, ManagementClient } from "@auth0-edge/management/compat";
 * try { new ManagementClient({ domain }); } catch (e) { if (e instanceof ArgumentError) … }
 * ```
 */
export class ArgumentError extends ConfigurationError {
  static override readonly kind: string = "ArgumentError";
}
