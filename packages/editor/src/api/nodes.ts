// The node catalog: `GET /api/v1/nodes` (docs/api.md "Node catalog").
import type { NodeTypeItem } from '../core/catalog.ts';
import { api } from './client.ts';
import type { Items } from './types.ts';

export const nodesApi = {
  list: async () => (await api<Items<NodeTypeItem>>('GET', '/api/v1/nodes')).items,
};
