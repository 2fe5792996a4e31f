import type { FaultSpec } from "./types";

interface PendingFault {
  spec: FaultSpec;
  remaining: number;
}

/** The queue behind `failNext`. */
export interface FaultQueue {
  add(spec: FaultSpec): void;
  /** Consumes and returns the first fault that matches the request, if any. */
  take(method: string, path: string, kind: "token" | "api" | "other"): FaultSpec | undefined;
  clear(): void;
}

function pathMatches(expected: string | RegExp, path: string): boolean {
  if (expected instanceof RegExp) {
    // A global or sticky RegExp keeps `lastIndex` between calls; reset it so matching is stable.
    expected.lastIndex = 0;
    return expected.test(path);
  }
  const apiPath = path.startsWith("/api/v2/") ? path.slice("/api/v2".length) : undefined;
  return expected === path || expected === apiPath;
}

/**
 * Faults are kept in the order they were added; the first one matching a request
 * fires, so a narrow fault added after a broad one still waits its turn.
 *
 * @example
 * ```ts
 * const faults = createFaultQueue();
 * faults.add({ status: 503, times: 2 });
 * faults.take("GET", "/api/v2/users", "api"); // { status: 503, times: 2 }
 * ```
 */
export function createFaultQueue(): FaultQueue {
  let pending: PendingFault[] = [];
  return {
    add(spec) {
      const times = spec.times ?? 1;
      if (!Number.isInteger(times) || times < 1) {
        throw new TypeError("failNext: times must be a positive integer");
      }
      if ("status" in spec && !(spec.status >= 100 && spec.status <= 599)) {
        throw new TypeError("failNext: status must be an HTTP status code");
      }
      pending.push({ spec, remaining: times });
    },
    take(method, path, kind) {
      const fault = pending.find(({ spec }) => {
        if (spec.method !== undefined && spec.method.toUpperCase() !== method) return false;
        if (spec.path === undefined) return kind === "api";
        return pathMatches(spec.path, path);
      });
      if (fault === undefined) return undefined;
      fault.remaining -= 1;
      if (fault.remaining === 0) pending = pending.filter((entry) => entry !== fault);
      return fault.spec;
    },
    clear() {
      pending = [];
    },
  };
}
