/**
 * Reviewing possible duplicate records: the list of open pairs, each pair side by side with the
 * reasons the scorer gives field by field, and the two decisions (merge, keeping one record; or
 * not the same person, never proposed again). Undoing a merge starts from the kept record's page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../container.js';
import { canAccessRecord } from '../access/policy.js';
import { ConflictError, NotFoundError } from '../db/transaction.js';
import type { FieldError } from '../web/forms.js';
import { parseForm } from '../web/forms.js';
import { domainErrors, idParam, notFoundIfMissing, renderWithErrors, setFlash } from '../web/render.js';
import { formatIsoDate } from '../web/nunjucks-setup.js';
import { todayInLondon } from '../time/index.js';
import { bandFor, scorePair, type MatchBand, type PairScore } from './matching/index.js';
import type { PersonBrief } from './match-data.js';
import type { DuplicatePair } from './duplicates-service.js';
import { MATCH_FIELD_LABELS, SEX_LABELS, WARNING_KINDS, ageOn } from './codes.js';

const PAGE_SIZE = 20;
const LIST = 'people/views/duplicates-list.njk';
const PAIR = 'people/views/duplicates-pair.njk';

const BAND_TAGS: Record<MatchBand, { text: string; classes: string }> = {
  likely: { text: 'Likely match', classes: 'govuk-tag--green' },
  possible: { text: 'Possible match', classes: 'govuk-tag--yellow' },
  unlikely: { text: 'Unlikely match', classes: 'govuk-tag--grey' },
};

const capitalise = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
const fullName = (p: PersonBrief) => `${p.givenNames} ${p.familyName}`.trim() || `Person ${p.id}`;

function dateOfBirthText(p: PersonBrief, today: string): string {
  if (p.dateOfBirth) {
    const age = ageOn(p.dateOfBirth, today);
    return `${formatIsoDate(p.dateOfBirth)}${age !== null && age >= 0 ? ` (age ${age})` : ''}`;
  }
  if (p.expectedDateOfBirth) return `Unborn, due ${formatIsoDate(p.expectedDateOfBirth)}`;
  return 'Not recorded';
}

/** What this user may see of one side of a pair: the brief, or nothing if the record is restricted from them. */
function visible(request: FastifyRequest, p: PersonBrief): PersonBrief | null {
  return canAccessRecord(request.ctx.user!, { restrictedTo: p.restricted ? p.restrictedTo : null }).allowed ? p : null;
}

/** One side of a pair in the list: name, date of birth and postcode, or "Restricted record". */
function listSide(p: PersonBrief | null, today: string) {
  if (!p) return { name: 'Restricted record', detail: 'You do not have access to this record' };
  return { name: fullName(p), detail: [dateOfBirthText(p, today), p.postcode ?? 'No postcode'].join(' · ') };
}

const keepForm = z.object({ keep: z.string({ message: 'Select the record to keep' }).regex(/^\d{1,12}$/, 'Select the record to keep').transform(Number) });

