/**
 * Sign-in throttling rules, free of the database so they can be tested on their own.
 * Per account: 5 failures in 15 minutes lock it for 15 minutes (an administrator's password reset unlocks it).
 * Per IP address: 30 failures in 15 minutes refuse further attempts from it for the rest of the window.
 */
export const SIGN_IN_LIMITS = {
  windowMinutes: 15,
  accountFailures: 5,
  accountLockMinutes: 15,
  ipFailures: 30,
} as const;

export type ThrottleDecision = { allowed: true } | { allowed: false; reason: 'account_locked' | 'ip_blocked'; retryAfterMinutes: number };

export function decideThrottle(input: {
  now: Date;
  lockedUntil: Date | null;
  ipFailuresInWindow: number;
}): ThrottleDecision {
  if (input.lockedUntil && input.lockedUntil > input.now) {
    return { allowed: false, reason: 'account_locked', retryAfterMinutes: Math.ceil((input.lockedUntil.getTime() - input.now.getTime()) / 60000) };
  }
  if (input.ipFailuresInWindow >= SIGN_IN_LIMITS.ipFailures) {
    return { allowed: false, reason: 'ip_blocked', retryAfterMinutes: SIGN_IN_LIMITS.windowMinutes };
  }
  return { allowed: true };
}

/** After a failure: should the account now be locked, and until when? */
export function lockAfterFailure(now: Date, accountFailuresInWindowIncludingThis: number): Date | null {
  return accountFailuresInWindowIncludingThis >= SIGN_IN_LIMITS.accountFailures
    ? new Date(now.getTime() + SIGN_IN_LIMITS.accountLockMinutes * 60000)
    : null;
}
