/**
 * Signs of Safety on the child's case record: the latest mapping in summary (danger statements with their goals and
 * the bottom-line check), the scaling trend chart with its table, and the chronology lines this module contributes.
 */
import type { Services } from '../container.js';
import type { RequestContext } from '../audit/audit-log.js';
import type { ChronologyEntry, ChronologySource, RecordSection } from '../casework/record-sections.js';
import { MEETING_KINDS, OWNER_KINDS, VOICE_KINDS, bottomLineCheck, chartRows, median, scalingTrendChart } from './rules.js';

/** The data the record section template shows (also used by the child's Signs of Safety page). */
export async function practiceSectionData(services: Services, ctx: RequestContext, personId: number) {
  const o = await services.practice.overview(ctx, personId);
  const latest = o.latest;
  const chart = scalingTrendChart(o.points, 'Scaling over time: median score on each date, and every person’s score');
  return {
    practicePersonId: personId,
    practiceLatest: latest
      ? {
          id: latest.row.id,
          status: latest.row.status,
          mappedOn: latest.row.mapped_on,
          ownerLabel: OWNER_KINDS[latest.row.owner_kind as keyof typeof OWNER_KINDS] ?? latest.row.owner_kind,
          dangers: latest.dangers,
          bottomLines: latest.bottomLines,
          check: bottomLineCheck(latest.row.status, latest.bottomLines),
        }
      : null,
    practiceMappings: o.mappings,
    practiceFlagged: o.mappings.filter((m) => m.check.flagged),
    practiceChart: chart,
    practiceChartRows: chart ? chart.rows.map((r) => ({ ...r, scoresText: r.scores.map((s) => `${s.name} (${s.isFamilyMember ? 'family' : s.role}${s.agency && !s.isFamilyMember ? `, ${s.agency}` : ''}): ${s.score}`) })) : [],
    practiceVoices: o.voices.map((v) => ({ ...v, kindLabel: VOICE_KINDS[v.kind as keyof typeof VOICE_KINDS] ?? v.kind })),
    practiceMeetings: o.meetings.map((m) => ({ ...m, kindLabel: MEETING_KINDS[m.kind as keyof typeof MEETING_KINDS] ?? m.kind })),
  };
}

export const PRACTICE_RECORD_SECTION: RecordSection = {
  template: 'practice/views/record-section.njk',
  order: 30,
  load: practiceSectionData,
};

const date = (d: Date | string) => (typeof d === 'string' ? d : new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d));

export const PRACTICE_CHRONOLOGY: ChronologySource = {
  async load(services: Services, ctx: RequestContext, personId: number): Promise<ChronologyEntry[]> {
    const c = await services.practice.chronology(ctx, personId);
    const entries: ChronologyEntry[] = [];
    for (const m of c.mappings) {
      if (!m.finalised_at) continue;
      entries.push({ date: date(m.finalised_at), kind: 'Signs of Safety mapping', summary: `Mapping made final (${OWNER_KINDS[m.owner_kind as keyof typeof OWNER_KINDS] ?? m.owner_kind})`, href: `/mappings/${m.id}` });
    }
    for (const m of c.meetings) {
      entries.push({ date: m.meeting_date, kind: MEETING_KINDS[m.kind as keyof typeof MEETING_KINDS] ?? 'Mapping meeting', summary: 'Case mapped by the group', href: `/mapping-meetings/${m.id}` });
    }
    for (const r of chartRows(c.scalings.map((s) => ({ date: s.scaled_on, name: '', role: '', agency: '', isFamilyMember: false, score: s.score })))) {
      entries.push({ date: r.date, kind: 'Scaling', summary: `Scaled by ${r.scores.length} ${r.scores.length === 1 ? 'person' : 'people'}: median ${median(r.scores.map((s) => s.score))} out of 10` });
    }
    for (const v of c.voices) {
      const seen = v.seen ? (v.seen_alone ? 'seen alone' : 'seen, not alone') : 'not seen';
      entries.push({ date: v.recorded_on, kind: 'Child’s voice', summary: `${VOICE_KINDS[v.kind as keyof typeof VOICE_KINDS] ?? v.kind} (child ${seen})`, href: `/child-voice/${v.id}` });
    }
    return entries;
  },
};
