import { RAG_TAGS } from './tags.js';
import { selectItems } from '../web/forms.js';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../container.js';
import { todayInLondon } from '../time/index.js';
import { CLOCK_TAGS } from '../web/clock-tags.js';
import { RAG, REFERRAL_SOURCES, REFERRAL_SOURCE_ORDER, CHILD_STATUS, decisionClock, timeLeft, isKey } from './rules.js';
import { TRAYS, type Tray } from './trays-service.js';

const RAG_ORDER: Record<string, number> = { red: 0, amber: 1, green: 2 };
const ORIGINS = { front_door: 'Front door', edt: 'Out of hours', police_notification: 'Police notification', step_up: 'Step-up from early help', api: 'Partner system' } as const;
const SORTS = { urgency: 'Most urgent first (RAG, then time left)', oldest: 'Oldest first', newest: 'Newest first' } as const;

/** The front door's work trays: each sortable and filterable (MOJ filter pattern, as a plain GET form). */
export function registerTrayRoutes(app: FastifyInstance, services: Services): void {
  app.get('/frontdoor', { config: { access: 'frontdoor.record' } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const tray: Tray = isKey(TRAYS, q.tray) ? q.tray : 'queue';
    const rag = typeof q.rag === 'string' && (q.rag === 'none' || isKey(RAG, q.rag)) ? q.rag : '';
    const origin = isKey(ORIGINS, q.origin) ? q.origin : '';
    const source = isKey(REFERRAL_SOURCES, q.source) ? q.source : '';
    const sort = isKey(SORTS, q.sort) ? q.sort : 'urgency';
    const [all, calendar, drafts] = await Promise.all([services.trays.openContacts(request.ctx), services.calendar.calendar(), services.contactDrafts.mine(request.ctx)]);
    const today = todayInLondon();
    const now = new Date();
    const counts = Object.fromEntries(Object.keys(TRAYS).map((k) => [k, all.filter((c) => c.trays.includes(k as Tray)).length]));
    const rows = all
      .filter((c) => c.trays.includes(tray))
      .filter((c) => !rag || (rag === 'none' ? !c.rag : c.rag === rag))
      .filter((c) => !origin || c.origin === origin)
      .filter((c) => !source || c.sourceCode === source)
      .map((c) => {
        const clock = decisionClock(calendar, c.receivedDate, today, null);
        return { ...c, clock, clockTag: CLOCK_TAGS[clock.status], ragTag: c.rag ? RAG_TAGS[c.rag] : null, responseLeft: c.responseDueAt ? timeLeft(c.responseDueAt, now) : null };
      });
    const urgency = (c: (typeof rows)[number]) => [RAG_ORDER[c.rag ?? ''] ?? 3, c.responseDueAt?.getTime() ?? c.receivedAt.getTime() + 86400000] as const;
    rows.sort((a, b) => {
      if (sort === 'oldest') return a.receivedAt.getTime() - b.receivedAt.getTime();
      if (sort === 'newest') return b.receivedAt.getTime() - a.receivedAt.getTime();
      const [ra, ta] = urgency(a);
      const [rb, tb] = urgency(b);
      return ra - rb || ta - tb;
    });
    return reply.view('frontdoor/views/tray.njk', {
      pageTitle: `Front door: ${TRAYS[tray]}`,
      tray,
      trays: Object.entries(TRAYS).map(([key, text]) => ({ key, text, count: counts[key], current: key === tray })),
      rows: rows.slice(0, 200),
      total: rows.length,
      drafts,
      filters: { rag, origin, source, sort },
      ragItems: [...selectItems(RAG, rag, 'Any rating'), { value: 'none', text: 'Not yet rated', selected: rag === 'none' }],
      originItems: selectItems(ORIGINS, origin, 'Any'),
      sourceItems: [{ value: '', text: 'Any source', selected: !source }, ...REFERRAL_SOURCE_ORDER.map((k) => ({ value: k, text: `${k}: ${REFERRAL_SOURCES[k]}`, selected: k === source }))],
      sortItems: Object.entries(SORTS).map(([value, text]) => ({ value, text, selected: value === sort })),
      labels: { rag: RAG, origins: ORIGINS, childStatus: CHILD_STATUS },
      canRecord: true,
    });
  });
}
