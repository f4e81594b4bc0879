// For tests: serves an app on a loopback port through @hono/node-server, as `npm start` does, so
// a test can check what reaches the wire (the in-process `app.request` skips that layer).
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { FlowdeckApp } from '../app.ts';

export async function serveOnSocket(app: FlowdeckApp): Promise<{ base: string; close(): Promise<void> }> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
