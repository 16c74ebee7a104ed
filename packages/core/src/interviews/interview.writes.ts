import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { put, remove, type TransactionWrite } from '../shared/transaction.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { type Participant, participantsOf } from './booking.rules.ts';
import { claimCalendars, withBookingRetries } from './booking.ts';
import { InterviewCalendarEntryEntity } from './calendar-entry.entity.ts';
import { type InterviewItem, InterviewSessionEntity } from './interview.entity.ts';
import { canSeeInterview } from './interview.policy.ts';
import { type PendingReminder, reminderChange } from './interview.reminders.ts';
import type { Interview } from './interview.schema.ts';
import { interviewAuditView, toInterview } from './interview.view.ts';

const notFound = (id: string) => new NotFoundError(`Interview ${id} was not found.`);

/** The interview, if the caller may see it (another tenant's or one an interviewer is not on: 404). */
export const loadInterview = async (actor: Principal, id: string, consistent = false): Promise<InterviewItem> => {
  const { data } = await InterviewSessionEntity.get({ tenantId: actor.tenantId, interviewId: id }).go({ consistent });
  if (!data || !canSeeInterview(actor, data)) throw notFound(id);
  return data;
};

const entryKey = (interview: InterviewItem, participant: Participant) => ({
  tenantId: interview.tenantId,
  participantId: participant.participantId,
  scheduledAt: interview.scheduledAt,
  interviewId: interview.interviewId,
});

const keyText = (key: ReturnType<typeof entryKey>): string => `${key.participantId}|${key.scheduledAt}`;

/**
 * The calendar entries of an interview follow it: every write rewrites each participant's
 * entry from the interview as it will be, and deletes those it no longer has (people who
 * left, or the old start of a moved interview, which is part of the entry's key).
 */
export const entryWrites = (before: InterviewItem | undefined, after: InterviewItem): TransactionWrite[] => {
  const kept = new Set<string>();
  const puts = participantsOf(after).map((participant) => {
    const key = entryKey(after, participant);
    kept.add(keyText(key));
    return put(
      InterviewCalendarEntryEntity.put({
        ...key,
        role: participant.role,
        endsAt: after.endsAt,
        durationMinutes: after.durationMinutes,
        status: after.status,
        interviewType: after.interviewType,
        interviewMode: after.interviewMode,
        round: after.round,
        candidateId: after.candidateId,
        applicationId: after.applicationId,
        requisitionId: after.requisitionId,
        requisitionTitle: after.requisitionTitle,
      }).params(),
    );
  });
  const deletes = before
    ? participantsOf(before)
        .map((participant) => entryKey(before, participant))
        .filter((key) => !kept.has(keyText(key)))
        .map((key) => remove(InterviewCalendarEntryEntity.delete(key).params()))
    : [];
  return [...puts, ...deletes];
};

/** The fields a write may change; the ids, the tenant and the bookkeeping never change. */
export type InterviewChanges = Partial<
  Omit<
    InterviewItem,
    | 'tenantId'
    | 'interviewId'
    | 'candidateId'
    | 'applicationId'
    | 'requisitionId'
    | 'createdAt'
    | 'createdBy'
    | 'updatedAt'
    | 'updatedBy'
    | 'version'
    | 'remindAt'
    | 'reminderShard'
  >
>;

export type RemovableField = 'meetingLink' | 'location' | 'preparationNotes' | 'questionGuide';

export interface InterviewDecision {
  set: InterviewChanges;
  remove?: RemovableField[];
  /** A new pending reminder, `null` to take it out of the reminder index; absent: as it is. */
  reminder?: PendingReminder | null;
  /** People whose time the change claims: their calendars are checked and locked. */
  claims?: Participant[];
  /** `interview.<verb>` in the audit trail. */
  action: string;
  /** Domain events of the change, from the interview as it will be. */
  events?: (next: InterviewItem) => TransactionWrite[];
}

/**
 * Writes a change decided on the interview as read: the interview (guarded by its version),
 * its calendar entries, the calendar locks of whatever time it claims, its audit entry and
 * events, in one transaction. Returns the interview as the caller now sees it.
 */
export const writeInterview = async (
  actor: Principal,
  id: string,
  expectedVersion: number | undefined,
  decide: (current: InterviewItem, now: string) => InterviewDecision | Promise<InterviewDecision>,
): Promise<Interview> => {
  const now = isoNow();
  const { tenantId } = actor;
  await withBookingRetries(() =>
    writeVersioned(expectedVersion, {
      label: `Interview ${id}`,
      load: () => loadInterview(actor, id, true),
      decide: async (current) => {
        const decision = await decide(current, now);
        const reminder =
          decision.reminder === undefined ? undefined : reminderChange(current, decision.reminder ?? undefined);
        const set = { ...decision.set, ...reminder?.set, updatedBy: actor.userId };
        const removed = [...(decision.remove ?? []), ...(reminder?.remove ?? [])];
        const chain = InterviewSessionEntity.patch({ tenantId, interviewId: id }).set(set);
        const next = patched(current, set, removed);
        const locks = decision.claims?.length ? await claimCalendars(tenantId, id, decision.claims, next) : [];
        return [
          versionedPatch(reminder?.composite ? chain.composite(reminder.composite) : chain, current.version, removed),
          ...entryWrites(current, next),
          ...locks,
          auditWrite(actor, {
            action: decision.action,
            entityType: 'interview',
            entityId: id,
            before: interviewAuditView(current),
            after: interviewAuditView(next),
          }),
          ...(decision.events?.(next) ?? []),
        ];
      },
    }),
  );
  return toInterview(await loadInterview(actor, id, true), actor, now);
};
