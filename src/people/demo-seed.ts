/**
 * The demo council's person index: about 40 fictional families (some 150 people) in Demo Borough.
 *
 * Everything here is synthetic. No real people: names are drawn from common UK names of many
 * origins and put together at random (from a fixed seed, so every demo has the same people, aged
 * from today). Addresses are invented streets in invented towns, with postcodes in a "DB" area,
 * which pass the UK postcode format check but is not a real postcode area. NHS numbers are in the
 * 999 range the NHS keeps for testing, with valid check digits; UPNs are built with makeUpn for
 * invented schools. Phone numbers are from Ofcom's ranges reserved for drama (01632 960xxx, 07700 900xxx).
 *
 * A few records are there to show the system at work:
 * - twins Amy and Ava Patel (same date of birth, same address: never proposed as duplicates);
 * - cousins in the Hussain family sharing a surname and their grandmother's address;
 * - duplicates to find and merge: William Smith (2 March 2015) and "Bill Smyth" (2 February 2015)
 *   at the family's old address; Mohammed Khan and Muhammad Khan;
 * - warnings ("Risk to staff", "Do not disclose address") with review dates;
 * - one record restricted to the Allegations (LADO) team (a father who is the subject of an allegation);
 * - children with previous and known-as names, a step-family with a half-sister, a grandfather who has died;
 * - GP practices, schools and health visitors involved with each family.
 *
 * People are created through PeopleService in one transaction (each creation audited); the rest
 * (relationships, previous names, contacts, involvements) is written in bulk in the same
 * transaction with one audit event per family, so the demo seeds in well under a second.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DemoSeedContext } from '../demo/seeders.js';
import type { RequestContext } from '../audit/audit-log.js';
import { writeAudit } from '../audit/audit-log.js';
import { makeUpn, nhsCheckDigit } from './matching/index.js';
import { nameKeys, type NewPersonInput } from './people-service.js';
import type { RelationshipType } from './relationships.js';

type Sex = 'M' | 'F';

interface Address {
  line1: string;
  town: string;
  postcode: string;
}

interface MemberSpec {
  key: string;
  given: string;
  family: string;
  sex: Sex;
  dob: string;
  knownAs?: string;
  previousNames?: Array<{ given: string; family: string }>;
  ethnicity?: string;
  language?: string;
  religion?: string;
  nhs?: boolean;
  upn?: boolean;
  /** Recorded with the same UPN as another member (a second record made for the same child). */
  sameUpnAs?: string;
  /** Lives elsewhere (defaults to the family's address). */
  address?: Address | null;
  /** An earlier address, lived at from `from` until `until`; the current one starts the day after. */
  previousAddress?: { address: Address; from: string; until: string };
  dateOfDeath?: string;
  mobile?: boolean;
}

interface FamilySpec {
  label: string;
  address: Address;
  members: MemberSpec[];
  /** [a, type, b]: a is the <type> of b. */
  relationships: Array<[string, RelationshipType, string]>;
  warnings?: Array<{ key: string; kind: string; details: string; reviewInDays: number }>;
}

// ---------------------------------------------------------------------------------------------
// A fixed-seed random source, so every demo has the same people
// ---------------------------------------------------------------------------------------------

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Places. Fictional towns and streets; "DB" postcodes pass validation but DB is not a real area.
// ---------------------------------------------------------------------------------------------

const DISTRICTS = [
  { outward: 'DB1', town: 'Brackenbury', streets: ['Market Street', 'Cobden Street', 'Station Road', 'Tanner’s Lane', 'Albion Terrace', 'Chapel Walk'] },
  { outward: 'DB2', town: 'Eastmoor', streets: ['Heather Close', 'Moorside Road', 'Lapwing Drive', 'Curlew Way', 'Bracken Rise'] },
  { outward: 'DB3', town: 'Millbrook', streets: ['Weaver’s Row', 'Millrace Road', 'Foundry Lane', 'Canal Side', 'Spinner Street'] },
  { outward: 'DB4', town: 'Kingsholme', streets: ['Regent Crescent', 'Beaumont Avenue', 'Orchard Grove', 'Linden Road', 'Abbey Mews'] },
  { outward: 'DB5', town: 'Ashcombe', streets: ['Rowan Close', 'Hawthorn Way', 'Alder Road', 'Wren Gardens', 'Sorrel Court'] },
  { outward: 'DB6', town: 'Fenwick Green', streets: ['Tower Court', 'Fenwick Parade', 'Osprey House', 'Kestrel House', 'Greenway'] },
] as const;

/** Letters an inward code may use (no C, I, K, M, O or V). */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

// ---------------------------------------------------------------------------------------------
// Names by heritage. Given names and surnames are put together at random within a group.
// ---------------------------------------------------------------------------------------------

interface Heritage {
  surnames: Array<[string, string]>; // [surname, ethnicity code]
  female: string[];
  male: string[];
  language: string;
  religion?: string;
  weight: number;
}

