import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import type { CurrentUser } from './policy.js';
import { AGENCY_LABELS, isAgency, isApiScope, type Agency, type ApiScope } from './roles.js';

/** Keys look like `csc_` + 43 characters (32 random bytes, base64url): recognisable in logs and secret scanners. */
const KEY_PREFIX = 'csc_';
/** How much of the key is kept in clear to identify it (prefix plus 8 characters: 48 bits, not enough to guess the rest). */
const SHOWN_LENGTH = KEY_PREFIX.length + 8;
/** last_used_at is written at most this often, so a busy client does not write on every call. */
const LAST_USED_INTERVAL_MS = 60_000;

export const hashApiKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

export function generateApiKey(): string {
  return KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
}

export interface ApiClientSummary {
  id: number;
  name: string;
  agency: Agency;
  agencyLabel: string;
  scopes: ApiScope[];
  keyPrefix: string;
  active: boolean;
  lastUsedAt: Date | null;
  createdAt: Date;
  revokedAt: Date | null;
  version: number;
  username: string;
}

export interface NewApiClient {
  name: string;
  agency: Agency;
  scopes: ApiScope[];
}

/**
 * Partner systems that call the JSON API. Each has a service account (users.role = 'partner_system') so
 * every audit row it causes names it; its key is shown once at creation and only its sha256 is kept.
 */
export class ApiClientsService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<ApiClientSummary[]> {
    const rows = await this.db
      .selectFrom('api_clients')
      .innerJoin('users', 'users.id', 'api_clients.user_id')
      .selectAll('api_clients')
      .select('users.username')
      .orderBy('api_clients.active', 'desc')
      .orderBy('api_clients.name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      agency: r.agency as Agency,
      agencyLabel: isAgency(r.agency) ? AGENCY_LABELS[r.agency] : r.agency,
      scopes: r.scopes.filter(isApiScope),
      keyPrefix: r.key_prefix,
      active: r.active,
      lastUsedAt: r.last_used_at,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
      version: r.version,
      username: r.username,
    }));
  }

  async get(id: number): Promise<ApiClientSummary> {
    const found = (await this.list()).find((c) => c.id === id);
    if (!found) throw new NotFoundError(`No API client ${id}`);
    return found;
  }

  /** Creates the client and its service account; the key is returned once and never stored. */
  async create(ctx: RequestContext, input: NewApiClient): Promise<{ id: number; key: string }> {
    if (!input.name.trim()) throw new ValidationError('name', 'Enter the name of the partner system');
    if (!input.scopes.length) throw new ValidationError('scopes', 'Select what the system may do');
    const key = generateApiKey();
    return inTransaction(this.db, async (tx) => {
      const clash = await tx.selectFrom('api_clients').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', input.name.trim().toLowerCase())).where('active', '=', true).executeTakeFirst();
      if (clash) throw new ValidationError('name', 'An active partner system already has that name');
      const username = `api.${crypto.randomBytes(4).toString('hex')}`;
      const { id: userId } = await tx
        .insertInto('users')
        .values({
          username,
          display_name: `${input.name.trim()} (partner system)`,
          job_title: 'Partner system',
          role: 'partner_system',
          // The users_partner_has_agency check allows an agency only on partner (person) accounts.
          agency: null,
          // Not a password hash: nothing verifies against it, and sign-in refuses service accounts anyway.
          password_hash: '!service-account',
          must_change_password: false,
          last_sign_in_at: null,
          locked_until: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id } = await tx
        .insertInto('api_clients')
        .values({ name: input.name.trim(), agency: input.agency, scopes: [...new Set(input.scopes)], key_prefix: key.slice(0, SHOWN_LENGTH), key_hash: hashApiKey(key), user_id: userId, created_by: ctx.user?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(tx, ctx, { action: 'api_client.create', recordType: 'api_client', recordId: id, details: { name: input.name.trim(), agency: input.agency, scopes: input.scopes, keyPrefix: key.slice(0, SHOWN_LENGTH), serviceUser: username } });
      return { id, key };
    });
  }

  /** Revokes the key at once: the next call with it gets 401. */
  async revoke(ctx: RequestContext, id: number, version: number): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const row = await tx.selectFrom('api_clients').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw new NotFoundError(`No API client ${id}`);
      if (row.version !== version) throw new ConflictError();
      if (!row.active) throw new ValidationError('form', 'This key has already been revoked.');
      const now = new Date();
      await tx.updateTable('api_clients').set({ active: false, revoked_at: now, revoked_by: ctx.user?.id ?? null, version: row.version + 1 }).where('id', '=', id).execute();
      await tx.updateTable('users').set({ active: false, updated_at: now }).where('id', '=', row.user_id).execute();
      await writeAudit(tx, ctx, { action: 'api_client.revoke', recordType: 'api_client', recordId: id, details: { name: row.name, keyPrefix: row.key_prefix } });
    });
  }

  /**
   * The acting service user for a bearer key, or null for an unknown or revoked key. The comparison is
   * by the hash through a unique index: the key is never compared character by character in JavaScript.
   */
  async authenticate(key: string): Promise<{ user: CurrentUser; clientId: number; keyPrefix: string } | null> {
    if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
    const row = await this.db
      .selectFrom('api_clients')
      .innerJoin('users', 'users.id', 'api_clients.user_id')
      .select(['api_clients.id', 'api_clients.name', 'api_clients.scopes', 'api_clients.key_prefix', 'api_clients.last_used_at', 'users.id as userId', 'users.username', 'users.display_name'])
      .where('api_clients.key_hash', '=', hashApiKey(key))
      .where('api_clients.active', '=', true)
      .where('users.active', '=', true)
      .executeTakeFirst();
    if (!row) return null;
    const now = Date.now();
    if (!row.last_used_at || now - row.last_used_at.getTime() > LAST_USED_INTERVAL_MS) {
      await this.db.updateTable('api_clients').set({ last_used_at: new Date(now) }).where('id', '=', row.id).execute();
    }
    return {
      clientId: row.id,
      keyPrefix: row.key_prefix,
      user: {
        id: row.userId,
        username: row.username,
        displayName: row.display_name,
        role: 'partner_system',
        agency: null,
        teamIds: [],
        teamNames: [],
        mustChangePassword: false,
        apiScopes: row.scopes.filter(isApiScope),
      },
    };
  }
}
