/**
 * `@auth0-edge/testing/core`: the same as `@auth0-edge/testing` (the emulator, without msw),
 * kept as a subpath for code written against the first release. Pass `emulator.fetch`
 * wherever a `fetch` goes.
 */

export { jwtBearerAssertionType } from "./client-assertion";
export { defaultScopes } from "./config";
export { connectionIdOf } from "./connection-ids";
export { createAuth0Emulator } from "./emulator";
export type {
  Job,
  JobEntry,
  JobInput,
  JobStatus,
  JobSummary,
  JobUserError,
} from "./job-model";
export type { ExportField, ExportInput } from "./resources/users-exports";
export type {
  BlacklistedToken,
  Client,
  ClientGrant,
  Connection,
  DeviceCredential,
  GuardianEnrollment,
  Resource,
  ResourceServer,
  Rule,
  TenantSingletons,
  TenantStores,
} from "./tenant-state";
export type {
  Auth0Emulator,
  Auth0EmulatorOptions,
  CryptoKeyLike,
  EmulatorClient,
  EmulatorSeed,
  EmulatorState,
  FaultSpec,
  HangFault,
  Identity,
  Log,
  NetworkFault,
  PublicJwk,
  Role,
  RoleSeed,
  ServedRequest,
  StatusFault,
  User,
} from "./types";
