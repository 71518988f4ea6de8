import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHART, bottomLineCheck, chartRows, finalisationProblems, linesToItems, median, parseScore, scalingTrendChart, validateMappingDraft, validateScaling, xForDate, yForScore,
  type MappingInput, type ScorePoint,
} from '../../src/practice/rules.js';
import { readMapping, readScaling } from '../../src/practice/practice-forms.js';

test('scores are whole numbers from 0 to 10', () => {
  for (const ok of ['0', '5', '10', ' 7 ']) assert.equal(parseScore(ok).error, undefined, ok);
  assert.equal(parseScore('0').value, 0);
  assert.equal(parseScore('10').value, 10);
  for (const bad of ['11', '-1', '5.5', 'five', '100']) assert.match(parseScore(bad).error ?? '', /whole number from 0 to 10/, bad);
  assert.match(parseScore('').error ?? '', /Choose a score/);
  assert.equal(parseScore(undefined).value, null);
  const base = { scorerName: 'Sam Walker', scorerRole: 'Social worker', scorerAgency: '', isFamilyMember: false, rationale: '' };
  assert.equal(validateScaling({ ...base, score: 0 }), null);
  assert.equal(validateScaling({ ...base, score: 10 }), null);
  assert.match(validateScaling({ ...base, score: 11 }) ?? '', /0 to 10/);
  assert.match(validateScaling({ ...base, score: -1 }) ?? '', /0 to 10/);
  assert.match(validateScaling({ ...base, score: 4.5 }) ?? '', /0 to 10/);
  assert.match(validateScaling({ ...base, scorerName: ' ', score: 4 }) ?? '', /name/);
  assert.match(validateScaling({ ...base, scorerRole: '', score: 4 }) ?? '', /role/);
  assert.equal(validateScaling({ ...base, scorerRole: '', isFamilyMember: true, score: 4 }), null, 'a family member needs no professional role');
});

test('the scaling form reads several people at once, skips empty rows, and names each problem', () => {
  const r = readScaling({
    'scaledOn-day': '3', 'scaledOn-month': '4', 'scaledOn-year': '2026',
    'name-1': 'Sam Walker', 'role-1': 'Social worker', 'score-1': '3',
    'name-2': 'Priya Patel', 'family-2': 'yes', 'score-2': '8', 'why-2': 'I have stopped him coming round',
    'name-4': 'Jo Teacher', 'role-4': 'Teacher', 'score-4': '12',
  });
  assert.equal(r.scaledOn, '2026-04-03');
  assert.deepEqual(r.rows.map((x) => [x.scorerName, x.score, x.isFamilyMember]), [['Sam Walker', 3, false], ['Priya Patel', 8, true]]);
  assert.deepEqual(r.errors, [{ field: 'score-4', text: 'Person 4: the score must be a whole number from 0 to 10' }]);
  assert.deepEqual(readScaling({ 'scaledOn-day': '3', 'scaledOn-month': '4', 'scaledOn-year': '2026' }).errors.map((e) => e.field), ['name-1']);
});

test('a mapping is final only with at least one danger statement, each paired with a safety goal, and something in its columns', () => {
  assert.deepEqual(finalisationProblems({ dangers: [{ hasGoal: true }], bottomLines: [], itemCount: 3 }), []);
  assert.match(finalisationProblems({ dangers: [], bottomLines: [], itemCount: 3 })[0]!.text, /at least one danger statement/);
  const unpaired = finalisationProblems({ dangers: [{ hasGoal: true }, { hasGoal: false }, { hasGoal: false }], bottomLines: [], itemCount: 3 });
  assert.equal(unpaired.length, 1);
  assert.match(unpaired[0]!.text, /danger statement 2, 3 has none/);
  assert.match(finalisationProblems({ dangers: [{ hasGoal: true }], bottomLines: [], itemCount: 0 })[0]!.text, /worried about/);
});

