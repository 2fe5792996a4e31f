import type * as Document from "./generated/resources";
import type { JobEntry } from "./job-model";
import type { TenantStores } from "./tenant-state";

/** One identity of a user, as Auth0 lists it in `identities`, with what the emulator always sets. */
export interface Identity extends Document.Identity {
  connection: string;
  user_id: string;
  provider: string;
  isSocial: boolean;
  [key: string]: unknown;
}

/** A user as the Management API returns it, with the fields the emulator always sets. */
export interface User extends Document.User {
  user_id: string;
  name: string;
  nickname: string;
  picture: string;
  created_at: string;
  updated_at: string;
  identities: Identity[];
  [key: string]: unknown;
}

/** A role as the Management API returns it. */
export interface Role extends Document.Role {
  id: string;
  name: string;
}

/** Log fields that recorded events carry as `null` where the document says string or object. */
type NullInLogs =
  | "connection"
  | "connection_id"
  | "client_id"
  | "client_name"
  | "hostname"
  | "details"
  | "user_id"
  | "user_name"
  | "audience"
  | "strategy"
  | "strategy_type"
  | "location_info";

/** A tenant log event as the Management API returns it (and as recorded). */
export interface Log
  extends Omit<Document.Log, NullInLogs>,
    Partial<{ [K in NullInLogs]: Document.Log[K] | null }> {
  /** Recorded events repeat `log_id` as `_id`, which the document does not list. */
  _id: string;
  log_id: string;
  date: string;
  type: string;
  description: string | null;
  [key: string]: unknown;
}

/** A role to seed, optionally with the ids of the users it is assigned to. */
export interface RoleSeed extends Partial<Role> {
  users?: string[];
}

/** A machine-to-machine client the emulator accepts at `/oauth/token`. */
export interface EmulatorClient {
  clientId: string;
  /** Accepts `client_secret` (post or basic) when set. */
  clientSecret?: string;
  /** Accepts `private_key_jwt` assertions signed by the matching private key when set. */
  publicKey?: CryptoKeyLike | PublicJwk | string;
  /** JWS algorithms accepted for assertions. Default: RS256, RS384, PS256. */
  algorithms?: string[];
  /** Scopes granted to this client. Default: the emulator's `scopes`. */
  scopes?: string[];
  /** Shown as `client_name` in log events. */
  name?: string;
}

/** Options of {@link createAuth0Emulator}. */
export interface Auth0EmulatorOptions {
  /** Bare host name of the tenant, e.g. `tenant.example.auth0.com`. */
  domain: string;
  /** Client id of the default machine-to-machine client. */
  clientId: string;
  /** Client secret of the default machine-to-machine client. */
  clientSecret?: string;
  /** More clients, e.g. one that authenticates with `private_key_jwt`. */
  clients?: EmulatorClient[];
  /** API audience. Default `https://{domain}/api/v2/`. */
  audience?: string;
  /** Lifetime of issued access tokens (`expires_in`). Default 86400. */
  tokenLifetimeSeconds?: number;
  /** Scopes granted to clients that do not list their own. Default: every scope the emulator checks. */
  scopes?: string[];
  /** Database connections users may be created in. Default `["Username-Password-Authentication"]`. */
  connections?: string[];
  /** Fixed-window rate limit of the Management API, per tenant. Default: off. */
  rateLimit?: { limit: number; windowSeconds: number };
  /** The `GET /jobs/{id}` poll that finds a job done (earlier polls see `processing`). Default 2. */
  jobPollsToFinish?: number;
  /**
   * The origin of the signed URLs of users exports (`location`), which the emulator's
   * `fetch` serves too. Default `https://{domain}`; a test that serves the emulator on
   * loopback sets its own origin here.
   */
  exportsOrigin?: string;
  /** Clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Initial content, restored by `reset()`. */
  seed?: EmulatorSeed;
}

/** Initial content of the emulator's stores. */
export interface EmulatorSeed {
  users?: Partial<User>[];
  roles?: RoleSeed[];
  /** A number generates that many log events; an array is stored as given (missing fields filled). */
  logs?: number | Partial<Log>[];
}

/** One request the emulator served. Never holds bodies, credentials or tokens. */
export interface ServedRequest {
  method: string;
  url: string;
  path: string;
  query: Record<string, string>;
  /** HTTP status; 0 when a fault produced no response (network error, hang). */
  status: number;
  kind: "token" | "api" | "other";
  /** Clock time in epoch milliseconds when the request arrived. */
  at: number;
}

interface FaultMatch {
  /** How many matching requests fail. Default 1. */
  times?: number;
  /** Only requests with this method (case-insensitive). */
  method?: string;
  /**
   * Only requests to this path: a string equals the URL path with or without the
   * `/api/v2` prefix, a RegExp is tested on the full URL path. Without `path`, only
   * Management API requests match.
   */
  path?: string | RegExp;
}

/** A fault that answers with an HTTP status. */
export interface StatusFault extends FaultMatch {
  status: number;
  headers?: Record<string, string>;
  /** Response body; an Auth0 error body for the status when omitted. Strings are sent as is. */
  body?: unknown;
}

/** A fault where `fetch` rejects with a `TypeError`, as on a network failure. */
export interface NetworkFault extends FaultMatch {
  networkError: true;
}

/** A fault where the response never comes; the request settles only when its signal aborts. */
export interface HangFault extends FaultMatch {
  hang: true;
}

/** What {@link Auth0Emulator.failNext} accepts. */
export type FaultSpec = StatusFault | NetworkFault | HangFault;

/** The live stores of the emulator. */
export interface EmulatorState extends TenantStores {
  readonly users: Map<string, User>;
  readonly roles: Map<string, Role>;
  /** Role id → (user id → assignment time in epoch ms). */
  readonly roleMembers: Map<string, Map<string, number>>;
  /** Log events in the order they happened. */
  readonly logs: Log[];
  /** Jobs by id, with how often they were polled and the users an import refused. */
  readonly jobs: Map<string, JobEntry>;
}

/** A stateful Auth0 tenant reachable through a `fetch` function. */
export interface Auth0Emulator {
  readonly domain: string;
  readonly audience: string;
  /** A standard `fetch`: pass it to the SDK. Rejects with `TypeError` for other hosts. */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  readonly requests: readonly ServedRequest[];
  readonly tokenGrants: number;
  readonly state: EmulatorState;
  /** Every access token issued so far is refused from now on (401 Invalid token). */
  revokeIssuedTokens(): void;
  /** The next matching requests fail as described. */
  failNext(fault: FaultSpec): void;
  /**
   * Back to the seed: stores, request log, counters, faults, rate limit, revocations and the
   * assertion replay cache. Tokens issued before stay valid, so a cached token keeps working.
   */
  reset(): void;
}

/**
 * A public JSON Web Key (RFC 7517), as Web Crypto's `JsonWebKey` describes one: our own type,
 * so that these declarations need no DOM library.
 */
export interface PublicJwk {
  kty?: string;
  alg?: string;
  kid?: string;
  use?: string;
  key_ops?: string[];
  ext?: boolean;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
}

/** A Web Crypto key: what is read of it, so that any runtime's `CryptoKey` type fits. */
export interface CryptoKeyLike {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: { readonly name: string };
  readonly usages: readonly string[];
}
