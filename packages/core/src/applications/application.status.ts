import type { TransitionTable } from '../shared/state-machine.ts';
import { type ApplicationStage, OPEN_STAGES, type OpenStage } from './application.model.ts';

const EXITS = ['rejected', 'withdrawn'] as const;

/**
 * From an open stage an application may move forward to any later open stage (a strong
 * candidate can skip screening), back by exactly one (to correct a click), or leave the
 * pipeline as rejected or withdrawn. Only an offer leads to a hire, so every hire passed
 * through an offer and the funnel's offer -> hired conversion means what it says.
 */
const movesFrom = (stage: OpenStage): ApplicationStage[] => {
  const at = OPEN_STAGES.indexOf(stage);
  const previous = at > 0 ? [OPEN_STAGES[at - 1] as OpenStage] : [];
  return [...OPEN_STAGES.slice(at + 1), ...(stage === 'offer' ? ['hired' as const] : []), ...previous, ...EXITS];
};

/** Hired, rejected and withdrawn are final: a changed mind is a new application. */
export const APPLICATION_TRANSITIONS: TransitionTable<ApplicationStage> = {
  applied: movesFrom('applied'),
  screening: movesFrom('screening'),
  assessment: movesFrom('assessment'),
  interview: movesFrom('interview'),
  offer: movesFrom('offer'),
  hired: [],
  rejected: [],
  withdrawn: [],
};
