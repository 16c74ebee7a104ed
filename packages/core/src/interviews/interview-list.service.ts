import { isoNow } from '../shared/clock.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { InterviewCalendarEntryEntity } from './calendar-entry.entity.ts';
import { InterviewSessionEntity } from './interview.entity.ts';
import type { InterviewStatus } from './interview.model.ts';
import { assertMayListOthers } from './interview.policy.ts';
import type { InterviewSummary, ListInterviews } from './interview.schema.ts';
import { summaryOfEntry, summaryOfInterview } from './interview.view.ts';
import { isEmptyWindow, type ListWindow, listWindow } from './interview-list.window.ts';

/** What a filter expression needs of ElectroDB's `where` (method syntax: every query's callback fits). */
interface FilterOperations {
  eq(attribute: unknown, value: unknown): string;
  gt(attribute: unknown, value: unknown): string;
  lte(attribute: unknown, value: unknown): string;
}

/** Ended or not by `now`, and of one status when the index does not already pick it. */
const residual =
  (window: ListWindow, now: string, status: InterviewStatus | undefined) =>
  (attributes: { endsAt: unknown; status: unknown }, { eq, gt, lte }: FilterOperations): string =>
    [
      window.ended ? lte(attributes.endsAt, now) : gt(attributes.endsAt, now),
      status === undefined ? '' : eq(attributes.status, status),
    ]
      .filter(Boolean)
      .join(' AND ');

const NOTHING: Page<InterviewSummary> = { items: [], nextCursor: null };

type Paging = { limit: number; cursor?: string | undefined };

/** The caller's own interviews, from their calendar entries (with a status: that status's partition). */
const ownList = (actor: Principal, input: ListInterviews, window: ListWindow, now: string, paging: Paging) => {
  const key = { tenantId: actor.tenantId, participantId: actor.userId };
  const range = [{ scheduledAt: window.lower }, { scheduledAt: window.upper }] as const;
  const options = { ...paging, order: window.order };
  if (input.status !== undefined) {
    const query = InterviewCalendarEntryEntity.query
      .byStatus({ ...key, status: input.status })
      .between(...range)
      .where(residual(window, now, undefined));
    return pageOf(query, 'gsi1pk', options, summaryOfEntry);
  }
  const query = InterviewCalendarEntryEntity.query
    .byParticipant(key)
    .between(...range)
    .where(residual(window, now, undefined));
  return pageOf(query, 'pk', options, summaryOfEntry);
};

/** A candidate's, an application's or a requisition's interviews, for those who organise them; undefined without a scope. */
const scopedList = (actor: Principal, input: ListInterviews, window: ListWindow, now: string, paging: Paging) => {
  const { tenantId } = actor;
  const range = [{ scheduledAt: window.lower }, { scheduledAt: window.upper }] as const;
  const options = { ...paging, order: window.order };
  const toSummary = (item: Parameters<typeof summaryOfInterview>[0]) => summaryOfInterview(item, actor);
  const filter = residual(window, now, input.status);
  const { candidateId, applicationId, requisitionId } = input;
  if (candidateId !== undefined) {
    const query = InterviewSessionEntity.query
      .byCandidate({ tenantId, candidateId })
      .between(...range)
      .where(filter);
    return pageOf(query, 'gsi3pk', options, toSummary);
  }
  if (applicationId !== undefined) {
    const query = InterviewSessionEntity.query
      .byApplication({ tenantId, applicationId })
      .between(...range)
      .where(filter);
    return pageOf(query, 'gsi1pk', options, toSummary);
  }
  if (requisitionId !== undefined) {
    const query = InterviewSessionEntity.query
      .byRequisition({ tenantId, requisitionId })
      .between(...range)
      .where(filter);
    return pageOf(query, 'gsi2pk', options, toSummary);
  }
  return undefined;
};

/**
 * Upcoming (not ended, soonest first) or past (ended, latest first) interviews: the caller's
 * own by default; a candidate's, application's or requisition's for recruiters and admins.
 */
export const listInterviews = async (actor: Principal, input: ListInterviews): Promise<Page<InterviewSummary>> => {
  const now = isoNow();
  if ((input.candidateId ?? input.applicationId ?? input.requisitionId) !== undefined) assertMayListOthers(actor);
  const window = listWindow(input, now);
  if (isEmptyWindow(window)) return NOTHING;
  const paging = { limit: input.limit, cursor: input.cursor };
  return scopedList(actor, input, window, now, paging) ?? ownList(actor, input, window, now, paging);
};
