import { isOpenStage } from '../applications/application.model.ts';
import { eventWrite } from '../events/record.ts';
import { settingsFor } from '../identity/settings.service.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { Principal } from '../shared/principal.ts';
import { put, transactWrite } from '../shared/transaction.ts';
import { claimedParticipants } from './booking.rules.ts';
import { claimCalendars, withBookingRetries } from './booking.ts';
import { type InterviewItem, InterviewSessionEntity } from './interview.entity.ts';
import { calendarPayloadOf } from './interview.events.ts';
import { endOf } from './interview.model.ts';
import { assertScheduler, INTERVIEWER_ROLES } from './interview.policy.ts';
import { readApplication, requisitionTitleOf, staffAmong, timeZoneOf } from './interview.related.ts';
import { pendingReminder } from './interview.reminders.ts';
import { attendeeChange, canonicalZone, panelProblems, placeProblems, timeProblems } from './interview.rules.ts';
import type { Interview, ScheduleInterview, UpdateInterview } from './interview.schema.ts';
import { interviewAuditView, toInterview } from './interview.view.ts';
import {
  entryWrites,
  type InterviewChanges,
  loadInterview,
  type RemovableField,
  writeInterview,
} from './interview.writes.ts';

const assertValid = (errors: FieldError[]): void => {
  if (errors.length) throw new ValidationError('The interview is not valid as asked.', { errors });
};

/**
 * Interviewers must be active users of the tenant who may interview; `fields` names where
 * each id came from in the request (`interviewerId`, `additionalInterviewers.2`).
 */
const assertInterviewers = async (tenantId: string, fields: ReadonlyMap<string, string>): Promise<void> => {
  const staff = await staffAmong(tenantId, [...fields.keys()]);
  const errors = [...fields]
    .filter(([userId]) => {
      const user = staff.get(userId);
      return user?.status !== 'active' || !user.roles.some((role) => INTERVIEWER_ROLES.includes(role));
    })
    .map(([, field]) => ({
      field,
      code: 'not_an_interviewer',
      message: 'Not an active interviewer, recruiter or admin of this tenant',
    }));
  assertValid(errors);
};

const fieldsOfPeople = (interviewerId: string, panel: readonly string[], only?: ReadonlySet<string>) =>
  new Map(
    [
      [interviewerId, 'interviewerId'] as const,
      ...panel.map((userId, at) => [userId, `additionalInterviewers.${at}`] as const),
    ].filter(([userId]) => !only || only.has(userId)),
  );

/** The application the interview is for: the tenant's, matching the body, and still being decided. */
const assertBookable = async (tenantId: string, input: ScheduleInterview): Promise<void> => {
  const application = await readApplication(tenantId, input.applicationId);
  if (!application) throw new NotFoundError(`Application ${input.applicationId} was not found.`);
  const mismatches: FieldError[] = [
    ...(application.candidateId === input.candidateId
      ? []
      : [{ field: 'candidateId', code: 'mismatch', message: 'Not the candidate of this application' }]),
    ...(application.requisitionId === input.requisitionId
      ? []
      : [{ field: 'requisitionId', code: 'mismatch', message: 'Not the requisition of this application' }]),
  ];
  if (mismatches.length) {
    throw new ValidationError('The candidate and requisition must be those of the application.', {
      errors: mismatches,
    });
  }
  if (!isOpenStage(application.stage)) {
    throw new ConflictError(`The application is ${application.stage}: it has no more interviews.`, {
      extensions: { currentStage: application.stage },
    });
  }
};

/**
 * Books an interview: every participant's time is checked free and claimed in the same
 * transaction that writes the interview, its calendar entries, the audit entry and the
 * 'interview.scheduled' event (see booking.ts for why two bookings cannot both win).
 */
