import type nunjucks from 'nunjucks';

const LONDON = 'Europe/London';
const dateFmt = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const weekdayFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

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
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return weekdayFmt.format(new Date(`${v}T00:00:00Z`)).replace(/^\w+ /, '');
    const d = toDate(v);
    return d ? dateFmt.format(d) : '';
  });
  env.addFilter('govukDateWithDay', (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? weekdayFmt.format(new Date(`${v}T00:00:00Z`)) : ''));
  env.addFilter('govukDateTime', (v: unknown) => {
    const d = toDate(v);
    return d ? dateTimeFmt.format(d) : '';
  });
  env.addFilter('json', (v: unknown) => JSON.stringify(v ?? null));
  env.addFilter('fieldError', (errors: Record<string, { text: string }> | undefined, field: string) => errors?.[field]);
}
