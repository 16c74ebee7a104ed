import { PROCTORING_SEVERITIES, type ProctoringSeverity } from './proctoring.model.ts';

/** '0' for critical to '3' for low: the review queue's sort key, worst first. */
export const severityRank = (severity: ProctoringSeverity): string =>
  String(PROCTORING_SEVERITIES.length - 1 - PROCTORING_SEVERITIES.indexOf(severity));
