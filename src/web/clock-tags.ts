import type { ClockStatus } from '../time/index.js';

/** How a statutory clock's status looks, the same on every page. */
export const CLOCK_TAGS: Record<ClockStatus, { text: string; classes: string }> = {
  on_track: { text: 'On track', classes: 'govuk-tag--blue' },
  due_soon: { text: 'Due soon', classes: 'govuk-tag--yellow' },
  due_today: { text: 'Due today', classes: 'govuk-tag--orange' },
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  completed_on_time: { text: 'Done in time', classes: 'govuk-tag--green' },
  completed_late: { text: 'Done late', classes: 'govuk-tag--red' },
};
