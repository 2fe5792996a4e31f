/**
 * `@auth0-edge/management`: {@link createManagementClient}, {@link request}, the error
 * classes and the types every operation shares. The operations themselves are in one
 * subpath per resource group (`@auth0-edge/management/users`, `/roles`, `/logs`, …).
 *
 * @packageDocumentation
 * @module @auth0-edge/management
 */
export type { PrivateKeyJwtSigner } from "./auth/client-assertion.js";
export { createManagementClient, type ManagementClient } from "./client.js";
export {
  type AnyManagementError,
  type ApiErrorDetails,
  ConfigurationError,
  InvalidInputError,
  InvalidResponseError,
  ManagementApiError,
  ManagementError,
  type ManagementErrorCode,
  type ManagementErrorsByCode,
  NetworkError,
  RateLimitError,
  TimeoutError,
  TokenBrakeError,
  TokenError,
} from "./errors.js";
// Input<K>, Output<K> and the table's types are in `/operations`: they load every group's types.
export type {
  AnyOperationEntry,
  BodyKind,
  OperationFacts,
  OperationRequest,
  PaginationKind,
  ParameterLocation,
} from "./operation.js";
export type {
  ClientSecretAuthOptions,
  ManagementClientOptions,
  PrivateKeyAuthOptions,
  RetryOptions,
  TokenAuthOptions,
  TokenSource,
} from "./options.js";
export type {
  ItemOf,
  ListOperation,
  ListOperationWithInput,
  PageOptions,
  Paginated,
  TotalsListOperation,
  TotalsListOperationWithInput,
  Walk,
  WalkWithInput,
} from "./pagination.js";
export {
  type Middleware,
  type MiddlewarePlacement,
  type RequestContext,
  STEP_NAMES,
  type StepName,
} from "./pipeline.js";
export type { RateLimitInfo } from "./rate-limit.js";
export { type CallOptions, type HttpMethod, type RequestOptions, request } from "./request.js";
export type { CachedToken, TokenCache, TokenCacheLease } from "./token-cache.js";
export type { PathParams, QueryParams, QueryValue } from "./url.js";
export { VERSION } from "./version.js";
export type {
  BodyLike,
  CryptoKeyLike,
  FetchLike,
  HeadersLike,
  JsonWebKeyLike,
} from "./web-types.js";
export {
  type ArgumentsAfterClient,
  type OperationFunction,
  type ResponseInfo,
  requestWithResponse,
  type WithResponse,
  withResponse,
} from "./with-response.js";
