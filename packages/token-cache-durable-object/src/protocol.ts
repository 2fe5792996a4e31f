/**
 * What a coordinator object keeps for its cache key. The object never reads the token:
 * it keeps `data` as it was given and answers questions about `fingerprint` and `expiresAt`.
 */
export interface StoredToken {
  /** The token's stored text (`@auth0-edge/management/token-cache`), sealed when the cache encrypts. */
  data: string;
  /** Names the access token without revealing it (hex SHA-256), for compare-and-delete. */
  fingerprint: string;
  /** When the object forgets the entry, in epoch milliseconds. */
  expiresAt: number;
}

/** The calls a cache makes on its coordinator object, over Durable Object RPC. */
export interface CoordinatorProtocol {
  /** The entry, or `null` when there is none or it has expired. */
  read(): Promise<StoredToken | null>;
  /** Replaces the entry, and answers every caller parked on a lease: the token is there. */
  write(entry: StoredToken): Promise<void>;
  /** Deletes the entry; with `fingerprint`, only while it holds that token. `true` when deleted. */
  remove(fingerprint?: string): Promise<boolean>;
  /** A lease id, or `null` when another holder keeps the lease for longer than `waitMs`. */
  lease(name: string, ttlMs: number, waitMs: number): Promise<string | null>;
  renew(name: string, id: string): Promise<boolean>;
  release(name: string, id: string): Promise<void>;
}
