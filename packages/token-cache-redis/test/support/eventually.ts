/**
 * Retries `check` until it passes, for things that happen on Redis's clock (a key's
 * expiry). Bounded: after `withinMs` the last failure is thrown.
 */
export async function eventually(check: () => Promise<void>, withinMs = 3_000): Promise<void> {
  const giveUpAt = Date.now() + withinMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
