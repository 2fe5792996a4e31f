import type { ManagementClient as Client } from "../client.js";
import { getLog, listLogs } from "../generated/logs.js";
import type { Input } from "../operation.js";
import { callbackify } from "./callbackify.js";

/** `GET /logs` parameters, plus `q`: the search the classic client sent, which Auth0 still takes. */
export type LogsParams = Input<"get_logs"> & { q?: string };

/** The classic `LogsManager`. */
export class LogsManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /logs` (`q`, `sort`, `fields`, `page`, `per_page`, `include_totals`, or `from`/`take`).
   * @example const logs = await management.logs.getAll({ q: "type:s", per_page: 10 });
   */
  readonly getAll = callbackify((params?: LogsParams) => listLogs(this.client, params));

  /**
   * `GET /logs/{id}`.
   * @example const event = await management.logs.get({ id: log_id });
   */
  readonly get = callbackify((params: Input<"get_logs_by_id">) => getLog(this.client, params));
}
