/**
 * Reads a police notifications CSV (the upload page, the CLI and the benchmark share it). One row per
 * person; see CSV_COLUMNS in police-rules.ts. Line numbers are counted as csv.ts does for people (a line
 * break inside a quoted field moves the count on), so a reported line is the line a spreadsheet shows.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { notificationsFromCsv, planCsvHeader, type ItemProblem, type NotificationInput } from './police-rules.js';

const LINE_BREAKS = /\r\n|\n|\r/g;

export interface PoliceCsvResult {
  notifications: NotificationInput[];
  /** Every bad row with its line; when there are any, nothing of the file may be imported. */
  problems: ItemProblem[];
  rows: number;
}

export async function readPoliceCsv(input: Buffer | string | NodeJS.ReadableStream): Promise<PoliceCsvResult> {
  const source = typeof input === 'string' || Buffer.isBuffer(input) ? Readable.from([input]) : input;
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, relax_quotes: false }));
  const records: Array<{ line: number; values: string[] }> = [];
  let header: string[] | null = null;
  let line = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const start = line;
      let breaks = 0;
      for (const v of record) if (v.includes('\n') || v.includes('\r')) breaks += (v.match(LINE_BREAKS) ?? []).length;
      line = start + 1 + breaks;
      if (record.every((v) => v.trim() === '')) continue;
      if (!header) header = record;
      else records.push({ line: start, values: record });
    }
  } catch (err) {
    // A broken quote stops the parser: report where, and import nothing.
    const at = (err as { lines?: number }).lines ?? line;
    return { notifications: [], problems: [{ at, field: 'file', text: `The file could not be read as CSV near line ${at}: ${(err as Error).message}` }], rows: records.length };
  }
  if (!header) return { notifications: [], problems: [{ at: 1, field: 'file', text: 'The file is empty' }], rows: 0 };
  const plan = planCsvHeader(header);
  if (!plan.ok) return { notifications: [], problems: [{ at: 1, field: 'header', text: plan.text }], rows: records.length };
  if (!records.length) return { notifications: [], problems: [{ at: 2, field: 'file', text: 'The file has a header row but no notifications' }], rows: 0 };
  const { notifications, problems } = notificationsFromCsv(plan.plan, records);
  return { notifications, problems, rows: records.length };
}
