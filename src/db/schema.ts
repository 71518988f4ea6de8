import type { AccessTables } from '../access/tables.js';
import type { AuditTables } from '../audit/tables.js';
import type { TimeTables } from '../time/tables.js';
import type { PeopleTables } from '../people/tables.js';
import type { AllegationTables } from '../allegations/tables.js';
import type { FrontDoorTables } from '../frontdoor/tables.js';
import type { PartnerRequestTables } from '../frontdoor/partner-tables.js';
import type { ScreeningTables } from '../frontdoor/screening-tables.js';
import type { CaseworkTables } from '../casework/tables.js';
import type { AssessmentTables } from '../assessments/tables.js';
import type { ApiClientTables } from '../access/api-clients-tables.js';
import type { PoliceTables } from '../frontdoor/police-tables.js';
import type { PracticeTables } from '../practice/tables.js';
import type { ProtectionTables } from '../protection/tables.js';
import type { CaseNoteTables } from '../casework/notes-tables.js';

/** Every table in the database, typed: each domain declares its own tables beside its migrations. */
export interface Database extends AccessTables, AuditTables, TimeTables, PeopleTables, AllegationTables, FrontDoorTables, PartnerRequestTables, ScreeningTables, CaseworkTables, AssessmentTables, ApiClientTables, PoliceTables, PracticeTables, ProtectionTables, CaseNoteTables {}
