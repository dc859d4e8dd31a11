import type { RiskRegister } from '@contract';
import { readAllPages } from '../kit';
import type { ProjectClient } from '../page-context';

/** One page of the register, as the paged-list helpers read it. */
export const riskPage = (d: RiskRegister) => ({ items: d.risks, next: d.next });

/** Every risk of the register, worst first: the pages read to the end, 100 a call. */
export const allRisks = (client: ProjectClient) =>
  readAllPages((cursor) => client.call('listRisks', { limit: 100, ...(cursor ? { cursor } : {}) }), riskPage);
