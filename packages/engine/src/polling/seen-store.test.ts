import { seenStoreContract } from './seen-store-contract.ts';
import { createMemorySeenStore } from './seen-store.ts';

seenStoreContract('memory', () => createMemorySeenStore());
