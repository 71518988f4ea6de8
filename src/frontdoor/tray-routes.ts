import { RAG_TAGS } from './tags.js';
import { choiceItems, selectItems } from '../web/forms.js';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../container.js';
import { todayInLondon } from '../time/index.js';
import { CLOCK_TAGS } from '../web/clock-tags.js';
import { RAG, REFERRAL_SOURCES, REFERRAL_SOURCE_ORDER, CHILD_STATUS, decisionClock, timeLeft, isKey } from './rules.js';
import { TRAYS, TRAY_PAGE_SIZE, TRAY_SORTS, type Tray } from './trays-service.js';

const ORIGINS = { front_door: 'Front door', edt: 'Out of hours', police_notification: 'Police notification', step_up: 'Step-up from early help', api: 'Partner system' } as const;

/** The front door's work trays: each sortable and filterable (MOJ filter pattern, as a plain GET form), paged. */
export function registerTrayRoutes(app: FastifyInstance, services: Services): void {
  app.get('/frontdoor', { config: { access: 'frontdoor.record' } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const tray: Tray = isKey(TRAYS, q.tray) ? q.tray : 'queue';
    const rag = typeof q.rag === 'string' && (q.rag === 'none' || isKey(RAG, q.rag)) ? q.rag : '';
    const origin = isKey(ORIGINS, q.origin) ? q.origin : '';
    const source = isKey(REFERRAL_SOURCES, q.source) ? q.source : '';
    const sort = isKey(TRAY_SORTS, q.sort) ? q.sort : 'urgency';
    const pageNumber = /^\d{1,5}$/.test(q.page ?? '') ? Number(q.page) : 1;
    const [counts, result, calendar, drafts] = await Promise.all([
      services.trays.counts(),
      services.trays.page(request.ctx, { tray, rag, origin, source, sort, page: pageNumber }),
      services.calendar.calendar(),
      services.contactDrafts.mine(request.ctx),
    ]);
    const today = todayInLondon();
    const now = new Date();
    // Contacts received the same day (and decided the same day, or not yet) share a decision clock: work it out once.
    const clocks = new Map<string, ReturnType<typeof decisionClock>>();
    const clockFor = (receivedDate: string, decidedOn: string | null) => {
      const key = `${receivedDate}/${decidedOn ?? ''}`;
      return clocks.get(key) ?? clocks.set(key, decisionClock(calendar, receivedDate, today, decidedOn)).get(key)!;
    };
    const rows = result.rows.map((c) => {
      const clock = clockFor(c.receivedDate, c.decidedOn);
      return { ...c, clock, clockTag: CLOCK_TAGS[clock.status], ragTag: c.rag ? RAG_TAGS[c.rag] : null, responseLeft: c.responseDueAt ? timeLeft(c.responseDueAt, now) : null };
    });
    const filters = { rag, origin, source, sort };
    const pageLink = (n: number) =>
      `/frontdoor?${new URLSearchParams({ tray, ...Object.fromEntries(Object.entries(filters).filter(([k, v]) => v && !(k === 'sort' && v === 'urgency'))), ...(n > 1 ? { page: String(n) } : {}) }).toString()}`;
    return reply.view('frontdoor/views/tray.njk', {
      pageTitle: `Front door: ${TRAYS[tray]}`,
      tray,
      trays: Object.entries(TRAYS).map(([key, text]) => ({ key, text, count: counts[key as Tray], current: key === tray })),
      rows,
      total: result.total,
      page: result.page,
      pages: result.pages,
      firstShown: (result.page - 1) * TRAY_PAGE_SIZE + 1,
      pageLink,
      drafts,
      filters,
      ragItems: [...selectItems(RAG, rag, 'Any rating'), { value: 'none', text: 'Not yet rated', selected: rag === 'none' }],
      originItems: selectItems(ORIGINS, origin, 'Any'),
      sourceItems: [{ value: '', text: 'Any source', selected: !source }, ...REFERRAL_SOURCE_ORDER.map((k) => ({ value: k, text: `${k}: ${REFERRAL_SOURCES[k]}`, selected: k === source }))],
      sortItems: choiceItems(TRAY_SORTS, sort),
      labels: { rag: RAG, origins: ORIGINS, childStatus: CHILD_STATUS },
      canRecord: true,
    });
  });
}
