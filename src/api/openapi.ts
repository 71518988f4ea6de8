/**
 * The OpenAPI 3.1 description of the partner JSON API, written by hand so that it reads well for the
 * partner's developers. test/integration/api-openapi.test.ts keeps it honest: every path it documents is a
 * real route with the scope it claims, every API route is documented, and its examples are accepted.
 */
import { CONSENT, PARENTS_AWARE, REFERRAL_SOURCES } from '../frontdoor/rules.js';
import { MAX_API_BATCH, POLICE_CATEGORIES, POLICE_RISK } from '../frontdoor/police-rules.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

const person = {
  type: 'object',
  required: ['givenName', 'familyName', 'dateOfBirth'],
  properties: {
    givenName: { type: 'string', maxLength: 100 },
    familyName: { type: 'string', maxLength: 100 },
    dateOfBirth: { type: ['string', 'null'], format: 'date' },
    postcode: { type: 'string', description: 'UK postcode; empty if not known' },
    nhsNumber: { type: 'string', description: '10 digits with a valid check digit; empty if not known' },
    sex: { type: 'string', enum: ['M', 'F', 'U'], default: 'U' },
  },
};

const policePerson = {
  type: 'object',
  description: 'A person as the police recorded them: a given or a family name at least.',
  properties: {
    givenName: { type: 'string', maxLength: 100 },
    familyName: { type: 'string', maxLength: 100 },
    dateOfBirth: { type: ['string', 'null'], format: 'date' },
    postcode: { type: ['string', 'null'] },
    nhsNumber: { type: ['string', 'null'] },
  },
};

export const CONTACT_EXAMPLE = {
  receivedAt: '2026-11-26T09:15:00Z',
  sourceCode: '2A',
  referrer: { anonymous: false, name: 'Jo Teacher', organisation: 'Riverside Primary School', role: 'Designated safeguarding lead', phone: '01632 960000', email: 'dsl@riverside.example', address: '' },
  whatHappened: 'Child arrived with a bruise on the cheek and said dad hit him.',
  worries: 'Second injury this term.',
  actionsTaken: 'Spoke to the child; did not contact the parents.',
  childViews: 'Said he did not want to go home.',
  familyViews: '',
  parentsAware: 'no',
  consent: 'not_sought',
  consentOverrideReason: 'Telling the parents could place the child at risk.',
  children: [{ givenName: 'Alfie', familyName: 'Example', dateOfBirth: '2018-05-04', postcode: 'DB1 1AA', nhsNumber: '', sex: 'M' }],
  adults: [{ givenName: 'Dean', familyName: 'Example', dateOfBirth: null, postcode: 'DB1 1AA', nhsNumber: '', sex: 'M', involvement: 'Father (alleged to have hit the child)' }],
};

export const POLICE_EXAMPLE = [
  {
    policeReference: 'PPN-2026-000123',
    receivedAt: '2026-11-26T06:10:00Z',
    incidentAt: '2026-11-25T22:40:00Z',
    category: 'domestic_abuse',
    domesticAbuse: true,
    risk: 'medium',
    force: 'Example Constabulary',
    officer: 'PC 1234 Example',
    summary: 'Police called by neighbour to a verbal argument; children present in the home.',
    address: '1 Example Street, Exampletown',
    postcode: 'DB1 1AA',
    children: [{ givenName: 'Mia', familyName: 'Example', dateOfBirth: '2019-02-01', postcode: 'DB1 1AA' }],
    adults: [{ givenName: 'Lee', familyName: 'Example', dateOfBirth: '1990-01-01' }],
  },
];

