import type { ManagementClient as Client } from "../client.js";
import { getStatsActiveUsersCount, getStatsDaily } from "../generated/stats.js";
import type { Input } from "../operation.js";
import { callbackify } from "./callbackify.js";

/** The classic `StatsManager`. */
export class StatsManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /stats/active-users`: users who logged in during the last 30 days.
   * @example const count = await management.stats.getActiveUsersCount();
   */
  readonly getActiveUsersCount = callbackify(() => getStatsActiveUsersCount(this.client));

  /**
   * `GET /stats/daily` (`from`, `to` as `YYYYMMDD`).
   * @example const days = await management.stats.getDaily({ from: "20250101", to: "20250131" });
   */
  readonly getDaily = callbackify((params?: Input<"get_daily">) =>
    getStatsDaily(this.client, params),
  );
}
