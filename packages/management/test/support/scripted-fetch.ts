export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
  at: number;
}

type Answer = Response | ((request: SentRequest) => Response | Promise<Response>);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/**
 * A fetch that answers `/oauth/token` with a token and every other request with the
 * next scripted answer (the last one repeats), and records what was sent.
 */
export function scriptedFetch(answers: Answer[]) {
  const sent: SentRequest[] = [];
  let next = 0;
  let grants = 0;
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = typeof init.body === "string" ? init.body : undefined;
    const request: SentRequest = {
      method: init.method ?? "GET",
      url,
      headers: new Headers(init.headers),
      body,
      at: Date.now(),
    };
    if (init.signal?.aborted) throw init.signal.reason;
    if (url.pathname === "/oauth/token") {
      grants++;
      return json({ access_token: `token-${grants}`, token_type: "Bearer", expires_in: 86400 });
    }
    sent.push(request);
    const answer = answers[Math.min(next++, answers.length - 1)];
    if (!answer) throw new Error("no scripted answer");
    return typeof answer === "function" ? answer(request) : answer.clone();
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    sent,
    get grants() {
      return grants;
    },
  };
}