const HERITAGES: Heritage[] = [
  {
    weight: 10,
    language: 'English',
    surnames: [['Jones', 'WBRI'], ['Williams', 'WBRI'], ['Taylor', 'WBRI'], ['Davies', 'WBRI'], ['Evans', 'WBRI'], ['Wilson', 'WBRI'], ['Roberts', 'WBRI'], ['Wright', 'WBRI'], ['Hughes', 'WBRI'], ['Harrison', 'WBRI'], ['Cooper', 'WBRI'], ['Ward', 'WBRI'], ['Murphy', 'WIRI'], ['O’Brien', 'WIRI'], ['McDonald', 'WBRI'], ['Fraser', 'WBRI'], ['Atkinson', 'WBRI'], ['Holt', 'WBRI']],
    female: ['Olivia', 'Amelia', 'Isla', 'Emily', 'Sophie', 'Grace', 'Freya', 'Poppy', 'Evie', 'Charlotte', 'Chloe', 'Megan', 'Holly', 'Ruby', 'Gemma', 'Leanne', 'Stacey', 'Danielle', 'Hayley', 'Kirsty'],
    male: ['Oliver', 'Harry', 'George', 'Noah', 'Jack', 'Charlie', 'Oscar', 'Alfie', 'Jacob', 'Thomas', 'Joshua', 'Ryan', 'Liam', 'Connor', 'Callum', 'Lewis', 'Jamie', 'Craig', 'Lee', 'Dean'],
  },
  {
    weight: 3,
    language: 'Urdu',
    religion: 'Muslim',
    surnames: [['Ahmed', 'APKN'], ['Ali', 'APKN'], ['Akhtar', 'APKN'], ['Mahmood', 'APKN'], ['Iqbal', 'APKN'], ['Rashid', 'APKN']],
    female: ['Aisha', 'Fatima', 'Zara', 'Maryam', 'Amina', 'Hafsa', 'Sana', 'Ayesha', 'Sadia', 'Rabia'],
    male: ['Ibrahim', 'Yusuf', 'Ayaan', 'Hamza', 'Omar', 'Tariq', 'Bilal', 'Shahid', 'Faisal', 'Adnan'],
  },
  {
    weight: 2,
    language: 'Bengali',
    religion: 'Muslim',
    surnames: [['Rahman', 'ABAN'], ['Chowdhury', 'ABAN'], ['Miah', 'ABAN'], ['Uddin', 'ABAN'], ['Islam', 'ABAN']],
    female: ['Tasnim', 'Nusrat', 'Sumaiya', 'Farzana', 'Rumana', 'Jannat', 'Mahira'],
    male: ['Rayhan', 'Sabbir', 'Tanvir', 'Arif', 'Jamal', 'Rafiq', 'Ismail'],
  },
  {
    weight: 2,
    language: 'Punjabi',
    religion: 'Sikh',
    surnames: [['Gill', 'AIND'], ['Sandhu', 'AIND'], ['Dhillon', 'AIND'], ['Bains', 'AIND']],
    female: ['Simran', 'Harleen', 'Jasleen', 'Navneet', 'Amrit', 'Manpreet'],
    male: ['Arjun', 'Harjit', 'Gurpreet', 'Jaspal', 'Kiran', 'Ranveer'],
  },
  {
    weight: 3,
    language: 'English',
    religion: 'Christian',
    surnames: [['Boateng', 'BAFR'], ['Asante', 'BAFR'], ['Owusu', 'BAFR'], ['Adebayo', 'BAFR'], ['Nwosu', 'BAFR'], ['Eze', 'BAFR'], ['Campbell', 'BCRB'], ['Francis', 'BCRB'], ['Grant', 'BCRB'], ['Reid', 'BCRB']],
    female: ['Amara', 'Chioma', 'Adaeze', 'Abena', 'Efua', 'Blessing', 'Precious', 'Funmi', 'Nia', 'Aaliyah', 'Shantelle', 'Keisha', 'Marcia', 'Tiwa'],
    male: ['Kwame', 'Kofi', 'Chidi', 'Emeka', 'Tunde', 'Femi', 'Samuel', 'Elijah', 'Jermaine', 'Marcus', 'Dwayne', 'Malachi', 'Isaiah', 'Kai'],
  },
  {
    weight: 3,
    language: 'Polish',
    religion: 'Christian',
    surnames: [['Nowak', 'WOTH'], ['Wójcik', 'WOTH'], ['Kowalczyk', 'WOTH'], ['Zając', 'WOTH'], ['Mazur', 'WOTH'], ['Popescu', 'WOTH'], ['Ionescu', 'WOTH'], ['Munteanu', 'WOTH']],
    female: ['Zuzanna', 'Julia', 'Maja', 'Natalia', 'Agnieszka', 'Katarzyna', 'Ioana', 'Andreea', 'Elena', 'Daria'],
    male: ['Jakub', 'Szymon', 'Filip', 'Kacper', 'Mateusz', 'Tomasz', 'Piotr', 'Andrei', 'Mihai', 'Alexandru'],
  },
  {
    weight: 2,
    language: 'Somali',
    religion: 'Muslim',
    surnames: [['Mohamud', 'BAFR'], ['Warsame', 'BAFR'], ['Farah', 'BAFR'], ['Osman', 'BAFR'], ['Abdi', 'BAFR']],
    female: ['Hodan', 'Ayan', 'Fadumo', 'Hibo', 'Sahra', 'Ifrah', 'Nasra'],
    male: ['Liban', 'Abdirahman', 'Hassan', 'Mustafa', 'Guled', 'Bashir', 'Khalid'],
  },
  {
    weight: 2,
    language: 'Cantonese',
    surnames: [['Chen', 'CHNE'], ['Wong', 'CHNE'], ['Cheung', 'CHNE'], ['Nguyen', 'AOTH'], ['Tran', 'AOTH'], ['Pham', 'AOTH']],
    female: ['Mei', 'Xin', 'Hui', 'Linh', 'Mai', 'Thu', 'Anh'],
    male: ['Wei', 'Jun', 'Hao', 'Ming', 'Minh', 'Duc', 'Tuan'],
  },
  {
    weight: 2,
    language: 'Turkish',
    religion: 'Muslim',
    surnames: [['Yilmaz', 'WOTH'], ['Demir', 'WOTH'], ['Kaya', 'WOTH'], ['Çelik', 'WOTH'], ['Aydın', 'WOTH']],
    female: ['Elif', 'Zeynep', 'Ayşe', 'Leyla', 'Merve', 'Defne'],
    male: ['Emre', 'Burak', 'Kerem', 'Cem', 'Baran', 'Efe'],
  },
  {
    weight: 2,
    language: 'Portuguese',
    religion: 'Christian',
    surnames: [['Silva', 'WOTH'], ['Santos', 'WOTH'], ['Ferreira', 'WOTH'], ['Costa', 'WOTH'], ['Pereira', 'WOTH']],
    female: ['Beatriz', 'Inês', 'Mariana', 'Leonor', 'Carolina', 'Matilde'],
    male: ['João', 'Tiago', 'Rafael', 'Diogo', 'Gonçalo', 'Rodrigo'],
  },
];

