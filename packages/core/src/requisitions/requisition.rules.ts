import type { FieldError } from '../shared/errors.ts';
import type { Requisition } from './requisition.schema.ts';

type PublishFields = Pick<
  Requisition,
  'description' | 'employmentType' | 'experienceLevel' | 'remotePolicy' | 'location' | 'positionsAvailable'
>;

/** What a posting needs before candidates can see it; a draft may be incomplete. */
export const missingForPublish = (requisition: PublishFields): FieldError[] => {
  const required: (keyof PublishFields)[] = ['description', 'employmentType', 'experienceLevel', 'remotePolicy'];
  // A fully remote role may have no office location.
  if (requisition.remotePolicy !== 'remote') required.push('location');
  return required
    .filter((field) => requisition[field] === undefined)
    .map((field) => ({ field, code: 'required_to_publish', message: `${field} is required to publish` }));
};

/** Hires recorded can never exceed the seats offered. */
export const positionsError = (positions: { positionsAvailable: number; positionsFilled: number }): FieldError[] =>
  positions.positionsFilled > positions.positionsAvailable
    ? [
        {
          field: 'positionsFilled',
          code: 'exceeds_positions_available',
          message: `positionsFilled (${positions.positionsFilled}) cannot exceed positionsAvailable (${positions.positionsAvailable})`,
        },
      ]
    : [];
