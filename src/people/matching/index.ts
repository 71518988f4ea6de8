/**
 * Person matching: pure functions that validate identifiers, normalise names and score how likely
 * two person records are the same child. No database and no I/O: the person index blocks
 * candidates in SQL and calls scorePair on each.
 */
export * from './identifiers.js';
export * from './names.js';
export * from './compare.js';
export * from './score.js';
