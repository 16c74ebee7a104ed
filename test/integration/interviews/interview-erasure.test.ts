import type { ErasureReceipt } from '@assist-ten/core/candidates/candidate.export.schema';
import type { FeedbackItem } from '@assist-ten/core/feedback/feedback.entity';
import type { Feedback } from '@assist-ten/core/feedback/feedback.schema';
import type { Interview } from '@assist-ten/core/interviews/interview.schema';
import { ConflictError, PreconditionFailedError } from '@assist-ten/core/shared/errors';
import type { Principal } from '@assist-ten/core/shared/principal';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';
import { createApplication } from '../../support/fixtures/applications.ts';
import { minutesFromNow } from '../../support/fixtures/interviews.ts';
import { emailsTo } from '../../support/outbox.ts';
import { freshRecipient } from '../../support/recipients.ts';
import { unique } from '../../support/users.ts';
import { calendarPartOf, type ReadCalendar, readCalendar } from '../../unit/notifications/support/calendar-reader.ts';

// Loaded after the stack environment points the SDK at the local cloud.
const { createCandidate } = await import('@assist-ten/core/candidates/candidate.service');
const { eraseCandidate } = await import('@assist-ten/core/candidates/candidate.erasure');
const { scheduleInterview } = await import('@assist-ten/core/interviews/interview.service');
const { completeInterview, startInterview } = await import('@assist-ten/core/interviews/interview-lifecycle.service');
const { ERASURE_CANCEL_REASON, eraseInterviewsOf } = await import('@assist-ten/core/interviews/interview-erasure');
const { ScheduleInterviewBody } = await import('@assist-ten/core/interviews/interview.schema');
const { InterviewSessionEntity } = await import('@assist-ten/core/interviews/interview.entity');
const { InterviewCalendarEntryEntity } = await import('@assist-ten/core/interviews/calendar-entry.entity');
const { calendarUid } = await import('@assist-ten/core/interviews/interview.model');
const { saveFeedback } = await import('@assist-ten/core/feedback/feedback.service');
const { InterviewFeedbackEntity } = await import('@assist-ten/core/feedback/feedback.entity');
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');
const { OutboxEventEntity } = await import('@assist-ten/core/events/outbox.entity');
const { newId } = await import('@assist-ten/core/shared/ids');

/**
 * A candidate's erasure reaching their interviews, against DynamoDB Local and the local
 * relay: one candidate with a completed interview (a submitted feedback and a draft) and one
 * still ahead, and another candidate whose interview erasure must not touch. They are built
 * and the first is erased once; each test reads one consequence.
 */
const seeded = findLocalUser('admin@demo.test');
if (!seeded) throw new Error('seed user missing');
const admin = principalOf(seeded);
const { tenantId } = admin;

const s3 = new S3Client({ forcePathStyle: true });
const store = { bucket: `interview-erasure-it-${Date.now()}`, s3 };

/** In every text staff write about the person: finding it anywhere after erasure is a leak. */
const tag = unique('secret').replace(/[^a-z0-9]/gi, '');
const written = (what: string) => `${what} ${tag}: she mentioned her divorce`;

interface Person {
  userId: string;
  email: string;
}

/** An interviewer as the services see them (users written straight to the table; no sign-in needed). */
const asInterviewer = ({ userId, email }: Person): Principal => ({
  userId,
  tenantId,
  email,
  roles: ['interviewer'],
  requestId: `interview-erasure-it-${userId}`,
});

const aCandidate = async (fullName: string) => {
  const candidate = await createCandidate(admin, { fullName, email: `${unique('erased')}@example.test` });
  const application = await createApplication({ candidateId: candidate.id });
  return {
    email: candidate.email,
    ids: { candidateId: candidate.id, applicationId: application.id, requisitionId: application.requisitionId },
  };
};

type Ids = Awaited<ReturnType<typeof aCandidate>>['ids'];

const book = (ids: Ids, lead: Person, panel: Person[], scheduledAt: string, preparationNotes?: string) =>
  scheduleInterview(
    admin,
    ScheduleInterviewBody.parse({
      ...ids,
      interviewerId: lead.userId,
      additionalInterviewers: panel.map((person) => person.userId),
      interviewType: 'technical',
      interviewMode: 'phone',
      scheduledAt,
      durationMinutes: 60,
      ...(preparationNotes ? { preparationNotes } : {}),
    }),
  );

const stored = async (interviewId: string) =>
  (await InterviewSessionEntity.get({ tenantId, interviewId }).go({ consistent: true })).data;

const feedbackOf = async (interviewId: string): Promise<FeedbackItem[]> =>
  (await InterviewFeedbackEntity.query.byInterview({ tenantId, interviewId }).go({ consistent: true, pages: 'all' }))
    .data;

const trailOf = async (interviewId: string) =>
  (await AuditLogEntity.query.byEntity({ tenantId, entityType: 'interview', entityId: interviewId }).go()).data;