/** Names children often go by, for known-as names. */
const KNOWN_AS: Record<string, string> = {
  Oliver: 'Ollie', Charlotte: 'Lottie', Thomas: 'Tom', Joshua: 'Josh', Jacob: 'Jake', Amelia: 'Millie', Alexandru: 'Alex', Mateusz: 'Mati',
  Abdirahman: 'Abdi', Katarzyna: 'Kasia', Zuzanna: 'Zuzia', Samuel: 'Sam', Elijah: 'Eli', Isaiah: 'Zay', Rodrigo: 'Rodri', Ibrahim: 'Ibby',
};

/** Children of two heritages: the DfE's mixed codes where one applies. */
function mixedEthnicity(a: string, b: string): string {
  const pair = new Set([a, b]);
  if (pair.size === 1) return a;
  const whites = ['WBRI', 'WIRI', 'WOTH'];
  if ([a, b].every((x) => whites.includes(x))) return a;
  const white = whites.find((x) => pair.has(x));
  if (white && pair.has('BCRB')) return 'MWBC';
  if (white && pair.has('BAFR')) return 'MWBA';
  if (white && ['APKN', 'ABAN', 'AIND', 'AOTH', 'CHNE'].some((x) => pair.has(x))) return 'MWAS';
  return 'MOTH';
}

// ---------------------------------------------------------------------------------------------
// Dates relative to today
// ---------------------------------------------------------------------------------------------

