import type { TransactionOp } from './ports';
import { ENTITY, KEY } from './storage-keys';
import type { AuditDraft } from '../../domain/escalations/escalation';

export type AuditKind =
  | 'dependency.created'
  | 'dependency.cancelled'
  | 'dependency.changed'
  | 'dependency.response-late'
  | 'escalation.raised'
  | 'escalation.notified'
  | AuditDraft['kind'];

export interface AuditEventRecord {
  subjectId: string;
  at: number;
  kind: AuditKind;
  /** Null when the platform acted (an event, a schedule, a web request). */
  actorId: string | null;
  detail: Record<string, unknown>;
}

/** An append-only audit record as a transaction operation; `suffix` makes keys unique within one millisecond. */
export function auditOp(event: AuditEventRecord, suffix: string): TransactionOp {
  return {
    kind: 'set',
    entity: ENTITY.auditEvent,
    key: KEY.auditEvent(event.subjectId, event.at, suffix),
    value: { ...event, actorId: event.actorId ?? '' },
  };
}