const changeOf = (entry: { changes?: { field: string; after?: unknown }[] | undefined }, field: string) =>
  entry.changes?.find((change) => change.field === field)?.after;

const calendarsTo = async (email: string): Promise<ReadCalendar[]> =>
  (await emailsTo(email)).flatMap((eml) => {
    const part = calendarPartOf(eml);
    return part ? [{ ...readCalendar(part.ics), method: part.method }] : [];
  });

describe("a candidate's erasure, for their interviews and feedback (DynamoDB Local)", () => {
  const since = { eventId: newId('event'), day: new Date().toISOString().slice(0, 10) };
  let target: Awaited<ReturnType<typeof aCandidate>>;
  let other: Awaited<ReturnType<typeof aCandidate>>;
  let lead: Person;
  let panelist: Person;
  let aheadLead: Person;
  let aheadPanelist: Person;
  let completed: Interview;
  let ahead: Interview;
  let othersInterview: Interview;
  let draft: Feedback;
  let receipt: ErasureReceipt;

  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: store.bucket }));
    [target, other] = await Promise.all([aCandidate('Erika Erasable'), aCandidate('Kurt Kept')]);
    const person = () => freshRecipient(tenantId);
    let otherLead: Person;
    [lead, panelist, aheadLead, aheadPanelist, otherLead] = await Promise.all([
      person(),
      person(),
      person(),
      person(),
      person(),
    ]);
    // Ten minutes ahead: open to start, so it can be held and completed now.
    const held = await book(target.ids, lead, [panelist], minutesFromNow(10), written('notes'));
    await startInterview(admin, held.id);
    completed = await completeInterview(admin, held.id);
    await saveFeedback(asInterviewer(lead), {
      interviewId: completed.id,
      submit: true,
      overallRating: 4,
      recommendation: 'hire',
      technicalSkillsRating: 4.5,
      skillRatings: [{ skill: 'Go', rating: 4, notes: written('skill') }],
      strengths: written('strengths'),
      weaknesses: written('weaknesses'),
      detailedNotes: written('details'),
      followUpRequired: true,
      followUpNotes: written('follow-up'),
    });
    draft = await saveFeedback(asInterviewer(panelist), {
      interviewId: completed.id,
      submit: false,
      overallRating: 3,
      skillRatings: [{ skill: 'Go', rating: 3, notes: written('draft skill') }],
      strengths: written('draft strengths'),
      followUpRequired: false,
    });
    ahead = await book(target.ids, aheadLead, [aheadPanelist], minutesFromNow(3 * 24 * 60), written('ahead notes'));
    othersInterview = await book(other.ids, otherLead, [], minutesFromNow(4 * 24 * 60), 'Ask Kurt about Kafka');

    receipt = await eraseCandidate(admin, target.ids.candidateId, { reason: 'Art. 17 request' }, store);
  });

  it('removes what staff wrote about the person, keeping ids, times, ratings and recommendations', async () => {
    // Act
    const [heldNow, aheadNow, feedback] = await Promise.all([
      stored(completed.id),
      stored(ahead.id),
      feedbackOf(completed.id),
    ]);

    // Assert
    expect(receipt.removed).toMatchObject({ interviewsAnonymised: 2, feedbackAnonymised: 2, interviewsCancelled: 1 });
    expect(heldNow).toMatchObject({
      status: 'completed',
      scheduledAt: completed.scheduledAt,
      interviewerId: lead.userId,
    });
    expect(heldNow).not.toHaveProperty('preparationNotes');
    expect(aheadNow).not.toHaveProperty('preparationNotes');
    const submitted = feedback.find((item) => item.interviewerId === lead.userId);
    expect(submitted).toMatchObject({
      status: 'submitted',
      overallRating: 4,
      recommendation: 'hire',
      technicalSkillsRating: 4.5,
      followUpRequired: true,
      skillRatings: [{ skill: 'Go', rating: 4 }],
    });
    const kept = feedback.find((item) => item.interviewerId === panelist.userId);
    expect(kept).toMatchObject({ status: 'draft', overallRating: 3, version: draft.version + 1 });
    for (const item of [submitted, kept]) {
      for (const field of ['strengths', 'weaknesses', 'detailedNotes', 'followUpNotes']) {
        expect(item, field).not.toHaveProperty(field);
      }
      expect(item?.skillRatings?.[0]).not.toHaveProperty('notes');
    }
    expect(JSON.stringify([heldNow, aheadNow, feedback])).not.toContain(tag);
  });

  it('gives an interviewer who read the draft before the erasure a 412, not their text back', async () => {
    // Act
    const error = await saveFeedback(
      asInterviewer(panelist),
      { interviewId: completed.id, submit: false, skillRatings: [], followUpRequired: false, strengths: 'Again' },
      draft.version,
    ).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect((await feedbackOf(completed.id)).find((item) => item.interviewerId === panelist.userId)).not.toHaveProperty(
      'strengths',
    );
  });

  it('refuses any feedback written after the erasure with 409, so no text about the person comes back', async () => {
    // Act
    const error = await saveFeedback(asInterviewer(panelist), {
      interviewId: completed.id,
      submit: false,
      skillRatings: [],
      followUpRequired: false,
      strengths: 'Written after the erasure',
    }).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extensions).toMatchObject({ reason: 'candidate_erased' });
    expect(JSON.stringify(await feedbackOf(completed.id))).not.toContain('Written after the erasure');
  });

  it('calls off the interview still ahead: its interviewers are told and free, the candidate hears nothing', async () => {
    // Act: the lead is booked again at the very time, for someone else
    const rebooked = await book(other.ids, aheadLead, [], ahead.scheduledAt);
    const uid = calendarUid(ahead.id);
    const cancellation = await vi.waitFor(
      async () => {
        const calendar = (await calendarsTo(aheadLead.email)).find(
          (read) => read.uid === uid && read.method === 'CANCEL',
        );
        expect(calendar).toBeDefined();
        return calendar;
      },
      { timeout: 20_000, interval: 250 },
    );

    // Assert
    expect(await stored(ahead.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: ERASURE_CANCEL_REASON,
      sequence: ahead.sequence + 1,
    });
    expect(rebooked).toMatchObject({ status: 'scheduled', scheduledAt: ahead.scheduledAt });
    for (const participant of [aheadLead, aheadPanelist]) {
      const { data } = await InterviewCalendarEntryEntity.query
        .byParticipant({ tenantId, participantId: participant.userId })
        .go({ consistent: true, pages: 'all' });
      expect(data.find((entry) => entry.interviewId === ahead.id)?.status).toBe('cancelled');
    }
    expect(cancellation?.attendees.map((attendee) => attendee.email)).not.toContain(target.email);
    expect((await calendarsTo(target.email)).filter((read) => read.method === 'CANCEL')).toEqual([]);
  });

  it('audits each interview it anonymised by field names and counts, and records no text in events', async () => {
    // Act
    const [heldTrail, aheadTrail] = await Promise.all([trailOf(completed.id), trailOf(ahead.id)]);
    const { data: events } = await OutboxEventEntity.query
      .byDay({ day: since.day })
      .gte({ eventId: since.eventId })
      .go({ pages: 'all' });

    // Assert
    const heldEntry = heldTrail.find((entry) => entry.action === 'interview.anonymised');
    expect(changeOf(heldEntry ?? {}, 'freeTextRemoved')).toEqual(['preparationNotes']);
    expect(changeOf(heldEntry ?? {}, 'feedbackAnonymised')).toBe(2);
    expect(changeOf(heldEntry ?? {}, 'feedbackFreeTextRemoved')).toEqual([
      'detailedNotes',
      'followUpNotes',
      'skillRatings.notes',
      'strengths',
      'weaknesses',
    ]);
    expect(aheadTrail.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['interview.cancelled', 'interview.anonymised']),
    );
    const aheadEntry = aheadTrail.find((entry) => entry.action === 'interview.anonymised');
    expect(changeOf(aheadEntry ?? {}, 'freeTextRemoved')).toEqual(['preparationNotes']);
    const ofTheseInterviews = events.filter((event) =>
      [completed.id, ahead.id].includes((event.payload as { interviewId?: string }).interviewId ?? ''),
    );
    expect(ofTheseInterviews.map((event) => event.type)).toContain('interview.cancelled');
    expect(JSON.stringify([heldTrail, aheadTrail, ofTheseInterviews])).not.toContain(tag);
  });

  it('finds nothing left to do on a second run and writes nothing', async () => {
    // Arrange
    const before = await Promise.all([stored(completed.id), stored(ahead.id), feedbackOf(completed.id)]);
    const trails = (await Promise.all([trailOf(completed.id), trailOf(ahead.id)])).map((trail) => trail.length);

    // Act
    const again = await eraseInterviewsOf(admin, target.ids.candidateId);

    // Assert
    expect(again).toEqual({ interviewsAnonymised: 0, feedbackAnonymised: 0, interviewsCancelled: 0 });
    expect(await Promise.all([stored(completed.id), stored(ahead.id), feedbackOf(completed.id)])).toEqual(before);
    expect((await Promise.all([trailOf(completed.id), trailOf(ahead.id)])).map((trail) => trail.length)).toEqual(
      trails,
    );
  });

  it("leaves another candidate's interviews as they were", async () => {
    // Act
    const kept = await stored(othersInterview.id);

    // Assert
    expect(kept).toMatchObject({
      status: 'scheduled',
      version: othersInterview.version,
      preparationNotes: 'Ask Kurt about Kafka',
    });
  });
});
