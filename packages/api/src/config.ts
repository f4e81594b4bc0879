// Operator settings, read once from the environment. Tests build their own `AppConfig`.

export interface RateLimit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

export interface AppConfig {
  port: number;
  /** Holds the SQLite file and blobs. */
  dataDir: string;
  /** Request bodies above this many bytes answer 413. */
  bodyLimitBytes: number;
  sessionTtlMs: number;
  invitationTtlMs: number;
  /** scrypt cost parameter N (a power of two). Tests lower it; stored hashes keep their own N. */
  scryptCost: number;
  loginRateLimit: RateLimit;
  apiKeyRateLimit: RateLimit;
  /** Trust `X-Forwarded-For` / `X-Forwarded-Proto` (set when behind a reverse proxy). */
  trustProxy: boolean;
  /** Base URL used to build links (invitations, webhooks); defaults to the request's origin. */
  publicUrl?: string;
  /** The built editor to serve at `/` (absent or missing: API only). */
  editorDir?: string;
  /** How long a sync webhook waits for its run before answering 202. */
  webhookSyncTimeoutMs: number;
}

export const defaultConfig: AppConfig = {
  port: 3000,
  dataDir: './.flowdeck',
  bodyLimitBytes: 2 * 1024 * 1024,
  sessionTtlMs: 14 * 24 * 3600_000,
  invitationTtlMs: 7 * 24 * 3600_000,
  scryptCost: 16384,
  loginRateLimit: { max: 10, windowMs: 15 * 60_000 },
  apiKeyRateLimit: { max: 1200, windowMs: 60_000 },
  trustProxy: false,
  webhookSyncTimeoutMs: 30_000,
};

/** Reads `PORT`, `FLOWDECK_DATA_DIR`, `FLOWDECK_PUBLIC_URL`, `FLOWDECK_TRUST_PROXY`, `FLOWDECK_BODY_LIMIT`,
 * `FLOWDECK_EDITOR_DIR` (default `packages/editor/dist`, relative to the working directory). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const int = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
    return value;
  };
  return {
    ...defaultConfig,
    port: int('PORT', defaultConfig.port),
    dataDir: env.FLOWDECK_DATA_DIR || defaultConfig.dataDir,
    bodyLimitBytes: int('FLOWDECK_BODY_LIMIT', defaultConfig.bodyLimitBytes),
    trustProxy: env.FLOWDECK_TRUST_PROXY === 'true',
    publicUrl: env.FLOWDECK_PUBLIC_URL || undefined,
    editorDir: env.FLOWDECK_EDITOR_DIR || 'packages/editor/dist',
  };
}
