import { KvsError } from './errors';
import type { StoredItem } from './item-store';
import type { MetadataField } from './wire';

/** What `handle` answers: an HTTP status and a JSON body (empty for 204). */
export interface KvsResponse {
  status: number;
  body: string;
}

export const NO_CONTENT: KvsResponse = { status: 204, body: '' };

export function ok(body: unknown): KvsResponse {
  return { status: 200, body: JSON.stringify(body) };
}

export function errorResponse(error: KvsError): KvsResponse {
  const context = Object.keys(error.context).length > 0 ? { context: error.context } : {};
  return { status: error.status, body: JSON.stringify({ code: error.code, message: error.message, ...context }) };
}

/** Forge reports `createdAt` / `updatedAt` as epoch seconds and `expireTime` as an ISO instant. */
export function toWire(
  item: StoredItem,
  fields: readonly MetadataField[] | undefined,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const wire: Record<string, unknown> = { key: item.key, ...extra, value: JSON.parse(item.value) };
  if (fields?.includes('CREATED_AT')) wire.createdAt = Math.floor(item.createdAt / 1000);
  if (fields?.includes('UPDATED_AT')) wire.updatedAt = Math.floor(item.updatedAt / 1000);
  if (fields?.includes('EXPIRE_TIME') && item.expireAt !== null) {
    wire.expireTime = new Date(item.expireAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return wire;
}

export function itemRef(key: string, entityName: string | undefined): { key: string; entityName?: string } {
  return entityName === undefined ? { key } : { key, entityName };
}

/** A batch item's failure as the client reports it; anything but a {@link KvsError} is a bug and goes on up. */
export function asFailure(error: unknown, key: string, entityName: string | undefined): Record<string, unknown> {
  if (!(error instanceof KvsError)) throw error;
  return { ...itemRef(key, entityName), error: { code: error.code, message: error.message } };
}
