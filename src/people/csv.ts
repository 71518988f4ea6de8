/**
 * CSV in and out for the people commands. Reading uses csv-parse (quoted fields, embedded commas and
 * line breaks, a byte-order mark); this module adds what the importer reports: the line each record
 * starts on, counted here because csv-parse's own count treats a CRLF inside a quoted field as two lines.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse';

export interface CsvRecord {
  /** The line of the file this record starts on (1 = the header). */
  line: number;
  values: string[];
  /** Bytes of the file read so far, for progress. */
  bytes: number;
}

const LINE_BREAKS = /\r\n|\n|\r/g;

/** Reads a CSV file record by record. Blank lines are skipped but counted. */
export async function* readCsv(file: string): AsyncGenerator<CsvRecord> {
  const parser = fs.createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, info: true }));
  let line = 1;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
    const { record, info } = item;
    const start = line;
    let breaks = 0;
    for (const v of record) if (v.includes('\n') || v.includes('\r')) breaks += (v.match(LINE_BREAKS) ?? []).length;
    line = start + 1 + breaks;
    if (record.every((v) => v.trim() === '')) continue;
    yield { line: start, values: record, bytes: info.bytes };
  }
}

/** One CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return values.map(csvField).join(',') + '\n';
}

/** A buffered CSV file writer that respects back-pressure. */
export class CsvWriter {
  private readonly stream: NodeJS.WritableStream;
  private readonly owned: boolean;
  private buffer: string[] = [];
  private size = 0;

  /** To a file, or to a stream such as process.stdout (which is left open). */
  constructor(target: string | NodeJS.WritableStream) {
    this.owned = typeof target === 'string';
    this.stream = typeof target === 'string' ? fs.createWriteStream(target, { encoding: 'utf8' }) : target;
  }

  async write(values: ReadonlyArray<string | number | null | undefined>): Promise<void> {
    const line = csvLine(values);
    this.buffer.push(line);
    this.size += line.length;
    if (this.size >= 1 << 16) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    await this.flush();
    if (!this.owned) return;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}
