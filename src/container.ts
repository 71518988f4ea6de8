import type { AppConfig } from './config.js';
import type { DatabaseHandle } from './db/connect.js';
import { UsersService } from './access/users-service.js';
import { SignInService } from './access/sign-in-service.js';
import { TeamsService } from './access/teams-service.js';
import { SessionStore } from './access/session-store.js';
import { AuditSearchService } from './audit/audit-search.js';
import { AuditLog } from './audit/audit-log.js';
import { SettingsService } from './council/settings-service.js';
import { CalendarService } from './time/calendar-service.js';
import { PeopleService } from './people/people-service.js';
import { PersonSearchService } from './people/search-service.js';
import { MergeService } from './people/merge-service.js';
import { DuplicatesService } from './people/duplicates-service.js';
import { WeightsService } from './people/weights-service.js';
import { AllegationsService } from './allegations/allegations-service.js';
import { ContactsService } from './frontdoor/contacts-service.js';
import { ContactDraftsService } from './frontdoor/contact-drafts-service.js';
import { FrontDoorSettingsService } from './frontdoor/frontdoor-settings.js';
import { TraysService } from './frontdoor/trays-service.js';
import { PartnerRequestsService } from './frontdoor/partner-requests-service.js';
import { ScreeningService } from './frontdoor/screening-service.js';
import { HandoverService } from './frontdoor/handover-service.js';
import { EarlyHelpService } from './earlyhelp/earlyhelp-service.js';
import { AssessmentsService } from './assessments/assessments-service.js';
import { AssessmentSettingsService } from './assessments/assessment-settings.js';
import { ApiClientsService } from './access/api-clients-service.js';
import { PoliceNotificationsService } from './frontdoor/police-service.js';
import { PartnerContactsService } from './api/partner-contacts-service.js';
import { PracticeService } from './practice/practice-service.js';
import { ProtectionService } from './protection/protection-service.js';
import { CaseworkService } from './casework/casework-service.js';

/**
 * One typed container wires every service. Routes receive services, never the database:
 * each service writes its audit events in the same transaction as its writes.
 */
export interface Services {
  config: AppConfig;
  databaseKind: DatabaseHandle['kind'];
  /** Database health for GET /health; the only raw query a route can cause. */
  ping(): Promise<boolean>;
  users: UsersService;
  signIn: SignInService;
  teams: TeamsService;
  sessions: SessionStore;
  audit: AuditLog;
  auditSearch: AuditSearchService;
  settings: SettingsService;
  calendar: CalendarService;
  people: PeopleService;
  personSearch: PersonSearchService;
  merges: MergeService;
  /** The duplicate finder: background scan over the whole index, and the review queue of pairs. */
  duplicates: DuplicatesService;
  /** Matching weights estimated from this council's records. */
  matchWeights: WeightsService;
  /** Allegations against people who work with children (designated officer / LADO), restricted to that team. */
  allegations: AllegationsService;
  /** Front door / MASH: contacts, screening, each child's decision, feedback to the referrer. */
  contacts: ContactsService;
  /** Contact forms saved as they are typed. */
  contactDrafts: ContactDraftsService;
  /** The council's RAG response times. */
  frontDoorSettings: FrontDoorSettingsService;
  /** The MASH work trays. */
  trays: TraysService;
  /** Information requests to partner agencies: sent by the MASH, answered by partners who see only their agency's. */
  partnerRequests: PartnerRequestsService;
  /** Child exploitation and domestic abuse screening tools, and the latest level per person. */
  screening: ScreeningService;
  /** Out-of-hours (EDT) work handed to the MASH: the morning queue until acknowledged. */
  handover: HandoverService;
  /** Early help episodes: step-down from the front door, lead professional, closure and step-up. */
  earlyHelp: EarlyHelpService;
  /** Single child and family assessments (guidance, task list, authorisation) and child in need plans. */
  assessments: AssessmentsService;
  /** The council's assessment timescales, guidance time and CIN plan review interval. */
  assessmentSettings: AssessmentSettingsService;
  /** Partner systems calling the JSON API with a bearer key, each acting as a service account. */
  apiClients: ApiClientsService;
  /** Police notifications: bulk import, the daily screening meeting, Operation Encompass notices. */
  police: PoliceNotificationsService;
  /** Contacts sent by partner systems through the JSON API (people matched or created). */
  partnerContacts: PartnerContactsService;
  /** Signs of Safety: mappings, danger statements and safety goals, bottom lines, scaling, the child's voice, mapping meetings. */
  practice: PracticeService;
  /** Child protection: strategy discussions, s47 enquiries, conferences, plans, core groups and visits. */
  protection: ProtectionService;
  /** The child's case record: CIN episodes, allocation, case notes, management oversight, chronology, work trays. */
  casework: CaseworkService;
}

export function createServices(config: AppConfig, handle: DatabaseHandle): Services {
  const { db } = handle;
  // One search service, so weights cached by it are forgotten when new ones are estimated.
  const personSearch = new PersonSearchService(db);
  const users = new UsersService(db);
  const people = new PeopleService(db);
  const contacts = new ContactsService(db);
  const practice = new PracticeService(db, people);
  const assessmentSettings = new AssessmentSettingsService(db);
  const calendar = new CalendarService(db);
  return {
    config,
    databaseKind: handle.kind,
    ping: async () => {
      try {
        await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
        return true;
      } catch {
        return false;
      }
    },
    users,
    signIn: new SignInService(db, users),
    teams: new TeamsService(db),
    sessions: new SessionStore(db, config.sessionIdleMinutes),
    audit: new AuditLog(db),
    auditSearch: new AuditSearchService(db),
    settings: new SettingsService(db),
    calendar,
    people,
    personSearch,
    merges: new MergeService(db),
    duplicates: new DuplicatesService(db, personSearch),
    matchWeights: new WeightsService(db, personSearch),
    allegations: new AllegationsService(db),
    contacts,
    contactDrafts: new ContactDraftsService(db, contacts),
    frontDoorSettings: new FrontDoorSettingsService(db),
    trays: new TraysService(db),
    partnerRequests: new PartnerRequestsService(db),
    screening: new ScreeningService(db, people),
    handover: new HandoverService(db),
    earlyHelp: new EarlyHelpService(db, contacts),
    assessments: new AssessmentsService(db, people, assessmentSettings, practice),
    assessmentSettings,
    apiClients: new ApiClientsService(db),
    police: new PoliceNotificationsService(db, personSearch, contacts, handle.kind),
    partnerContacts: new PartnerContactsService(db, personSearch, people, contacts),
    practice,
    protection: new ProtectionService(db, people, practice),
    casework: new CaseworkService(db, people, calendar),
  };
}
