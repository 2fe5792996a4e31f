import { deleteUser, listUsers } from "../generated/users.js";
import type { CallContext } from "./method-rows.js";

const PAGE_SIZE = 100;

/**
 * What the classic `deleteAllUsers` did with `DELETE /users`, which the Management API no
 * longer has (it answers 404): read the first page of user ids, delete them one by one,
 * and again until a page comes back empty. Always the first page, since the deleted users
 * drop out of it, which also keeps clear of the API's 1000-result paging limit. A user
 * listed again after being deleted stops the loop with an error rather than spinning.
 */
export async function deleteAllUsers({ client }: CallContext): Promise<void> {
  const deleted = new Set<string>();
  for (;;) {
    const page = (await listUsers(client, {
      page: 0,
      per_page: PAGE_SIZE,
      fields: "user_id",
      include_fields: true,
    })) as Array<{ user_id?: string }>;
    const ids = page.flatMap((user) => (typeof user.user_id === "string" ? [user.user_id] : []));
    if (ids.length === 0) return;
    const fresh = ids.filter((id) => !deleted.has(id));
    if (fresh.length === 0) {
      throw new Error(`deleteAllUsers: ${ids.length} users are still listed after being deleted`);
    }
    for (const id of fresh) {
      await deleteUser(client, { id });
      deleted.add(id);
    }
  }
}
