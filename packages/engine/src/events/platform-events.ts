// Events Flowdeck emits about itself, so "notify me when…" workflows are ordinary event
// triggers: source `flowdeck`, detail-type the event type, detail the fields below plus
// `organizationId`. docs/triggers.md ("Events") lists them for workflow authors.

import type { PutEventsRequestEntry } from '../patterns/index.ts';

export const PLATFORM_EVENT_SOURCE = 'flowdeck';

interface RunDetail {
  workflowId: string;
  workflowName?: string;
  /** The deployed workflow version the run used. */
  version?: number;
  executionArn: string;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601. */
  stoppedAt: string;
  durationMs: number;
}

/** The detail of each platform event type (without `organizationId`, which every detail has). */
export interface PlatformEventDetails {
  'run.succeeded': RunDetail;
  'run.failed': RunDetail & {
    /** ASL error name, e.g. `States.Timeout`, `RateLimited`. */
    error: string;
    cause?: string;
    /** The node whose failure ended the run, when known. */
    nodeId?: string;
  };
  'workflow.deployed': {
    workflowId: string;
    workflowName?: string;
    version: number;
    /** User id of whoever deployed. */
    deployedBy?: string;
    /** Trigger kinds bound by this deployment, e.g. `["schedule"]`. */
    triggers: string[];
  };
  'connection.expired': {
    connectionId: string;
    /** Connection kind, e.g. `linkedin`. */
    provider: string;
    connectionName?: string;
    /** ISO 8601. */
    expiredAt: string;
    /** Why it expired: `token_expired`, `revoked`, … */
    reason?: string;
  };
  'content.uploaded': {
    assetId: string;
    fileName: string;
    mimeType: string;
    sizeBytes: number;
    uploadedBy?: string;
  };
  'post.published': {
    network: string;
    /** The network's id of the post. */
    postId: string;
    url?: string;
    workflowId?: string;
    executionArn?: string;
    /** ISO 8601. */
    publishedAt: string;
  };
  'metric.updated': {
    network: string;
    postId: string;
    /** e.g. `impressions`, `likes`, `clicks`. */
    metric: string;
    value: number;
    previousValue?: number;
    /** ISO 8601. */
    measuredAt: string;
  };
}

export type PlatformEventType = keyof PlatformEventDetails;

export const PLATFORM_EVENT_TYPES: readonly PlatformEventType[] = [
  'run.succeeded',
  'run.failed',
  'workflow.deployed',
  'connection.expired',
  'content.uploaded',
  'post.published',
  'metric.updated',
];

export interface PlatformEventOptions {
  organizationId: string;
  /** ARNs or ids the event is about; default the run's executionArn for run events. */
  resources?: string[];
  /** The event's time; default when it is put. */
  time?: Date;
}

/** Builds the PutEvents entry for a platform event. */
export function platformEvent<T extends PlatformEventType>(
  type: T,
  detail: PlatformEventDetails[T],
  options: PlatformEventOptions,
): PutEventsRequestEntry {
  if (!PLATFORM_EVENT_TYPES.includes(type)) {
    throw new TypeError(
      `Unknown platform event type "${type}"; expected one of ${PLATFORM_EVENT_TYPES.join(', ')}.`,
    );
  }
  if (typeof options?.organizationId !== 'string' || options.organizationId === '') {
    throw new TypeError(`A platform event needs an organizationId (event "${type}").`);
  }
  const executionArn = (detail as { executionArn?: unknown }).executionArn;
  const resources =
    options.resources ?? (type.startsWith('run.') && typeof executionArn === 'string' ? [executionArn] : []);
  return {
    Source: PLATFORM_EVENT_SOURCE,
    DetailType: type,
    // organizationId first, and never overridden by a detail field of the same name.
    Detail: JSON.stringify({ ...detail, organizationId: options.organizationId }),
    Resources: resources,
    ...(options.time ? { Time: options.time } : {}),
  };
}
