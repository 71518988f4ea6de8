// The CSV importer's pure parts: column mapping, row checks, CSV reading with line numbers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MappingError, parseMapSpecs, parseSex, planColumns, readRow, sourceNameFor } from '../../src/people/import.js';
import { csvField, csvLine, readCsv } from '../../src/people/csv.js';

describe('parseMapSpecs', () => {
  test('reads source_col=field pairs, from one or several --map options, comparing names loosely', () => {
    const map = parseMapSpecs(['Ref=id, Forename=given_name', 'Date Of Birth=date_of_birth']);
    assert.deepEqual([...map], [['ref', 'id'], ['forename', 'given_name'], ['date_of_birth', 'date_of_birth']]);
  });

  test('rejects unknown fields and malformed pairs, naming them', () => {
    assert.throws(() => parseMapSpecs(['ref=identifier']), (e: Error) => e instanceof MappingError && /"identifier" is not a field/.test(e.message));
    assert.throws(() => parseMapSpecs(['ref']), MappingError);
    assert.throws(() => parseMapSpecs(['=id']), MappingError);
  });
});

describe('planColumns', () => {
  test('columns named as fields map themselves; unknown columns are ignored', () => {
    const plan = planColumns(['id', 'Given Name', 'family_name', 'notes'], new Map());
    assert.deepEqual(plan.columns, ['id', 'given_name', 'family_name', null]);
    assert.deepEqual(plan.ignored, ['notes']);
  });

  test('an explicit mapping wins over a column that merely has the field name; several columns may feed address', () => {
    const plan = planColumns(['id', 'legacy_ref', 'surname', 'house', 'street', 'address'], parseMapSpecs(['legacy_ref=id,surname=family_name,house=address,street=address']));
    assert.deepEqual(plan.columns, [null, 'id', 'family_name', 'address', 'address', null]);
  });

  test('refuses a file with no id or no name column, or two columns for one field', () => {
    assert.throws(() => planColumns(['given_name', 'family_name'], new Map()), /No column gives the record id/);
    assert.throws(() => planColumns(['id', 'dob'], new Map()), /No column gives a given or family name/);
    assert.throws(() => planColumns(['id', 'a', 'b'], parseMapSpecs(['a=family_name,b=family_name'])), /Several columns feed family_name \(a, b\)/);
    assert.throws(() => planColumns(['id', 'family_name'], parseMapSpecs(['surname=family_name'])), /names a column "surname" that the file does not have/);
  });
});

describe('readRow', () => {
  const plan = planColumns(['id', 'given_name', 'family_name', 'date_of_birth', 'sex', 'postcode', 'line1', 'town', 'nhs_number'], parseMapSpecs(['line1=address,town=address']));
  const row = (values: string[]) => readRow(values, plan, 7);

  test('accepts ISO, UK and compact dates, normalises postcode, sex and NHS number, joins address columns', () => {
    for (const [dob, iso] of [['2015-02-03', '2015-02-03'], ['03/02/2015', '2015-02-03'], ['3/2/2015', '2015-02-03'], ['20150203', '2015-02-03']] as const) {
      const r = row(['A1', 'Amy', 'Patel', dob, 'female', 'b12 9qt', '12 High Street', 'Birmingham', '943 476 5919']);
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.row, { line: 7, sourceId: 'A1', givenNames: 'Amy', familyName: 'Patel', dateOfBirth: iso, sex: 'F', postcode: 'B12 9QT', address: '12 High Street, Birmingham', nhsNumber: '9434765919' });
    }
  });

  test('empty optional fields are fine; one name is enough', () => {
    const r = row(['A2', '', 'Patel', '', '', '', '', '', '']);
    assert.ok(r.ok);
    assert.deepEqual(r.row, { line: 7, sourceId: 'A2', givenNames: '', familyName: 'Patel', dateOfBirth: null, sex: 'U', postcode: null, address: '', nhsNumber: null });
  });

  test('reports every problem of a bad row, with its line and id', () => {
    const r = row(['A3', '', '', '31/02/2015', 'x', 'XX1', '', '', '1234567890']);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.problem.line, 7);
    assert.equal(r.problem.sourceId, 'A3');
    for (const part of ['no given or family name', 'date of birth "31/02/2015" is not a real date', 'sex "x" must be M, F or U', 'postcode "XX1" is not a full UK postcode', 'NHS number is not valid']) {
      assert.ok(r.problem.reason.includes(part), `${part} in ${r.problem.reason}`);
    }
    const noId = row(['', 'Amy', 'Patel', '', '', '', '', '', '']);
    assert.ok(!noId.ok && noId.problem.reason === 'no id');
  });

  test('parseSex', () => {
    assert.deepEqual(['M', 'm', 'Male', 'F', 'female', 'U', '', 'unknown', 'other'].map(parseSex), ['M', 'M', 'M', 'F', 'F', 'U', 'U', 'U', null]);
  });
});

describe('CSV', () => {
  test('readCsv gives the line each record starts on, across quoted line breaks, CRLF, blank lines and a BOM', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csc-csv-')), 'people.csv');
    fs.writeFileSync(file, '\ufeffid,name\r\n1,"a\r\nb"\r\n\r\n2,"c, d"\r\n   \r\n3,e');
    const records: Array<[number, string[]]> = [];
    for await (const r of readCsv(file)) records.push([r.line, r.values]);
    assert.deepEqual(records, [[1, ['id', 'name']], [2, ['1', 'a\r\nb']], [5, ['2', 'c, d']], [7, ['3', 'e']]]);
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  test('csvField quotes only what needs quoting', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField(null), '');
    assert.equal(csvLine(['S1', 3, 16.5]), 'S1,3,16.5\n');
  });

  test('the source system defaults to the file name without its extension', () => {
    assert.equal(sourceNameFor('/data/exports/carefirst.csv'), 'carefirst');
    assert.equal(sourceNameFor('people'), 'people');
  });
});