export function openApiDocument(serverUrl = '/') {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Children’s social care: partner API',
      version: '1.0.0',
      description:
        'For partner agencies’ systems: create contacts to the front door (MASH) and import police notifications. ' +
        'Each partner system has its own API key, issued by the council’s administrator with only the scopes it needs; every call is audited under that system’s name.',
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths: {
      '/api/v1/contacts': {
        post: {
          operationId: 'createContact',
          summary: 'Create a contact to the front door',
          description:
            'Each child and adult is matched to the person index; only a single confident match is linked, otherwise a new person record is created ' +
            'and marked as coming from a partner system for the MASH to check. Requires the api.contacts scope.',
          'x-scope': 'api.contacts',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ContactRequest' }, example: CONTACT_EXAMPLE } } },
          responses: {
            201: { description: 'Created', headers: { Location: { schema: { type: 'string' }, description: 'The contact’s page for MASH staff' } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/ContactCreated' } } } },
            400: problem('The body is not JSON'),
            401: problem('No API key, or the key is wrong or revoked'),
            403: problem('The key does not have the api.contacts scope'),
            422: problem('The contact is not valid: `errors` lists each problem with a JSON pointer to the field'),
          },
        },
      },
      '/api/v1/police-notifications': {
        post: {
          operationId: 'importPoliceNotifications',
          summary: 'Import a batch of police notifications',
          description:
            `Up to ${MAX_API_BATCH} notifications per call. All or nothing: if any item is invalid nothing is imported and every problem is listed with its index. ` +
            'Idempotent on policeReference: a reference already imported is reported in alreadyImported and not duplicated, so a batch can safely be sent again. Requires the api.police scope.',
          'x-scope': 'api.police',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'array', maxItems: MAX_API_BATCH, items: { $ref: '#/components/schemas/PoliceNotification' } }, example: POLICE_EXAMPLE } } },
          responses: {
            201: { description: 'Imported (at least one notification was new)', content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportResult' } } } },
            200: { description: 'Every notification had already been imported: nothing was added', content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportResult' } } } },
            400: problem('The body is not a JSON array'),
            401: problem('No API key, or the key is wrong or revoked'),
            403: problem('The key does not have the api.police scope'),
            413: problem(`More than ${MAX_API_BATCH} notifications`),
            422: problem('Nothing was imported: `errors` lists each invalid item by index'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'The partner system’s API key: Authorization: Bearer csc_…' },
      },
      schemas: {
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            errors: { type: 'array', items: { type: 'object', properties: { pointer: { type: 'string' }, index: { type: 'integer' }, detail: { type: 'string' } } } },
          },
        },
        Person: person,
        ContactRequest: {
          type: 'object',
          additionalProperties: false,
          required: ['receivedAt', 'sourceCode', 'referrer', 'whatHappened', 'parentsAware', 'consent', 'children'],
          properties: {
            receivedAt: { type: 'string', format: 'date-time' },
            sourceCode: { type: 'string', enum: Object.keys(REFERRAL_SOURCES), description: 'DfE CIN census ReferralSource code' },
            referrer: {
              type: 'object',
              properties: {
                anonymous: { type: 'boolean', default: false },
                name: { type: 'string', description: 'Required unless anonymous' },
                organisation: { type: 'string' },
                role: { type: 'string' },
                phone: { type: 'string' },
                email: { type: 'string' },
                address: { type: 'string' },
              },
            },
            whatHappened: { type: 'string' },
            worries: { type: 'string' },
            actionsTaken: { type: 'string' },
            childViews: { type: 'string' },
            familyViews: { type: 'string' },
            parentsAware: { type: 'string', enum: Object.keys(PARENTS_AWARE) },
            consent: { type: 'string', enum: Object.keys(CONSENT) },
            consentOverrideReason: { type: 'string', description: 'Required unless consent is given' },
            children: { type: 'array', minItems: 1, maxItems: 20, items: { $ref: '#/components/schemas/Person' } },
            adults: { type: 'array', maxItems: 20, items: { allOf: [{ $ref: '#/components/schemas/Person' }, { type: 'object', properties: { involvement: { type: 'string' } } }] } },
          },
        },
        ContactCreated: {
          type: 'object',
          required: ['contactId', 'people'],
          properties: {
            contactId: { type: 'integer' },
            people: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  role: { type: 'string', enum: ['child', 'adult'] },
                  index: { type: 'integer', description: 'Position in the request’s children or adults' },
                  outcome: { type: 'string', enum: ['matched', 'created'] },
                  personId: { type: 'integer' },
                },
              },
            },
          },
        },
        PoliceNotification: {
          type: 'object',
          required: ['policeReference', 'receivedAt', 'category', 'risk', 'summary', 'children'],
          properties: {
            policeReference: { type: 'string', maxLength: 60, pattern: '^[A-Za-z0-9/_.-]+$', description: 'The force’s reference: the key that makes imports idempotent' },
            receivedAt: { type: 'string', format: 'date-time' },
            incidentAt: { type: ['string', 'null'], format: 'date-time' },
            category: { type: 'string', enum: Object.keys(POLICE_CATEGORIES) },
            domesticAbuse: { type: 'boolean', default: false, description: 'Always true for the domestic_abuse category' },
            risk: { type: 'string', enum: Object.keys(POLICE_RISK), description: 'DASH risk level as assessed by the police' },
            force: { type: 'string' },
            officer: { type: 'string' },
            summary: { type: 'string' },
            address: { type: 'string' },
            postcode: { type: 'string' },
            children: { type: 'array', minItems: 1, maxItems: 20, items: policePerson },
            adults: { type: 'array', maxItems: 20, items: policePerson },
          },
        },
        ImportResult: {
          type: 'object',
          properties: {
            batchId: { type: 'integer' },
            received: { type: 'integer' },
            added: { type: 'integer' },
            alreadyImported: { type: 'array', items: { type: 'string' }, description: 'References imported before: not added again' },
            matchedPeople: { type: 'integer' },
            unmatchedPeople: { type: 'integer' },
          },
        },
      },
    },
  };
}
