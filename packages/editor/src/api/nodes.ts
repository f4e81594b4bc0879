// The node catalog: `GET /api/v1/nodes` (docs/api.md "Node catalog").
import type { NodeTypeItem } from '../core/catalog.ts';
import { api } from './client.ts';

export const nodesApi = {
  list: async () => (await api<{ items: NodeTypeItem[] }>('GET', '/api/v1/nodes')).items,
};
