import { ListApplicationsQuery, MoveStageBody } from '@assist-ten/core/applications/application.schema';
import { CreateNoteBody } from '@assist-ten/core/applications/note.schema';
import { describe, expect, it } from 'vitest';

const REQUISITION = 'req_01JABCDEFGHJKMNPQRSTVWXYZ0';
const CANDIDATE = 'cand_01JABCDEFGHJKMNPQRSTVWXYZ0';
const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('ListApplicationsQuery', () => {
  it('takes a requisition with a stage, or a candidate', () => {
    expect(ListApplicationsQuery.safeParse({ requisitionId: REQUISITION, stage: 'offer' }).success).toBe(true);
    expect(ListApplicationsQuery.safeParse({ candidateId: CANDIDATE }).success).toBe(true);
  });

  it('needs exactly one of requisitionId and candidateId', () => {
    expect(pathsOf(ListApplicationsQuery.safeParse({}))).toEqual(['requisitionId']);
    expect(pathsOf(ListApplicationsQuery.safeParse({ requisitionId: REQUISITION, candidateId: CANDIDATE }))).toEqual([
      'requisitionId',
    ]);
  });

  it('takes stage only with a requisition', () => {
    expect(pathsOf(ListApplicationsQuery.safeParse({ candidateId: CANDIDATE, stage: 'offer' }))).toEqual(['stage']);
  });
});

describe('MoveStageBody', () => {
  it('requires a rejection code to reject', () => {
    expect(pathsOf(MoveStageBody.safeParse({ stage: 'rejected' }))).toEqual(['rejection']);
    expect(MoveStageBody.safeParse({ stage: 'rejected', rejection: { code: 'not_qualified' } }).success).toBe(true);
  });

  it('refuses a rejection on any other move and an unknown field', () => {
    expect(pathsOf(MoveStageBody.safeParse({ stage: 'offer', rejection: { code: 'other' } }))).toEqual(['rejection']);
    expect(MoveStageBody.safeParse({ stage: 'offer', by: 'me' }).success).toBe(false);
  });
});

describe('CreateNoteBody', () => {
  it('defaults to a public note without mentions', () => {
    expect(CreateNoteBody.parse({ type: 'general', body: 'Strong systems design.' })).toEqual({
      type: 'general',
      body: 'Strong systems design.',
      isPrivate: false,
      mentions: [],
    });
  });

  it('bounds the body and the mentions, and refuses the same mention twice', () => {
    const user = 'usr_01JABCDEFGHJKMNPQRSTVWXYZ0';
    expect(CreateNoteBody.safeParse({ type: 'general', body: 'x'.repeat(5001) }).success).toBe(false);
    expect(CreateNoteBody.safeParse({ type: 'general', body: 'b', mentions: Array(21).fill(user) }).success).toBe(
      false,
    );
    expect(pathsOf(CreateNoteBody.safeParse({ type: 'general', body: 'b', mentions: [user, user] }))).toEqual([
      'mentions',
    ]);
  });
});
