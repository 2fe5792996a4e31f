/**
 * `@auth0-edge/management/compat`: the classic `ManagementClient` of the Auth0 Node SDK
 * (v2, up to v2.44.1), for switching by changing an import. Only code that imports this
 * entry pays for it.
 *
 * @packageDocumentation
 * @module compat
 */

export type { UsersFile } from "../multipart.js";
export { ArgumentError } from "./argument-error.js";
export type { Callbackified, LeadingArguments, NodeCallback } from "./callbackify.js";
export type { ClassicErrorFields, RequestInfo } from "./classic-error.js";
export type * from "./generated/types.js";
export type { ImportUsersData, ImportUsersResponse } from "./import-users.js";
export { type ClientInfo, ManagementClient, type TokenProvider } from "./management-client.js";
export type {
  ClassicClientInfo,
  ClassicRetryOptions,
  CoreOverrides,
  ManagementClientOptions,
} from "./options.js";
export type { BodyOf, ExtraParams, Params, RequestParams } from "./params.js";
