import type { Input, OperationId } from "../operation-types.js";

/** Keys the classic client passed on as they were: any other query parameter. */
export type ExtraParams = { [key: string]: unknown };

/**
 * The first argument of a classic call to a generated operation: the operation's path and
 * query parameters, with the classic's names for the path keys it named differently
 * (`Classic` in place of `Documented`: `client_id` for `id`), and any other key, which
 * goes to the query string as the classic sent it.
 */
export type Params<
  K extends OperationId,
  Classic extends string = never,
  Documented extends string = never,
> = Omit<Input<K>, "body" | Documented> & { [P in Classic]: string } & ExtraParams;

/** The first argument of a classic call to a path the API document lacks: its path keys and any query key. */
export type RequestParams<Keys extends string> = { [P in Keys]: string } & ExtraParams;

/** The request body of an operation, or any JSON object where it takes none. */
export type BodyOf<K extends OperationId> =
  Input<K> extends { body?: infer B } ? B : Record<string, unknown>;
