import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable the service reads, validated once at start-up.
 * A bad value stops start-up with one line naming the variable (see ConfigError).
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
  PORT: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 to 65535').max(65535, 'must be 1 to 65535').default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DEMO_MODE: booleanFromEnv.optional(),
  DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(2, 'must be at least 2').max(720, 'must be at most 720').default(30),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUST_PROXY: booleanFromEnv.default(false),
  SECURE_COOKIES: booleanFromEnv.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
});

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demoMode: boolean;
  demoPassword: string | undefined;
  sessionIdleMinutes: number;
  sessionSecret: string | undefined;
  trustProxy: boolean;
  secureCookies: boolean;
  logLevel: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Treat empty strings as unset so `PORT= npm start` behaves like no PORT.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Configuration error: ${name} ${issue.message} (got "${String(env[name] ?? '')}")`);
  }
  const e = parsed.data;
  const demoMode = e.DEMO_MODE ?? e.NODE_ENV !== 'production';
  if (demoMode && e.NODE_ENV === 'production') {
    throw new ConfigError('Configuration error: DEMO_MODE cannot be true when NODE_ENV=production (demo data must never reach a live system)');
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demoMode,
    demoPassword: e.DEMO_PASSWORD,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionSecret: e.SESSION_SECRET,
    trustProxy: e.TRUST_PROXY,
    secureCookies: e.SECURE_COOKIES ?? e.NODE_ENV === 'production',
    logLevel: e.LOG_LEVEL,
  };
}
