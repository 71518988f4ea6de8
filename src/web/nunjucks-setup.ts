import nunjucks from 'nunjucks';

const { copySafeness } = (nunjucks as unknown as { runtime: { copySafeness: (from: unknown, to: string) => unknown } }).runtime;

const LONDON = 'Europe/London';
const dateFmt = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const shortDateTimeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A calendar date 'YYYY-MM-DD' in the GOV.UK style: '4 June 2026', or with the day 'Thursday 4 June 2026'. */
export function formatIsoDate(iso: string, withDay = false): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const text = `${d} ${MONTHS[m - 1]} ${y}`;
  return withDay ? `${DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${text}` : text;
}
const isIso = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

function toDate(v: unknown): Date | null {
  if (v instanceof Date) return v;
  if (typeof v === 'string' || typeof v === 'number') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** Filters shared by every template. Dates are shown in UK time, in the GOV.UK style (4 June 2026). */
export function configureNunjucks(env: nunjucks.Environment): void {
  env.addFilter('govukDate', (v: unknown) => {
    if (isIso(v)) return formatIsoDate(v);
    const d = toDate(v);
    return d ? dateFmt.format(d) : '';
  });
  env.addFilter('govukDateWithDay', (v: unknown) => (isIso(v) ? formatIsoDate(v, true) : ''));
  env.addFilter('govukDateTime', (v: unknown) => {
    const d = toDate(v);
    return d ? dateTimeFmt.format(d) : '';
  });
  // Case work reads to the minute; the audit log keeps seconds (govukDateTime).
  env.addFilter('dateTime', (v: unknown) => {
    const d = toDate(v);
    return d ? shortDateTimeFmt.format(d) : '';
  });
  // nunjucks' own trim is /^\s*|\s*$/g, which is quadratic in the length of a run of spaces: GOV.UK templates trim
  // every component's output and whole page regions (caller() | trim), so on a page of tables it was the largest
  // single cost of rendering. String.prototype.trim removes the same characters in one pass.
  env.addFilter('trim', (v: unknown) => copySafeness(v, v === undefined || v === null ? '' : String(v).trim()));
  env.addFilter('json', (v: unknown) => JSON.stringify(v ?? null));
  env.addFilter('fieldError', (errors: Record<string, { text: string }> | undefined, field: string) => errors?.[field]);
}
