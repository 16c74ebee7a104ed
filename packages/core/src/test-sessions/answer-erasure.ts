import type { AnswerResponse } from '../assessments/question.content.ts';
import { auditWrite } from '../platform/audit.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { transactWrite } from '../shared/transaction.ts';
import { AnswerEntity, type AnswerItem } from './answer.entity.ts';
import { revokeFamily } from './refresh-token.service.ts';
import type { QuestionScore } from './scoring/score.schema.ts';
import { TestSessionEntity } from './test-session.entity.ts';

/**
 * The answers of a candidate's test sessions, for their erasure. What they wrote in their own
 * words (short and long texts, code) is emptied, and with it whatever scoring wrote about it:
 * a model's rationale and feedback may quote the answer, and so may a reviewer's override
 * reason. Choices, numbers and points stay, so the assessment's results stay true and, once
 * the person is erased, describe no one.
 */

export interface AnswersErased {
  /** Answers whose text or code, or the scoring's words about it, were removed. */
  answersAnonymised: number;
}

/** The answer as the person's words leave it: the same type, nothing written. */
export const emptiedResponse = (response: AnswerResponse): AnswerResponse => {
  switch (response.type) {
    case 'short_text':
    case 'long_text':
      return { type: response.type, text: '' };
    case 'coding':
      return { type: 'coding', code: '' };
    default:
      return response;
  }
};

/** The score without the words written about the answer; the points and how they were reached stay. */
export const scoreWithoutWords = (score: QuestionScore): QuestionScore => {
  const { rationale: _rationale, feedback: _feedback, override, ...kept } = score;
  return override ? { ...kept, override: { ...override, reason: '' } } : kept;
};

const hasWords = (score: QuestionScore | undefined): boolean =>
  score !== undefined &&
  (score.rationale !== undefined || score.feedback !== undefined || Boolean(score.override?.reason));

/** What the person wrote in their own words, if the answer is of a kind that has any. */
const writtenIn = (response: AnswerResponse): string => {
  switch (response.type) {
    case 'short_text':
    case 'long_text':
      return response.text;
    case 'coding':
      return response.code;
    default:
      return '';
  }
};

/** Whether the answer still holds words of, or about, the person: a retry finds none left. */
export const holdsWords = (answer: Pick<AnswerItem, 'response' | 'score'>): boolean =>
  writtenIn(answer.response as AnswerResponse) !== '' || hasWords(answer.score as QuestionScore | undefined);

/**
 * A session still open when its candidate is erased: its tokens stop working first, so no
 * autosave writes their words back after the answers are emptied. It is submitted at its
 * deadline by the sweep, like any session left open. Revoking twice changes nothing, and a
 * family already gone is not honoured either.
 */
const withdrawAccess = async (actor: Principal, familyId: string): Promise<void> => {
  try {
    await revokeFamily(actor.tenantId, familyId, 'access_withdrawn', { actor });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
};

/**
 * Empties the answers of every session `candidateId` sat, then records per session which
 * questions' answers were emptied (ids and a count only: the audit trail outlives the
 * erasure). A session still open loses its tokens first. Idempotent: a retry after a crash
 * empties what is left and audits only that.
 */
export const eraseAnswersOf = async (actor: Principal, candidateId: string): Promise<AnswersErased> => {
  const { tenantId } = actor;
  const { data: sessions } = await TestSessionEntity.query
    .byOwner({ tenantId, ownerId: candidateId })
    .go({ pages: 'all', attributes: ['testSessionId', 'status', 'familyId'] });
  let answersAnonymised = 0;
  for (const { testSessionId, status, familyId } of sessions) {
    if (status === 'in_progress' && familyId) await withdrawAccess(actor, familyId);
    const { data: answers } = await AnswerEntity.query.bySession({ tenantId, testSessionId }).go({ pages: 'all' });
    const worded = answers.filter(holdsWords);
    if (worded.length === 0) continue;
    for (const answer of worded) {
      const score = answer.score as QuestionScore | undefined;
      await AnswerEntity.patch({ tenantId, testSessionId, questionId: answer.questionId })
        .set({
          response: emptiedResponse(answer.response as AnswerResponse),
          ...(score ? { score: scoreWithoutWords(score) } : {}),
        })
        .go();
    }
    await transactWrite([
      auditWrite(actor, {
        action: 'test_session.answers_anonymised',
        entityType: 'test_session',
        entityId: testSessionId,
        after: {
          candidateId,
          answersAnonymised: worded.length,
          questionIds: worded.map((answer) => answer.questionId),
        },
      }),
    ]);
    answersAnonymised += worded.length;
  }
  return { answersAnonymised };
};
