import { REQUISITION_STATUSES, type RequisitionStatus } from '@assist-ten/core/requisitions/requisition.model';
import {
  canManageRequisitions,
  canSeeRequisition,
  EDITABLE_FIELDS,
  forcedStatusFilter,
  frozenFieldsIn,
} from '@assist-ten/core/requisitions/requisition.policy';
import type { UpdateRequisition } from '@assist-ten/core/requisitions/requisition.schema';
import { describe, expect, it } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

const recruiter = aPrincipal({ roles: ['recruiter'] });
const admin = aPrincipal({ roles: ['admin'] });
const interviewer = aPrincipal({ roles: ['interviewer'] });
const nobody = aPrincipal({ roles: [] });

/** Every field the update schema lets a caller send. */
const ALL_FIELDS = [
  'title',
  'description',
  'department',
  'location',
  'remotePolicy',
  'employmentType',
  'experienceLevel',
  'requiredSkills',
  'niceToHaveSkills',
  'salary',
  'positionsAvailable',
  'positionsFilled',
  'hiringManagerId',
  'jobDescriptionId',
  'assessmentIds',
] as const;

/** A change of every field at once (values do not matter to the policy, only the keys). */
const changeEverything: UpdateRequisition = {
  title: 'New title',
  description: 'New description',
  department: 'New department',
  location: 'Porto',
  remotePolicy: 'remote',
  employmentType: 'contract',
  experienceLevel: 'lead',
  requiredSkills: [],
  niceToHaveSkills: [],
  salary: null,
  positionsAvailable: 2,
  positionsFilled: 1,
  hiringManagerId: 'usr_carol',
  jobDescriptionId: null,
  assessmentIds: [],
};

describe('canManageRequisitions', () => {
  it('lets recruiters and admins manage, and nobody else', () => {
    // Act
    const verdicts = [recruiter, admin, interviewer, nobody].map(canManageRequisitions);

    // Assert
    expect(verdicts).toEqual([true, true, false, false]);
  });
});

describe('canSeeRequisition', () => {
  it.each(REQUISITION_STATUSES)('shows a %s requisition to recruiters and admins', (status) => {
    // Act
    const seenByRecruiter = canSeeRequisition(recruiter, { status });
    const seenByAdmin = canSeeRequisition(admin, { status });

    // Assert
    expect(seenByRecruiter).toBe(true);
    expect(seenByAdmin).toBe(true);
  });

  it.each(REQUISITION_STATUSES)('shows a %s requisition to an interviewer only when it is open', (status) => {
    // Act
    const seen = canSeeRequisition(interviewer, { status });

    // Assert
    expect(seen).toBe(status === 'open');
  });

  it('lets a caller with a managing role see drafts even when they are also an interviewer', () => {
    // Arrange
    const both = aPrincipal({ roles: ['interviewer', 'recruiter'] });

    // Act
    const seen = canSeeRequisition(both, { status: 'draft' });

    // Assert
    expect(seen).toBe(true);
  });
});

describe('forcedStatusFilter', () => {
  it('forces non-managers to the open status and leaves managers free to choose', () => {
    // Act
    const forInterviewer = forcedStatusFilter(interviewer);
    const forNobody = forcedStatusFilter(nobody);
    const forRecruiter = forcedStatusFilter(recruiter);
    const forAdmin = forcedStatusFilter(admin);

    // Assert
    expect(forInterviewer).toBe('open');
    expect(forNobody).toBe('open');
    expect(forRecruiter).toBeUndefined();
    expect(forAdmin).toBeUndefined();
  });
});

describe('EDITABLE_FIELDS', () => {
  it('covers every field of an update in the active statuses', () => {
    // Act
    const editable = (['draft', 'open', 'paused'] as const).map((status) => [...EDITABLE_FIELDS[status]].sort());

    // Assert
    for (const fields of editable) expect(fields).toEqual([...ALL_FIELDS].sort());
  });

  it('has an entry for every status', () => {
    // Act
    const statuses = Object.keys(EDITABLE_FIELDS).sort();

    // Assert
    expect(statuses).toEqual([...REQUISITION_STATUSES].sort());
  });
});

describe('frozenFieldsIn', () => {
  it.each(['draft', 'open', 'paused'] as const)('freezes nothing in %s', (status) => {
    // Act
    const frozen = frozenFieldsIn(status, changeEverything);

    // Assert
    expect(frozen).toEqual([]);
  });

  it.each(['closed', 'filled'] as const)('freezes what was offered in %s but keeps bookkeeping editable', (status) => {
    // Act
    const frozen = frozenFieldsIn(status, changeEverything);
    const bookkeeping = frozenFieldsIn(status, {
      description: 'Archived note',
      department: 'Platform',
      hiringManagerId: 'usr_dave',
      positionsFilled: 2,
    });

    // Assert
    expect(frozen).toEqual(
      expect.arrayContaining(['title', 'salary', 'requiredSkills', 'niceToHaveSkills', 'positionsAvailable']),
    );
    expect(frozen).not.toEqual(expect.arrayContaining(['description']));
    expect(bookkeeping).toEqual([]);
  });

  it.each(['closed', 'filled'] as const)('reports exactly the frozen fields of a mixed change in %s', (status) => {
    // Arrange
    const changes: UpdateRequisition = { title: 'Renamed', department: 'Platform', salary: null };

    // Act
    const frozen = frozenFieldsIn(status, changes);

    // Assert
    expect(frozen.sort()).toEqual(['salary', 'title']);
  });

  it('freezes every field of a cancelled requisition', () => {
    // Act
    const frozen = frozenFieldsIn('cancelled', changeEverything);

    // Assert
    expect([...frozen].sort()).toEqual([...ALL_FIELDS].sort());
  });

  it.each(REQUISITION_STATUSES)('reports nothing in %s for an empty change', (status: RequisitionStatus) => {
    // Act
    const frozen = frozenFieldsIn(status, {});

    // Assert
    expect(frozen).toEqual([]);
  });
});
