import crypto from 'node:crypto';
import type { Services } from '../container.js';
import type { RequestContext } from '../audit/audit-log.js';
import { hasPermission } from '../access/policy.js';
import { OUTCOMES, REFERRAL_SOURCES } from '../frontdoor/rules.js';
import { isoDateInLondon } from '../time/index.js';
import { CHRONOLOGY_SOURCES, type ChronologyEntry } from './record-sections.js';
import { CLOSURE_REASONS, NOTE_TYPES, PRIMARY_NEED } from './rules.js';

export interface ChronologyLine extends ChronologyEntry {
  key: string;
  markedBy?: string | null;
}

export interface ChronologyFilter {
  kinds: string[];
  from: string | null;
  to: string | null;
  significantOnly: boolean;
}

const label = (o: Record<string, string>, k: string | null | undefined) => (k ? (o[k] ?? k) : '');
const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'entry';

/** A key for an entry a module gave without one: kind, date and a hash of the summary. */
export function fallbackKey(e: ChronologyEntry): string {
  return `${slug(e.kind)}:${e.date}.${crypto.createHash('sha256').update(e.summary).digest('hex').slice(0, 12)}`;
}

/**
 * The child's chronology: generated from the record (every contact and front-door decision, the episode opened,
 * allocated, transferred and closed, case notes, management oversight, early help, moves of address) plus every module's
 * CHRONOLOGY_SOURCES, oldest first, with the entries workers marked significant and their analysis.
 * Access to the child is checked (and the view audited) by the caller through services.casework.
 */
export async function buildChronology(services: Services, ctx: RequestContext, personId: number, filter: ChronologyFilter) {
  const svc = services.casework;
  const [rows, marks, extra] = await Promise.all([
    svc.chronologyRows(personId),
    svc.marksOf(personId),
    Promise.all(CHRONOLOGY_SOURCES.map((s) => s.load(services, ctx, personId))).then((x) => x.flat()),
  ]);
  const seeContacts = hasPermission(ctx.user!, 'frontdoor.view');
  const entries: Array<Omit<ChronologyLine, 'significant' | 'analysis'> & ChronologyEntry> = [];
  for (const c of rows.contacts) {
    entries.push({
      key: `contact:${c.contact_id}`,
      date: c.received_date,
      kind: 'Contact',
      summary: `Contact from ${label(REFERRAL_SOURCES, c.source_code)}${c.referrer_organisation ? ` (${c.referrer_organisation})` : ''}: ${clip(c.what_happened)}`,
      ...(seeContacts ? { href: `/frontdoor/contacts/${c.contact_id}` } : {}),
    });
    if (c.decision && c.decision_date) {
      entries.push({ key: `decision:${c.id}`, date: c.decision_date, kind: 'Front-door decision', summary: `${label(OUTCOMES, c.decision)}${c.decision_rationale ? `: ${clip(c.decision_rationale, 200)}` : ''}`, ...(seeContacts ? { href: `/frontdoor/contacts/${c.contact_id}` } : {}) });
    }
  }
  for (const e of rows.episodes) {
    entries.push({ key: `episode:${e.id}`, date: e.start_date, kind: 'Episode', summary: `Children in need episode opened: referral from ${label(REFERRAL_SOURCES, e.referral_source)}${e.primary_need_code ? `; primary need ${e.primary_need_code} ${label(PRIMARY_NEED, e.primary_need_code)}` : ''}` });
    const history = [...e.allocations].reverse();
    history.forEach((a, i) => {
      const prev = history[i - 1];
      const verb = !prev ? 'Allocated' : prev.team_name !== a.team_name ? 'Transferred' : 'Reallocated';
      entries.push({ key: `allocation:${a.id}`, date: a.from_date, kind: 'Allocation', summary: `${verb} to ${a.worker_name ?? 'no worker'}${a.team_name ? ` (${a.team_name})` : ''}${a.reason ? `: ${clip(a.reason, 200)}` : ''}` });
    });
    if (e.status === 'closed' && e.end_date) {
      entries.push({ key: `episode-closed:${e.id}`, date: e.end_date, kind: 'Episode', summary: `Children in need episode closed: ${e.closure_reason ?? ''} ${label(CLOSURE_REASONS, e.closure_reason)}`.trim() });
    }
  }
  for (const n of rows.notes) {
    const seen = n.note_type === 'visit' && n.child_seen !== null ? (n.child_seen ? (n.child_seen_alone ? ' (child seen alone)' : ' (child seen, not alone)') : ' (child not seen)') : '';
    entries.push({ key: `note:${n.id}`, date: isoDateInLondon(n.occurred_at), kind: 'Case note', summary: `${label(NOTE_TYPES, n.note_type)}${seen}${n.group_id ? ', group recording' : ''}: ${clip(n.summary, 200)} (${n.author_name ?? 'unknown'})`, href: `/children/${personId}/notes/${n.id}` });
  }
  for (const o of rows.oversight) {
    entries.push({ key: `oversight:${o.id}`, date: isoDateInLondon(o.recorded_at), kind: 'Management oversight', summary: `${o.recorded_by_name ?? 'Manager'}: ${clip(o.decision, 200)}${o.direction ? `. Direction: ${clip(o.direction, 200)}` : ''}${o.timescale ? ` (by ${o.timescale})` : ''}` });
  }
  for (const h of rows.earlyHelp) {
    entries.push({ key: `early-help:${h.id}`, date: h.started_on, kind: 'Early help', summary: 'Early help episode started' });
    if (h.ended_on) entries.push({ key: `early-help-end:${h.id}`, date: h.ended_on, kind: 'Early help', summary: `Early help episode ended${h.end_reason ? `: ${clip(h.end_reason, 200)}` : ''}` });
  }
  for (const m of rows.moves) {
    entries.push({ key: `move:${m.id}`, date: m.from_date!, kind: 'Move', summary: `Moved to ${[m.line1, m.town, m.postcode].filter(Boolean).join(', ')}`, href: `/people/${personId}` });
  }
  for (const e of extra) entries.push({ ...e, key: e.key ?? fallbackKey(e) });

  const all: ChronologyLine[] = entries
    .map((e) => {
      const m = marks.get(e.key);
      return m ? { ...e, significant: true, analysis: m.analysis, markedBy: m.marked_by_name } : { ...e, significant: e.significant ?? false };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
  const kinds = [...new Set(all.map((e) => e.kind))].sort();
  const shown = all.filter((e) => (!filter.kinds.length || filter.kinds.includes(e.kind)) && (!filter.from || e.date >= filter.from) && (!filter.to || e.date <= filter.to) && (!filter.significantOnly || e.significant));
  return { entries: shown, total: all.length, kinds };
}
