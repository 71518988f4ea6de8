import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * The two kinds of backup file npm run db:backup makes, told apart by their first bytes:
 * - 'pglite': a tarball (gzip-compressed, from PGlite's dumpDataDir) of the embedded database's pgdata folder;
 * - 'pg_dump': a PostgreSQL custom-format archive (pg_dump --format=custom), which starts with "PGDMP".
 */
export type BackupFormat = 'pglite' | 'pg_dump';

export const FORMAT_NAMES: Record<BackupFormat, string> = {
  pglite: 'an embedded-database (PGlite) backup',
  pg_dump: 'a PostgreSQL (pg_dump) backup',
};

export function detectBackupFormat(head: Buffer): BackupFormat | 'gzip' | 'tar' | 'sql' | 'unknown' {
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg_dump';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (isTarHeader(head)) return 'tar';
  if (/^\s*(--|SET |CREATE |BEGIN|\\)/.test(head.subarray(0, 200).toString('latin1'))) return 'sql';
  return 'unknown';
}

function isTarHeader(block: Buffer): boolean {
  return block.length >= 512 && block.subarray(257, 262).toString('latin1') === 'ustar';
}

/** Reads the start of a file (enough for detectBackupFormat). */
export function readHead(file: string, bytes = 512): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Checks a PGlite backup tarball (gzip or plain tar) looks like a pgdata folder: walks the tar
 * headers looking for the top-level PG_VERSION file. Only the first few MB are decompressed; a
 * tarball that is still plausible where the look stops is accepted (PGlite has the final word).
 * Returns null if it looks right, or the problem.
 */
export function pgliteTarballProblem(data: Buffer): string | null {
  const LOOK = 4 * 1024 * 1024;
  let tar: Buffer;
  let cut = false;
  if (data[0] === 0x1f && data[1] === 0x8b) {
    cut = data.length > LOOK;
    try {
      // Z_SYNC_FLUSH: decompress what this slice holds without needing the end of the stream.
      tar = zlib.gunzipSync(data.subarray(0, LOOK), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } catch {
      return 'it is a gzip file that cannot be decompressed (damaged?)';
    }
  } else {
    tar = data;
  }
  if (!isTarHeader(tar)) return 'it is not a tar archive';
  let offset = 0;
  let entries = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break; // end of archive
    if (!isTarHeader(header)) return 'its tar archive is damaged';
    const name = cString(header.subarray(0, 100));
    const prefix = cString(header.subarray(345, 500));
    const full = (prefix ? `${prefix}/${name}` : name).replace(/^(\.?\/)+/, '');
    if (full === 'PG_VERSION') return null;
    entries++;
    if (header[124]! & 0x80) return null; // a base-256 size (a huge file): stop looking, let PGlite judge
    const size = parseInt(cString(header.subarray(124, 136)).trim() || '0', 8);
    if (!Number.isFinite(size)) return 'its tar archive is damaged';
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  // Ran past the decompressed part without reaching the end: can't tell, so accept.
  if (cut && offset + 512 > tar.length) return null;
  return entries === 0 ? 'its tar archive is empty' : 'it does not contain a database folder (no PG_VERSION file)';
}

function cString(b: Buffer): string {
  const end = b.indexOf(0);
  return b.subarray(0, end === -1 ? b.length : end).toString('utf8');
}

/** Writes bytes to file via a temporary file and a rename, readable by the owner only (backups hold personal data). */
export function writeFileAtomically(file: string, bytes: Uint8Array): void {
  const tmp = partialName(file);
  try {
    fs.writeFileSync(tmp, bytes, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

export function partialName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.partial-${process.pid}`);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
