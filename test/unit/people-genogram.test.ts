import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, genogramRelation, renderGenogram, type GenogramPerson, type GenogramRelation } from '../../src/people/genogram.js';
import { describeRelationship } from '../../src/people/relationships.js';

const person = (id: number, name: string, sex: 'M' | 'F' | 'U', dateOfBirth: string | null, dateOfDeath: string | null = null): GenogramPerson => ({ id, name, sex, dateOfBirth, dateOfDeath });
const amy = person(1, 'Amy Patel', 'F', '2015-06-01');
const TODAY = '2025-01-15';

/** The markup of the <g> drawn for the person whose first label line is `name`. */
function groupFor(svg: string, name: string): string {
  const groups = svg.match(/<g class="app-genogram__person[^"]*">.*?<\/g>/g) ?? [];
  const found = groups.find((g) => g.includes(`>${name}</text>`));
  assert.ok(found, `no symbol labelled ${name}`);
  return found;
}
const symbolTop = (g: string) => Number(/<(?:rect|circle|polygon)[^>]*?(?: y="([\d.]+)"| cy="([\d.]+)"| points="[\d.]+,([\d.]+))/.exec(g)!.slice(1).find(Boolean));
const desc = (svg: string) => /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)![1]!;

describe('family diagram (genogram)', () => {
  const family: GenogramRelation[] = [
    { person: person(2, 'Priya Patel', 'F', '1988-04-11'), label: 'Mother', generation: -1, link: 'parent' },
    { person: person(3, 'Rajesh Patel', 'M', '1985-09-30'), label: 'Father', generation: -1, link: 'parent' },
    { person: person(4, 'Ava Patel', 'F', '2015-06-01'), label: 'Sister', generation: 0, link: 'sibling' },
    { person: person(5, 'Kamala Patel', 'F', '1960-02-02'), label: 'Grandmother', generation: -2, link: 'grandparent' },
    { person: person(6, 'Arun Patel', 'M', '1958-03-03', '2020-05-05'), label: 'Grandfather', generation: -2, link: 'grandparent' },
    { person: person(7, 'Leo Patel', 'U', '2024-12-01'), label: 'Son', generation: 1, link: 'child' },
  ];

  test('is one accessible image: role, title and a description in words', () => {
    const svg = renderGenogram(amy, family, { today: TODAY });
    assert.match(svg, /^<svg [^>]*role="img"/);
    assert.match(svg, /aria-labelledby="genogram-1-title genogram-1-desc"/);
    assert.match(svg, /<title id="genogram-1-title">Family diagram for Amy Patel<\/title>/);
    const d = desc(svg);
    assert.match(d, /^Family of Amy Patel \(age 9\): /);
    assert.match(d, /mother Priya Patel \(age 36\)/);
    assert.match(d, /sister Ava Patel \(twin, age 9\)/, 'a sister born the same day is a twin');
    assert.match(d, /grandfather Arun Patel \(died 2020, aged 62\)/);
    assert.match(d, /son Leo Patel \(under 1\)/);
    // Eldest generation first.
    assert.ok(d.indexOf('grandmother') < d.indexOf('mother Priya') && d.indexOf('mother Priya') < d.indexOf('sister') && d.indexOf('sister') < d.indexOf('son Leo'));
    assert.doesNotMatch(svg, /style=/, 'no inline styles: the CSP forbids them');
  });

  test('symbols by sex: square for male, circle for female, diamond when not known; the person is highlighted', () => {
    const svg = renderGenogram(amy, family, { today: TODAY });
    assert.match(groupFor(svg, 'Rajesh Patel'), /<rect class="app-genogram__symbol app-genogram__symbol--male"/);
    assert.match(groupFor(svg, 'Priya Patel'), /<circle class="app-genogram__symbol app-genogram__symbol--female"/);
    assert.match(groupFor(svg, 'Leo Patel'), /<polygon class="app-genogram__symbol app-genogram__symbol--unknown"/);
    const centre = groupFor(svg, 'Amy Patel');
    assert.match(centre, /app-genogram__person--centre/);
    assert.match(centre, /app-genogram__symbol--centre[^>]*stroke-width="4"/);
    assert.match(centre, /font-weight="bold"/);
    assert.equal((svg.match(/app-genogram__symbol--centre/g) ?? []).length, 1);
  });

  test('deceased people are crossed through; the living are not', () => {
    const svg = renderGenogram(amy, family, { today: TODAY });
    assert.equal((groupFor(svg, 'Arun Patel').match(/app-genogram__deceased/g) ?? []).length, 2);
    assert.doesNotMatch(groupFor(svg, 'Kamala Patel'), /app-genogram__deceased/);
    assert.match(groupFor(svg, 'Arun Patel'), />Died 2020, aged 62</);
  });

  test('generations: grandparents above parents above the person and siblings, children below', () => {
    const svg = renderGenogram(amy, family, { today: TODAY });
    const top = (name: string) => symbolTop(groupFor(svg, name));
    assert.ok(top('Kamala Patel') < top('Priya Patel'));
    assert.ok(top('Arun Patel') === top('Kamala Patel') || Math.abs(top('Arun Patel') - top('Kamala Patel')) <= 20);
    assert.ok(top('Priya Patel') < top('Amy Patel'));
    assert.ok(Math.abs(top('Ava Patel') - top('Amy Patel')) <= 20, 'siblings on the person’s row');
    assert.ok(top('Leo Patel') > top('Amy Patel'));
    // Lines join the generations; a partner gets a bracket, dashed once it has ended.
    assert.ok((svg.match(/<line class="app-genogram__line"/g) ?? []).length >= 6);
    const withPartner = renderGenogram(amy, [{ person: person(8, 'Tom Jones', 'M', '1990-01-01'), label: 'Partner', generation: 0, link: 'partner', ended: true }], { today: TODAY });
    assert.match(withPartner, /<polyline class="app-genogram__line app-genogram__line--partner"[^>]*stroke-dasharray/);
    assert.match(desc(withPartner), /former partner Tom Jones/);
  });

  test('a restricted relative is drawn with no details at all', () => {
    const secret = renderGenogram(amy, [{ person: null, label: 'Stepfather', generation: -1, link: 'step_parent' }], { today: TODAY });
    assert.match(secret, />Restricted record</);
    assert.match(secret, /app-genogram__symbol--restricted/);
    assert.match(secret, /app-genogram__symbol--unknown/, 'not even their sex is drawn');
    assert.match(desc(secret), /stepfather: a restricted record/);
  });

  test('escapes every piece of text', () => {
    const svg = renderGenogram(person(9, '<script>alert("x")</script>', 'M', null), [
      { person: person(10, 'Zoë "Zed" O\'Brien & <b>', 'F', null), label: 'Sister<img>', generation: 0, link: 'sibling' },
    ], { idPrefix: 'a"b' });
    assert.doesNotMatch(svg, /<script>|<b>|<img>|"Zed"/);
    assert.match(svg, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.match(svg, /Zoë &quot;Zed&quot; O&#39;Brien &amp; &lt;b&gt;/);
    assert.match(svg, /id="ab-9-title"/);
    assert.equal(escapeXml(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
  });

  test('says so when no one is recorded; without today, dates of birth replace ages', () => {
    const alone = renderGenogram(amy, []);
    assert.match(desc(alone), /No family members or other relationships are recorded for Amy Patel/);
    assert.match(alone, />Born 1 June 2015</);
  });

  test('reads PeopleService.getRecord relationships either way round', () => {
    const brief = (id: number, givenNames: string, familyName: string, sex: 'M' | 'F' | 'U') => ({ id, givenNames, familyName, sex, dateOfBirth: null, dateOfDeath: null });
    // A 'mother' row seen from the child's record: the other person is the mother, a generation up.
    const mother = genogramRelation({ type: 'mother', label: describeRelationship('mother', false, 'F'), otherId: 2, other: brief(2, 'Priya', 'Patel', 'F') });
    assert.deepEqual([mother.generation, mother.link, mother.person?.name], [-1, 'parent', 'Priya Patel']);
    // The same row seen from the mother's record: the other person is her daughter, a generation down.
    const daughter = genogramRelation({ type: 'mother', label: describeRelationship('mother', true, 'F'), otherId: 1, other: brief(1, 'Amy', 'Patel', 'F') });
    assert.deepEqual([daughter.generation, daughter.link, daughter.label], [1, 'child', 'Daughter']);
    const grandson = genogramRelation({ type: 'grandparent', label: 'Grandson', otherId: 3, other: null });
    assert.deepEqual([grandson.generation, grandson.link, grandson.person], [2, 'grandchild', null]);
    const stepmother = genogramRelation({ type: 'step_parent', label: 'Stepmother', otherId: 4, other: brief(4, 'Jo', 'Smith', 'F') });
    assert.deepEqual([stepmother.generation, stepmother.link], [-1, 'step_parent']);
    const ex = genogramRelation({ type: 'partner', label: 'Partner', otherId: 5, other: brief(5, 'Tom', 'Jones', 'M'), endDate: '2020-01-01' }, TODAY);
    assert.deepEqual([ex.generation, ex.link, ex.ended], [0, 'partner', true]);
    const sister = genogramRelation({ type: 'sibling', label: 'Sister', otherId: 6, other: brief(6, 'Ava', 'Patel', 'F') });
    assert.deepEqual([sister.generation, sister.link, sister.ended], [0, 'sibling', undefined]);
  });
});
