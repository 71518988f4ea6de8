/**
 * A simple genogram-style family diagram around one person, as SVG markup.
 *
 * Pure: no database, no I/O. The person page passes the person and their recorded relationships
 * (see genogramRelation for the shape PeopleService.getRecord gives) and puts the string in the page
 * beside the relationships table, which stays the accessible alternative. The SVG itself is one image
 * (role="img") with a <title> and a <desc> that says in words who is in the family.
 *
 * Layout, by generation: grandparents two rows above, parents, step-parents and carers one row above,
 * the person with their brothers, sisters and partners on their own row, children below, grandchildren
 * below them. Squares are male, circles female, diamonds sex not known (and restricted records).
 * Solid lines are birth links, dashed lines step and half relations and former partners, dotted
 * lines carers. A cross through a symbol means the person has died.
 *
 * No inline style attributes (the CSP forbids them): presentation attributes and classes only.
 * Every piece of text is escaped.
 */
import { describeRelationship, generationStep } from './relationships.js';

export type GenogramSex = 'M' | 'F' | 'U';

export interface GenogramPerson {
  id: number;
  name: string;
  sex: GenogramSex;
  /** 'YYYY-MM-DD' */
  dateOfBirth: string | null;
  dateOfDeath: string | null;
}

/** How a relative is joined to the person: decides the row, the line and its style. */
export type GenogramLink =
  | 'parent'
  | 'step_parent'
  | 'carer'
  | 'grandparent'
  | 'sibling'
  | 'half_sibling'
  | 'partner'
  | 'child'
  | 'step_child'
  | 'cared_for'
  | 'grandchild'
  | 'other';

export interface GenogramRelation {
  /** The relative; null when their record is restricted from this user: drawn as "Restricted record", nothing more. */
  person: GenogramPerson | null;
  /** How they relate to the person, as the page words it: 'Mother', 'Sister', 'Stepson'… */
  label: string;
  /** Rows from the person's: -2 grandparents, -1 parents and carers, 0 same generation, 1 children, 2 grandchildren. */
  generation: number;
  link: GenogramLink;
  /** A relationship that has ended (a former partner): drawn dashed and described as former. */
  ended?: boolean;
}

export interface GenogramOptions {
  /** Today's date 'YYYY-MM-DD', for ages; without it, dates of birth are shown instead. */
  today?: string;
  /** Prefix for the ids of <title> and <desc>, unique on the page. */
  idPrefix?: string;
}

// ---------------------------------------------------------------------------------------------
// From the person record (PeopleService.getRecord) to the diagram's plain data
// ---------------------------------------------------------------------------------------------

/** What the diagram needs of a person brief (PersonBrief has all of it). */
export interface BriefLike {
  id: number;
  givenNames: string;
  familyName: string;
  sex: GenogramSex;
  dateOfBirth: string | null;
  dateOfDeath: string | null;
}

/** One relationship as PeopleService.getRecord returns it: `other` is null for a restricted record. */
export interface RecordRelationshipLike {
  type: string;
  label: string;
  otherId: number;
  other: BriefLike | null;
  endDate?: string | null;
}

export function genogramPerson(p: BriefLike): GenogramPerson {
  return { id: p.id, name: `${p.givenNames} ${p.familyName}`.trim() || 'Name not recorded', sex: p.sex, dateOfBirth: p.dateOfBirth, dateOfDeath: p.dateOfDeath };
}

const FORWARD_LINK: Record<string, GenogramLink> = {
  mother: 'parent',
  father: 'parent',
  step_parent: 'step_parent',
  carer: 'carer',
  grandparent: 'grandparent',
  partner: 'partner',
  sibling: 'sibling',
  half_sibling: 'half_sibling',
};
const RECIPROCAL_LINK: Record<string, GenogramLink> = {
  mother: 'child',
  father: 'child',
  step_parent: 'step_child',
  carer: 'cared_for',
  grandparent: 'grandchild',
  partner: 'partner',
  sibling: 'sibling',
  half_sibling: 'half_sibling',
};

/**
 * A relationship row read from the person's side. The label says which way round it is: 'Mother'
 * on a 'mother' row means the other person is the mother; 'Daughter' means they are the child.
 */
