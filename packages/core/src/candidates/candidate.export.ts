import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ApplicationEntity } from '../applications/application.entity.ts';
import { toApplication } from '../applications/application.view.ts';
import { ApplicationNoteEntity } from '../applications/note.entity.ts';
import { toNote } from '../applications/note.service.ts';
import { DocumentEntity, type DocumentItem } from '../documents/document.entity.ts';
import { toDocument } from '../documents/document.service.ts';
import { ExtractionLogEntity } from '../extraction/extraction-log.entity.ts';
import { InterviewFeedbackEntity } from '../feedback/feedback.entity.ts';
import { toFeedback } from '../feedback/feedback.view.ts';
import { InterviewSessionEntity } from '../interviews/interview.entity.ts';
import { toInterviewRecord } from '../interviews/interview.view.ts';
import { SkillMatchEntity } from '../matching/skill-match.entity.ts';
import { toSkillMatch } from '../matching/skill-match.service.ts';
import { auditWrite } from '../platform/audit.ts';
import type { TaskResultRef } from '../platform/task.schema.ts';
import { beginAttempt, failAttempt, getTask, taskWrite } from '../platform/task.service.ts';
import { sendTaskMessage } from '../platform/task-message.ts';
import { isoNow } from '../shared/clock.ts';
import { NotFoundError } from '../shared/errors.ts';
import { defaultStore, type FileStore, headObject, readText } from '../shared/file-store.ts';
import { EXPORT_FILE_TAG, objectKey } from '../shared/files.ts';
import type { Principal } from '../shared/principal.ts';
import { transactWrite } from '../shared/transaction.ts';
import { assertCandidateDataOfficer } from './candidate.erasure.ts';
import {
  CandidateExport,
  type ExportMessage,
  type ExportQueued,
  type ExportStatus,
} from './candidate.export.schema.ts';
import { loadCandidate, toCandidate } from './candidate.service.ts';

/** Above this an export is built by a task into a file, not sent as a response (API Gateway answers at most 10 MB). */
export const MAX_INLINE_EXPORT_BYTES = 5 * 1024 * 1024;

/** A presigned download of an export: a minute, enough to start it, too short to pass around. */
export const EXPORT_URL_SECONDS = 60;

const notFound = (candidateId: string) => new NotFoundError(`Candidate ${candidateId} was not found.`);

const loadLive = async (tenantId: string, candidateId: string) => {
  const item = await loadCandidate(tenantId, candidateId, { consistent: true });
  if (!item) throw notFound(candidateId);
  return item;
};

const documentsOf = async (tenantId: string, candidateId: string): Promise<DocumentItem[]> =>
  (await DocumentEntity.query.byOwner({ tenantId, ownerId: candidateId }).go({ pages: 'all' })).data;

