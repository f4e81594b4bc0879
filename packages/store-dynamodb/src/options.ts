import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Every adapter takes the caller's client (the caller owns it and destroys it) and the table. */
export interface DynamoTableOptions {
  client: DynamoDBClient;
  /** A table made by `createDynamoTable` (or the stack declaring the same shape). */
  tableName: string;
}

export interface DynamoTable {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

export function openTable(options: DynamoTableOptions, what: string): DynamoTable {
  if (!options?.client) throw new TypeError(`${what}: options.client (a DynamoDBClient) is required.`);
  if (typeof options.tableName !== 'string' || options.tableName === '') {
    throw new TypeError(`${what}: options.tableName is required.`);
  }
  return {
    doc: DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true },
    }),
    tableName: options.tableName,
  };
}

/** A guard for every method after close(). */
export function closable(what: string): { check(): void; close(): void } {
  let closed = false;
  return {
    check() {
      if (closed) throw new Error(`The ${what} is closed.`);
    },
    close() {
      closed = true;
    },
  };
}
