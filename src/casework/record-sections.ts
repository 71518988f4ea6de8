import type { Services } from '../container.js';
import type { RequestContext } from '../audit/audit-log.js';
import { assessmentsChronology, assessmentsRecordSection } from '../assessments/record.js';
import { PRACTICE_CHRONOLOGY, PRACTICE_RECORD_SECTION } from '../practice/record-section.js';
import { protectionChronology, protectionRecordSection } from '../protection/record.js';

/**
 * A part of the child's case record page contributed by a practice module (assessments, Signs of Safety,
 * child protection...). The casework module renders each registered section in order with its own template,
 * so modules add to the record without editing its page. `load` runs after access to the child is checked.
 */
export interface RecordSection {
  /** Nunjucks template path, e.g. 'assessments/views/record-section.njk'; rendered with the data `load` returns. */
  template: string;
  order: number;
  /**
   * `load` may return `recordStatus: { text, priority }` (see RecordStatus): the child's record shows the status with
   * the highest priority at the top ("CP plan", "Open assessment"); without one, the episode's status is shown.
   */
  load(services: Services, ctx: RequestContext, personId: number): Promise<Record<string, unknown>>;
}

/** What a section says about the child's current status, e.g. { text: 'Child protection plan', priority: 40 }. */
export interface RecordStatus {
  text: string;
  /** Higher wins: open assessment 10, CIN plan 20, s47 enquiry 30, CP plan 40, looked after 50. */
  priority: number;
}

/** A line in a child's chronology, generated from the record. */
export interface ChronologyEntry {
  /**
   * Optional: a stable key for the entry, '<kind>:<source id>' (e.g. 'assessment:12'), so a worker's "significant" mark
   * stays with it. Without one, the key is made from the kind, date and summary (a changed summary loses the mark).
   */
  key?: string;
  date: string;
  /** e.g. 'Contact', 'Assessment', 'Strategy discussion', 'Case note'. */
  kind: string;
  summary: string;
  href?: string;
  significant?: boolean;
  analysis?: string;
}

export interface ChronologySource {
  load(services: Services, ctx: RequestContext, personId: number): Promise<ChronologyEntry[]>;
}

/** Each module adds its record section and chronology source here (one line each). */
export const RECORD_SECTIONS: RecordSection[] = [assessmentsRecordSection, PRACTICE_RECORD_SECTION, protectionRecordSection];
export const CHRONOLOGY_SOURCES: ChronologySource[] = [assessmentsChronology, PRACTICE_CHRONOLOGY, protectionChronology];
