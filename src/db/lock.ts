import fs from 'node:fs';
import path from 'node:path';

export interface DataDirLock {
  release(): void;
}

export class DataDirLockedError extends Error {}

/** Folders this process holds, so a second open in the same process is refused too. */
const heldByThisProcess = new Set<string>();

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock file on the PGlite data folder. A second process is refused;
 * a lock left by a process that has died is cleared.
 */
export function acquireDataDirLock(dir: string): DataDirLock {
  const file = path.join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      if (heldByThisProcess.has(file)) throw new DataDirLockedError(`The data folder ${dir} is already open in this process.`);
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldByThisProcess.add(file);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldByThisProcess.delete(file);
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && (holder === process.pid ? heldByThisProcess.has(file) : processIsAlive(holder))) {
        throw new DataDirLockedError(
          `The data folder ${dir} is in use by another process (pid ${holder}). Stop it first, or set DATA_DIR to another folder.`,
        );
      }
      fs.unlinkSync(file); // stale lock from a process that is gone
    }
  }
  throw new DataDirLockedError(`Could not lock the data folder ${dir}`);
}
