export interface BackoffPolicy {
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  /** Relative jitter of each delay, ±. */
  readonly jitter: number;
  /** Source of jitter, [0, 1). */
  readonly random: () => number;
}

/** Delay before attempt `n` (1-based): doubling from the initial delay, capped, with jitter. */
export function backoffDelay(n: number, policy: BackoffPolicy): number {
  const base = Math.min(policy.backoffMaxMs, policy.backoffInitialMs * 2 ** Math.min(30, n - 1));
  const jittered = base * (1 + policy.jitter * (2 * policy.random() - 1));
  return Math.max(0, Math.round(Math.min(policy.backoffMaxMs, jittered)));
}
