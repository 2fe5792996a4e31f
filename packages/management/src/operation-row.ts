import type { OperationRequest, PaginationKind } from "./operation.js";

/**
 * One row of the generated `operations` table: an operation's request descriptor, the
 * facts a one-function bundle does not carry, and its function. The generated table calls
 * this once per operation with positional facts instead of writing each row out as an
 * object literal, which halves the table's share of the published package.
 *
 * @param scopes The scopes of which a token needs one, space-separated (`""` for none).
 * @internal
 */
export function operationRow<K extends string, C>(
  request: OperationRequest,
  call: C,
  operationId: K,
  group: string,
  name: string,
  scopes: string,
  lifecycle: string | null,
  pagination: PaginationKind | null,
) {
  return {
    ...request,
    operationId,
    group,
    name,
    scopes: scopes === "" ? [] : scopes.split(" "),
    lifecycle,
    pagination,
    call,
  };
}
