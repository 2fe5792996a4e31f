// The promises the types make, checked by `tsc` (the package's `typecheck`, run by `pnpm test`):
// named types in signatures and results, the include_totals overloads, the path-typed request,
// narrowing on `code`, and the wrong calls the types must reject.
import { describe, expectTypeOf, it } from "vitest";
import { createManagementClient } from "../../src/client.js";
import type { AnyManagementError, ManagementApiError, RateLimitError } from "../../src/errors.js";
import {
  type CreateRoleInput,
  type CreateRoleResult,
  createRole,
  updateRole,
} from "../../src/generated/roles.js";
import {
  createUser,
  type GetUserInput,
  type GetUserResponseContent,
  type GetUserResult,
  getUser,
  type ListUsersInput,
  type ListUsersPage,
  listUserRoles,
  listUsers,
  type Role,
  type UserResponseSchema,
} from "../../src/generated/users.js";
import type { Input, Output } from "../../src/operation-types.js";
import { request } from "../../src/typed-request.js";

const client = createManagementClient({ domain: "tenant.example.auth0.com", token: "t" });
// Type-level only: nothing below is called.
const never = false as boolean;

describe("named types", () => {
  it("name every input and result, and Input<K>/Output<K> are aliases of them", () => {
    expectTypeOf(getUser).parameter(1).toEqualTypeOf<GetUserInput>();
    expectTypeOf(getUser).returns.toEqualTypeOf<Promise<GetUserResult>>();
    expectTypeOf<GetUserResult>().toEqualTypeOf<GetUserResponseContent>();
    expectTypeOf<Input<"get_users_by_id">>().toEqualTypeOf<GetUserInput>();
    expectTypeOf<Output<"get_users_by_id">>().toEqualTypeOf<GetUserResult>();
    expectTypeOf<Input<"post_roles">>().toEqualTypeOf<CreateRoleInput>();
    expectTypeOf(createRole).returns.toEqualTypeOf<Promise<CreateRoleResult>>();
  });

  it("type an input by the document's parameters and body", () => {
    expectTypeOf<GetUserInput>().toEqualTypeOf<{
      id: string;
      fields?: string;
      include_fields?: boolean;
    }>();
    expectTypeOf<Input<"post_users">["body"]["connection"]>().toEqualTypeOf<string>();
  });
});

describe("the include_totals overloads", () => {
  it("resolve to the page object with include_totals: true, else to the array", async () => {
    if (never) {
      expectTypeOf(
        await listUsers(client, { include_totals: true }),
      ).toEqualTypeOf<ListUsersPage>();
      expectTypeOf(await listUsers(client)).toEqualTypeOf<UserResponseSchema[]>();
      expectTypeOf(await listUsers(client, { per_page: 10 })).toEqualTypeOf<UserResponseSchema[]>();
      expectTypeOf(await listUsers(client, { include_totals: false })).toEqualTypeOf<
        UserResponseSchema[]
      >();
      const totals: boolean = Math.random() > 0.5;
      expectTypeOf(await listUsers(client, { include_totals: totals })).toEqualTypeOf<
        ListUsersPage | UserResponseSchema[]
      >();
      const page = await listUserRoles(client, { id: "auth0|1", include_totals: true });
      expectTypeOf(page.roles).toEqualTypeOf<Role[] | undefined>();
    }
  });

  it("give .all explicit types: the input, and the items it yields", () => {
    expectTypeOf(listUsers.all).parameter(1).toEqualTypeOf<ListUsersInput | undefined>();
    expectTypeOf(listUsers.all).returns.toEqualTypeOf<
      AsyncGenerator<UserResponseSchema, void, undefined>
    >();
    expectTypeOf(listUserRoles.all).returns.toEqualTypeOf<AsyncGenerator<Role, void, undefined>>();
  });
});

describe("the path-typed request", () => {
  it("types params, query, body and the result from the method and path", async () => {
    if (never) {
      const user = await request(client, {
        method: "GET",
        path: "/users/{id}",
        params: { id: "auth0|1" },
        query: { fields: "email" },
      });
      expectTypeOf(user).toEqualTypeOf<GetUserResult>();
      const role = await request(client, {
        method: "POST",
        path: "/roles",
        body: { name: "admin" },
      });
      expectTypeOf(role).toEqualTypeOf<CreateRoleResult>();
      // @ts-expect-error the path parameter is required
      await request(client, { method: "GET", path: "/users/{id}" });
      // @ts-expect-error `/roles` does not answer PUT
      await request(client, { method: "PUT", path: "/roles" });
      await request(client, {
        method: "GET",
        path: "/users/{id}",
        params: { id: "a" },
        // @ts-expect-error a misspelled query parameter
        query: { feilds: "x" },
      });
      // @ts-expect-error an undocumented path (the root entry's request takes it)
      await request(client, { method: "GET", path: "/not-documented" });
    }
  });
});

describe("errors", () => {
  it("narrow on code to one class per case", () => {
    const describeError = (e: AnyManagementError) => {
      switch (e.code) {
        case "ERR_API":
          expectTypeOf(e).toEqualTypeOf<ManagementApiError & { readonly code: "ERR_API" }>();
          // @ts-expect-error a RateLimitError is not among the ERR_API case
          expectTypeOf(e).toHaveProperty("retryAfterMs");
          return e.statusCode;
        case "ERR_RATE_LIMITED":
          expectTypeOf(e).toEqualTypeOf<RateLimitError & { readonly code: "ERR_RATE_LIMITED" }>();
          return e.retryAfterMs;
        case "ERR_TIMEOUT":
          return e.timeoutMs;
        default:
          return e.message;
      }
    };
    void describeError;
  });
});

describe("wrong calls are type errors", () => {
  it("rejects the 13 wrong calls and a misspelled key of a closed PATCH body", async () => {
    if (never) {
      // @ts-expect-error 1. getUser without `id`
      await getUser(client, {});
      // @ts-expect-error 2. a misspelled `fields`
      await getUser(client, { id: "auth0|1", feilds: "email" });
      // @ts-expect-error 3. `id` is a string
      await getUser(client, { id: 123 });
      // @ts-expect-error 4. `per_page` is a number
      await listUsers(client, { per_page: "10" });
      // @ts-expect-error 5. an unknown key
      await listUsers(client, { qq: "x" });
      // @ts-expect-error 6. createUser without a body
      await createUser(client, {});
      // @ts-expect-error 7. a body without `connection`
      await createUser(client, { body: { email: "a@example.com" } });
      // @ts-expect-error 8. `email_verified` is a boolean
      await createUser(client, { body: { connection: "db", email_verified: "yes" } });
      // @ts-expect-error 9. createUser with no input
      await createUser(client);
      for await (const user of listUsers.all(client)) {
        // @ts-expect-error 10. a list item is not a number
        const n: number = user;
        void n;
      }
      // @ts-expect-error 11. a result is not a number
      const m: number = await getUser(client, { id: "auth0|1" });
      void m;
      // @ts-expect-error 12. `token` together with `clientSecret`
      createManagementClient({
        domain: "t.example.com",
        token: "t",
        clientId: "c",
        clientSecret: "s",
      });
      await createUser(client, {
        // @ts-expect-error 13. a header parameter is a string
        "auth0-custom-domain": 1,
        body: { connection: "db" },
      });
      // @ts-expect-error a misspelled key of a PATCH body the document closes
      await updateRole(client, { id: "rol_1", body: { nmae: "admin" } });
    }
  });
});
