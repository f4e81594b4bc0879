import { createMemoryScheduleStore } from './memory-store.ts';
import { scheduleStoreContract } from './store-contract.ts';

scheduleStoreContract('memory', () => createMemoryScheduleStore());