test('the bottom-line check: stated and shared with the family on a date; a final mapping with any unshared is flagged', () => {
  const none = bottomLineCheck('final', []);
  assert.equal(none.flagged, true);
  assert.equal(none.message, 'No bottom lines written yet');
  assert.equal(bottomLineCheck('draft', []).flagged, false, 'a draft is not flagged');
  const shared = bottomLineCheck('final', [{ stated: true, sharedOn: '2026-04-06' }, { stated: true, sharedOn: '2026-04-07' }]);
  assert.deepEqual([shared.allShared, shared.flagged, shared.message], [true, false, 'All 2 bottom lines were stated and shared with the family']);
  const part = bottomLineCheck('final', [{ stated: true, sharedOn: '2026-04-06' }, { stated: true, sharedOn: null }, { stated: false, sharedOn: null }]);
  assert.deepEqual([part.unshared, part.flagged, part.message], [2, true, '2 of 3 bottom lines not yet stated and shared with the family']);
  assert.equal(bottomLineCheck('draft', [{ stated: false, sharedOn: null }]).flagged, false);
});

test('draft validation: a started danger statement must be whole; a shared bottom line must be stated; no future dates', () => {
  const empty = { harm: [], complicating: [], working_well: [], existing_safety: [], next_steps: [] };
  const input: MappingInput = {
    mappedOn: '2026-04-03',
    items: empty,
    dangers: [
      { whoWorried: 'School', worry: 'Hunger', whatMightHappen: '', goal: '', sustainedFor: '' },
      { whoWorried: '', worry: '', whatMightHappen: '', goal: '', sustainedFor: '' },
    ],
    bottomLines: [{ text: 'Court', stated: false, sharedOn: '2026-04-02' }, { text: 'Later', stated: true, sharedOn: '2026-04-09' }],
  };
  const errors = validateMappingDraft(input, '2026-04-06');
  assert.deepEqual(errors.map((e) => e.field), ['might-1', 'stated-1', 'shared-2']);
  assert.deepEqual(validateMappingDraft({ ...input, mappedOn: '2026-04-07', dangers: [], bottomLines: [] }, '2026-04-06').map((e) => e.field), ['mappedOn']);
});

test('each line of a column is one item; bullets and blank lines dropped', () => {
  assert.deepEqual(linesToItems('- one\n\n  * two  \r\n• three\n'), ['one', 'two', 'three']);
  assert.deepEqual(linesToItems(''), []);
});

test('the mapping form adds a row without saving, keeping what was typed', () => {
  const more = readMapping({ action: 'add-danger', dangerSlots: '2', bottomSlots: '2', 'who-1': 'School' });
  assert.equal(more.addRow, true);
  assert.deepEqual(more.dangerSlots, ['1', '2', '3']);
  assert.equal(more.values['who-1'], 'School');
  const capped = readMapping({ action: 'add-bottom-line', dangerSlots: '2', bottomSlots: '8' });
  assert.equal(capped.bottomSlots.length, 8);
  const saved = readMapping({ action: 'save', dangerSlots: '1', bottomSlots: '1', 'mappedOn-day': '6', 'mappedOn-month': '4', 'mappedOn-year': '2026', 'items-harm': 'a\nb', 'who-1': 'W', 'worry-1': 'X', 'might-1': 'Y', 'goal-1': 'Z', 'bottom-1': 'B', 'stated-1': 'yes', 'shared-1-day': '3', 'shared-1-month': '4', 'shared-1-year': '2026' });
  assert.deepEqual(saved.errors, []);
  assert.equal(saved.input!.mappedOn, '2026-04-06');
  assert.deepEqual(saved.input!.items.harm, ['a', 'b']);
  assert.deepEqual(saved.input!.bottomLines, [{ text: 'B', stated: true, sharedOn: '2026-04-03' }]);
});

test('median of the scores on a date', () => {
  assert.equal(median([3, 5, 4]), 4);
  assert.equal(median([2, 3]), 2.5);
  assert.equal(median([7]), 7);
  assert.ok(Number.isNaN(median([])));
});

