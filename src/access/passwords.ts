import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// OWASP's recommended Argon2id settings (19 MiB, 2 iterations, 1 lane).
// algorithm 2 is Argon2id (the package's Algorithm enum is a const enum, not importable under isolatedModules).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Verify against a throwaway hash so an unknown username takes as long as a wrong password. */
export async function spendVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}

const COMMON = new Set([
  'password', 'password1', 'password123', 'passw0rd', 'qwerty', 'qwertyuiop', '123456789012', 'letmein',
  'welcome', 'welcome123', 'iloveyou', 'changeme', 'administrator', 'socialcare', 'children',
]);

/** Returns the reason a new password is not acceptable, or null. Length beats complexity rules (NCSC guidance). */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 12) return 'Password must be 12 characters or more';
  if (password.length > 200) return 'Password must be 200 characters or fewer';
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return 'Password must not contain your username';
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return 'Password is too easy to guess: use three random words';
  return null;
}

/** A temporary password an administrator passes on; the user must change it at next sign-in. */
export function generateTemporaryPassword(): string {
  const words = ['amber', 'birch', 'cedar', 'delta', 'ember', 'fjord', 'grove', 'heron', 'iris', 'juniper', 'kestrel', 'linden', 'maple', 'nectar', 'oak', 'pebble', 'quartz', 'river', 'sorrel', 'thistle', 'umber', 'violet', 'willow', 'yarrow'];
  // Three different words: shuffle a copy and take the first three.
  const pool = [...words];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return `${pool[0]}-${pool[1]}-${pool[2]}-${crypto.randomInt(100, 1000)}`;
}
