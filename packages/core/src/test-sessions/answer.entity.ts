import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../shared/db.ts';

/**
 * Answer: a session's answer to one question. Its key is the pair, so there is exactly one
 * per session and question, and an autosave simply overwrites it.
 *
 * Access patterns:
 * - bySession  table  pk: tenant + session  sk: question id  -> one answer (Get), or all of a session (Query)
 */
export const AnswerEntity = new Entity(
  {
    model: { entity: 'answer', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      testSessionId: { type: 'string', required: true, readOnly: true },
      questionId: { type: 'string', required: true, readOnly: true },
      /** The AnswerResponse as sent (validated against the question's type). Personal data: never logged. */
      response: { type: 'any', required: true },
      answeredAt: { type: 'string', required: true },
      /**
       * The QuestionScore (test-sessions/scoring/score.schema), once scored; a recruiter's
       * override keeps the machine's score inside it. Validated by that schema on read.
       */
      score: { type: 'any' },
      scoredAt: { type: 'string' },
    },
    indexes: {
      bySession: {
        pk: { field: 'pk', composite: ['tenantId', 'testSessionId'], casing: 'none' },
        sk: { field: 'sk', composite: ['questionId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type AnswerItem = EntityItem<typeof AnswerEntity>;
