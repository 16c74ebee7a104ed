import { recordExtractedSkills } from '../candidates/candidate.service.ts';
import { runExtraction } from '../extraction/run-extraction.ts';
import { applyDocumentText, markDocumentUnreadable } from '../job-descriptions/job-description.service.ts';
import { rematchCandidate } from '../matching/rematch.ts';
import { loadTaxonomy } from '../skills/taxonomy.ts';
import type { DocumentItem } from './document.entity.ts';

export interface AnalysisResult {
  /** The extraction log entry the analysis wrote, kept on the document. */
  extractionId?: string;
}

/**
 * What happens to a document's text once it is read. Processing calls it before the
 * document is marked processed; throwing fails the attempt and SQS retries it.
 */
export type Analyse = (document: DocumentItem, text: string) => Promise<AnalysisResult>;

/** What happens when a document ends rejected or failed for good, with the reason it gives. */
export type Unusable = (document: DocumentItem, reason: string) => Promise<void>;

/**
 * A resume's skills become the candidate's extracted skills (a recruiter's override stays)
 * and every requisition they applied to scores them again. Repeating it after a crash
 * writes the same skills again: harmless.
 */
const analyseResume = async (document: DocumentItem, text: string): Promise<AnalysisResult> => {
  const { tenantId, ownerId: candidateId, documentId } = document;
  const { extractionId, output } = await runExtraction({
    tenantId,
    subject: { type: 'candidate', id: candidateId },
    documentId,
    text,
    taxonomy: await loadTaxonomy(tenantId),
    purpose: 'resume',
  });
  const skills = output.skills.map(({ requirement: _requirement, ...skill }) => skill);
  await recordExtractedSkills(tenantId, candidateId, { documentId, extractionId, skills });
  await rematchCandidate(tenantId, candidateId);
  return { extractionId };
};

export const analyseDocument: Analyse = async (document, text) => {
  switch (document.kind) {
    case 'resume':
      return analyseResume(document, text);
    case 'job_description':
      return applyDocumentText(document.tenantId, document.ownerId, { documentId: document.documentId, text });
  }
};

/** A job description waiting for this document says why it never got its text. */
export const documentUnusable: Unusable = async (document, reason) => {
  if (document.kind !== 'job_description') return;
  await markDocumentUnreadable(document.tenantId, document.ownerId, { documentId: document.documentId, reason });
};
