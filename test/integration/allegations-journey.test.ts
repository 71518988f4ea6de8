import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp, versionOf, dateFields } from '../support/harness.js';
import { defaultCalendar, todayInLondon } from '../../src/time/index.js';


const idFrom = (location: string | undefined) => Number(/\/allegations\/(\d+)/.exec(location ?? '')?.[1]);

for (const target of TARGETS) {
  describe(`allegations journey on ${target}`, () => {
    let t: TestApp;
    let lado: TestClient;
    let childId: number;
    let childName: string;
    const today = todayInLondon();
    // A referral received on the last working day before today, considered today: in time when today is the next working day.
    const calendar = defaultCalendar();

    before(async () => {
      t = await startTestApp(target);
      lado = new TestClient(t.app);
      assert.equal((await lado.signIn('lado')).status, 302);
      const child = await t.handle.db
        .selectFrom('people')
        .innerJoin('person_names', 'person_names.person_id', 'people.id')
        .select(['people.id', 'given_names', 'family_name'])
        .where('people.date_of_birth', '>', '2012-01-01')
        .where('people.restricted', '=', false)
        .where('person_names.kind', '=', 'current')
        .orderBy('people.id')
        .executeTakeFirstOrThrow();
      childId = child.id;
      childName = `${child.given_names} ${child.family_name}`;
    });
    after(async () => t?.close());

    let caseId: number;

    test('new referral is search-first: find the child, then record the referral about a teacher', async () => {
      // Without a child chosen from the person index, the referral form is not offered.
      const start = await lado.get('/allegations/new');
      assert.equal(start.status, 200);
      assert.doesNotMatch(start.body, /Record referral/);
      const search = await lado.get(`/allegations/new?q=${encodeURIComponent(childName)}`);
      assert.equal(search.status, 200);
      assert.ok(search.body.includes(`/allegations/new?children=${childId}"`), 'the child found in the person index can be added');
      const form = await lado.get(`/allegations/new?children=${childId}`);
      assert.match(text(form.body), /Record referral/);
      assert.match(text(form.body), new RegExp(childName));

      const base = {
        childIds: String(childId), ...dateFields('receivedDate', today), receivedTime: '00:01',
        referrerName: 'Jo Head', referrerOrganisation: 'Riverside Primary School', referrerSector: 'education',
        employerName: 'Riverside Primary School', employerSector: 'education', dslName: 'Jo Head', dslContact: '01632 960123',
        subjectGivenNames: 'Alan', subjectFamilyName: 'Teacherson', ...dateFields('subjectDateOfBirth', '1980-05-05'), subjectRole: 'Class teacher', subjectEngagement: 'paid',
        'otherEmployer-1': 'Demo Town Juniors FC', 'otherRole-1': 'Football coach', 'otherSector-1': 'sport', 'otherEngagement-1': 'volunteer',
        alleged: 'Pushed a pupil against a wall in the corridor.', category: 'physical', policeInvolved: 'yes',
      };
      // Missing category: refused, everything typed kept.
      const bad = await lado.post('/allegations/new', { ...base, category: '' });
      assert.equal(bad.status, 400);
      assert.match(text(bad.body), /Select the category of the allegation/);
      assert.match(bad.body, /Pushed a pupil against a wall in the corridor\./);
      assert.match(bad.body, /value="Teacherson"/);

      const ok = await lado.post('/allegations/new', base);
      assert.equal(ok.status, 302, text(ok.body).slice(0, 2000));
      caseId = idFrom(ok.location);
      assert.ok(caseId > 0);
      const page = await lado.get(`/allegations/${caseId}`);
      assert.equal(page.status, 200);
      const body = text(page.body);
      assert.match(body, /Alan Teacherson/);
      assert.match(body, /Demo Town Juniors FC/);
      assert.match(body, /Awaiting initial consideration/);
      assert.match(body, /within 1 month \(target 80%\)/);
    });

    test('the referral can be corrected: versioned and audited', async () => {
      const form = await lado.get(`/allegations/${caseId}/referral`);
      assert.equal(form.status, 200);
      const version = versionOf(form.body);
      const fields = { alleged: 'Pushed a pupil against a wall in the corridor at lunchtime.', category: 'physical', policeInvolved: 'yes', subjectRole: 'Class teacher (Year 4)', dslName: 'Jo Head', dslContact: '' };
      const bad = await lado.post(`/allegations/${caseId}/referral`, { ...fields, alleged: '', version });
      assert.equal(bad.status, 400);
      assert.match(bad.body, /Class teacher \(Year 4\)/);
      assert.equal((await lado.post(`/allegations/${caseId}/referral`, { ...fields, version })).status, 302);
      const stale = await lado.post(`/allegations/${caseId}/referral`, { ...fields, version });
      assert.equal(stale.status, 409);
      assert.match(text((await lado.get(`/allegations/${caseId}`)).body), /at lunchtime/);
    });

    test('initial consideration in time, rationale required', async () => {
      const form = await lado.get(`/allegations/${caseId}/consideration`);
      const version = versionOf(form.body);
      const bad = await lado.post(`/allegations/${caseId}/consideration`, { decision: 'threshold_harm', rationale: '', ...dateFields('considerationDate', today), version });
      assert.equal(bad.status, 400);
      assert.match(text(bad.body), /Enter the rationale for the decision/);
      const ok = await lado.post(`/allegations/${caseId}/consideration`, { decision: 'threshold_harm', rationale: 'A pupil was hurt; the harm test is met.', ...dateFields('considerationDate', today), version });
      assert.equal(ok.status, 302);
      const page = text((await lado.get(`/allegations/${caseId}`)).body);
      assert.match(page, /Done in time/);
      // A stale version is refused.
      const stale = await lado.post(`/allegations/${caseId}/consideration`, { decision: 'threshold_harm', rationale: 'x', ...dateFields('considerationDate', today), version });
      assert.equal(stale.status, 409);
    });

    const meetingForm = (extra: Record<string, string> = {}) => ({
      ...dateFields('meetingDate', today), chair: 'Lee Adeyemi',
      'attendance-employer': 'attended', 'attendee-employer': 'Jo Head (headteacher)',
      'attendance-police': 'attended', 'attendee-police': 'DC Pat Ollerton',
      'attendance-hr': 'apologies',
      keyIssues: 'Account of the pupil and two witnesses; CCTV in the corridor.',
      'decision-1': 'Police to lead a criminal investigation first.', 'rationale-1': 'A possible assault: the police investigation comes first.',
      'decision-2': 'The teacher stays off timetable while police investigate.', 'rationale-2': 'Protects pupils and the teacher while evidence is gathered.',
      'action-1': 'Secure CCTV footage', 'owner-1': 'Jo Head', ...dateFields('due-1', calendar.addWorkingDays(today, 2)),
      'action-feedback': 'Employer feedback to the designated officer', 'owner-feedback': 'Jo Head', 'due-feedback-day': '', 'due-feedback-month': '', 'due-feedback-year': '',
      supportAnswer: 'provided', supportProvider: 'Union representative and the school’s employee assistance programme',
      childSupport: 'School counsellor', employmentStatus: 'leave', ...dateFields('employmentFrom', today),
      ...extra,
    });

    test('a decision without rationale, or a meeting without the support answer, is refused and nothing typed is lost', async () => {
      await lado.get(`/allegations/${caseId}/meetings/new`);
      const noRationale = await lado.post(`/allegations/${caseId}/meetings/new`, meetingForm({ 'rationale-2': '' }));
      assert.equal(noRationale.status, 400);
      assert.match(text(noRationale.body), /Enter the rationale for decision 2: a decision cannot be saved without one/);
      assert.match(noRationale.body, /The teacher stays off timetable while police investigate\./);
      assert.match(noRationale.body, /Account of the pupil and two witnesses/);
      assert.match(noRationale.body, /href="#rationale-2"/);

      const noSupport = await lado.post(`/allegations/${caseId}/meetings/new`, meetingForm({ supportAnswer: '' }));
      assert.equal(noSupport.status, 400);
      assert.match(text(noSupport.body), /Answer whether support has been identified for the person the allegation is about/);
      assert.match(noSupport.body, /Union representative and the school/);
      const rows = await t.handle.db.selectFrom('allegation_meetings').select('id').where('case_id', '=', caseId).execute();
      assert.equal(rows.length, 0);
    });

    test('initial meeting with police and employer, key issues, two decisions, actions incl. employer feedback with a default due date, support', async () => {
      const ok = await lado.post(`/allegations/${caseId}/meetings/new`, meetingForm());
      assert.equal(ok.status, 302, text(ok.body).slice(0, 3000));
      const page = text((await lado.get(`/allegations/${caseId}`)).body);
      assert.match(page, /Initial allegation management meeting/);
      assert.match(page, /Police \(DC Pat Ollerton\)/);
      assert.match(page, /Employer \(Jo Head \(headteacher\)\)/);
      assert.match(page, /Apologies Human resources/);
      assert.match(page, /A possible assault: the police investigation comes first\./);
      assert.match(page, /Protects pupils and the teacher/);
      assert.match(page, /Union representative/);
      const actions = await t.handle.db.selectFrom('allegation_actions').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
      assert.equal(actions.length, 2);
      const feedback = actions.find((a) => a.employer_feedback)!;
      assert.equal(feedback.due_date, calendar.addWorkingDays(today, 10), 'feedback due by default 10 working days after the meeting');
    });

    test('review meeting, then outcome unsubstantiated, then closure', async () => {
      const review = await lado.get(`/allegations/${caseId}/meetings/new`);
      assert.match(text(review.body), /Review meeting/);
      const ok = await lado.post(`/allegations/${caseId}/meetings/new`, meetingForm({ keyIssues: 'Police have taken no further action.', 'decision-2': '', 'rationale-2': '', supportAnswer: 'none_needed', supportProvider: '', supportNoneReason: 'Returned to work and declined further support.', employmentStatus: 'none' }));
      assert.equal(ok.status, 302, text(ok.body).slice(0, 3000));

      // Closing with open actions is refused.
      const c1 = await lado.get(`/allegations/${caseId}/close`);
      const early = await lado.post(`/allegations/${caseId}/close`, { ...dateFields('closedDate', today), version: versionOf(c1.body) });
      assert.equal(early.status, 400);

      const outcomePage = await lado.get(`/allegations/${caseId}/outcome`);
      const outcomeBad = await lado.post(`/allegations/${caseId}/outcome`, { outcome: 'unsubstantiated', ...dateFields('outcomeDate', today), regulatorReferral: 'none', retainedOnFile: '', referenceSummary: '', version: versionOf(outcomePage.body) });
      assert.equal(outcomeBad.status, 400);
      assert.match(text(outcomeBad.body), /Enter what is retained on the person’s file|Enter what is retained on the person's file/);
      const outcome = await lado.post(`/allegations/${caseId}/outcome`, {
        outcome: 'unsubstantiated', ...dateFields('outcomeDate', today), regulatorReferral: 'none', lessonsLearned: 'Corridor supervision at lunchtime.',
        retainedOnFile: 'Outcome letter.', referenceSummary: 'An allegation was made and found unsubstantiated.', version: versionOf(outcomePage.body),
      });
      assert.equal(outcome.status, 302, text(outcome.body).slice(0, 2000));

      const page = await lado.get(`/allegations/${caseId}`);
      const actionIds = [...page.body.matchAll(/\/actions\/(\d+)\/complete/g)].map((m) => m[1]!);
      assert.equal(actionIds.length, 4);
      for (const a of actionIds) assert.equal((await lado.post(`/allegations/${caseId}/actions/${a}/complete`, {})).status, 302);

      const closeForm = await lado.get(`/allegations/${caseId}/close`);
      const closed = await lado.post(`/allegations/${caseId}/close`, { ...dateFields('closedDate', today), closureNote: 'Done', version: versionOf(closeForm.body) });
      assert.equal(closed.status, 302, text(closed.body).slice(0, 2000));
      const final = text((await lado.get(`/allegations/${caseId}`)).body);
      assert.match(final, /Closed/);
      assert.match(final, /Unsubstantiated/);
      assert.match(final, /Met/);
    });

    test('every write and every view is audited', async () => {
      const events = await t.handle.db.selectFrom('audit_events').select(['action']).where('record_type', '=', 'allegation').where('record_id', '=', String(caseId)).execute();
      const actions = new Set(events.map((e) => e.action));
      for (const a of ['allegation.create', 'allegation.update_referral', 'allegation.consideration', 'allegation.meeting', 'allegation.action_complete', 'allegation.outcome', 'allegation.close', 'allegation.view']) assert.ok(actions.has(a), a);
    });

    test('work tray and annual report with CSV export (audited)', async () => {
      const tray = text((await lado.get('/allegations')).body);
      assert.match(tray, /New referrals awaiting initial consideration/);
      assert.match(tray, /Overdue actions/);
      assert.match(tray, /Open beyond 3 months/);
      const report = await lado.get('/allegations/report');
      assert.equal(report.status, 200);
      assert.match(text(report.body), /Referrals by employer type/);
      assert.match(text(report.body), /referred this year had been referred more than once/);
      const csv = await lado.get('/allegations/report/csv');
      assert.equal(csv.status, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.match(csv.body, /^section,item,count_or_percent,target_percent/);
      const exported = await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'allegation.report_export').execute();
      assert.equal(exported.length, 1);
    });
  });
}