function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}
function parse(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}
/** A date `years` years and `days` days before `today`. */
function before(today: string, years: number, days = 0): string {
  const d = parse(today);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return isoOf(d);
}
function addDays(iso: string, days: number): string {
  const d = parse(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return isoOf(d);
}
const yearsOld = (dob: string, today: string) => {
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
};

// ---------------------------------------------------------------------------------------------
// The families
// ---------------------------------------------------------------------------------------------

/** The families written by hand to show particular things; dates are fixed so the stories hold. */
function storyFamilies(today: string): FamilySpec[] {
  const patelHome = { line1: '27 Linden Road', town: 'Kingsholme', postcode: 'DB4 3LN' };
  const hussainHome = { line1: '14 Cobden Street', town: 'Brackenbury', postcode: 'DB1 2HT' };
  const smithHome = { line1: '8 Rowan Close', town: 'Ashcombe', postcode: 'DB5 1RW' };
  const smithOldHome = { line1: 'Flat 3, 41 Foundry Lane', town: 'Millbrook', postcode: 'DB3 6FL' };
  const khanHome = { line1: '112 Moorside Road', town: 'Eastmoor', postcode: 'DB2 4NR' };
  const brennanHome = { line1: '5 Abbey Mews', town: 'Kingsholme', postcode: 'DB4 1AB' };
  const coleHome = { line1: 'Flat 12, Kestrel House', town: 'Fenwick Green', postcode: 'DB6 2HW' };
  const robinsonHome = { line1: '19 Spinner Street', town: 'Millbrook', postcode: 'DB3 1SS' };
  const asian = { ethnicity: 'AIND', language: 'Gujarati', religion: 'Hindu' };
  const pakistani = { ethnicity: 'APKN', language: 'Urdu', religion: 'Muslim' };
  const british = { ethnicity: 'WBRI', language: 'English' };
  return [
    {
      label: 'Patel',
      address: patelHome,
      members: [
        { key: 'amy', given: 'Amy', family: 'Patel', sex: 'F', dob: '2016-06-01', ...asian, nhs: true, upn: true },
        { key: 'ava', given: 'Ava', family: 'Patel', sex: 'F', dob: '2016-06-01', ...asian, nhs: true, upn: true },
        { key: 'dev', given: 'Dev', family: 'Patel', sex: 'M', dob: '2021-11-19', ...asian, nhs: true },
        { key: 'priya', given: 'Priya', family: 'Patel', sex: 'F', dob: '1989-04-11', ...asian, nhs: true, mobile: true },
        { key: 'rajesh', given: 'Rajesh', family: 'Patel', sex: 'M', dob: '1986-09-30', ...asian, nhs: true },
        { key: 'kamala', given: 'Kamala', family: 'Patel', sex: 'F', dob: '1961-02-02', ...asian, nhs: true, address: { line1: '3 Regent Crescent', town: 'Kingsholme', postcode: 'DB4 2RD' } },
        { key: 'arun', given: 'Arun', family: 'Patel', sex: 'M', dob: '1957-03-03', ...asian, dateOfDeath: '2021-05-05', address: null },
      ],
      relationships: [
        ['priya', 'mother', 'amy'], ['priya', 'mother', 'ava'], ['priya', 'mother', 'dev'],
        ['rajesh', 'father', 'amy'], ['rajesh', 'father', 'ava'], ['rajesh', 'father', 'dev'],
        ['priya', 'partner', 'rajesh'], ['amy', 'sibling', 'ava'], ['amy', 'sibling', 'dev'], ['ava', 'sibling', 'dev'],
        ['kamala', 'mother', 'rajesh'], ['arun', 'father', 'rajesh'], ['kamala', 'partner', 'arun'],
        ['kamala', 'grandparent', 'amy'], ['kamala', 'grandparent', 'ava'], ['kamala', 'grandparent', 'dev'],
        ['arun', 'grandparent', 'amy'], ['arun', 'grandparent', 'ava'],
      ],
    },
    {
      // Cousins sharing a surname and their grandmother's house.
      label: 'Hussain',
      address: hussainHome,
      members: [
        { key: 'zubaida', given: 'Zubaida', family: 'Hussain', sex: 'F', dob: '1963-08-21', ...pakistani, nhs: true },
        { key: 'nasreen', given: 'Nasreen', family: 'Hussain', sex: 'F', dob: '1986-01-09', ...pakistani, nhs: true, mobile: true },
        { key: 'shazia', given: 'Shazia', family: 'Hussain', sex: 'F', dob: '1990-05-27', ...pakistani, nhs: true, mobile: true },
        { key: 'zain', given: 'Zain', family: 'Hussain', sex: 'M', dob: '2013-10-02', ...pakistani, nhs: true, upn: true },
        { key: 'zara', given: 'Zara', family: 'Hussain', sex: 'F', dob: '2016-03-15', ...pakistani, nhs: true, upn: true },
        { key: 'yusuf', given: 'Yusuf', family: 'Hussain', sex: 'M', dob: '2013-12-11', ...pakistani, nhs: true, upn: true },
        { key: 'hamza', given: 'Hamza', family: 'Hussain', sex: 'M', dob: '2019-07-30', ...pakistani, nhs: true, upn: true },
      ],
      relationships: [
        ['zubaida', 'mother', 'nasreen'], ['zubaida', 'mother', 'shazia'], ['nasreen', 'sibling', 'shazia'],
        ['nasreen', 'mother', 'zain'], ['nasreen', 'mother', 'zara'], ['zain', 'sibling', 'zara'],
        ['shazia', 'mother', 'yusuf'], ['shazia', 'mother', 'hamza'], ['yusuf', 'sibling', 'hamza'],
        ['zubaida', 'grandparent', 'zain'], ['zubaida', 'grandparent', 'zara'], ['zubaida', 'grandparent', 'yusuf'], ['zubaida', 'grandparent', 'hamza'],
        ['zain', 'other', 'yusuf'], ['zara', 'other', 'hamza'],
      ],
    },
    {
      // William Smith, and the same boy recorded out of hours as "Bill Smyth" at the family's old flat.
      label: 'Smith',
      address: smithHome,
      members: [
        { key: 'sarah', given: 'Sarah', family: 'Smith', sex: 'F', dob: '1991-12-04', ...british, nhs: true, mobile: true, previousAddress: { address: smithOldHome, from: '2013-04-15', until: '2022-08-31' } },
        { key: 'william', given: 'William', family: 'Smith', sex: 'M', dob: '2015-03-02', ...british, nhs: true, upn: true, previousAddress: { address: smithOldHome, from: '2015-03-02', until: '2022-08-31' } },
        { key: 'lily', given: 'Lily', family: 'Smith', sex: 'F', dob: '2018-09-17', ...british, nhs: true, upn: true },
        { key: 'bill', given: 'Bill', family: 'Smyth', sex: 'M', dob: '2015-02-03', address: smithOldHome },
      ],
      relationships: [['sarah', 'mother', 'william'], ['sarah', 'mother', 'lily'], ['william', 'sibling', 'lily']],
    },
    {
      // Mohammed Khan, and a second record for him spelt Muhammad, made when he changed school.
      label: 'Khan',
      address: khanHome,
      members: [
        { key: 'nadia', given: 'Nadia', family: 'Khan', sex: 'F', dob: '1984-06-18', ...pakistani, nhs: true, mobile: true },
        { key: 'imran', given: 'Imran', family: 'Khan', sex: 'M', dob: '1981-02-25', ...pakistani, nhs: true },
        { key: 'mohammed', given: 'Mohammed', family: 'Khan', sex: 'M', dob: '2012-09-14', ...pakistani, nhs: true, upn: true },
        { key: 'ibrahim', given: 'Ibrahim', family: 'Khan', sex: 'M', dob: '2010-04-06', ...pakistani, nhs: true, upn: true },
        { key: 'muhammad', given: 'Muhammad', family: 'Khan', sex: 'M', dob: '2012-09-14', ...pakistani, sameUpnAs: 'mohammed' },
      ],
      relationships: [
        ['nadia', 'mother', 'mohammed'], ['nadia', 'mother', 'ibrahim'], ['imran', 'father', 'mohammed'], ['imran', 'father', 'ibrahim'],
        ['nadia', 'partner', 'imran'], ['mohammed', 'sibling', 'ibrahim'],
      ],
    },
    {
      // The father is the subject of an allegation: his record is restricted to the LADO team.
      label: 'Brennan',
      address: brennanHome,
      members: [
        { key: 'mark', given: 'Mark', family: 'Brennan', sex: 'M', dob: '1983-07-12', ...british, nhs: true },
        { key: 'claire', given: 'Claire', family: 'Brennan', sex: 'F', dob: '1985-03-29', ...british, nhs: true, mobile: true },
        { key: 'ruby', given: 'Ruby', family: 'Brennan', sex: 'F', dob: '2014-01-20', ...british, nhs: true, upn: true },
      ],
      relationships: [['mark', 'father', 'ruby'], ['claire', 'mother', 'ruby'], ['mark', 'partner', 'claire']],
    },
    {
      // A mother and children who have left a violent partner: their address is not to be disclosed.
      label: 'Cole',
      address: coleHome,
      members: [
        { key: 'kelly', given: 'Kelly', family: 'Cole', sex: 'F', dob: '1994-10-03', ...british, nhs: true, mobile: true, previousAddress: { address: robinsonHome, from: '2016-06-01', until: before(today, 0, 200) } },
        { key: 'jayden', given: 'Jayden', family: 'Cole', sex: 'M', dob: before(today, 9, 41), ...british, nhs: true, upn: true, knownAs: 'JJ', previousNames: [{ given: 'Jayden', family: 'Robinson' }] },
        { key: 'mia', given: 'Mia', family: 'Cole', sex: 'F', dob: before(today, 3, 160), ...british, nhs: true, previousNames: [{ given: 'Mia', family: 'Robinson' }] },
        { key: 'darren', given: 'Darren', family: 'Robinson', sex: 'M', dob: '1990-01-14', ...british, nhs: true, address: robinsonHome },
      ],
      relationships: [['kelly', 'mother', 'jayden'], ['kelly', 'mother', 'mia'], ['darren', 'father', 'jayden'], ['darren', 'father', 'mia'], ['jayden', 'sibling', 'mia']],
      warnings: [
        { key: 'kelly', kind: 'do_not_disclose_address', details: 'Fled domestic abuse. Do not give this address to Darren Robinson or his family.', reviewInDays: 90 },
        { key: 'jayden', kind: 'do_not_disclose_address', details: 'See mother’s record: address must not be shared with father.', reviewInDays: 90 },
        { key: 'mia', kind: 'do_not_disclose_address', details: 'See mother’s record: address must not be shared with father.', reviewInDays: 90 },
        { key: 'darren', kind: 'risk_to_staff', details: 'Threatened a social worker at a home visit. Visit in pairs; meet at the office where possible.', reviewInDays: 180 },
      ],
    },
  ];
}

/** Families put together at random (fixed seed) from the name lists above. */
function generatedFamilies(today: string, count: number): FamilySpec[] {
  const rand = mulberry32(20_240_917);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const totalWeight = HERITAGES.reduce((s, h) => s + h.weight, 0);
  const heritage = (): Heritage => {
    let x = rand() * totalWeight;
    for (const h of HERITAGES) if ((x -= h.weight) < 0) return h;
    return HERITAGES[0]!;
  };
  const usedNames = new Set<string>();
  const usedSurnames = new Set<string>(['Patel', 'Hussain', 'Smith', 'Smyth', 'Khan', 'Brennan', 'Cole', 'Robinson']);
  /** A surname no other family has yet, where the list allows. */
  const surnameFrom = (h: Heritage): [string, string] => {
    const fresh = h.surnames.filter(([s]) => !usedSurnames.has(s));
    const chosen = pick(fresh.length ? fresh : h.surnames);
    usedSurnames.add(chosen[0]);
    return chosen;
  };
  const usedAddresses = new Set<string>();
  const name = (h: Heritage, sex: Sex, family: string): string => {
    for (let i = 0; i < 20; i++) {
      const given = pick(sex === 'F' ? h.female : h.male);
      if (!usedNames.has(`${given} ${family}`)) {
        usedNames.add(`${given} ${family}`);
        return given;
      }
    }
    return `${pick(sex === 'F' ? h.female : h.male)}-${pick(sex === 'F' ? h.female : h.male)}`;
  };
  const address = (): Address => {
    for (;;) {
      const d = pick(DISTRICTS);
      const street = pick(d.streets);
      const house = int(1, 140);
      const line1 = street.endsWith('House') || street.endsWith('Court') ? `Flat ${house % 40 + 1}, ${street}` : `${house} ${street}`;
      const postcode = `${d.outward} ${int(1, 9)}${pick([...INWARD_LETTERS])}${pick([...INWARD_LETTERS])}`;
      if (usedAddresses.has(line1 + d.town)) continue;
      usedAddresses.add(line1 + d.town);
      return { line1, town: d.town, postcode };
    }
  };

  const families: FamilySpec[] = [];
  for (let f = 0; f < count; f++) {
    const h = heritage();
    const [surname, ethnicity] = surnameFrom(h);
    const home = address();
    const members: MemberSpec[] = [];
    const relationships: FamilySpec['relationships'] = [];
    const base = { language: h.language, ...(h.religion ? { religion: h.religion } : {}) };

    // Children first: 1 to 3, the youngest between a month and 12 years old, born one to five years apart.
    const childCount = pick([1, 1, 1, 1, 2, 2, 2, 3]);
    let ageDays = int(30, 12 * 365);
    const mixed = rand() < 0.2;
    const fatherHeritage = mixed ? heritage() : h;
    const [fatherSurname, fatherEthnicity] = mixed ? surnameFrom(fatherHeritage) : [surname, ethnicity];
    const childEthnicity = mixedEthnicity(ethnicity, fatherEthnicity);
    const childSurname = mixed && rand() < 0.5 ? fatherSurname : surname;
    const children: string[] = [];
    let eldestDays = ageDays;
    for (let c = 0; c < childCount; c++) {
      const years = Math.floor(ageDays / 365);
      if (years >= 17) break;
      eldestDays = ageDays;
      const sex: Sex = rand() < 0.5 ? 'F' : 'M';
      const key = `child${c}`;
      const schoolAge = years >= 4;
      members.push({
        key,
        given: name(c % 2 === 0 ? h : fatherHeritage, sex, childSurname),
        family: childSurname,
        sex,
        dob: before(today, 0, ageDays),
        ethnicity: childEthnicity,
        ...base,
        nhs: true,
        upn: schoolAge,
      });
      children.push(key);
      ageDays += int(400, 5 * 365);
    }
    const eldestYears = Math.floor(eldestDays / 365);
    const motherYears = Math.max(eldestYears + int(18, 30), int(21, 44));
    members.push({ key: 'mother', given: name(h, 'F', surname), family: surname, sex: 'F', dob: before(today, motherYears, int(0, 364)), ethnicity, ...base, nhs: rand() < 0.9, mobile: true });
    for (const c of children) relationships.push(['mother', 'mother', c]);
    for (let i = 0; i < children.length; i++) for (let j = i + 1; j < children.length; j++) relationships.push([children[i]!, 'sibling', children[j]!]);

    // A father on record in most families; some live elsewhere.
    if (rand() < 0.65) {
      const away = rand() < 0.3;
      members.push({
        key: 'father',
        given: name(fatherHeritage, 'M', fatherSurname),
        family: fatherSurname,
        sex: 'M',
        dob: before(today, Math.max(motherYears + int(-2, 6), eldestYears + 20), int(0, 364)),
        ethnicity: fatherEthnicity,
        language: fatherHeritage.language,
        ...(fatherHeritage.religion ? { religion: fatherHeritage.religion } : {}),
        nhs: rand() < 0.8,
        ...(away ? { address: address() } : {}),
      });
      for (const c of children) relationships.push(['father', 'father', c]);
      if (!away) relationships.push(['mother', 'partner', 'father']);
    } else if (rand() < 0.45) {
      // A step-father, and sometimes a younger half-sister or half-brother.
      const sh = heritage();
      const [stepSurname, stepEthnicity] = surnameFrom(sh);
      members.push({ key: 'step', given: name(sh, 'M', stepSurname), family: stepSurname, sex: 'M', dob: before(today, motherYears + int(-3, 8), int(0, 364)), ethnicity: stepEthnicity, language: sh.language, nhs: true });
      relationships.push(['mother', 'partner', 'step']);
      for (const c of children) relationships.push(['step', 'step_parent', c]);
      if (rand() < 0.6) {
        const sex: Sex = rand() < 0.5 ? 'F' : 'M';
        members.push({ key: 'half', given: name(sh, sex, stepSurname), family: stepSurname, sex, dob: before(today, 0, int(60, 700)), ethnicity: mixedEthnicity(ethnicity, stepEthnicity), ...base, nhs: true });
        relationships.push(['mother', 'mother', 'half'], ['step', 'father', 'half']);
        for (const c of children) relationships.push([c, 'half_sibling', 'half']);
      }
    }

    // A grandmother who helps with the children; a few share the family's home.
    if (rand() < 0.3) {
      members.push({
        key: 'nan',
        given: name(h, 'F', surname),
        family: surname,
        sex: 'F',
        dob: before(today, motherYears + int(20, 28), int(0, 364)),
        ethnicity,
        ...base,
        nhs: true,
        ...(rand() < 0.7 ? { address: address() } : {}),
      });
      relationships.push(['nan', 'mother', 'mother']);
      for (const c of children) relationships.push(['nan', 'grandparent', c]);
    }

    // Some children changed surname, or go by a shorter name.
    const first = members[0]!;
    if (rand() < 0.15 && first.family !== fatherSurname) first.previousNames = [{ given: first.given, family: fatherSurname }];
    const shortName = KNOWN_AS[first.given];
    if (shortName && rand() < 0.5) first.knownAs = shortName;

    families.push({ label: surname, address: home, members, relationships });
  }
  return families;
}

// ---------------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------------

const GP_PRACTICES = [
  { name: 'Brackenbury Medical Centre', district: 'DB1', phone: '01632 960101' },
  { name: 'Eastmoor Family Practice', district: 'DB2', phone: '01632 960102' },
  { name: 'Millbrook Health Centre', district: 'DB3', phone: '01632 960103' },
  { name: 'Kingsholme Surgery', district: 'DB4', phone: '01632 960104' },
  { name: 'Ashcombe and Fenwick Green Group Practice', district: 'DB5 DB6', phone: '01632 960105' },
];
const PRIMARY_SCHOOLS = [
  { name: 'Brackenbury Primary School', establishment: 2001, phone: '01632 960201', dsl: 'Mrs J. Holloway' },
  { name: 'St Aidan’s Church of England Primary School', establishment: 3002, phone: '01632 960202', dsl: 'Mr T. Okoro' },
  { name: 'Millbrook Community Primary School', establishment: 2003, phone: '01632 960203', dsl: 'Ms R. Begum' },
];
const SECONDARY_SCHOOLS = [
  { name: 'Eastmoor Academy', establishment: 4001, phone: '01632 960301', dsl: 'Mr D. Lowe' },
  { name: 'Kingsholme High School', establishment: 4002, phone: '01632 960302', dsl: 'Mrs S. Nowicka' },
];
const HEALTH_VISITING = { name: 'Demo Borough Health Visiting Service', phone: '01632 960401' };
/** An LA number from the DfE list (CIN census rule 1530), chosen arbitrarily for the fictional borough. */
const DEMO_LA = '380';

// ---------------------------------------------------------------------------------------------
// Writing it all
// ---------------------------------------------------------------------------------------------

export async function seedPeople(c: DemoSeedContext): Promise<void> {
  const started = Date.now();
  const { today, ctx, services } = c;
  const families = [...storyFamilies(today), ...generatedFamilies(today, 34)];

  let nhsSerial = 0;
  const nextNhs = (): string => {
    for (;;) {
      const first9 = `999${String(100_000 + nhsSerial++ * 37).padStart(6, '0')}`;
      const check = nhsCheckDigit(first9);
      if (check !== null) return `${first9}${check}`;
    }
  };
  const upnSerials = new Map<string, number>();
  const schoolFor = (dob: string, n: number) => {
    const age = yearsOld(dob, today);
    return age >= 11 ? SECONDARY_SCHOOLS[n % SECONDARY_SCHOOLS.length]! : PRIMARY_SCHOOLS[n % PRIMARY_SCHOOLS.length]!;
  };
  const nextUpn = (dob: string, school: { establishment: number }): string => {
    // Allocated in the year the child started school.
    const year = (Number(dob.slice(0, 4)) + 4) % 100;
    const k = `${school.establishment}/${year}`;
    const serial = (upnSerials.get(k) ?? 0) + 1;
    upnSerials.set(k, serial);
    return makeUpn(DEMO_LA, school.establishment, year, serial);
  };

  const ids = new Map<string, number>();
  let people = 0;
  await c.db.transaction().execute(async (tx) => {
    const orgIds = await insertOrganisations(tx);
    for (const [fi, family] of families.entries()) {
      const famIds = new Map<string, number>();
      const famUpns = new Map<string, string>();
      const involvements: Array<{ person_id: number; organisation_id: number; role: string; contact_name: string; from_date: string | null; to_date: null }> = [];
      const contacts: Array<{ person_id: number; kind: string; value: string; note: string }> = [];
      const gp = GP_PRACTICES.find((g) => g.district.split(' ').includes(family.address.postcode.split(' ')[0]!)) ?? GP_PRACTICES[0]!;
      for (const m of family.members) {
        const address = m.address === undefined ? family.address : m.address;
        const age = yearsOld(m.dob, today);
        const school = (m.upn || m.sameUpnAs) && age >= 4 && age < 18 ? schoolFor(m.dob, fi) : null;
        const upn = m.sameUpnAs ? famUpns.get(m.sameUpnAs) : school ? nextUpn(m.dob, school) : undefined;
        if (upn) famUpns.set(m.key, upn);
        const input: NewPersonInput = {
          givenNames: m.given,
          familyName: m.family,
          knownAs: m.knownAs,
          dateOfBirth: m.dob,
          sex: m.sex,
          ethnicity: m.ethnicity,
          firstLanguage: m.language,
          religion: m.religion,
          interpreterNeeded: !!m.language && m.language !== 'English' && age >= 50,
          nhsNumber: m.nhs && !m.dateOfDeath ? nextNhs() : undefined,
          upn,
          address: address ? { ...address, fromDate: m.previousAddress ? addDays(m.previousAddress.until, 1) : null } : undefined,
        };
        const id = await services.people.create(ctx, input, tx);
        famIds.set(m.key, id);
        ids.set(`${family.label}:${m.key}`, id);
        people++;

        if (m.previousAddress) {
          const a = m.previousAddress.address;
          await tx.insertInto('person_addresses').values({ person_id: id, line1: a.line1, line2: '', town: a.town, postcode: a.postcode, uprn: null, from_date: m.previousAddress.from, to_date: m.previousAddress.until, household_id: null }).execute();
        }
        if (m.previousNames?.length) {
          await tx
            .insertInto('person_names')
            .values(m.previousNames.map((n) => ({ person_id: id, kind: 'previous', given_names: n.given, family_name: n.family, from_date: null, to_date: null, ...nameKeys(n.given, n.family) })))
            .execute();
          await writeAudit(tx, ctx, { action: 'person.name.add', recordType: 'person', recordId: id, personIds: [id], details: { kind: 'previous' } });
        }
        if (m.dateOfDeath) await tx.updateTable('people').set({ date_of_death: m.dateOfDeath }).where('id', '=', id).execute();
        if (m.mobile) contacts.push({ person_id: id, kind: 'mobile', value: `07700 900${String(100 + ((id * 7) % 900)).padStart(3, '0')}`, note: '' });
        if (address && !m.dateOfDeath) involvements.push({ person_id: id, organisation_id: orgIds.get(gp.name)!, role: 'GP', contact_name: '', from_date: null, to_date: null });
        if (school) involvements.push({ person_id: id, organisation_id: orgIds.get(school.name)!, role: 'School', contact_name: `${school.dsl} (designated safeguarding lead)`, from_date: null, to_date: null });
        if (address && age < 5 && !m.dateOfDeath) involvements.push({ person_id: id, organisation_id: orgIds.get(HEALTH_VISITING.name)!, role: 'Health visitor', contact_name: 'Health visiting duty desk', from_date: m.dob, to_date: null });
      }

      const all = [...famIds.values()];
      // Everyone at the family's address is one household.
      const atHome = family.members.filter((m) => m.address === undefined).map((m) => famIds.get(m.key)!);
      if (atHome.length > 1) await tx.updateTable('person_addresses').set({ household_id: atHome[0]! }).where('person_id', 'in', atHome).where('to_date', 'is', null).execute();

      const rels = family.relationships.map(([a, type, b]) => ({ person_id: famIds.get(a)!, related_person_id: famIds.get(b)!, type, start_date: null, end_date: null }));
      if (rels.length) {
        await tx.insertInto('relationships').values(rels).execute();
        await writeAudit(tx, ctx, { action: 'person.relationship.add', recordType: 'person', recordId: all[0]!, personIds: all, details: { count: rels.length, source: 'demo' } });
      }
      for (const w of family.warnings ?? []) {
        const id = famIds.get(w.key)!;
        await tx.insertInto('person_warnings').values({ person_id: id, kind: w.kind, details: w.details, review_date: addDays(today, w.reviewInDays), created_by: null }).execute();
        await writeAudit(tx, ctx, { action: 'person.warning.add', recordType: 'person', recordId: id, personIds: [id], details: { kind: w.kind } });
      }
      if (contacts.length) await tx.insertInto('person_contacts').values(contacts).execute();
      if (involvements.length) {
        await tx.insertInto('involvements').values(involvements).execute();
        await writeAudit(tx, ctx, { action: 'person.involvement.add', recordType: 'person', recordId: all[0]!, personIds: [...new Set(involvements.map((i) => i.person_id))], details: { count: involvements.length, source: 'demo' } });
      }
    }
  });

  await restrictToLado(c, ids.get('Brennan:mark')!);
  c.log(`People: ${people} in ${families.length} families (${Date.now() - started} ms)`);
}

async function insertOrganisations(tx: Kysely<Database>): Promise<Map<string, number>> {
  const rows = [
    ...GP_PRACTICES.map((g) => ({ name: g.name, kind: 'gp_practice', phone: g.phone, address: '', email: '' })),
    ...[...PRIMARY_SCHOOLS, ...SECONDARY_SCHOOLS].map((s) => ({ name: s.name, kind: 'school', phone: s.phone, address: '', email: '' })),
    { name: HEALTH_VISITING.name, kind: 'health_visiting', phone: HEALTH_VISITING.phone, address: '', email: '' },
  ];
  const inserted = await tx.insertInto('organisations').values(rows).returning(['id', 'name']).execute();
  return new Map(inserted.map((r) => [r.name, r.id]));
}

/** The LADO restricts the record, as they would: to their own team (and, as the service ensures, themselves). */
async function restrictToLado(c: DemoSeedContext, personId: number): Promise<void> {
  const ladoUser = await c.db.selectFrom('users').select('id').where('username', '=', 'lado').executeTakeFirst();
  const ladoTeam = (await c.services.teams.list()).find((t) => t.name === 'Allegations (LADO)');
  const lado = ladoUser ? await c.services.users.currentUser(ladoUser.id) : null;
  const ladoCtx: RequestContext = { ...c.ctx, user: lado };
  await c.services.people.setRestriction(ladoCtx, personId, !ladoTeam && lado ? [lado.id] : [], ladoTeam ? [ladoTeam.id] : []);
}
