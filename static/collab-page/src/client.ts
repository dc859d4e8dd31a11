import type { COLLAB_PAGE_FUNCTIONS } from '@contract';
import type { BridgeClient } from '../../shared/bridge-client';

export type CollabClient = BridgeClient<typeof COLLAB_PAGE_FUNCTIONS>;