const pt = (date: string, name: string, score: number, isFamilyMember = false): ScorePoint => ({ date, name, role: isFamilyMember ? 'Mother' : 'Social worker', agency: '', isFamilyMember, score });

test('chart geometry: 10 at the top of the plot and 0 at its bottom; first date at the left, last at the right, in proportion', () => {
  const plotBottom = CHART.height - CHART.bottom;
  assert.equal(yForScore(10), CHART.top);
  assert.equal(yForScore(0), plotBottom);
  assert.equal(yForScore(5), (CHART.top + plotBottom) / 2);
  assert.ok(yForScore(6) < yForScore(5), 'higher scores are drawn higher');
  const [first, last] = ['2026-04-01', '2026-04-11'];
  assert.equal(xForDate(first, first, last), CHART.left);
  assert.equal(xForDate(last, first, last), CHART.width - CHART.right);
  assert.equal(xForDate('2026-04-06', first, last), (CHART.left + CHART.width - CHART.right) / 2, 'x is in proportion to days, not to the order of dates');
  assert.equal(xForDate(first, first, first), (CHART.left + CHART.width - CHART.right) / 2, 'a single date sits in the middle');
});

test('the trend chart: a median line through each date, a point per score, and the same figures as its table', () => {
  const points = [
    pt('2026-01-05', 'Sam Walker', 2), pt('2026-01-05', 'Jo Teacher', 3), pt('2026-01-05', 'Hana Ellis', 2),
    pt('2026-02-02', 'Sam Walker', 3), pt('2026-02-02', 'Jo Teacher', 4),
    pt('2026-03-02', 'Sam Walker', 5), pt('2026-03-02', 'Priya Patel', 8, true), pt('2026-03-02', 'Jo Teacher', 5),
    pt('2026-04-07', 'Sam Walker', 6),
  ];
  const rows = chartRows(points);
  assert.deepEqual(rows.map((r) => [r.date, r.median, r.scores.length]), [['2026-01-05', 2, 3], ['2026-02-02', 3.5, 2], ['2026-03-02', 5, 3], ['2026-04-07', 6, 1]]);
  const chart = scalingTrendChart(points)!;
  assert.deepEqual(chart.rows, rows);
  assert.match(chart.summary, /from 2 on 5 Jan 26 to 6 on 7 Apr 26, over 4 dates/);
  assert.match(chart.svg, /^<svg[^>]+role="img"[^>]+aria-labelledby="scaling-chart-title scaling-chart-desc"/);
  const path = /<path d="([^"]+)"/.exec(chart.svg)![1]!;
  assert.equal(path.split(/[ML]/).filter(Boolean).length, 4, 'one vertex per date');
  assert.ok(path.startsWith(`M${CHART.left} ${yForScore(2)}`));
  assert.ok(path.endsWith(`L${CHART.width - CHART.right} ${yForScore(6)}`));
  assert.equal((chart.svg.match(/class="app-scaling-chart__point"/g) ?? []).length, 8, 'a circle per professional score');
  assert.equal((chart.svg.match(/class="app-scaling-chart__family"/g) ?? []).length, 1, 'a square per family member score');
  assert.ok(!/style=/.test(chart.svg), 'no inline styles (CSP)');
  // The last date label ends at the chart's right edge rather than running past it; the others are centred.
  assert.match(chart.svg, new RegExp(`<text x="${CHART.width - CHART.right}" [^>]*text-anchor="end"[^>]*>7 Apr 26</text>`));
  assert.match(chart.svg, new RegExp(`<text x="${CHART.left}" [^>]*text-anchor="middle"[^>]*>5 Jan 26</text>`));
  assert.equal(scalingTrendChart([]), null);
});

test('the chart escapes names', () => {
  const chart = scalingTrendChart([pt('2026-04-03', '<script>alert(1)</script> & Co', 4)])!;
  assert.ok(!chart.svg.includes('<script>'));
  assert.match(chart.svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; Co/);
  assert.match(chart.summary, /Scaled on one date, 3 Apr 26: median 4 out of 10 from 1 person/);
});
