import type { ClockSource } from './clocks.js';
import { assessmentClocks } from '../assessments/record.js';
import { protectionClocks } from '../protection/clocks.js';

/** Every module's clocks. Each practice module adds its source here (one line), so records and trays see them all. */
export const CLOCK_SOURCES: ClockSource[] = [assessmentClocks, protectionClocks];
