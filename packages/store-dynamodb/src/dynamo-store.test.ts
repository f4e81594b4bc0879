import { describeStoreContract } from '@flowdeck/engine/store-contract';
import { useDynamoLocal } from '../test/dynamo-local.ts';
import { createDynamoStore } from './dynamo-store.ts';

const local = useDynamoLocal();

describeStoreContract('DynamoDB store', async () =>
  createDynamoStore({ client: local.client(), tableName: await local.freshTable() }),
);