/** What the texts of the candidate's documents weigh, in bytes, read from S3 without reading the texts. */
export const exportTextBytes = async (documents: readonly DocumentItem[], store: FileStore): Promise<number> => {
  const sizes = await Promise.all(
    documents.map(async ({ textKey }) => (textKey ? ((await headObject(store, textKey))?.size ?? 0) : 0)),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
};

const notesOf = async (tenantId: string, applicationIds: readonly string[]) => {
  const pages = await Promise.all(
    applicationIds.map((applicationId) =>
      ApplicationNoteEntity.query.byApplication({ tenantId, applicationId }).go({ pages: 'all' }),
    ),
  );
  return pages.flatMap(({ data }) => data);
};

const feedbackOf = async (tenantId: string, interviewIds: readonly string[]) => {
  const pages = await Promise.all(
    interviewIds.map((interviewId) =>
      InterviewFeedbackEntity.query.byInterview({ tenantId, interviewId }).go({ pages: 'all' }),
    ),
  );
  return pages.flatMap(({ data }) => data);
};

/** Everything held about the candidate, as of now: the view decrypted, texts read, private notes too. */
export const buildCandidateExport = async (
  tenantId: string,
  candidateId: string,
  store: FileStore = defaultStore(),
): Promise<CandidateExport> => {
  const item = await loadLive(tenantId, candidateId);
  const [documents, applications, matches, extractions, interviews] = await Promise.all([
    documentsOf(tenantId, candidateId),
    ApplicationEntity.query.byCandidate({ tenantId, candidateId }).go({ pages: 'all' }),
    SkillMatchEntity.query.byCandidate({ tenantId, candidateId }).go({ pages: 'all' }),
    ExtractionLogEntity.query.bySubject({ tenantId, subjectId: candidateId }).go({ pages: 'all' }),
    InterviewSessionEntity.query.byCandidate({ tenantId, candidateId }).go({ pages: 'all' }),
  ]);
  const [candidate, texts, notes, feedback] = await Promise.all([
    toCandidate(item),
    Promise.all(documents.map(({ textKey }) => (textKey ? readText(store, textKey) : undefined))),
    notesOf(
      tenantId,
      applications.data.map(({ applicationId }) => applicationId),
    ),
    feedbackOf(
      tenantId,
      interviews.data.map(({ interviewId }) => interviewId),
    ),
  ]);
  return CandidateExport.parse({
    exportedAt: isoNow(),
    candidate,
    documents: documents.map((document, index) => ({ ...toDocument(document), text: texts[index] })),
    applications: applications.data.map(toApplication),
    notes: notes.map((note) => ({ ...toNote(note), heldPrivately: note.isPrivate })),
    skillMatches: matches.data.map(toSkillMatch),
    extractions: extractions.data.map((log) => ({
      id: log.extractionId,
      documentId: log.documentId,
      purpose: log.purpose,
      extractor: log.extractor,
      model: log.model,
      status: log.status,
      createdAt: log.createdAt,
    })),
    interviews: interviews.data.map(toInterviewRecord),
    feedback: feedback.map(toFeedback),
  });
};

const exportedAudit = (actor: Principal, candidateId: string, delivery: object) =>
  auditWrite(actor, { action: 'candidate.exported', entityType: 'candidate', entityId: candidateId, after: delivery });

/** Sends the export's message to the tasks queue. */
export const sendExportMessage = (message: ExportMessage): Promise<void> => sendTaskMessage(message);

export interface ExportOptions {
  /** The size of texts above which the export is queued (tests lower it). */
  maxInlineBytes?: number;
  send?: (message: ExportMessage) => Promise<void>;
  store?: FileStore;
}

export type ExportAnswer = { inline: CandidateExport } | { queued: ExportQueued };

/** A task whose message never left cannot run: it is failed at once, so nobody polls it for a month. */
const failUnsent = async (tenantId: string, taskId: string) => {
  await beginAttempt(tenantId, taskId);
  await failAttempt(
    tenantId,
    taskId,
    { code: 'not_queued', message: 'The export could not be queued; ask for it again.' },
    false,
  );
};

/**
 * The candidate's data (right of access): at once when its texts are small enough, otherwise
 * as a `data_export` task whose file the status route hands out. Audited either way, without
 * any of the data.
 */
export const exportCandidate = async (
  actor: Principal,
  candidateId: string,
  { maxInlineBytes = MAX_INLINE_EXPORT_BYTES, send = sendExportMessage, store = defaultStore() }: ExportOptions = {},
): Promise<ExportAnswer> => {
  assertCandidateDataOfficer(actor);
  const { tenantId } = actor;
  await loadLive(tenantId, candidateId);
  if ((await exportTextBytes(await documentsOf(tenantId, candidateId), store)) <= maxInlineBytes) {
    const inline = await buildCandidateExport(tenantId, candidateId, store);
    await transactWrite([exportedAudit(actor, candidateId, { delivery: 'response' })]);
    return { inline };
  }
  const task = taskWrite(actor, { kind: 'data_export', input: { candidateId } });
  await transactWrite([exportedAudit(actor, candidateId, { delivery: 'task', taskId: task.taskId }), ...task.writes]);
  try {
    await send({ kind: 'candidate_export', tenantId, taskId: task.taskId, candidateId });
  } catch (error) {
    await failUnsent(tenantId, task.taskId);
    throw error;
  }
  return { queued: { taskId: task.taskId } };
};

export const exportFileKey = (tenantId: string, candidateId: string, taskId: string): string =>
  objectKey(tenantId, 'exports', candidateId, `${taskId}.json`);

/** The tasks queue's work of an export: the same document, written to S3 (a retry overwrites it). */
export const runCandidateExport = async (
  message: ExportMessage,
  store: FileStore = defaultStore(),
): Promise<TaskResultRef> => {
  const document = await buildCandidateExport(message.tenantId, message.candidateId, store);
  const key = exportFileKey(message.tenantId, message.candidateId, message.taskId);
  await store.s3.send(
    new PutObjectCommand({
      Bucket: store.bucket,
      Key: key,
      Body: JSON.stringify(document),
      ContentType: 'application/json',
      // A decrypted copy of everything about a person: the bucket's lifecycle rule deletes it after a week.
      Tagging: EXPORT_FILE_TAG,
    }),
  );
  return { type: 'file', key };
};

/** Where a queued export stands; once it succeeded, a presigned GET of its file. */
export const getExportStatus = async (
  actor: Principal,
  candidateId: string,
  taskId: string,
  store: FileStore = defaultStore(),
): Promise<ExportStatus> => {
  assertCandidateDataOfficer(actor);
  await loadLive(actor.tenantId, candidateId);
  const task = await getTask(actor, taskId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(`Export ${taskId} was not found.`) : error;
  });
  if (task.kind !== 'data_export' || task.input?.candidateId !== candidateId) {
    throw new NotFoundError(`Export ${taskId} was not found.`);
  }
  const key = exportFileKey(actor.tenantId, candidateId, taskId);
  const result = task.resultRef;
  if (task.status !== 'succeeded' || !result || !('key' in result) || result.key !== key) {
    return { status: task.status };
  }
  const downloadUrl = await getSignedUrl(
    store.s3,
    new GetObjectCommand({
      Bucket: store.bucket,
      Key: key,
      ResponseContentDisposition: `attachment; filename="${candidateId}-export.json"`,
      ResponseContentType: 'application/json',
    }),
    { expiresIn: EXPORT_URL_SECONDS },
  );
  return {
    status: task.status,
    downloadUrl,
    expiresAt: new Date(Date.now() + EXPORT_URL_SECONDS * 1000).toISOString(),
  };
};
