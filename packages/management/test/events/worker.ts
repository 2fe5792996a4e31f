// A Worker that runs the live-stream case in workerd against the loopback server it is given.
import { liveStreamScenario } from "./live-scenario.js";

export default {
  async fetch(request: Request): Promise<Response> {
    const origin = new URL(request.url).searchParams.get("origin")!;
    return Response.json(await liveStreamScenario(origin));
  },
};
