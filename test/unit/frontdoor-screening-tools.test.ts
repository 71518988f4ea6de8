import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DASH_QUESTIONS, EXPLOITATION_GROUPS, EXPLOITATION_HIGH_FROM, EXPLOITATION_INDICATORS, EXPLOITATION_MEDIUM_FROM,
  assess, fieldFor, levelLabel, scoreDash, scoreExploitation, toolFromSlug, type DashAnswer, type IndicatorAnswer,
} from '../../src/frontdoor/screening-tools.js';

/** DASH answers with the first `yes` questions answered yes and the rest `rest`. */
const dash = (yes: number, rest: DashAnswer = 'no'): Record<string, DashAnswer> =>
  Object.fromEntries(DASH_QUESTIONS.map((q, i) => [q.key, i < yes ? 'yes' : rest]));

const exploitation = (present: string[]): Record<string, IndicatorAnswer> =>
  Object.fromEntries(EXPLOITATION_INDICATORS.map((i) => [i.key, present.includes(i.key) ? 'yes' : 'no']));

test('the DASH-style checklist has 27 questions with distinct keys', () => {
  assert.equal(DASH_QUESTIONS.length, 27);
  assert.equal(new Set(DASH_QUESTIONS.map((q) => q.key)).size, 27);
});

test('DASH: 13 yes is medium, 14 yes is high; 9 is standard, 10 is medium', () => {
  assert.deepEqual(scoreDash(dash(13)), { score: 13, calculatedLevel: 'medium' });
  assert.deepEqual(scoreDash(dash(14)), { score: 14, calculatedLevel: 'high' });
  assert.deepEqual(scoreDash(dash(9)), { score: 9, calculatedLevel: 'standard' });
  assert.deepEqual(scoreDash(dash(10)), { score: 10, calculatedLevel: 'medium' });
  assert.deepEqual(scoreDash(dash(0)), { score: 0, calculatedLevel: 'standard' });
  assert.deepEqual(scoreDash(dash(27)), { score: 27, calculatedLevel: 'high' });
});

test('DASH: "not known" does not count as yes', () => {
  assert.deepEqual(scoreDash(dash(13, 'not_known')), { score: 13, calculatedLevel: 'medium' });
});

test('exploitation: indicators are grouped sexual / criminal / either, with distinct keys and positive weights', () => {
  assert.ok(EXPLOITATION_INDICATORS.length >= 15 && EXPLOITATION_INDICATORS.length <= 22);
  assert.equal(new Set(EXPLOITATION_INDICATORS.map((i) => i.key)).size, EXPLOITATION_INDICATORS.length);
  for (const g of Object.keys(EXPLOITATION_GROUPS)) assert.ok(EXPLOITATION_INDICATORS.some((i) => i.group === g), g);
  for (const i of EXPLOITATION_INDICATORS) assert.ok(i.weight >= 1 && i.weight <= 3, i.key);
});

test('exploitation: a single "alone high" indicator makes it high whatever the score', () => {
  const alone = EXPLOITATION_INDICATORS.filter((i) => i.aloneHigh);
  assert.ok(alone.length >= 2);
  for (const i of alone) {
    assert.ok(i.weight < EXPLOITATION_HIGH_FROM, 'the score alone would not make it high');
    const r = scoreExploitation(exploitation([i.key]));
    assert.equal(r.calculatedLevel, 'high', i.key);
    assert.deepEqual(r.aloneHighPresent, [i.key]);
  }
});

