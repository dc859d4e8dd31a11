import { HIGH_RISK_SCORE } from '../project/risks';
import { change, countBefore, type Delta, type FeedbackDimension, type ProjectRollup } from './core';

// What the project page's own records contribute: risks, action items, retrospectives' feedback.

export interface RiskContribution {
  projectKey: string;
  open: boolean;
  probability: number;
  impact: number;
}

function riskDelta(c: RiskContribution): Delta {
  if (!c.open) return { risks: { closed: 1 } };
  return {
    risks: {
      open: 1,
      high: c.probability * c.impact >= HIGH_RISK_SCORE ? 1 : 0,
      cells: { [`${c.probability}:${c.impact}`]: 1 },
    },
  };
}

export function applyRiskChange(
  rollup: ProjectRollup,
  before: RiskContribution | null,
  after: RiskContribution | null,
  at: number,
): ProjectRollup {
  return change(rollup, riskDelta, before, after, at);
}

export interface ActionContribution {
  projectKey: string;
  done: boolean;
  dueDate: string;
}

function actionDelta(c: ActionContribution): Delta {
  return { actions: c.done ? { done: 1 } : { open: 1, openDueDates: { [c.dueDate]: 1 } } };
}

export function applyActionChange(
  rollup: ProjectRollup,
  before: ActionContribution | null,
  after: ActionContribution | null,
  at: number,
): ProjectRollup {
  return change(rollup, actionDelta, before, after, at);
}

/** A retrospective's feedback form (scores 1-5 per dimension), or none. */
export interface FeedbackContribution {
  projectKey: string;
  scores: Record<FeedbackDimension, number> | null;
}

function feedbackDelta(c: FeedbackContribution): Delta {
  return c.scores ? { feedback: { forms: 1, sums: { ...c.scores } } } : {};
}

export function applyFeedbackChange(
  rollup: ProjectRollup,
  before: FeedbackContribution | null,
  after: FeedbackContribution | null,
  at: number,
): ProjectRollup {
  return change(rollup, feedbackDelta, before, after, at);
}

/** Open action items due strictly before `today`. */
export function overdueActions(rollup: ProjectRollup, today: string): number {
  return countBefore(rollup.actions.openDueDates, today);
}
