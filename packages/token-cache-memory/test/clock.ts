/** A clock that moves only when a test says so, so no test ever sleeps. */
export function manualClock(start = 1_700_000_000_000) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}

/** A token that stays valid for an hour after the clock's start unless told otherwise. */
export function token(accessToken: string, expiresAt = 1_700_000_000_000 + 3_600_000) {
  return { accessToken, expiresAt };
}