export function registerDuplicateRoutes(app: FastifyInstance, services: Services): void {
  const access = { access: 'people.merge' as const };

  app.get('/people/duplicates', { config: access }, async (request, reply) => {
    const raw = Number((request.query as Record<string, string | undefined>).page ?? '1');
    const total = await services.duplicates.countOpenPairs();
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Number.isInteger(raw) && raw >= 1 ? Math.min(raw, pages) : 1;
    const [pairs, scan] = await Promise.all([services.duplicates.openPairs({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), services.duplicates.latestScan()]);
    const today = todayInLondon();
    const href = (p: number) => `/people/duplicates${p > 1 ? `?page=${p}` : ''}`;
    await services.audit.record(request.ctx, { action: 'person.duplicate.list', personIds: pairs.flatMap((p) => [p.a.id, p.b.id]), details: { page } });
    return reply.view(LIST, {
      pageTitle: page > 1 ? `Possible duplicate records (page ${page} of ${pages})` : 'Possible duplicate records',
      total,
      page,
      pages,
      scan,
      scanRunning: services.duplicates.backgroundScanRunning || scan?.status === 'running',
      pairs: pairs.map((p) => {
        const a = visible(request, p.a);
        const b = visible(request, p.b);
        return {
          id: p.id,
          score: Math.round(p.score * 10) / 10,
          tag: BAND_TAGS[bandFor(p.score)],
          a: listSide(a, today),
          b: listSide(b, today),
          // The link names the pair for screen reader users moving from link to link.
          linkContext: `${a ? fullName(a) : 'a restricted record'} and ${b ? fullName(b) : 'a restricted record'}`,
        };
      }),
      pagination: pages > 1
        ? {
            previous: page > 1 ? { href: href(page - 1) } : undefined,
            next: page < pages ? { href: href(page + 1) } : undefined,
            items: pages <= 10 ? Array.from({ length: pages }, (_, i) => ({ number: i + 1, href: href(i + 1), current: i + 1 === page })) : undefined,
            landmarkLabel: 'Pages of possible duplicates',
          }
        : null,
    });
  });

  app.post('/people/duplicates/scan', { config: access }, async (request, reply) => {
    const scanId = await services.duplicates.startBackgroundScan({ log: (message, err) => request.log.error({ err }, message) });
    await services.audit.record(request.ctx, { action: 'person.duplicate.scan_start', recordType: 'duplicate_scan', recordId: scanId });
    setFlash(request, { heading: 'Checking for duplicates', text: 'The check runs in the background. New pairs appear on this page as it finds them: refresh the page to see them.' });
    return reply.redirect('/people/duplicates');
  });

  /** The pair page, with the user's choice and any errors when a decision could not be made. */
  const renderPair = async (request: FastifyRequest, reply: FastifyReply, pair: DuplicatePair, opts: { values?: Record<string, unknown>; errors?: FieldError[]; status?: number } = {}) => {
    const weights = await services.personSearch.currentWeights();
    const live = scorePair(pair.a.forMatching, pair.b.forMatching, weights);
    const data = pairView(request, pair, live, opts.values ?? {});
    if (opts.errors?.length) return renderWithErrors(reply, PAIR, data, opts.errors, opts.status ?? 400);
    return reply.code(opts.status ?? 200).view(PAIR, data);
  };

  const loadPair = async (id: number) => services.duplicates.getPair(id).catch(notFoundIfMissing);

  app.get('/people/duplicates/:id', { config: access }, async (request, reply) => {
    const pair = await loadPair(idParam(request));
    await services.audit.record(request.ctx, { action: 'person.duplicate.view', recordType: 'duplicate_candidate', recordId: pair.id, personIds: [pair.a.id, pair.b.id] });
    return renderPair(request, reply, pair);
  });

  app.post('/people/duplicates/:id/merge', { config: access }, async (request, reply) => {
    const pair = await loadPair(idParam(request));
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!visible(request, pair.a) || !visible(request, pair.b)) return reply.code(403).view('people/views/restricted.njk', { pageTitle: 'Restricted record' });
    if (pair.status !== 'open') return renderPair(request, reply, pair, { values: body, errors: [{ field: 'keep', text: alreadyReviewed(pair) }], status: 409 });
    const form = parseForm(keepForm, body);
    if (!form.ok) return renderPair(request, reply, pair, { values: body, errors: form.errors });
    const keptId = form.data.keep;
    if (keptId !== pair.a.id && keptId !== pair.b.id) return renderPair(request, reply, pair, { values: body, errors: [{ field: 'keep', text: 'Select one of the two records to keep' }] });
    const mergedId = keptId === pair.a.id ? pair.b.id : pair.a.id;
    const kept = keptId === pair.a.id ? pair.a : pair.b;
    const merged = keptId === pair.a.id ? pair.b : pair.a;
    try {
      await services.merges.merge(request.ctx, keptId, mergedId);
    } catch (err) {
      if (err instanceof NotFoundError) return notFoundIfMissing(err);
      const errors = domainErrors(err);
      return renderPair(request, reply, pair, { values: body, errors: errors.map((e) => ({ ...e, field: e.field === 'form' ? 'keep' : e.field })), status: err instanceof ConflictError ? 409 : 400 });
    }
    setFlash(request, {
      heading: 'Records merged',
      text: `${fullName(merged)} (person ${mergedId}) has been merged into this record for ${fullName(kept)}. If this was a mistake, undo the merge from this page.`,
    });
    return reply.redirect(`/people/${keptId}`);
  });

  app.post('/people/duplicates/:id/not-same', { config: access }, async (request, reply) => {
    const pair = await loadPair(idParam(request));
    if (!visible(request, pair.a) || !visible(request, pair.b)) return reply.code(403).view('people/views/restricted.njk', { pageTitle: 'Restricted record' });
    try {
      await services.duplicates.markNotSame(request.ctx, pair.id);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      // Someone else reviewed the pair first: show them what it says now.
      return renderPair(request, reply, await loadPair(pair.id), { errors: [{ field: 'notSame', text: alreadyReviewed(pair) }], status: 409 });
    }
    setFlash(request, { heading: 'Marked as not the same person', text: `${fullName(pair.a)} and ${fullName(pair.b)} will not be suggested as duplicates again.` });
    return reply.redirect('/people/duplicates');
  });

  app.post('/people/merges/:id/unmerge', { config: access }, async (request, reply) => {
    const mergeId = idParam(request);
    const keptId = keptIdFrom(request);
    let result: unknown;
    try {
      result = await services.merges.unmerge(request.ctx, mergeId);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      if (keptId === null) return notFoundIfMissing(err);
      // Most often a second click: the records are already separate, which is what was asked for.
      setFlash(request, { heading: 'This merge had already been undone', text: 'The two records are already separate.' });
      return reply.redirect(`/people/${keptId}`);
    }
    // MergeService.unmerge may report the kept record itself; otherwise the form (or the page it was on) says.
    const reported = typeof result === 'object' && result !== null && typeof (result as { keptId?: unknown }).keptId === 'number' ? (result as { keptId: number }).keptId : null;
    const target = reported ?? keptId;
    setFlash(request, { heading: 'Merge undone', text: 'The two records are separate again, each with the names, addresses, relationships and history it had before the merge. They will not be suggested as duplicates again.' });
    return reply.redirect(target !== null ? `/people/${target}` : '/people/duplicates');
  });
}

