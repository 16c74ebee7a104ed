import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { QUESTION_SET_SOURCES } from './question.model.ts';

/**
 * QuestionSet: a named, ordered collection of questions that assessments are built from.
 * Its item also holds the totals of its live questions (count, points, difficulty mix, skill
 * tally), changed in the same version-checked transaction as every question write, so they
 * are exact without reading the questions.
 *
 * Access patterns (the tenant is always the first composite; ids are ULIDs, so by id is by age):
 * - byId      table  pk: tenant + set id                        -> one set
 * - byTenant  gsi1   pk: tenant + (listed)           sk: set id  -> the tenant's sets, newest first
 * - bySource  gsi2   pk: tenant + source + (listed)  sk: set id  -> ?source=, newest first
 * Both lists are sparse: an archived set leaves them (its `listIndexKey` is ARCHIVED).
 */

/** What `listIndexKey` holds; '#' starts no real value, so the two cannot collide. */
export const LISTED = 'listed';
export const ARCHIVED = '#archived';

export const QuestionSetEntity = new Entity(
  {
    model: { entity: 'question_set', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      questionSetId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string', required: true },
      description: { type: 'string' },
      source: { type: QUESTION_SET_SOURCES, required: true, readOnly: true },
      jobDescriptionId: { type: 'string' },
      questionCount: { type: 'number', required: true, default: 0 },
      totalPoints: { type: 'number', required: true, default: 0 },
      difficultyMix: {
        type: 'map',
        required: true,
        default: () => ({ easy: 0, medium: 0, hard: 0 }),
        properties: {
          easy: { type: 'number', required: true },
          medium: { type: 'number', required: true },
          hard: { type: 'number', required: true },
        },
      },
      /**
       * How many live questions carry each skill tag. The API's `skills` are its names: a tag
       * leaves them when its last question goes, which a plain list could not tell.
       */
      skillTally: {
        type: 'list',
        required: true,
        default: () => [],
        items: {
          type: 'map',
          properties: {
            skill: { type: 'string', required: true },
            count: { type: 'number', required: true },
          },
        },
      },
      /** The highest order any question of the set was given: an append goes after it. */
      maxOrder: { type: 'number', required: true, default: 0 },
      /** Set when an assessment using the set is published: from then on its questions are revised, never changed. */
      locked: { type: 'boolean', required: true, default: false },
      archivedAt: { type: 'string' },
      /**
       * Archived or not, as the sparse lists see it. ElectroDB needs every composite of a
       * sparse index on every write that touches it, so "archived" is a value the condition leaves out.
       */
      listIndexKey: { type: 'string', required: true, hidden: true },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'questionSetId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byTenant: {
        index: 'gsi1',
        condition: (attributes) => attributes.listIndexKey === LISTED,
        pk: { field: 'gsi1pk', composite: ['tenantId', 'listIndexKey'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['questionSetId'], casing: 'none' },
      },
      bySource: {
        index: 'gsi2',
        condition: (attributes) => attributes.listIndexKey === LISTED,
        pk: { field: 'gsi2pk', composite: ['tenantId', 'source', 'listIndexKey'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['questionSetId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type QuestionSetItem = EntityItem<typeof QuestionSetEntity>;
