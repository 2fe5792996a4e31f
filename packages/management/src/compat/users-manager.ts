import type { ManagementClient as Client } from "../client.js";
import { InvalidInputError } from "../errors.js";
import {
  createUser,
  deleteUser,
  deleteUserIdentity,
  deleteUserMultifactorProvider,
  getUser,
  getUserEnrollments,
  linkUserIdentities,
  listUserLogs,
  listUsers,
  listUsersByEmail,
  updateUser,
} from "../generated/users.js";
import type { Input, Output } from "../operation.js";
import { callbackify } from "./callbackify.js";
import { deleteEveryUser } from "./delete-all-users.js";

type Body<K extends "post_users" | "patch_users_by_id" | "post_identities"> = Input<K>["body"];
type Metadata = Record<string, unknown>;

/**
 * The classic `UsersManager`: `management.users.get({ id })`, … Every method returns a
 * promise, or takes a node-style callback as its last argument.
 */
export class UsersManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /users`: a page of users (`per_page`, `page`, `q`, `sort`, `fields`, `include_totals`, …).
   * @example const users = await management.users.getAll({ q: 'email:"ada@example.com"' });
   */
  readonly getAll = callbackify((params?: Input<"get_users">) => listUsers(this.client, params));

  /**
   * `GET /users-by-email`: the users with this email address.
   * @example const users = await management.users.getByEmail("ada@example.com");
   */
  readonly getByEmail = callbackify(
    (email: string, options?: Omit<Input<"get_users-by-email">, "email">) =>
      listUsersByEmail(this.client, { ...options, email }),
  );

  /**
   * `GET /users/{id}`.
   * @example const user = await management.users.get({ id: "auth0|123" });
   */
  readonly get = callbackify((params: Input<"get_users_by_id">) => getUser(this.client, params));

  /**
   * `POST /users`.
   * @example await management.users.create({ connection: "Username-Password-Authentication", email, password });
   */
  readonly create = callbackify((data: Body<"post_users">) =>
    createUser(this.client, { body: data }),
  );

  /**
   * `PATCH /users/{id}`.
   * @example await management.users.update({ id }, { blocked: true });
   */
  readonly update = callbackify((params: { id: string }, data: Body<"patch_users_by_id">) =>
    updateUser(this.client, { id: params.id, body: data }),
  );

  /**
   * `PATCH /users/{id}` with `{ user_metadata }`: Auth0 merges the keys into the user's.
   * @example await management.users.updateUserMetadata({ id }, { theme: "dark" });
   */
  readonly updateUserMetadata = callbackify((params: { id: string }, metadata: Metadata) =>
    updateUser(this.client, { id: params.id, body: { user_metadata: metadata } }),
  );

  /**
   * `PATCH /users/{id}` with `{ app_metadata }`.
   * @example await management.users.updateAppMetadata({ id }, { plan: "pro" });
   */
  readonly updateAppMetadata = callbackify((params: { id: string }, metadata: Metadata) =>
    updateUser(this.client, { id: params.id, body: { app_metadata: metadata } }),
  );

  /**
   * `DELETE /users/{id}`.
   * @example await management.users.delete({ id });
   */
  readonly delete = callbackify((params: { id: string }) => deleteUser(this.client, params));

  /**
   * Deletes every user, a page at a time (the API has no single call for it any more).
   * @example await management.users.deleteAll();
   */
  readonly deleteAll = callbackify(() => deleteEveryUser(this.client));

  /**
   * `DELETE /users/{id}/multifactor/{provider}`.
   * @example await management.users.deleteMultifactorProvider({ id, provider: "duo" });
   */
  readonly deleteMultifactorProvider = callbackify(
    (params: Input<"delete_multifactor_by_provider">) =>
      deleteUserMultifactorProvider(this.client, params),
  );

  /**
   * `POST /users/{id}/identities`: links the account `params` names into user `userId`
   * (a user id, or `{ id }` as the classic documentation's example passes it).
   * @example await management.users.link(primaryId, { provider: "auth0", user_id: secondaryId });
   */
  readonly link = callbackify(
    (userId: string | { id: string }, params: Body<"post_identities">) => {
      const id = typeof userId === "string" ? userId : userId?.id;
      if (typeof id !== "string") {
        return Promise.reject(new InvalidInputError("`userId` must be the primary user's id"));
      }
      return linkUserIdentities(this.client, { id, body: params });
    },
  );

  /**
   * `DELETE /users/{id}/identities/{provider}/{user_id}`.
   * @example await management.users.unlink({ id, provider: "auth0", user_id: "63d…" });
   */
  readonly unlink = callbackify((params: Input<"delete_user_identity_by_user_id">) =>
    deleteUserIdentity(this.client, params),
  );

  /**
   * `GET /users/{id}/logs` (`page`, `per_page`, `sort`, `include_totals`).
   * @example const logs = await management.users.logs({ id, per_page: 10 });
   */
  readonly logs = callbackify((params: Input<"get_logs_by_user">) =>
    listUserLogs(this.client, params),
  );

  /**
   * `GET /users/{id}/enrollments`: the user's Guardian enrollments.
   * @example const enrollments = await management.users.getGuardianEnrollments({ id });
   */
  readonly getGuardianEnrollments = callbackify(
    (params: Input<"get_enrollments">): Promise<Output<"get_enrollments">> =>
      getUserEnrollments(this.client, params),
  );
}