/** The kept record's id: a hidden field on the unmerge form, or the person page the form was posted from. */
function keptIdFrom(request: FastifyRequest): number | null {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const field = typeof body.keptId === 'string' ? body.keptId : typeof body.personId === 'string' ? body.personId : '';
  if (/^\d{1,12}$/.test(field)) return Number(field);
  const referer = request.headers.referer;
  if (typeof referer === 'string') {
    try {
      const url = new URL(referer);
      const m = /^\/people\/(\d{1,12})$/.exec(url.pathname);
      if (m && url.hostname === request.hostname) return Number(m[1]);
    } catch {
      // Not a URL: ignore it.
    }
  }
  return null;
}

function alreadyReviewed(pair: DuplicatePair): string {
  if (pair.status === 'merged') return 'These records have already been merged.';
  if (pair.status === 'not_same') return 'This pair has already been reviewed: someone has recorded that they are not the same person.';
  return 'This pair has already been reviewed.';
}

/** Everything the pair page shows, side by side, with the scorer's reason beside each field. */
function pairView(request: FastifyRequest, pair: DuplicatePair, live: PairScore, values: Record<string, unknown>) {
  const today = todayInLondon();
  const a = visible(request, pair.a);
  const b = visible(request, pair.b);
  const canDecide = !!a && !!b;
  const reason = (field: string) => {
    const f = live.fields.find((x) => x.field === field);
    return f ? capitalise(f.reason) : '';
  };
  const side = (p: PersonBrief | null, pick: (p: PersonBrief) => string) => (p ? pick(p) : 'Restricted');
  const rows = [
    { label: 'Name', a: side(a, fullName), b: side(b, fullName), match: canDecide ? `${reason('givenName')}. ${reason('familyName')}.` : '' },
    { label: 'Other names', a: side(a, (p) => p.otherNames.join(', ') || 'None recorded'), b: side(b, (p) => p.otherNames.join(', ') || 'None recorded'), match: '' },
    { label: 'Date of birth', a: side(a, (p) => dateOfBirthText(p, today)), b: side(b, (p) => dateOfBirthText(p, today)), match: canDecide ? reason('dateOfBirth') : '' },
    { label: 'Sex', a: side(a, (p) => SEX_LABELS[p.sex] ?? p.sex), b: side(b, (p) => SEX_LABELS[p.sex] ?? p.sex), match: canDecide ? reason('sex') : '' },
    { label: 'NHS number', a: side(a, (p) => p.nhsNumber ?? 'Not recorded'), b: side(b, (p) => p.nhsNumber ?? 'Not recorded'), match: canDecide ? reason('nhsNumber') : '' },
    { label: 'UPN', a: side(a, (p) => p.upn ?? 'Not recorded'), b: side(b, (p) => p.upn ?? 'Not recorded'), match: canDecide ? reason('upn') : '' },
    { label: 'Address', a: side(a, (p) => p.address ?? 'Not recorded'), b: side(b, (p) => p.address ?? 'Not recorded'), match: canDecide ? reason('postcode') : '' },
    {
      label: 'Warnings',
      a: side(a, (p) => p.warnings.map((w) => `${WARNING_KINDS[w.kind] ?? w.kind}: ${w.details}`).join('; ') || 'None'),
      b: side(b, (p) => p.warnings.map((w) => `${WARNING_KINDS[w.kind] ?? w.kind}: ${w.details}`).join('; ') || 'None'),
      match: '',
    },
  ];
  const score = Math.round(live.score * 10) / 10;
  const radio = (p: PersonBrief, n: number, other: PersonBrief) => ({
    value: String(p.id),
    text: `Keep record ${n}: ${fullName(p)} (person ${p.id})`,
    hint: { text: `Record ${3 - n} (${fullName(other)}) will be merged into this record.` },
    checked: String(values.keep ?? '') === String(p.id),
  });
  return {
    pageTitle: a && b ? `Possible duplicate: ${fullName(a)} and ${fullName(b)}` : 'Possible duplicate',
    pair: { id: pair.id, status: pair.status, foundAt: pair.foundAt },
    a,
    b,
    aId: pair.a.id,
    bId: pair.b.id,
    canDecide,
    isOpen: pair.status === 'open',
    reviewedText: pair.status === 'open' ? '' : alreadyReviewed(pair),
    score,
    tag: BAND_TAGS[live.band],
    bandText: live.band === 'likely' ? 'likely to be the same person' : live.band === 'possible' ? 'possibly the same person' : 'unlikely to be the same person',
    cautions: canDecide ? live.guards.map((g) => capitalise(g.reason)) : [],
    rows,
    evidence: canDecide
      ? live.fields.map((f) => ({ field: MATCH_FIELD_LABELS[f.field] ?? f.field, reason: capitalise(f.reason), weight: f.level === 'missing' ? 'None' : `${f.weight >= 0 ? '+' : '−'}${Math.abs(Math.round(f.weight * 10) / 10)}` }))
      : [],
    keepItems: a && b ? [radio(a, 1, b), radio(b, 2, a)] : [],
    values,
  };
}