export const scheduleInterview = async (actor: Principal, input: ScheduleInterview): Promise<Interview> => {
  assertScheduler(actor);
  const now = isoNow();
  const panel = input.additionalInterviewers ?? [];
  assertValid([
    ...timeProblems(input.scheduledAt, now),
    ...placeProblems(input),
    ...panelProblems({ interviewerId: input.interviewerId, additionalInterviewers: panel }),
  ]);
  const { tenantId } = actor;
  await assertBookable(tenantId, input);
  const [title, settings, organizerZone] = await Promise.all([
    requisitionTitleOf(tenantId, input.requisitionId),
    settingsFor(tenantId),
    input.timeZone ? undefined : timeZoneOf(tenantId, actor.userId),
    assertInterviewers(tenantId, fieldsOfPeople(input.interviewerId, panel)),
  ]);
  if (title === undefined) throw new NotFoundError(`Requisition ${input.requisitionId} was not found.`);
  const durationMinutes = input.durationMinutes ?? settings.interviewDefaults.durationMinutes;
  const timeZone = input.timeZone ?? canonicalZone(organizerZone ?? 'UTC') ?? 'UTC';
  const reminder = pendingReminder(input.scheduledAt, settings.interviewDefaults.reminderLeadMinutes, now);
  const interviewId = newId('interview');
  const create = InterviewSessionEntity.create({
    tenantId,
    interviewId,
    candidateId: input.candidateId,
    applicationId: input.applicationId,
    requisitionId: input.requisitionId,
    requisitionTitle: title,
    interviewType: input.interviewType,
    interviewMode: input.interviewMode,
    status: 'scheduled',
    scheduledAt: input.scheduledAt,
    durationMinutes,
    endsAt: endOf(input.scheduledAt, durationMinutes),
    timeZone,
    candidateTimeZone: input.candidateTimeZone ?? timeZone,
    interviewerId: input.interviewerId,
    additionalInterviewers: panel,
    ...(input.meetingLink === undefined ? {} : { meetingLink: input.meetingLink }),
    ...(input.location === undefined ? {} : { location: input.location }),
    ...(input.preparationNotes === undefined ? {} : { preparationNotes: input.preparationNotes }),
    ...(input.questionGuide === undefined ? {} : { questionGuide: input.questionGuide }),
    round: input.round ?? 1,
    sequence: 0,
    // No reminder due (its moment passed): out of the sparse index, with neither composite.
    ...(reminder ?? {}),
    createdBy: actor.userId,
    updatedBy: actor.userId,
  });
  // The item as written, defaults and timestamps included: no read after the write.
  const params = create.params<{ Item: InterviewItem }>();
  const item = params.Item;
  await withBookingRetries(async () => {
    const locks = await claimCalendars(tenantId, interviewId, claimedParticipants(undefined, item), item);
    await transactWrite([
      put(params, () => new ConflictError(`Interview ${interviewId} already exists.`)),
      ...entryWrites(undefined, item),
      ...locks,
      auditWrite(actor, {
        action: 'interview.scheduled',
        entityType: 'interview',
        entityId: interviewId,
        after: interviewAuditView(item),
      }),
      eventWrite(actor, 'interview.scheduled', calendarPayloadOf(item)),
    ]);
  });
  return toInterview(item, actor, now);
};

export const getInterview = async (actor: Principal, id: string): Promise<Interview> =>
  toInterview(await loadInterview(actor, id), actor, isoNow());

const NULLABLE: readonly RemovableField[] = ['meetingLink', 'location', 'preparationNotes', 'questionGuide'];

/** The body as set and remove lists: `null` clears an optional field. */
const splitChanges = (changes: UpdateInterview): { set: InterviewChanges; remove: RemovableField[] } => {
  const set: InterviewChanges = {};
  const remove: RemovableField[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (value === null && NULLABLE.includes(field as RemovableField)) remove.push(field as RemovableField);
    else if (value !== undefined) Object.assign(set, { [field]: value });
  }
  return { set, remove };
};

/**
 * Changes a scheduled interview. Whoever's time the change claims (everyone, when it moves or
 * changes length; people new to it otherwise) must be free; attendees hear of changes they
 * see (time, zones, place, mode, people) through 'interview.updated' and a higher sequence.
 */
export const updateInterview = async (
  actor: Principal,
  id: string,
  changes: UpdateInterview,
  expectedVersion?: number,
): Promise<Interview> => {
  assertScheduler(actor);
  return writeInterview(actor, id, expectedVersion, async (current, now) => {
    if (current.status !== 'scheduled') {
      throw new ConflictError(`An interview that is ${current.status} cannot be changed; only a scheduled one can.`, {
        extensions: { currentStatus: current.status },
      });
    }
    const { set, remove } = splitChanges(changes);
    const merged = { ...current, ...set };
    for (const field of remove) delete merged[field];
    const next: InterviewItem = { ...merged, endsAt: endOf(merged.scheduledAt, merged.durationMinutes) };
    const moved = next.scheduledAt !== current.scheduledAt;
    assertValid([
      ...(moved ? timeProblems(next.scheduledAt, now) : []),
      ...placeProblems(next),
      ...panelProblems(next),
    ]);
    const seated = new Set([current.interviewerId, ...current.additionalInterviewers]);
    const newcomers = new Set(
      [next.interviewerId, ...next.additionalInterviewers].filter((userId) => !seated.has(userId)),
    );
    if (newcomers.size) {
      await assertInterviewers(
        actor.tenantId,
        fieldsOfPeople(next.interviewerId, next.additionalInterviewers, newcomers),
      );
    }
    const change = attendeeChange(current, next);
    const sequence = change.visible ? current.sequence + 1 : current.sequence;
    const lead = moved ? (await settingsFor(actor.tenantId)).interviewDefaults.reminderLeadMinutes : undefined;
    return {
      set: { ...set, endsAt: next.endsAt, sequence },
      remove,
      ...(lead === undefined ? {} : { reminder: pendingReminder(next.scheduledAt, lead, now) ?? null }),
      claims: claimedParticipants(current, next),
      action: 'interview.updated',
      events: (written) =>
        change.visible
          ? [
              eventWrite(actor, 'interview.updated', {
                ...calendarPayloadOf(written),
                rescheduled: change.rescheduled,
                removedInterviewerIds: change.removedInterviewerIds,
              }),
            ]
          : [],
    };
  });
};
