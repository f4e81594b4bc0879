import { describeStoreContract } from './contract.ts';
import { createMemoryStore } from './memory.ts';

describeStoreContract('memory store', () => createMemoryStore());
