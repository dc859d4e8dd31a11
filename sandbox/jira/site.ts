import type { Database } from 'better-sqlite3';
import type { EventContext } from './events';
import type { Ctx } from './handler';
import type { JiraPermissions } from './permissions';
import type { JiraRenderer } from './render';
import type { JiraRepo } from './repo';
import type { ForgeProductEvent, JiraSandboxOptions } from './types';
import type { JiraWorkflow } from './workflow';

/** What every route module of the fake Jira site works on: its database and the services built on it. */
export interface JiraSite {
  db: Database;
  repo: JiraRepo;
  perms: JiraPermissions;
  render: JiraRenderer;
  workflow: JiraWorkflow;
  opts: JiraSandboxOptions;
}

export function eventCtx(ctx: Ctx): EventContext {
  return { atlassianId: ctx.accountId, selfGenerated: ctx.actor.kind === 'app', now: ctx.now };
}

/** Emits after the transaction committed; a failing listener must not turn a committed write into an error. */
export function emitAll(site: JiraSite, events: ForgeProductEvent[]): void {
  for (const e of events) {
    try {
      site.opts.emit(e);
    } catch (err) {
      console.error(`[jira-sandbox] event listener failed for ${e.eventType}:`, err);
    }
  }
}
