import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { DIFFICULTIES, QUESTION_TYPES } from './question.model.ts';
import { ORDER_DIGITS } from './question.order.ts';

/**
 * Question: one question with its answer key, owned by a question set or a job description.
 * Never changed once an assessment that uses it is published: a revision is a new question
 * (`previousQuestionId`) and the old one is retired, still readable by id for the results
 * that point at it.
 *
 * Access patterns (the tenant is always the first composite):
 * - byId  table  pk: tenant + question id                       -> one question; test sessions
 *                                                                  BatchGet a snapshot's ids
 * - live  gsi1   pk: tenant + owner + (live)  sk: order + id     -> an owner's live questions in
 *                order (sparse: a retired question leaves it; `order` zero-padded so text
 *                order is number order, the id breaks a tie)
 */

/** What `liveIndexKey` holds; '#' starts no real value, so the two cannot collide. */
export const LIVE = 'live';
export const RETIRED = '#retired';

export const QuestionEntity = new Entity(
  {
    model: { entity: 'question', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      questionId: { type: 'string', required: true, readOnly: true },
      /** Exactly one of the two owns the question; `ownerId` is that one, for the live index. */
      questionSetId: { type: 'string', readOnly: true },
      jobDescriptionId: { type: 'string', readOnly: true },
      ownerId: { type: 'string', required: true, readOnly: true },
      type: { type: QUESTION_TYPES, required: true, readOnly: true },
      prompt: { type: 'string', required: true },
      points: { type: 'number', required: true },
      difficulty: { type: DIFFICULTIES, required: true },
      skillTags: { type: 'list', required: true, default: () => [], items: { type: 'string' } },
      timeHintSeconds: { type: 'number' },
      explanation: { type: 'string' },
      // The answer key and type-specific fields: each type uses some of them (question.fields.ts).
      options: {
        type: 'list',
        items: {
          type: 'map',
          properties: {
            id: { type: 'string', required: true },
            text: { type: 'string', required: true },
          },
        },
      },
      correctOptionIds: { type: 'list', items: { type: 'string' } },
      correctAnswer: { type: 'boolean' },
      correctNumber: { type: 'number' },
      tolerance: { type: 'number' },
      acceptedAnswers: { type: 'list', items: { type: 'string' } },
      expectedAnswer: { type: 'string' },
      rubric: { type: 'string' },
      keywords: {
        type: 'list',
        items: {
          type: 'map',
          properties: {
            term: { type: 'string', required: true },
            weight: { type: 'number', required: true },
          },
        },
      },
      language: { type: 'string' },
      starterCode: { type: 'string' },
      order: { type: 'number', required: true, padding: { length: ORDER_DIGITS, char: '0' } },
      /** 1 for a new question; a revision of a locked question has its predecessor's + 1. */
      revision: { type: 'number', required: true, readOnly: true, default: 1 },
      previousQuestionId: { type: 'string', readOnly: true },
      /** Set when retired by a revision: where its content went on. */
      replacedByQuestionId: { type: 'string' },
      retiredAt: { type: 'string' },
      /**
       * Live or retired, as the sparse index sees it. ElectroDB needs every composite of a
       * sparse index on every write that touches it, so "retired" is a value the condition leaves out.
       */
      liveIndexKey: { type: 'string', required: true, hidden: true },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'questionId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      live: {
        index: 'gsi1',
        condition: (attributes) => attributes.liveIndexKey === LIVE,
        pk: { field: 'gsi1pk', composite: ['tenantId', 'ownerId', 'liveIndexKey'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['order', 'questionId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type QuestionItem = EntityItem<typeof QuestionEntity>;
