import { NO_RACI_DEPARTMENTS, type RaciView, type SetRaciInputSchema } from '../../contract';
import type { z } from 'zod';
import {
  newlyConsulted,
  normalizeDepartments,
  normalizeRaciEdit,
  raciParticipants,
  raciVersion,
} from '../../domain/raci/raci';
import type { ActingContext, Deps, JiraIssue, JiraUser } from '../kernel/ports';
import { AppError, isAppError } from '../kernel/errors';
import { withLease } from '../kernel/lease';
import { readPeopleIndex } from '../kernel/people-index';
import { raciView } from './raci-view';
import { consultedNotification } from './consulted-notification';
import { syncIssue } from '../kernel/sync-issue';
import { KEY } from '../kernel/storage-keys';
import { notifyOnce } from '../kernel/outbox-notify';

/** The consulted note of one save is sent once; its marker need only outlive the outbox's retries. */
const CONSULTED_MARKER_TTL_SECONDS = 24 * 3600;

/** Long enough for one read and one write to Jira; a lease left by a crashed invocation expires by itself. */
const LEASE_SECONDS = 30;

const list = (ids: readonly string[]) => ids.join(', ');

/**
 * Changes an issue's RACI (people and explicit departments) for the acting user, with the rules of
 * domain/raci, or changes nothing.
 *
 * Why a lease plus a fingerprint, and not a KVS record with a version: the RACI lives in Jira's fields, and
 * Jira has no conditional write. A version kept beside it in KVS would drift as soon as anyone edits the
 * fields in Jira itself (the issue view, bulk edit, Automation), and would cost the panel a KVS read on every
 * open. Instead the version IS the data: a fingerprint of the roles and department assignments as read
 * (domain `raciVersion`), which the panel already has from the issue it read. To make "compare, then write"
 * atomic among the app's own writers, each edit first takes a short per-issue lease (a KVS key written only
 * if absent), then reads the issue afresh, compares, writes, and gives the lease back. Two concurrent edits
 * cannot both hold the lease; the second either finds it taken or, once it is free, reads the first's result
 * and no longer matches: either way CONFLICT, and the panel reloads. Edits made in Jira itself also change
 * the fingerprint, so the app never overwrites them unseen (only an edit in Jira landing in the instant
 * between our read and our write can slip through; Jira offers nothing to close that).
 *
 * Checks, all before anything is written: the rules (one Accountable), the people exist in Jira as active
 * users (one bulk lookup, as the user), the departments exist in the directory, the user may edit the issue
 * (editmeta on the fresh read, and Jira checks again on the write, which is made as the user).
 */
export async function setRaci(
  deps: Deps,
  ctx: ActingContext,
  target: { issueId: string; issueKey: string },
  input: z.output<typeof SetRaciInputSchema>,
): Promise<RaciView> {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'forbidden.edit');
  const edit = normalizeRaciEdit(input);
  if (!edit.ok) {
    const found = await deps.jira.getUsers('user', edit.problem.accountIds);
    const names = edit.problem.accountIds.map((id) => found.find((u) => u.accountId === id)?.displayName ?? id);
    throw new AppError(
      'VALIDATION',
      'raci.validation.twoAccountables',
      { count: names.length, names: list(names) },
      'accountable',
    );
  }
  const raci = edit.raci;
  const departments = normalizeDepartments(input.departments);

  const [users, index] = await Promise.all([
    deps.jira.getUsers('user', raciParticipants(raci)),
    readPeopleIndex(deps, raciParticipants(raci)),
  ]);
  const active = new Map(users.filter((u) => u.active).map((u) => [u.accountId, u]));
  const unknown = raciParticipants(raci).filter((id) => !active.has(id));
  if (unknown.length > 0) throw new AppError('VALIDATION', 'raci.validation.unknownUsers', { ids: list(unknown) });
  const known = new Set(index.departments.map((d) => d.id));
  const unknownDepts = [...new Set(Object.values(departments).flat())].filter((id) => !known.has(id));
  if (unknownDepts.length > 0)
    throw new AppError('VALIDATION', 'raci.validation.unknownDepartments', { ids: list(unknownDepts) }, 'departments');

  const { issueKey } = target;
  const lease = {
    key: KEY.raciEditLease(target.issueId),
    ttlSeconds: LEASE_SECONDS,
    holder: ctx.accountId,
    busy: new AppError('CONFLICT', 'raci.conflict.busy'),
  };
  const current = await withLease(deps, lease, async () => {
    const read = await deps.jira.getIssue('user', issueKey, { withEditMeta: true });
    if (!read.editable) throw new AppError('FORBIDDEN', 'forbidden.edit');
    if (raciVersion(read.raci, read.raciDepartments ?? NO_RACI_DEPARTMENTS) !== input.expectedVersion) {
      throw new AppError('CONFLICT', 'raci.conflict.edited');
    }
    await deps.jira.setRaci('user', read.key, raci, departments);
    return read;
  });
  // Jira does not deliver the app's own edits to its `ignoreSelf` trigger, so what the trigger would do for
  // an edit made in Jira happens here: the project's rollup follows (RACI coverage), and the people newly
  // Consulted hear of it, once, through Jira's notify API.
  const after: JiraIssue = {
    ...current,
    raci: {
      responsible: [...raci.responsible],
      accountable: raci.accountable,
      consulted: [...raci.consulted],
      informed: [...raci.informed],
    },
    raciDepartments: departments,
  };
  await syncIssue(deps, current.id, { issue: after });
  const consulted = newlyConsulted(current.raci, raci, ctx.accountId);
  if (consulted.length > 0) {
    // Through the outbox: a 429 or a crash retries it through the queue, and it goes out once. The edit is
    // saved; a note that cannot even be queued must not turn it into an error the user would retry.
    const marker = KEY.notified(current.id, `raci-${raciVersion(raci, departments)}-${deps.clock.now()}`, 'consulted');
    await notifyOnce(
      deps,
      marker,
      CONSULTED_MARKER_TTL_SECONDS,
      current.key,
      consultedNotification(after, consulted),
    ).catch((e: unknown) =>
      deps.log.warn('consulted notification not sent', {
        issueKey: current.key,
        error: isAppError(e) ? e.code : String(e),
      }),
    );
  }
  return raciView(raci, departments, new Map<string, JiraUser>(users.map((u) => [u.accountId, u])), index);
}
