import { ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';
import { DataDirLockedError } from './db/lock.js';
import { DEMO_USERS } from './access/demo-seed.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  let running;
  try {
    running = await createApp(config, { logger: true });
  } catch (err) {
    // Known start-up problems get one clear line, not a stack trace.
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof DataDirLockedError || /ECONNREFUSED|password authentication|does not exist|Migration/.test(message)) {
      console.error(`Cannot start: ${message}`);
      process.exit(1);
    }
    throw err;
  }
  const { app, handle, seeded } = running;
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `Children's social care is running at ${url}`,
    handle.kind === 'pglite' ? `Data folder: ${config.dataDir} (embedded PostgreSQL)` : `Database: ${handle.location}`,
  ];
  if (config.demoMode) {
    lines.push(`Demo mode: Demo Borough Council. Demo accounts: ${DEMO_USERS.map((u) => u.username).join(', ')}`);
    if (seeded?.generated) lines.push(`Demo password (shown once, for all demo accounts): ${seeded.password}`);
    else if (seeded) lines.push('Demo password: the value of DEMO_PASSWORD');
    else lines.push('Demo password: as printed at first start (or DEMO_PASSWORD if it was set then)');
  }
  console.log(lines.join('\n') + '\n');

  const stop = async (signal: string) => {
    console.log(`${signal} received: stopping`);
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

void main();
