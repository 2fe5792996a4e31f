export { Auth0TokenCoordinator, type CoordinatorState } from "./coordinator.js";
export {
  createDurableObjectTokenCache,
  type DurableObjectNamespaceLike,
  type DurableObjectTokenCache,
  type DurableObjectTokenCacheOptions,
} from "./durable-object-token-cache.js";
export type { CoordinatorProtocol, StoredToken } from "./protocol.js";
