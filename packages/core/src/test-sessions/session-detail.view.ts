import type { AssessmentItem } from '../assessments/assessment.entity.ts';
import type { QuestionItem } from '../assessments/question.entity.ts';
import { toQuestion } from '../assessments/question.view.ts';
import { toProctoringBrief } from '../proctoring/proctoring-summary.brief.ts';
import type { ProctoringSummaryItem } from '../proctoring/proctoring-summary.entity.ts';
import type { AnswerItem } from './answer.entity.ts';
import { SessionResultRow, TestSessionDetail } from './results.schema.ts';
import { storedScore } from './session-scoring.ts';
import type { TestSessionItem } from './test-session.entity.ts';

/**
 * Whole seconds from the start to the submission, or to `now` while open, never past the
 * deadline: a session the sweep closed late was still only the candidate's until its deadline.
 */
export const timeUsedSeconds = (
  session: Pick<TestSessionItem, 'startedAt' | 'submittedAt' | 'deadline'>,
  now: string,
): number => {
  const ends = [session.submittedAt ?? now, session.deadline].flatMap((at) => (at ? [Date.parse(at)] : []));
  return Math.max(0, Math.floor((Math.min(...ends) - Date.parse(session.startedAt)) / 1000));
};

export interface DetailParts {
  session: TestSessionItem;
  assessment: Pick<AssessmentItem, 'assessmentId' | 'title' | 'passingScore' | 'proctoring'>;
  /** The session's questions, in its order. */
  questions: readonly QuestionItem[];
  /** Only the answers that count (countedAnswers). */
  answers: readonly AnswerItem[];
  /** undefined when the candidate was erased. */
  candidateName: string | undefined;
  /** The session's proctoring summary, when it has one. */
  proctoring?: ProctoringSummaryItem | undefined;
  now: string;
}

/** The reviewer's view of a session. Scores show only once the whole session is scored. */
export const toSessionDetail = ({
  session,
  assessment,
  questions,
  answers,
  candidateName,
  proctoring,
  now,
}: DetailParts): TestSessionDetail => {
  const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer]));
  const scored = session.status === 'scored';
  return TestSessionDetail.parse({
    id: session.testSessionId,
    status: session.status,
    attempt: session.attempt,
    startedAt: session.startedAt,
    deadline: session.deadline,
    submittedAt: session.submittedAt,
    submission: session.submission,
    scoredAt: session.scoredAt,
    timeUsedSeconds: timeUsedSeconds(session, now),
    assessment: { id: assessment.assessmentId, title: assessment.title, passingScore: assessment.passingScore },
    candidate: { id: session.ownerId, name: candidateName ?? null },
    applicationId: session.applicationId,
    result: scored ? (session.result ?? null) : null,
    questions: questions.map((question, index) => {
      const answer = byQuestion.get(question.questionId);
      return {
        number: index + 1,
        question: toQuestion(question),
        answer: answer ? { response: answer.response, answeredAt: answer.answeredAt } : null,
        score: scored ? (storedScore(answer) ?? null) : null,
      };
    }),
    proctoring: {
      required: assessment.proctoring.required,
      snapshotIntervalSeconds: assessment.proctoring.snapshotIntervalSeconds,
      summary: proctoring ? toProctoringBrief(proctoring) : null,
    },
    invalidatedAt: session.invalidatedAt ?? null,
    updatedAt: session.updatedAt,
    version: session.version,
  });
};

/** A scored session as a line of its assessment's ranking (only scored sessions are ranked: all is set). */
export const toResultRow = (session: TestSessionItem, candidateName: string | undefined): SessionResultRow =>
  SessionResultRow.parse({
    testSessionId: session.testSessionId,
    candidateId: session.ownerId,
    candidateName: candidateName ?? null,
    applicationId: session.applicationId,
    attempt: session.attempt,
    percentage: session.result?.percentage,
    earned: session.result?.earned,
    possible: session.result?.possible,
    passed: session.result?.passed,
    needsReview: session.result?.needsReview,
    submittedAt: session.submittedAt,
    submission: session.submission,
    scoredAt: session.scoredAt,
  });
