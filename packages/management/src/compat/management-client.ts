import { createManagementClient } from "../client.js";
import { telemetryHeaderValue } from "../middleware/telemetry.js";
import { request } from "../request.js";
import type { NodeCallback } from "./callbackify.js";
import { classicError } from "./classic-error.js";
import { flatRows, methodRows } from "./generated/methods.js";
import type { FlatMethods, Managers } from "./generated/types.js";
import { attachFlatMethods, buildManagers } from "./method-rows.js";
import { compatSettings, type ManagementClientOptions } from "./options.js";
import { hookedSignal } from "./steps.js";

/** What `getClientInfo()` returns: the telemetry this client sends as `Auth0-Client`. */
export interface ClientInfo {
  name: string;
  version: string;
  env: Record<string, string>;
}

/** The classic `tokenProvider` property: where `getAccessToken()` gets its token. */
export interface TokenProvider {
  /** The access token the client sends: the given `token`, or a granted (and cached) one. */
  getAccessToken(): Promise<string>;
}

// The managers are own properties set by the constructor, the flat methods are on the
// prototype (set by the static block): both are declared by this interface.
export interface ManagementClient extends Managers, FlatMethods {}

/**
 * The classic `ManagementClient` of the Auth0 Node SDK (v2, up to v2.44.1): the same
 * options, the 29 managers and every flat method, each returning a promise or taking a
 * node-style callback, built on the typed functions of this package. Switch by
 * changing the import.
 *
 * @example
 * ```ts
 * import { ManagementClient } from "@auth0-edge/management/compat";
 *
 * const management = new ManagementClient({
 *   domain: "my-tenant.eu.auth0.com",
 *   clientId: env.AUTH0_CLIENT_ID,
 *   clientSecret: env.AUTH0_CLIENT_SECRET,
 *   tokenProvider: { enableCache: true, cacheTTLInSeconds: 600 },
 * });
 * const user = await management.getUser({ id: "auth0|123" });
 * management.users.get({ id: "auth0|123" }, (err, user) => { … });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor and the static block define every member the interface adds.
export class ManagementClient {
  readonly tokenProvider: TokenProvider;

  static {
    attachFlatMethods(ManagementClient.prototype, flatRows);
    // The classic documented updatePromptsSettings(data, cb?), but v2.44.1 passed its
    // arguments to prompts.updateSettings(params, data, cb?) and rejected that form.
    Object.defineProperty(ManagementClient.prototype, "updatePromptsSettings", {
      configurable: true,
      writable: true,
      value(this: ManagementClient, ...args: unknown[]) {
        const documented = args.length === 1 || typeof args[1] === "function";
        const call = this.prompts.updateSettings as (...a: unknown[]) => unknown;
        return call(...(documented ? [{}, ...args] : args));
      },
    });
  }

  /** Checks the options at once: a mistake throws an `ArgumentError` (or `ConfigurationError`) here. */
  constructor(options: ManagementClientOptions) {
    const settings = compatSettings(options);
    const client = createManagementClient(settings.core);
    const { token } = options;
    this.tokenProvider = {
      getAccessToken:
        token !== undefined
          ? () => Promise.resolve(token)
          : () =>
              // A request that the compat steps answer with the token the auth step got, so
              // the token comes from the client's own cache and grant.
              request<string>(client, {
                method: "GET",
                path: "/",
                signal: hookedSignal({ probe: true }),
              }).catch((error: unknown) => {
                throw classicError(error, client.apiBase, settings.secrets);
              }),
    };
    Object.assign(this, buildManagers({ ...settings, client }, methodRows));
  }

  /**
   * The access token this client sends (granted and cached as for any call). A callback,
   * if given, is called too.
   *
   * @example
   * ```ts
   * const token = await management.getAccessToken();
   * ```
   */
  getAccessToken(callback?: NodeCallback<string>): Promise<string> {
    const token = this.tokenProvider.getAccessToken();
    if (typeof callback === "function") {
      token.then(
        (value) => queueMicrotask(() => callback(null, value)),
        (error: Error) => queueMicrotask(() => callback(error)),
      );
    }
    return token;
  }

  /**
   * Information about this client, as sent to Auth0 in the `Auth0-Client` header (the
   * seed's era; the classic removed it in v2.17.1).
   *
   * @example
   * ```ts
   * management.getClientInfo(); // { name: "auth0-edge-management", version: "0.1.0", env: { runtime: "node/22.…" } }
   * ```
   */
  getClientInfo(): ClientInfo {
    return JSON.parse(atob(telemetryHeaderValue())) as ClientInfo;
  }
}
