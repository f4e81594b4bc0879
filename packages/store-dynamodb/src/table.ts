import {
  CreateTableCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

// The one table every Flowdeck adapter shares. Keys are generic (`PK`, `SK`) with typed prefixes
// (see keys.ts); the secondary indexes are overloaded: each entity type puts its own meaning in
// `GSIn*`. docs/dynamodb.md lists every access pattern and the index that serves it.

export const INDEX = {
  /** Executions by state machine; schedules due; deliveries by bus+status; event waits by bus. */
  gsi1: 'GSI1',
  /** Executions by state machine and status. */
  gsi2: 'GSI2',
  /** Executions by status (RUNNING = recovery; all five merged = every execution). */
  gsi3: 'GSI3',
  /** Keys only: archived events by archive time (retention); poll seen-keys by recency (trim). */
  gsi4: 'GSI4',
} as const;

/** The TTL attribute (epoch seconds): DynamoDB deletes an item some time after it passes. */
export const TTL_ATTRIBUTE = 'ttl';

const stringKeys = [
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'GSI3PK',
  'GSI3SK',
  'GSI4PK',
  'GSI4SK',
];

/**
 * Creates the table with its indexes (on-demand billing) and turns TTL on; waits until it is
 * ACTIVE. For tests and for the deployment stack, which must declare the same shape.
 */
export async function createDynamoTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const gsi = (name: string, projection: 'ALL' | 'KEYS_ONLY') => ({
    IndexName: name,
    KeySchema: [
      { AttributeName: `${name}PK`, KeyType: 'HASH' as const },
      { AttributeName: `${name}SK`, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: projection },
  });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: stringKeys.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        gsi(INDEX.gsi1, 'ALL'),
        gsi(INDEX.gsi2, 'ALL'),
        gsi(INDEX.gsi3, 'ALL'),
        gsi(INDEX.gsi4, 'KEYS_ONLY'),
      ],
    }),
  );
  await waitUntilTableExists(
    { client, maxWaitTime: 120, minDelay: 1, maxDelay: 5 },
    { TableName: tableName },
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    }),
  );
}
