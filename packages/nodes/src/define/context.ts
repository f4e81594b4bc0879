// What a node's `run(ctx)` receives.

/** Structured log lines; the host decides where they go (run inspector, pino, …). */
export interface NodeLogger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** `fetch` with Flowdeck's guard against private and loopback addresses (see http/guarded-fetch.ts). */
export type HttpClient = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** The decrypted credentials of the account chosen for the node (e.g. an OAuth access token). */
export type NodeConnection = Record<string, unknown>;

export interface NodeContext<Props> {
  /** The params with every `{% %}` expression resolved and defaults applied. */
  props: Props;
  connection?: NodeConnection;
  http: HttpClient;
  /** Aborted when the state times out or the run is stopped. */
  signal: AbortSignal;
  log: NodeLogger;
  nodeId: string;
  executionId: string;
}

export const silentLogger: NodeLogger = { debug() {}, info() {}, warn() {}, error() {} };
