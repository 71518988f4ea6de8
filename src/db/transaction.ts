import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export type Tx = Transaction<Database>;

/**
 * Runs fn in a transaction, joining the caller's if there is one. On PGlite there is one
 * connection, so a query made on `db` inside a transaction would deadlock: always use the tx given.
 */
export async function inTransaction<T>(db: Kysely<Database>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return db.transaction().execute(fn);
}

/** Thrown when a record changed since the user loaded it (optimistic concurrency). */
export class ConflictError extends Error {
  constructor(message = 'Someone else changed this record while you were editing it.') {
    super(message);
  }
}

export class NotFoundError extends Error {}

/** A rule of the domain was broken: the message is written for the user. */
export class ValidationError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
