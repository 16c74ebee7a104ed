import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { type Summary, summarise } from './stats.ts';

/** Skill extraction and match ranking, measured against the local cloud (docs/benchmarks.md). */
export interface ExtractionThroughput {
  /** The local extractor alone over resume texts, one core: the CPU cost of reading skills. */
  extractorDocumentsPerMinute: number;
  /** Whole documents through the processor as the consumer runs it: S3 read, PDF text, extraction, writes. */
  pipelineDocumentsPerMinute: number;
  documents: number;
}

export interface RankingLatency {
  matches: number;
  firstPage: Summary;
  filtered: Summary;
}

interface Principal {
  userId: string;
  tenantId: string;
  email: string;
  roles: readonly ('recruiter' | 'admin' | 'interviewer' | 'superadmin')[];
  requestId: string;
}

const LINES = [
  'Senior software engineer with 7 years of TypeScript and Node.js.',
  'Built services on AWS with DynamoDB, Lambda and Kubernetes (k8s) since 2018.',
  'Expert in PostgreSQL and Redis; familiar with GraphQL and React.',
  'Led a team of five; strong communication and mentoring.',
  'Python (3 years) for data pipelines with Apache Kafka and Spark.',
];

/** A resume of about `pages` pages: the lines above, repeated with some noise. */
const resumeText = (index: number, pages = 2): string =>
  Array.from(
    { length: pages * 30 },
    (_, line) => `${LINES[(index + line) % LINES.length]} Project ${index}-${line}.`,
  ).join('\n');

const pdfOf = async (text: string): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines = text.split('\n');
  for (let start = 0; start < lines.length; start += 45) {
    const page = pdf.addPage();
    lines.slice(start, start + 45).forEach((line, row) => {
      page.drawText(line, { x: 40, y: 800 - row * 16, size: 10, font });
    });
  }
  return pdf.save();
};

export const measureExtraction = async (actor: Principal, { documents = 20, texts = 200 } = {}) => {
  const { loadTaxonomy } = await import('@assist-ten/core/skills/taxonomy');
  const { extractMany } = await import('@assist-ten/core/extraction/local-extractor');
  const taxonomy = await loadTaxonomy(actor.tenantId);
  const corpus = Array.from({ length: texts }, (_, index) => resumeText(index));
  extractMany(corpus.slice(0, 10), taxonomy);
  const cpuStarted = performance.now();
  extractMany(corpus, taxonomy);
  const extractorDocumentsPerMinute = (texts / (performance.now() - cpuStarted)) * 60_000;

  const { createCandidate } = await import('@assist-ten/core/candidates/candidate.service');
  const { requestUpload } = await import('@assist-ten/core/documents/document.service');
  const { DocumentEntity } = await import('@assist-ten/core/documents/document.entity');
  const { processUpload } = await import('@assist-ten/core/documents/processing');
  const { analyseDocument } = await import('@assist-ten/core/documents/analysis');
  const { s3Client, bucketName } = await import('@assist-ten/core/shared/files');
  const uploads = [];
  for (let index = 0; index < documents; index++) {
    const bytes = await pdfOf(resumeText(index));
    const candidate = await createCandidate(actor, {
      fullName: `Bench Candidate ${index}`,
      email: `bench-${Date.now().toString(36)}-${index}@example.test`,
    });
    const { document } = await requestUpload(actor, {
      kind: 'resume',
      ownerId: candidate.id,
      fileName: `resume-${index}.pdf`,
      contentType: 'application/pdf',
      contentLength: bytes.length,
    });
    const { data: item } = await DocumentEntity.get({ tenantId: actor.tenantId, documentId: document.id }).go();
    if (!item) throw new Error(`document ${document.id} vanished`);
    uploads.push({ key: item.objectKey, bytes });
  }
  // The processor is fed the events directly; the objects go to a key the local relay routes too,
  // so the documents consumer may take some first: either way each document is processed once.
  const pipelineStarted = performance.now();
  for (const { key, bytes } of uploads) {
    await s3Client.send(new PutObjectCommand({ Bucket: bucketName(), Key: key, Body: bytes }));
    await processUpload(
      {
        version: '0',
        id: crypto.randomUUID(),
        'detail-type': 'Object Created',
        source: 'aws.s3',
        account: '000000000000',
        time: new Date().toISOString(),
        region: 'us-east-1',
        resources: [],
        detail: {
          version: '0',
          bucket: { name: bucketName() },
          object: { key, size: bytes.length, etag: '' },
          'request-id': 'bench',
          requester: 'bench',
          'source-ip-address': '127.0.0.1',
          reason: 'PutObject',
        },
      },
      { analyse: analyseDocument, receiveCount: 1, maxReceiveCount: 3 },
    );
  }
  const pipelineDocumentsPerMinute = (documents / (performance.now() - pipelineStarted)) * 60_000;
  return { extractorDocumentsPerMinute, pipelineDocumentsPerMinute, documents } satisfies ExtractionThroughput;
};

/** GET .../requisitions/{id}/matches over HTTP with `matches` ranked applicants: the first page, and one above a score. */
export const measureRanking = async (
  baseUrl: string,
  token: string,
  actor: Principal,
  { matches = 500, iterations = 200, warmup = 20 } = {},
): Promise<RankingLatency> => {
  const { createRequisition } = await import('@assist-ten/core/requisitions/requisition.service');
  const { CandidateEntity } = await import('@assist-ten/core/candidates/candidate.entity');
  const { upsertMatch } = await import('@assist-ten/core/matching/skill-match.service');
  const { newId } = await import('@assist-ten/core/shared/ids');
  const requisition = await createRequisition(actor, { title: 'Bench ranking' });
  for (let index = 0; index < matches; index += 25) {
    const batch = Array.from({ length: Math.min(25, matches - index) }, () => newId('candidate'));
    await CandidateEntity.put(
      batch.map((candidateId) => ({
        tenantId: actor.tenantId,
        candidateId,
        fullName: 'Ranked Candidate',
        emailEncrypted: 'v1.bench',
        emailIndex: candidateId,
        wrappedKey: 'bench',
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })),
    ).go();
    await Promise.all(
      batch.map((candidateId, offset) =>
        upsertMatch({
          tenantId: actor.tenantId,
          requisitionId: requisition.id,
          candidateId,
          result: {
            score: (index + offset) % 101,
            breakdown: [],
            explanation: 'Bench match.',
            requiredMet: 0,
            requiredTotal: 0,
          },
          extractorVersion: 'bench',
          requisitionVersion: 1,
        }),
      ),
    );
  }
  const time = async (path: string): Promise<Summary> => {
    const samples: number[] = [];
    for (let i = 0; i < warmup + iterations; i++) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
      if (i >= warmup) samples.push(performance.now() - started);
    }
    return summarise(samples);
  };
  const base = `/api/v1/recruiter/requisitions/${requisition.id}/matches`;
  return { matches, firstPage: await time(`${base}?limit=25`), filtered: await time(`${base}?limit=25&minScore=80`) };
};
