import type { DocumentItem } from './document.entity.ts';

export interface AnalysisResult {
  /** The extraction log entry the analysis wrote, kept on the document. */
  extractionId?: string;
}

/**
 * What happens to a document's text once it is read (skill extraction). Processing calls it
 * before the document is marked processed; throwing fails the attempt and SQS retries it.
 */
export type Analyse = (document: DocumentItem, text: string) => Promise<AnalysisResult>;

/** The seam: no analysis yet. Skill extraction replaces this body, and nothing else changes. */
export const analyseDocument: Analyse = async (_document, _text) => ({});