test('exploitation: the score bands, at their boundaries', () => {
  assert.deepEqual(scoreExploitation(exploitation([])), { score: 0, calculatedLevel: 'low', aloneHighPresent: [] });
  // missing from school (2) + new phones (2) = 4: low; + behaviour change (1) = 5: medium.
  assert.equal(scoreExploitation(exploitation(['missing_school', 'new_phones'])).calculatedLevel, 'low');
  const five = scoreExploitation(exploitation(['missing_school', 'new_phones', 'behaviour_change']));
  assert.equal(five.score, EXPLOITATION_MEDIUM_FROM);
  assert.equal(five.calculatedLevel, 'medium');
  // 3 + 3 + 3 = 9: medium; one more 1 = 10: high.
  const nine = scoreExploitation(exploitation(['missing_home', 'older_associates', 'out_of_area']));
  assert.deepEqual([nine.score, nine.calculatedLevel], [9, 'medium']);
  const ten = scoreExploitation(exploitation(['missing_home', 'older_associates', 'out_of_area', 'behaviour_change']));
  assert.deepEqual([ten.score, ten.calculatedLevel], [EXPLOITATION_HIGH_FROM, 'high']);
});

test('assess: every DASH question must be answered, and each missing one is named', () => {
  const fields = Object.fromEntries(DASH_QUESTIONS.slice(0, 25).map((q) => [fieldFor(q.key), 'no']));
  const r = assess({ tool: 'domestic_abuse', fields, judgementHigh: false, judgementReason: '', notes: '' });
  assert.equal(r.assessment, undefined);
  assert.deepEqual(r.errors.map((e) => e.field), [fieldFor(DASH_QUESTIONS[25]!.key), fieldFor(DASH_QUESTIONS[26]!.key)]);
  assert.match(r.errors[0]!.text, /question 26/);
  // A made-up answer is not an answer.
  const bad = assess({ tool: 'domestic_abuse', fields: { ...fields, [fieldFor(DASH_QUESTIONS[25]!.key)]: 'maybe', [fieldFor(DASH_QUESTIONS[26]!.key)]: 'no' }, judgementHigh: false, judgementReason: '', notes: '' });
  assert.equal(bad.errors.length, 1);
});

test('assess: professional judgement raises to high only with a reason, and keeps the calculated level', () => {
  const fields = Object.fromEntries(DASH_QUESTIONS.map((q, i) => [fieldFor(q.key), i < 3 ? 'yes' : 'no']));
  const noReason = assess({ tool: 'domestic_abuse', fields, judgementHigh: true, judgementReason: '  ', notes: '' });
  assert.deepEqual(noReason.errors.map((e) => e.field), ['judgementReason']);
  const raised = assess({ tool: 'domestic_abuse', fields, judgementHigh: true, judgementReason: 'Recent threats with a knife reported by the police', notes: '' });
  assert.equal(raised.assessment?.score, 3);
  assert.equal(raised.assessment?.calculatedLevel, 'standard');
  assert.equal(raised.assessment?.level, 'high');
  // A reason left in the box without the judgement ticked is not kept, and changes nothing.
  const plain = assess({ tool: 'domestic_abuse', fields, judgementHigh: false, judgementReason: 'typed then changed my mind', notes: '' });
  assert.equal(plain.assessment?.level, 'standard');
  assert.equal(plain.assessment?.judgementReason, '');
});

test('assess: exploitation indicators not ticked are recorded as "no"; answers cover every indicator', () => {
  const r = assess({ tool: 'exploitation', fields: { [fieldFor('weapon')]: 'yes', [fieldFor('not_a_question')]: 'yes' }, judgementHigh: false, judgementReason: '', notes: ' seen with a knife ' });
  assert.equal(r.assessment?.level, 'high');
  assert.equal(Object.keys(r.assessment!.answers).length, EXPLOITATION_INDICATORS.length);
  assert.equal(r.assessment?.answers.weapon, 'yes');
  assert.equal(r.assessment?.answers.missing_home, 'no');
  assert.ok(!('not_a_question' in r.assessment!.answers));
  assert.equal(r.assessment?.notes, 'seen with a knife');
});

test('tool slugs and level labels', () => {
  assert.equal(toolFromSlug('domestic-abuse'), 'domestic_abuse');
  assert.equal(toolFromSlug('exploitation'), 'exploitation');
  assert.equal(toolFromSlug('domestic_abuse'), null);
  assert.equal(levelLabel('domestic_abuse', 'standard'), 'Standard');
  assert.equal(levelLabel('exploitation', 'high'), 'High');
});
