import { isOpenStage } from '../applications/application.model.ts';
import { createApplication, loadApplication, updateApplication } from '../applications/application.service.ts';
import { moveApplication } from '../applications/application.stage.ts';
import { openContact } from '../candidates/candidate.crypto.ts';
import { CandidateEntity } from '../candidates/candidate.entity.ts';
import { eventWrite } from '../events/record.ts';
import { resolvePrincipal } from '../identity/access.ts';
import { TenantEntity } from '../identity/tenant.entity.ts';
import { claimMonthlyInvitation, usageMonth } from '../identity/tenant-usage.ts';
import { frontendBase } from '../notifications/email/links.ts';
import { emailSenderFromEnv } from '../notifications/email/sender.ts';
import { auditWrite } from '../platform/audit.ts';
import type { Task } from '../platform/task.schema.ts';
import { getTask, taskWrite } from '../platform/task.service.ts';
import { sendTaskMessage } from '../platform/task-message.ts';
import { isoNow } from '../shared/clock.ts';
import { ENV, requireEnv } from '../shared/env.ts';
import { AppError, ConflictError, NotFoundError } from '../shared/errors.ts';
import { derivedId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { put, transactWrite } from '../shared/transaction.ts';
import { UniqueValueEntity } from '../shared/unique.entity.ts';
import { versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { hashSecret, newSecret } from '../test-sessions/token-secrets.ts';
import type { AssessmentItem } from './assessment.entity.ts';
import { assertAssessmentManager, loadAssessment } from './assessment.service.ts';
import { invitationLink, renderInvitationEmail } from './invitation.email.ts';
import { InvitationEntity, type InvitationItem } from './invitation.entity.ts';
import { type EmailStatus, type InvitationViewStatus, MAX_INLINE_INVITEES } from './invitation.model.ts';
import {
  type BulkInvitationMessage,
  Invitation,
  type InviteCandidates,
  type InviteResult,
  type ListInvitations,
} from './invitation.schema.ts';

const DAY_MS = 86_400_000;

export const viewStatusOf = (item: Pick<InvitationItem, 'status' | 'validUntil'>, now: string): InvitationViewStatus =>
  item.status === 'pending' && item.validUntil <= now ? 'expired' : item.status;

export const toInvitation = (item: InvitationItem, now = isoNow()): Invitation =>
  Invitation.parse({ ...item, id: item.invitationId, status: viewStatusOf(item, now) });

/** One invitation per candidate and assessment: its id is derived from the pair. */
export const invitationIdOf = (assessmentId: string, candidateId: string): string =>
  derivedId('invitation', assessmentId, `${assessmentId}#${candidateId}`);

/** What the audit trail keeps: ids, status and dates, never the token's hash. */
const auditView = (item: Partial<InvitationItem>) => ({
  assessmentId: item.assessmentId,
  candidateId: item.candidateId,
  applicationId: item.applicationId,
  status: item.status,
  validUntil: item.validUntil,
});

/** The link's last moment: the assessment's validity from now, and never after the assessment closes. */
export const validUntilFor = (
  assessment: Pick<AssessmentItem, 'invitationValidDays' | 'availableUntil'>,
  now: string,
): string => {
  const byDays = new Date(Date.parse(now) + assessment.invitationValidDays * DAY_MS).toISOString();
  return assessment.availableUntil && assessment.availableUntil < byDays ? assessment.availableUntil : byDays;
};

/** Only a published assessment whose window is not over takes invitations. */
const assertInvitable = (assessment: AssessmentItem, now: string): void => {
  if (assessment.status !== 'published') {
    throw new ConflictError(
      assessment.status === 'draft'
        ? `Assessment ${assessment.assessmentId} is a draft: publish it before inviting candidates.`
        : `Assessment ${assessment.assessmentId} is archived: it takes no invitations.`,
      { extensions: { assessmentStatus: assessment.status } },
    );
  }
  if (assessment.availableUntil && assessment.availableUntil <= now) {
    throw new ConflictError(`Assessment ${assessment.assessmentId} closed at ${assessment.availableUntil}.`, {
      extensions: { availableUntil: assessment.availableUntil },
    });
  }
};

const applicationClosed = (stage: string) =>
  new ConflictError(`The candidate's application is ${stage}: reopen it before inviting them.`, {
    extensions: { reason: 'application_closed', stage },
  });

/**
 * The candidate's application for the assessment's requisition: created when there is none,
 * pointed at this assessment, and moved to the assessment stage when it was earlier.
 */
const ensureApplication = async (
  actor: Principal,
  assessment: AssessmentItem,
  candidateId: string,
): Promise<string> => {
  const { tenantId } = actor;
  const claimed = async () =>
    (
      await UniqueValueEntity.get({
        scope: tenantId,
        kind: 'candidate-application',
        value: `${candidateId}#${assessment.requisitionId}`,
      }).go({ consistent: true })
    ).data?.ownerId;
  let applicationId = await claimed();
  if (!applicationId) {
    const created = await createApplication(actor, {
      candidateId,
      requisitionId: assessment.requisitionId,
      source: 'assessment invitation',
      assessmentId: assessment.assessmentId,
    }).catch(async (error: unknown) => {
      // Someone applied them at the same moment: theirs is the application.
      const raced = error instanceof ConflictError ? await claimed() : undefined;
      if (!raced) throw error;
      return { id: raced };
    });
    applicationId = created.id;
  }
  const application = await loadApplication(actor, applicationId, true);
  if (!isOpenStage(application.stage)) throw applicationClosed(application.stage);
  if (application.assessmentId !== assessment.assessmentId) {
    await updateApplication(actor, applicationId, { assessmentId: assessment.assessmentId });
  }
  if (application.stage === 'applied' || application.stage === 'screening') {
    await moveApplication(actor, applicationId, { stage: 'assessment', reason: `Invited to ${assessment.title}` });
  }
  return applicationId;
};

interface Invitee {
  name: string;
  email: string;
}

const loadInvitee = async (tenantId: string, candidateId: string): Promise<Invitee> => {
  const { data } = await CandidateEntity.get({ tenantId, candidateId }).go({ consistent: true });
  if (!data || data.status === 'erased') {
    throw new NotFoundError(`Candidate ${candidateId} was not found.`);
  }
  return { name: data.fullName, email: (await openContact(data)).email };
};

/** What invitations need of their tenant, read once per call however many candidates it has. */
interface InvitingTenant {
  name: string;
  /** `maxAssessmentsPerMonth`: each new invitation takes one of them. */
  monthlyLimit: number;
}

const invitingTenant = async (tenantId: string): Promise<InvitingTenant> => {
  const { data } = await TenantEntity.get({ tenantId }).go({ attributes: ['name', 'maxAssessmentsPerMonth'] });
  return { name: data?.name ?? 'Assist-Ten', monthlyLimit: data?.maxAssessmentsPerMonth ?? 0 };
};

/**
 * Emails the link. Sent after the invitation is stored: a failure is recorded on it (the
 * recruiter sees `emailStatus: failed` and resends), never rolled back into a lost invitation.
 */
const emailInvitation = async (
  item: InvitationItem,
  assessment: AssessmentItem,
  invitee: Invitee,
  secret: string,
  tenantName: string,
): Promise<EmailStatus> => {
  const email = renderInvitationEmail({
    candidateName: invitee.name,
    tenantName,
    assessmentTitle: assessment.title,
    durationMinutes: assessment.durationMinutes,
    validUntil: item.validUntil,
    link: invitationLink(frontendBase(requireEnv(ENV.frontendBaseUrl)), secret),
  });
  const emailStatus: EmailStatus = await emailSenderFromEnv()
    .send({ to: invitee.email, ...email, tags: { type: 'assessment_invitation', tenantId: item.tenantId } })
    .then(
      () => 'sent' as const,
      () => 'failed' as const,
    );
  await InvitationEntity.patch({ tenantId: item.tenantId, invitationId: item.invitationId })
    .set({ emailStatus, lastSentAt: isoNow() })
    .add({ sendCount: 1, version: 1 })
    .go();
  return emailStatus;
};

const alreadyInvited = (item: InvitationItem, now: string): InviteResult => ({
  candidateId: item.candidateId,
  outcome: 'already_invited',
  invitationId: item.invitationId,
  error: {
    code: 'already_invited',
    message: `Invited already (${viewStatusOf(item, now)}): resend the invitation to send a new link.`,
  },
});

/** Invites one candidate: their application, the invitation with its hashed secret, the email. */
const inviteOne = async (
  actor: Principal,
  assessment: AssessmentItem,
  candidateId: string,
  tenant: InvitingTenant,
): Promise<InviteResult> => {
  const { tenantId } = actor;
  const invitationId = invitationIdOf(assessment.assessmentId, candidateId);
  const now = isoNow();
  const existing = (await InvitationEntity.get({ tenantId, invitationId }).go({ consistent: true })).data;
  if (existing) return alreadyInvited(existing, now);
  const invitee = await loadInvitee(tenantId, candidateId);
  const applicationId = await ensureApplication(actor, assessment, candidateId);
  const secret = newSecret();
  const params = InvitationEntity.create({
    tenantId,
    invitationId,
    assessmentId: assessment.assessmentId,
    candidateId,
    requisitionId: assessment.requisitionId,
    applicationId,
    tokenHash: hashSecret(secret),
    status: 'pending',
    validUntil: validUntilFor(assessment, now),
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: InvitationItem }>();
  try {
    await transactWrite([
      put(
        params,
        () =>
          new ConflictError(`Invitation ${invitationId} already exists.`, {
            extensions: { reason: 'already_invited' },
          }),
      ),
      claimMonthlyInvitation(tenantId, usageMonth(now), tenant.monthlyLimit),
      eventWrite(actor, 'invitation.created', {
        invitationId,
        assessmentId: assessment.assessmentId,
        assessmentTitle: assessment.title,
        candidateName: invitee.name,
        assessmentOwnerId: assessment.createdBy,
      }),
      auditWrite(actor, {
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: invitationId,
        after: auditView(params.Item),
      }),
    ]);
  } catch (error) {
    const raced = (await InvitationEntity.get({ tenantId, invitationId }).go({ consistent: true })).data;
    if (raced) return alreadyInvited(raced, now);
    throw error;
  }
  const emailStatus = await emailInvitation(params.Item, assessment, invitee, secret, tenant.name);
  return { candidateId, outcome: 'invited', invitationId, emailStatus };
};

/** A refusal of one candidate is that candidate's result; anything unexpected fails the whole call (and is retried). */
const resultOf = async (candidateId: string, attempt: () => Promise<InviteResult>): Promise<InviteResult> => {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
    return { candidateId, outcome: 'failed', error: { code: error.code, message: error.message } };
  }
};

/** Invites each candidate in turn, reporting each one's outcome. */
export const inviteEach = async (
  actor: Principal,
  assessment: AssessmentItem,
  candidateIds: readonly string[],
  onProgress: (done: number) => Promise<void> = async () => undefined,
): Promise<InviteResult[]> => {
  const tenant = await invitingTenant(actor.tenantId);
  const results: InviteResult[] = [];
  for (const candidateId of candidateIds) {
    results.push(await resultOf(candidateId, () => inviteOne(actor, assessment, candidateId, tenant)));
    await onProgress(results.length);
  }
  return results;
};

export type InvitationsOutcome = { kind: 'done'; results: InviteResult[] } | { kind: 'queued'; task: Task };

/**
 * Invites candidates to a published assessment: a few within the request, a larger list by
 * a background task (the caller follows the task).
 */
export const inviteCandidates = async (
  actor: Principal,
  assessmentId: string,
  input: InviteCandidates,
): Promise<InvitationsOutcome> => {
  assertAssessmentManager(actor);
  const assessment = await loadAssessment(actor.tenantId, assessmentId);
  assertInvitable(assessment, isoNow());
  if (input.candidateIds.length <= MAX_INLINE_INVITEES) {
    return { kind: 'done', results: await inviteEach(actor, assessment, input.candidateIds) };
  }
  const { taskId, writes } = taskWrite(actor, {
    kind: 'bulk_invitations',
    total: input.candidateIds.length,
    input: { assessmentId, candidates: input.candidateIds.length },
  });
  await transactWrite(writes);
  const message: BulkInvitationMessage = {
    kind: 'bulk_invitations',
    tenantId: actor.tenantId,
    taskId,
    actorId: actor.userId,
    assessmentId,
    candidateIds: input.candidateIds,
  };
  await sendTaskMessage(message);
  return { kind: 'queued', task: await getTask(actor, taskId) };
};

export const listInvitations = async (
  actor: Principal,
  assessmentId: string,
  input: ListInvitations,
): Promise<Page<Invitation>> => {
  assertAssessmentManager(actor);
  await loadAssessment(actor.tenantId, assessmentId);
  const now = isoNow();
  return pageOf(
    InvitationEntity.query.byAssessment({ tenantId: actor.tenantId, assessmentId }),
    'gsi2pk',
    input,
    (item) => toInvitation(item, now),
  );
};

const invitationNotFound = (id: string) => new NotFoundError(`Invitation ${id} was not found.`);

const loadInvitation = async (
  actor: Principal,
  assessmentId: string,
  invitationId: string,
): Promise<InvitationItem> => {
  const { data } = await InvitationEntity.get({ tenantId: actor.tenantId, invitationId }).go({ consistent: true });
  if (!data || data.assessmentId !== assessmentId) throw invitationNotFound(invitationId);
  return data;
};

/** The link stops working at once; a session it already started is not affected. */
export const revokeInvitation = async (actor: Principal, assessmentId: string, invitationId: string): Promise<void> => {
  assertAssessmentManager(actor);
  await writeVersioned(undefined, {
    label: `Invitation ${invitationId}`,
    load: () => loadInvitation(actor, assessmentId, invitationId),
    decide: (current) => {
      if (current.status === 'used') {
        throw new ConflictError(
          `Invitation ${invitationId} was used: its session ${current.testSessionId} has started.`,
          {
            extensions: { invitationStatus: 'used' },
          },
        );
      }
      if (current.status === 'revoked') return [];
      const revokedAt = isoNow();
      return [
        versionedPatch(
          InvitationEntity.patch({ tenantId: actor.tenantId, invitationId }).set({
            status: 'revoked',
            revokedAt,
            revokedBy: actor.userId,
            updatedBy: actor.userId,
          }),
          current.version,
        ),
        auditWrite(actor, {
          action: 'invitation.revoked',
          entityType: 'invitation',
          entityId: invitationId,
          before: auditView(current),
          after: auditView({ ...current, status: 'revoked' }),
        }),
      ];
    },
  });
};

/**
 * A new link: the old secret stops working, the validity starts again. A used invitation is
 * resent only for another attempt, once its session is over and the assessment allows more.
 */
export const resendInvitation = async (
  actor: Principal,
  assessmentId: string,
  invitationId: string,
  sessionOver: (tenantId: string, testSessionId: string) => Promise<boolean>,
): Promise<Invitation> => {
  assertAssessmentManager(actor);
  const assessment = await loadAssessment(actor.tenantId, assessmentId);
  const now = isoNow();
  assertInvitable(assessment, now);
  const secret = newSecret();
  const current = await writeVersioned(undefined, {
    label: `Invitation ${invitationId}`,
    load: () => loadInvitation(actor, assessmentId, invitationId),
    decide: async (current) => {
      if (current.status === 'used') {
        if (current.testSessionId && !(await sessionOver(actor.tenantId, current.testSessionId))) {
          throw new ConflictError('The candidate is taking the assessment now: resend once their session is over.', {
            extensions: { reason: 'session_in_progress', testSessionId: current.testSessionId },
          });
        }
        if (current.attemptsUsed >= assessment.attemptsAllowed) {
          throw new ConflictError(`The assessment allows ${assessment.attemptsAllowed} attempt(s); all are used.`, {
            extensions: { reason: 'no_attempts_left', attemptsAllowed: assessment.attemptsAllowed },
          });
        }
      }
      const next = {
        status: 'pending' as const,
        tokenHash: hashSecret(secret),
        validUntil: validUntilFor(assessment, now),
      };
      return [
        versionedPatch(
          InvitationEntity.patch({ tenantId: actor.tenantId, invitationId }).set({ ...next, updatedBy: actor.userId }),
          current.version,
          ['revokedAt', 'revokedBy', 'usedAt', 'testSessionId'],
        ),
        auditWrite(actor, {
          action: 'invitation.resent',
          entityType: 'invitation',
          entityId: invitationId,
          before: auditView(current),
          after: auditView({ ...current, ...next }),
        }),
      ];
    },
  });
  const rotated = { ...current, status: 'pending' as const, validUntil: validUntilFor(assessment, now) };
  const [invitee, tenant] = await Promise.all([
    loadInvitee(actor.tenantId, current.candidateId),
    invitingTenant(actor.tenantId),
  ]);
  await emailInvitation(rotated, assessment, invitee, secret, tenant.name);
  return toInvitation(
    (await InvitationEntity.get({ tenantId: actor.tenantId, invitationId }).go({ consistent: true })).data ?? rotated,
  );
};

/**
 * The background task of a large invitation call. The requester acts, as they are now: a
 * user deactivated or stripped of the role since asking stops the task (the task fails).
 */
export const runBulkInvitations = async (
  message: BulkInvitationMessage,
  progress: (done: number, total?: number) => Promise<void>,
): Promise<{ invited: number; failed: number; alreadyInvited: number }> => {
  const actor = await resolvePrincipal(
    { userId: message.actorId, tenantId: message.tenantId },
    `task:${message.taskId}`,
  );
  assertAssessmentManager(actor);
  const assessment = await loadAssessment(message.tenantId, message.assessmentId);
  assertInvitable(assessment, isoNow());
  const results = await inviteEach(actor, assessment, message.candidateIds, (done) =>
    progress(done, message.candidateIds.length),
  );
  return {
    invited: results.filter((result) => result.outcome === 'invited').length,
    failed: results.filter((result) => result.outcome === 'failed').length,
    alreadyInvited: results.filter((result) => result.outcome === 'already_invited').length,
  };
};
