/**
 * The types of every operation by `operationId`, for code that names operations by id:
 * `@auth0-edge/management/operations` exports them. They load the types of every
 * resource group, which is why the root entry does not: a program that imports
 * `/users` pays for the users' types only.
 */
import type { ManagementClient } from "./client.js";
import type { OperationTypes } from "./generated/types/operations.js";
import type { OperationFacts } from "./operation.js";
import type { CallOptions } from "./request.js";

/** The `operationId` of every Management API operation: `"get_users_by_id"`, … */
export type OperationId = keyof OperationTypes;

/**
 * The `input` of an operation: an alias of its named type (`Input<"get_users_by_id">` is
 * `GetUserInput` of `@auth0-edge/management/users`).
 *
 * @example
 * ```ts
 * import type { Input } from "@auth0-edge/management/operations";
 * const input: Input<"get_users_by_id"> = { id: "auth0|123", fields: "email" };
 * ```
 */
export type Input<K extends OperationId> = OperationTypes[K]["input"];

/**
 * What an operation resolves to: an alias of its named type (`Output<"get_users_by_id">`
 * is `GetUserResult`), `undefined` for an answer without a body.
 *
 * @example
 * ```ts
 * import type { Output } from "@auth0-edge/management/operations";
 * type User = Output<"get_users_by_id">;
 * ```
 */
export type Output<K extends OperationId> = OperationTypes[K]["result"];

/** One row of the `operations` table of `@auth0-edge/management/operations`. */
export interface OperationEntry<K extends OperationId> extends OperationFacts {
  readonly operationId: K;
  /** Calls the operation: the same function as the one its resource module exports. */
  call(client: ManagementClient, input: Input<K>, options?: CallOptions): Promise<Output<K>>;
}

export type OperationTable = { readonly [K in OperationId]: OperationEntry<K> };