export function genogramRelation(r: RecordRelationshipLike, today?: string): GenogramRelation {
  const otherIsSubject = (['M', 'F', 'U'] as const).some((s) => describeRelationship(r.type, false, s) === r.label);
  const step = generationStep(r.type);
  const link = (otherIsSubject ? FORWARD_LINK[r.type] : RECIPROCAL_LINK[r.type]) ?? 'other';
  const ended = !!r.endDate && (!today || r.endDate <= today);
  return {
    person: r.other ? genogramPerson(r.other) : null,
    label: r.label,
    generation: otherIsSubject ? step : -step,
    link,
    ...(ended ? { ended } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const isIso = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);

function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1] ?? ''} ${y}`;
}

function yearsBetween(from: string, to: string): number {
  const [by, bm, bd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** "Age 9", "Under 1", "Died 2020, aged 70", "Born 2 March 2015", or null when nothing is known. */
function lifeText(p: GenogramPerson, today: string | undefined): string | null {
  const dob = isIso(p.dateOfBirth) ? p.dateOfBirth : null;
  const dod = isIso(p.dateOfDeath) ? p.dateOfDeath : null;
  if (p.dateOfDeath) {
    if (!dod) return 'Died';
    return dob ? `Died ${dod.slice(0, 4)}, aged ${Math.max(0, yearsBetween(dob, dod))}` : `Died ${formatDate(dod)}`;
  }
  if (!dob) return null;
  if (today && isIso(today)) {
    if (dob > today) return `Due ${formatDate(dob)}`;
    const age = yearsBetween(dob, today);
    return age < 1 ? 'Under 1' : `Age ${age}`;
  }
  return `Born ${formatDate(dob)}`;
}

const MAX_LABEL = 20;
/** Long names are shortened in the drawing only; the description keeps them whole. */
function fit(s: string): string {
  return s.length <= MAX_LABEL ? s : `${s.slice(0, MAX_LABEL - 1).trimEnd()}…`;
}

/** 'Mother' → 'mother' for the sentence; a few labels need other words. */
function relationWord(r: GenogramRelation): string {
  if (r.link === 'cared_for') return 'cared for';
  if (r.link === 'partner' && r.ended) return 'former partner';
  return r.label.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------

const COL = 160; // column width
const SYM = 40; // symbol size
const HALF = SYM / 2;
const LINE_H = 16; // label line height
const LABEL_H = 3 * LINE_H + 6;
const GAP = 56; // between rows; buses run through the middle
const MARGIN = 16;

const STROKE = '#0b0c0c';
const CENTRE_FILL = '#ffdd00';
const FILL = '#ffffff';

interface Node {
  rel: GenogramRelation | null; // null: the centre person
  person: GenogramPerson | null;
  generation: number;
  x: number;
  twin: boolean;
}

interface Row {
  generation: number;
  nodes: Node[];
  labelsAbove: boolean;
  symbolTop: number;
  /** Where a line leaving the row downwards starts (under the symbol, or under the labels). */
  downFrom: number;
  /** Where a line arriving from above ends (top of the symbol, or top of the labels). */
  upTo: number;
  bottom: number;
}

const UP_LINKS: ReadonlySet<GenogramLink> = new Set(['parent', 'step_parent', 'carer', 'grandparent']);
const DOWN_LINKS: ReadonlySet<GenogramLink> = new Set(['child', 'step_child', 'cared_for', 'grandchild']);
const SIBLING_LINKS: ReadonlySet<GenogramLink> = new Set(['sibling', 'half_sibling']);

function dash(link: GenogramLink | null, ended = false): string {
  if (ended || link === 'step_parent' || link === 'step_child' || link === 'half_sibling') return ' stroke-dasharray="8 5"';
  if (link === 'carer' || link === 'cared_for') return ' stroke-dasharray="2 4"';
  return '';
}

const byAge = (a: Node, b: Node) => {
  const x = a.person?.dateOfBirth ?? '9999';
  const y = b.person?.dateOfBirth ?? '9999';
  return x < y ? -1 : x > y ? 1 : (a.person?.name ?? '~').localeCompare(b.person?.name ?? '~');
};

const LINK_ORDER: GenogramLink[] = ['parent', 'step_parent', 'carer', 'grandparent', 'child', 'step_child', 'cared_for', 'grandchild'];
/** Birth parents first, then step-parents, then carers; eldest first within each. */
const byLinkThenAge = (a: Node, b: Node) => LINK_ORDER.indexOf(a.rel?.link ?? 'other') - LINK_ORDER.indexOf(b.rel?.link ?? 'other') || byAge(a, b);

/** Positions n nodes centred on `mid`; with `avoid`, an odd row shifts half a column so a line can pass through `mid`. */
function spread(nodes: Node[], mid: number, avoid: boolean) {
  const n = nodes.length;
  const shift = avoid && n % 2 === 1 ? COL / 2 : 0;
  nodes.forEach((node, i) => {
    node.x = mid + (i - (n - 1) / 2) * COL + shift;
  });
}

function line(x1: number, y1: number, x2: number, y2: number, extra = '', cls = 'app-genogram__line'): string {
  return `<line class="${cls}" x1="${r(x1)}" y1="${r(y1)}" x2="${r(x2)}" y2="${r(y2)}" stroke="${STROKE}" stroke-width="2"${extra}/>`;
}
const r = (n: number) => Math.round(n * 10) / 10;

function symbol(node: Node, cx: number, top: number): string {
  const centre = node.rel === null;
  const restricted = node.rel !== null && node.person === null;
  const sex = node.person?.sex ?? 'U';
  const classes = ['app-genogram__symbol', `app-genogram__symbol--${sex === 'M' ? 'male' : sex === 'F' ? 'female' : 'unknown'}`];
  if (centre) classes.push('app-genogram__symbol--centre');
  if (restricted) classes.push('app-genogram__symbol--restricted');
  const paint = `class="${classes.join(' ')}" fill="${centre ? CENTRE_FILL : FILL}" stroke="${STROKE}" stroke-width="${centre ? 4 : 2}"${restricted ? ' stroke-dasharray="4 3"' : ''}`;
  const cy = top + HALF;
  let shape: string;
  if (sex === 'M') shape = `<rect ${paint} x="${r(cx - HALF)}" y="${r(top)}" width="${SYM}" height="${SYM}"/>`;
  else if (sex === 'F') shape = `<circle ${paint} cx="${r(cx)}" cy="${r(cy)}" r="${HALF}"/>`;
  else shape = `<polygon ${paint} points="${r(cx)},${r(top - 2)} ${r(cx + HALF + 2)},${r(cy)} ${r(cx)},${r(top + SYM + 2)} ${r(cx - HALF - 2)},${r(cy)}"/>`;
  let out = shape;
  if (node.person?.dateOfDeath) {
    out += line(cx - HALF - 4, top - 4, cx + HALF + 4, top + SYM + 4, '', 'app-genogram__deceased');
    out += line(cx + HALF + 4, top - 4, cx - HALF - 4, top + SYM + 4, '', 'app-genogram__deceased');
  }
  return out;
}

function labels(node: Node, cx: number, firstBaseline: number, today: string | undefined): string {
  const lines: Array<{ text: string; cls: string; bold?: boolean }> = [];
  if (node.person) {
    lines.push({ text: fit(node.person.name), cls: 'app-genogram__name', bold: node.rel === null });
  } else {
    lines.push({ text: 'Restricted record', cls: 'app-genogram__name' });
  }
  if (node.rel) lines.push({ text: fit(node.rel.label + (node.twin ? ' (twin)' : '') + (node.rel.ended ? ' (former)' : '')), cls: 'app-genogram__relation' });
  const life = node.person ? lifeText(node.person, today) : null;
  if (life) lines.push({ text: life, cls: 'app-genogram__age' });
  return lines
    .map(
      (l, i) =>
        `<text class="${l.cls}" x="${r(cx)}" y="${r(firstBaseline + i * LINE_H)}" text-anchor="middle" font-size="${i === 0 ? 14 : 13}"${l.bold ? ' font-weight="bold"' : ''} fill="${STROKE}">${escapeXml(l.text)}</text>`,
    )
    .join('');
}

/** Draws the family around `centre` as an accessible SVG image. */
export function renderGenogram(centre: GenogramPerson, relations: readonly GenogramRelation[], options: GenogramOptions = {}): string {
  const { today } = options;
  const prefix = `${(options.idPrefix ?? 'genogram').replace(/[^A-Za-z0-9_-]/g, '')}-${Math.trunc(centre.id)}`;

  const centreNode: Node = { rel: null, person: centre, generation: 0, x: 0, twin: false };
  const nodes: Node[] = relations.map((rel) => {
    const generation = Math.max(-2, Math.min(2, Math.round(rel.generation) || 0));
    const twin = rel.link === 'sibling' && !!rel.person?.dateOfBirth && rel.person.dateOfBirth === centre.dateOfBirth;
    return { rel, person: rel.person, generation, x: 0, twin };
  });
  const inRow = (g: number) => nodes.filter((n) => n.generation === g);

  // The person's own row: brothers and sisters to the left (eldest first), partners then others to the right.
  const row0 = inRow(0);
  const siblings = row0.filter((n) => n.rel && SIBLING_LINKS.has(n.rel.link)).sort(byAge);
  const partners = row0.filter((n) => n.rel?.link === 'partner');
  const others = row0.filter((n) => !siblings.includes(n) && !partners.includes(n));
  siblings.forEach((n, i) => (n.x = (i - siblings.length) * COL));
  [...partners, ...others].forEach((n, i) => (n.x = (i + 1) * COL));
  const sibship = [...siblings, centreNode];
  const stemUp = (Math.min(...sibship.map((n) => n.x)) + Math.max(...sibship.map((n) => n.x))) / 2;

  const rowsPresent = [-2, -1, 1, 2].filter((g) => inRow(g).length > 0);
  const has = (g: number) => rowsPresent.includes(g);
  spread(inRow(-2).sort(byAge), stemUp, false);
  spread(inRow(-1).sort(byLinkThenAge), stemUp, has(-2));
  spread(inRow(1).sort(byAge), 0, has(2));
  spread(inRow(2).sort(byAge), 0, false);

  // Shift everything so the leftmost symbol sits a margin from the edge.
  const all = [centreNode, ...nodes];
  const minX = Math.min(...all.map((n) => n.x));
  const maxX = Math.max(...all.map((n) => n.x));
  const dx = MARGIN + COL / 2 - minX;
  for (const n of all) n.x += dx;
  const width = maxX - minX + COL + 2 * MARGIN;

  // Rows from the top. Ancestors carry their labels above, so lines leave their symbols cleanly.
  const rows: Row[] = [];
  let y = MARGIN;
  for (const g of [-2, -1, 0, 1, 2]) {
    const members = g === 0 ? [centreNode, ...row0] : inRow(g);
    if (members.length === 0) continue;
    const labelsAbove = g < 0;
    const symbolTop = labelsAbove ? y + LABEL_H : y;
    const bottom = symbolTop + SYM + (labelsAbove ? 0 : LABEL_H);
    rows.push({ generation: g, nodes: members, labelsAbove, symbolTop, downFrom: labelsAbove ? symbolTop + SYM : bottom - 4, upTo: labelsAbove ? y : symbolTop, bottom });
    y = bottom + GAP;
  }
  const height = y - GAP + MARGIN;
  const row = (g: number) => rows.find((x) => x.generation === g);
  const centreRow = row(0)!;
  const cx = centreNode.x;

  const lines: string[] = [];
  // Up: the nearest row of parents (or grandparents) joins the person and their siblings by a bus.
  const parentRow = row(-1) ?? row(-2);
  const grandRow = row(-1) ? row(-2) : undefined;
  if (parentRow || siblings.length > 0) {
    const busY = centreRow.upTo - GAP / 2;
    const xs: number[] = [];
    for (const n of sibship) {
      lines.push(line(n.x, busY, n.x, centreRow.symbolTop - (n.person?.sex === 'U' || !n.person ? 2 : 0), dash(n.rel?.link ?? null)));
      xs.push(n.x);
    }
    if (parentRow) {
      for (const n of parentRow.nodes) {
        lines.push(line(n.x, parentRow.downFrom + (n.person?.sex === 'U' || !n.person ? 2 : 0), n.x, busY, dash(n.rel?.link ?? null)));
        xs.push(n.x);
      }
    }
    if (grandRow) {
      // Grandparents hang from their own bus; a stem joins it to the parents' bus between the parents.
      const gBusY = row(-1)!.upTo - GAP / 2;
      const gxs = grandRow.nodes.map((n) => n.x);
      for (const n of grandRow.nodes) lines.push(line(n.x, grandRow.downFrom + (n.person?.sex === 'U' || !n.person ? 2 : 0), n.x, gBusY));
      const stem = dx + stemUp;
      lines.push(line(Math.min(...gxs, stem), gBusY, Math.max(...gxs, stem), gBusY));
      lines.push(line(stem, gBusY, stem, busY));
      xs.push(stem);
    }
    lines.push(line(Math.min(...xs), busY, Math.max(...xs), busY));
  }
  // Down: children (or grandchildren when no children are recorded) hang from the person.
  const childRow = row(1) ?? row(2);
  const grandchildRow = row(1) ? row(2) : undefined;
  if (childRow) {
    const busY = childRow.upTo - GAP / 2;
    lines.push(line(cx, centreRow.downFrom, cx, busY));
    const xs = [cx];
    for (const n of childRow.nodes) {
      lines.push(line(n.x, busY, n.x, childRow.symbolTop - (n.person?.sex === 'U' || !n.person ? 2 : 0), dash(n.rel?.link ?? null)));
      xs.push(n.x);
    }
    if (grandchildRow) {
      const gBusY = grandchildRow.upTo - GAP / 2;
      lines.push(line(cx, busY, cx, gBusY));
      const gxs = [cx];
      for (const n of grandchildRow.nodes) {
        lines.push(line(n.x, gBusY, n.x, grandchildRow.symbolTop - (n.person?.sex === 'U' || !n.person ? 2 : 0)));
        gxs.push(n.x);
      }
      lines.push(line(Math.min(...gxs), gBusY, Math.max(...gxs), gBusY));
    }
    lines.push(line(Math.min(...xs), busY, Math.max(...xs), busY));
  }
  // Partners: a bracket above the symbols, higher for each further partner; dashed when it has ended.
  partners.forEach((n, i) => {
    const top = centreRow.symbolTop;
    const lift = Math.min(GAP / 2 - 6, 10 + i * 8);
    const ended = dash(null, n.rel?.ended);
    const from = cx + 8;
    lines.push(
      `<polyline class="app-genogram__line app-genogram__line--partner" points="${r(from)},${r(top)} ${r(from)},${r(top - lift)} ${r(n.x)},${r(top - lift)} ${r(n.x)},${r(top - (n.person?.sex === 'U' || !n.person ? 2 : 0))}" fill="none" stroke="${STROKE}" stroke-width="2"${ended}/>`,
    );
  });

  const shapes: string[] = [];
  for (const rw of rows) {
    for (const n of rw.nodes) {
      const firstBaseline = rw.labelsAbove ? rw.upTo + 14 : rw.symbolTop + SYM + 6 + 14;
      const cls = n.rel === null ? 'app-genogram__person app-genogram__person--centre' : 'app-genogram__person';
      shapes.push(`<g class="${cls}">${symbol(n, n.x, rw.symbolTop)}${labels(n, n.x, firstBaseline, today)}</g>`);
    }
  }

  const title = `Family diagram for ${centre.name}`;
  const desc = describeFamily(centre, nodes, rows, today);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-genogram__svg" role="img" aria-labelledby="${prefix}-title ${prefix}-desc" ` +
    `viewBox="0 0 ${r(width)} ${r(height)}" width="${r(width)}" height="${r(height)}" focusable="false">` +
    `<title id="${prefix}-title">${escapeXml(title)}</title>` +
    `<desc id="${prefix}-desc">${escapeXml(desc)}</desc>` +
    `<g font-family="Arial, sans-serif">${lines.join('')}${shapes.join('')}</g>` +
    `</svg>`
  );
}

/** The family in words, eldest generation first, in the order drawn. */
function describeFamily(centre: GenogramPerson, nodes: Node[], rows: Row[], today: string | undefined): string {
  if (nodes.length === 0) return `No family members or other relationships are recorded for ${centre.name}.`;
  const ordered = rows.flatMap((rw) => [...rw.nodes].filter((n) => n.rel !== null).sort((a, b) => a.x - b.x));
  const items = ordered.map((n) => {
    const rel = n.rel!;
    if (!n.person) return `${relationWord(rel)}: a restricted record`;
    const notes: string[] = [];
    if (n.twin) notes.push('twin');
    const life = lifeText(n.person, today);
    if (life) notes.push(life.charAt(0).toLowerCase() + life.slice(1));
    return `${relationWord(rel)} ${n.person.name}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  const self = lifeText(centre, today);
  return `Family of ${centre.name}${self ? ` (${self.charAt(0).toLowerCase() + self.slice(1)})` : ''}: ${items.join(', ')}.`;
}
