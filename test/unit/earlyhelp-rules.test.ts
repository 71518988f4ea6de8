import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeErrors, stepUpErrors, type StepUpInput } from '../../src/earlyhelp/rules.js';

const stepUp: StepUpInput = {
  method: 'email', whatChanged: 'Mum’s new partner has moved in; the school saw bruising.', worries: 'Physical harm', earlyHelpActions: 'Six weeks of family support sessions',
  childViews: 'Says she is scared of the new partner', parentsAware: 'yes', consent: 'given', consentOverrideReason: '',
};

test('closing: the end date lies between the start and today, and a reason is needed', () => {
  assert.deepEqual(closeErrors({ startedOn: '2026-01-10', endedOn: '2026-03-01', reason: 'Needs met', today: '2026-03-02' }), []);
  assert.deepEqual(closeErrors({ startedOn: '2026-01-10', endedOn: '2026-01-10', reason: 'Needs met', today: '2026-01-10' }), []);
  assert.deepEqual(closeErrors({ startedOn: '2026-01-10', endedOn: '2026-01-09', reason: 'x', today: '2026-03-02' }).map((e) => e.field), ['endedOn']);
  assert.deepEqual(closeErrors({ startedOn: '2026-01-10', endedOn: '2026-03-03', reason: 'x', today: '2026-03-02' }).map((e) => e.field), ['endedOn']);
  assert.deepEqual(closeErrors({ startedOn: '2026-01-10', endedOn: '2026-03-01', reason: '  ', today: '2026-03-02' }).map((e) => e.field), ['reason']);
});

test('step-up: a complete form has no errors', () => {
  assert.deepEqual(stepUpErrors(stepUp), []);
});

test('step-up: each missing part is named, in the order of the form', () => {
  const errors = stepUpErrors({ ...stepUp, method: 'phone', whatChanged: ' ', worries: '', earlyHelpActions: '', childViews: '', parentsAware: '', consent: '' });
  assert.deepEqual(errors.map((e) => e.field), ['method', 'whatChanged', 'worries', 'earlyHelpActions', 'childViews', 'parentsAware', 'consent']);
});

test('step-up without parents’ consent needs the reason, as any contact does', () => {
  assert.deepEqual(stepUpErrors({ ...stepUp, consent: 'refused' }).map((e) => e.field), ['consentOverrideReason']);
  assert.deepEqual(stepUpErrors({ ...stepUp, consent: 'not_sought', consentOverrideReason: 'Asking would put the child at risk' }), []);
});
