import { Entity, type EntityItem } from 'electrodb';
import { postingSkillAttribute, statedSkillAttribute } from '../extraction/skill.attributes.ts';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { JOB_DESCRIPTION_STATUSES } from './job-description.model.ts';

/**
 * JobDescription: the text of a posting (typed, or read from an uploaded document) and the
 * skills extracted from it, which a recruiter may override and requisitions take as theirs.
 *
 * Access patterns:
 * - byId      table  pk: tenant + job description id  -> one job description
 * - byTenant  gsi1   pk: tenant   sk: id               -> all, newest first
 */

export const JobDescriptionEntity = new Entity(
  {
    model: { entity: 'job_description', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      jobDescriptionId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string', required: true },
      department: { type: 'string' },
      text: { type: 'string' },
      /** The document the text was read from, when it came from an upload. */
      documentId: { type: 'string' },
      status: { type: JOB_DESCRIPTION_STATUSES, required: true },
      statusReason: { type: 'string' },
      extractedSkills: { type: 'list', default: () => [], items: postingSkillAttribute },
      extractionId: { type: 'string' },
      extractedAt: { type: 'string' },
      /** A recruiter's edit of the skills: kept over any later extraction until cleared. */
      skillOverride: {
        type: 'map',
        properties: {
          required: { type: 'list', items: statedSkillAttribute },
          niceToHave: { type: 'list', items: statedSkillAttribute },
        },
      },
      overrideSetAt: { type: 'string' },
      isActive: { type: 'boolean', required: true, default: true },
      archivedAt: { type: 'string' },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'jobDescriptionId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byTenant: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['jobDescriptionId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type JobDescriptionItem = EntityItem<typeof JobDescriptionEntity>;
