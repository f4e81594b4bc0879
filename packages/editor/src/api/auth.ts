import { api } from './client.ts';
import type { Organization, Session } from './types.ts';

export const auth = {
  signup: (body: { email: string; password: string; name: string; organization: string }) =>
    api<Session>('POST', '/api/v1/auth/signup', body),
  login: (body: { email: string; password: string }) => api<Session>('POST', '/api/v1/auth/login', body),
  logout: () => api<void>('POST', '/api/v1/auth/logout'),
  me: () => api<Session>('GET', '/api/v1/auth/me'),
  createOrganization: (name: string) => api<Organization>('POST', '/api/v1/organizations', { name }),
};
