import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../container.js';
import { hasPermission } from '../access/policy.js';
import { parseForm, requiredText } from '../web/forms.js';
import { domainErrors, renderWithErrors, setFlash } from '../web/render.js';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES, isValidIsoDate, todayInLondon, OutsideCalendarCoverageError } from './index.js';

const realDate = (label: string) => requiredText(`Enter ${label}`, 10).pipe(z.string().refine(isValidIsoDate, `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date, like 2026-12-24`));

const calculatorForm = z.object({
  start: realDate('the start date'),
  days: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1, 'Enter the number of working days').regex(/^\d{1,3}$/, 'Number of working days must be a whole number from 0 to 999')).transform(Number),
});

const nonWorkingDayForm = z.object({ day: realDate('the date'), description: requiredText('Enter why the council is closed', 100) });

export function registerCalendarRoutes(app: FastifyInstance, services: Services): void {
  const pageData = async (user: Parameters<typeof hasPermission>[0], extra: Record<string, unknown> = {}) => {
    const today = todayInLondon();
    const year = today.slice(0, 4);
    return {
      pageTitle: 'Working days',
      today,
      canManage: hasPermission(user, 'admin.calendar'),
      localDays: await services.calendar.localNonWorkingDays(),
      bankHolidays: BANK_HOLIDAYS_ENGLAND_AND_WALES.filter((h) => h.date >= `${year}-01-01` && h.date <= `${Number(year) + 1}-12-31`),
      ...extra,
    };
  };

  /** A calculator staff use to check a statutory due date, on the same calendar every clock uses. */
  app.get('/calendar', { config: { access: 'calendar.view' } }, async (request, reply) => {
    const user = request.ctx.user!;
    const query = request.query as Record<string, unknown>;
    if (query.start === undefined && query.days === undefined) return reply.view('time/views/calendar.njk', await pageData(user, { values: {} }));
    const form = parseForm(calculatorForm, query);
    if (!form.ok) return renderWithErrors(reply, 'time/views/calendar.njk', await pageData(user, { values: query }), form.errors);
    try {
      const calendar = await services.calendar.calendar();
      const due = calendar.addWorkingDays(form.data.start, form.data.days);
      return reply.view('time/views/calendar.njk', await pageData(user, { values: query, result: { ...form.data, due, workingDaysFromToday: calendar.workingDaysBetween(todayInLondon(), due) } }));
    } catch (err) {
      if (!(err instanceof OutsideCalendarCoverageError)) throw err;
      return renderWithErrors(reply, 'time/views/calendar.njk', await pageData(user, { values: query }), [{ field: 'start', text: err.message }]);
    }
  });

  app.post('/calendar/non-working-days', { config: { access: 'admin.calendar' } }, async (request, reply) => {
    const user = request.ctx.user!;
    const body = request.body as Record<string, unknown>;
    const form = parseForm(nonWorkingDayForm, body);
    if (!form.ok) return renderWithErrors(reply, 'time/views/calendar.njk', await pageData(user, { values: {}, newDay: body }), form.errors);
    try {
      await services.calendar.addLocalNonWorkingDay(request.ctx, form.data.day, form.data.description);
    } catch (err) {
      return renderWithErrors(reply, 'time/views/calendar.njk', await pageData(user, { values: {}, newDay: body }), domainErrors(err));
    }
    setFlash(request, { heading: 'Non-working day added', text: 'Statutory clocks now skip this date.' });
    return reply.redirect('/calendar');
  });

  app.post('/calendar/non-working-days/:day/delete', { config: { access: 'admin.calendar' } }, async (request, reply) => {
    const day = (request.params as { day: string }).day;
    try {
      await services.calendar.removeLocalNonWorkingDay(request.ctx, day);
      setFlash(request, { heading: 'Non-working day removed' });
    } catch (err) {
      const [e] = domainErrors(err);
      setFlash(request, { heading: 'Not removed', text: e!.text });
    }
    return reply.redirect('/calendar');
  });
}
