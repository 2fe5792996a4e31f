// workerd runs this bundle as a Worker; the runner fetches the results from it.
import { runCases } from "../suite.js";

export default {
  async fetch(): Promise<Response> {
    return Response.json(await runCases());
  },
};
