// The audit trail's hash chain as written by the database function audit_append: rows written
// concurrently, inside transactions that commit or roll back, and with awkward details, all verify;
// and the hash the database computes is the one the application's hashAuditRow computes. Both back ends.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, type TestApp } from '../support/harness.js';
import { hashAuditRow, splitAtId, auditContent, verifyAuditChain, writeAudit, type HashableAuditRow, type RequestContext } from '../../src/audit/audit-log.js';

const CTX: RequestContext = {
  requestId: 'audit-chain-test',
  ip: '203.0.113.9',
  user: { id: 1, username: 'chain.tester', role: 'admin', teamIds: [], teamNames: ['Team "A"', 'Équipe B'] } as unknown as RequestContext['user'],
};

describe('audit chain written in one statement', { concurrency: true }, () => {
  for (const target of TARGETS) {
    describe(target, { concurrency: 1 }, () => {
      let t: TestApp;
      before(async () => {
        t = await startTestApp(target, { DEMO_MODE: 'false' });
      });
      after(async () => t?.close());

      test('rows written concurrently, with awkward details, chain and verify; the hash matches the application’s', async () => {
        const db = t.handle.db;
        const awkward = [
          { quote: 'He said "id":-727001727', nested: { id: -727001727 } },
          { '10': 'integer-like keys', '2': 'come first in JSON', z: null, when: new Date('2026-03-29T01:30:00Z') },
          { text: 'Zoë Ağaoğlu – 😀 \\ backslash \n newline' },
          {},
        ];
        await Promise.all(Array.from({ length: 24 }, (_, i) => writeAudit(db, CTX, { action: `chain.test.${i}`, recordType: 'thing', recordId: i, personIds: [i, i + 1], details: awkward[i % awkward.length] })));
        const v = await verifyAuditChain(db);
        assert.equal(v.ok, true, v.problem);
        const rows = await db.selectFrom('audit_events').selectAll().where('action', 'like', 'chain.test.%').orderBy('id').execute();
        assert.equal(rows.length, 24);
        for (const row of rows) assert.equal(row.hash, hashAuditRow(row.prev_hash, row as HashableAuditRow));
        assert.equal(rows.find((r) => r.action === 'chain.test.0')!.team, 'Team "A", Équipe B');
      });

      test('an event written in a transaction that rolls back leaves no gap in the chain', async () => {
        const db = t.handle.db;
        await assert.rejects(
          db.transaction().execute(async (trx) => {
            await writeAudit(trx, CTX, { action: 'chain.rolled-back' });
            throw new Error('the write failed');
          }),
          /the write failed/,
        );
        await db.transaction().execute((trx) => writeAudit(trx, CTX, { action: 'chain.committed' }));
        await writeAudit(db, CTX, { action: 'chain.after' });
        const actions = (await db.selectFrom('audit_events').select('action').where('action', 'like', 'chain.%').where('action', 'not like', 'chain.test.%').orderBy('id').execute()).map((r) => r.action);
        assert.deepEqual(actions, ['chain.committed', 'chain.after']);
        assert.equal((await verifyAuditChain(db)).ok, true);
      });
    });
  }
});

test('splitAtId splits at the top-level id, not at the same text inside the details', () => {
  const row = { id: -727001727, occurred_at: new Date(0), user_id: null, username: null, role: null, team: null, action: 'a', outcome: 'success', record_type: null, record_id: null, person_ids: [], request_id: null, ip: null, details: { id: -727001727 } };
  const [before, after] = splitAtId(auditContent(row));
  assert.equal(before + '42' + after, auditContent({ ...row, id: 42 }));
});
