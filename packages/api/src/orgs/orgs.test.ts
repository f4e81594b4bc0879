import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, memberWithRole, type TestApp } from '../testing/harness.ts';

let t: TestApp;
afterEach(() => t?.close());

describe('organisations', () => {
  it('lets a person belong to several organisations and pick one with X-Flowdeck-Org', async () => {
    t = createTestApp();
    const ada = await t.signup('Ada', 'Brand A');
    const second = await t.call('POST', '/api/v1/organizations', { as: ada, body: { name: 'Client B' } });
    expect(second.status).toBe(201);
    expect(second.body.role).toBe('owner');
    const list = await t.call('GET', '/api/v1/organizations', { as: ada });
    expect(list.body.items.map((o: { name: string }) => o.name)).toEqual(['Brand A', 'Client B']);

    const { 'x-flowdeck-org': _, ...noOrg } = ada.headers;
    const byDefault = await t.call('GET', '/api/v1/organization', { headers: noOrg });
    expect(byDefault.body.name).toBe('Brand A');
    const chosen = await t.call('GET', '/api/v1/organization', {
      headers: { ...noOrg, 'x-flowdeck-org': second.body.id },
    });
    expect(chosen.body.name).toBe('Client B');
    // teams are per organisation
    await t.call('POST', '/api/v1/teams', {
      headers: { ...noOrg, 'x-flowdeck-org': second.body.id },
      body: { name: 'B team' },
    });
    const aTeams = await t.call('GET', '/api/v1/teams', { as: ada });
    expect(aTeams.body.items).toEqual([]);
  });

  it('renames and sets retention (admin), and only the owner deletes', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const admin = await memberWithRole(t, owner, 'admin');
    const patched = await t.call('PATCH', '/api/v1/organization', {
      as: admin,
      body: { name: 'Acme Media', retention: { maxAgeDays: 30, maxRuns: 1000 } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Acme Media', retention: { maxAgeDays: 30, maxRuns: 1000 } });
    expect((await t.call('DELETE', '/api/v1/organization', { as: admin })).status).toBe(403);
    expect((await t.call('DELETE', '/api/v1/organization', { as: owner })).status).toBe(204);
    expect((await t.call('GET', '/api/v1/organization', { as: owner })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/organization', { as: admin })).status).toBe(404);
  });
});

describe('invitations', () => {
  it('turns a link into a membership with the invited role, once', async () => {
    t = createTestApp({ publicUrl: 'https://flowdeck.example' });
    const owner = await t.signup();
    const inv = await t.call('POST', '/api/v1/invitations', { as: owner, body: { role: 'editor' } });
    expect(inv.status).toBe(201);
    expect(inv.body.url).toBe(`https://flowdeck.example/invite/${inv.body.token}`);
    const listed = await t.call('GET', '/api/v1/invitations', { as: owner });
    expect(listed.body.items[0]).toMatchObject({ id: inv.body.id, status: 'pending' });
    expect(listed.text).not.toContain(inv.body.token);

    const bob = await t.signup('Bob', 'Bob Co');
    const accepted = await t.call('POST', '/api/v1/invitations/accept', {
      as: bob,
      body: { token: inv.body.token },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: owner.orgId, role: 'editor' });
    const members = await t.call('GET', '/api/v1/members', { as: owner });
    expect(members.body.items.find((m: { userId: string }) => m.userId === bob.userId).role).toBe('editor');

    const carol = await t.signup('Carol', 'Carol Co');
    const reused = await t.call('POST', '/api/v1/invitations/accept', {
      as: carol,
      body: { token: inv.body.token },
    });
    expect(reused.status).toBe(404);
  });

  it('refuses revoked, expired and wrong-email invitations, and inviting above your role', async () => {
    t = createTestApp({ invitationTtlMs: 60_000 });
    const owner = await t.signup();
    const bob = await t.signup('Bob', 'Bob Co');
    const revoked = await t.call('POST', '/api/v1/invitations', { as: owner, body: { role: 'viewer' } });
    expect((await t.call('DELETE', `/api/v1/invitations/${revoked.body.id}`, { as: owner })).status).toBe(
      204,
    );
    expect(
      (await t.call('POST', '/api/v1/invitations/accept', { as: bob, body: { token: revoked.body.token } }))
        .status,
    ).toBe(404);

    const expiring = await t.call('POST', '/api/v1/invitations', { as: owner, body: { role: 'viewer' } });
    t.clock.advance(60_001);
    expect(
      (await t.call('POST', '/api/v1/invitations/accept', { as: bob, body: { token: expiring.body.token } }))
        .status,
    ).toBe(404);

    const forCarol = await t.call('POST', '/api/v1/invitations', {
      as: owner,
      body: { role: 'viewer', email: 'carol@example.com' },
    });
    expect(
      (await t.call('POST', '/api/v1/invitations/accept', { as: bob, body: { token: forCarol.body.token } }))
        .status,
    ).toBe(403);

    const admin = await memberWithRole(t, owner, 'admin');
    expect((await t.call('POST', '/api/v1/invitations', { as: admin, body: { role: 'owner' } })).status).toBe(
      403,
    );
    expect((await t.call('POST', '/api/v1/invitations', { as: admin, body: { role: 'admin' } })).status).toBe(
      201,
    );
  });
});

describe('members', () => {
  it('keeps at least one owner and never lets anyone act above their role', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const admin = await memberWithRole(t, owner, 'admin');
    const editor = await memberWithRole(t, owner, 'editor');
    expect(
      (await t.call('PATCH', `/api/v1/members/${owner.userId}`, { as: owner, body: { role: 'admin' } }))
        .status,
    ).toBe(409);
    expect((await t.call('DELETE', `/api/v1/members/${owner.userId}`, { as: owner })).status).toBe(409);
    expect(
      (await t.call('PATCH', `/api/v1/members/${owner.userId}`, { as: admin, body: { role: 'viewer' } }))
        .status,
    ).toBe(403);
    expect(
      (await t.call('PATCH', `/api/v1/members/${editor.userId}`, { as: admin, body: { role: 'owner' } }))
        .status,
    ).toBe(403);
    const promoted = await t.call('PATCH', `/api/v1/members/${editor.userId}`, {
      as: admin,
      body: { role: 'viewer' },
    });
    expect(promoted.body.role).toBe('viewer');
    // a second owner makes the first one demotable
    await t.call('PATCH', `/api/v1/members/${admin.userId}`, { as: owner, body: { role: 'owner' } });
    expect(
      (await t.call('PATCH', `/api/v1/members/${owner.userId}`, { as: owner, body: { role: 'admin' } }))
        .status,
    ).toBe(200);
    expect((await t.call('DELETE', `/api/v1/members/${editor.userId}`, { as: admin })).status).toBe(204);
    expect((await t.call('GET', '/api/v1/teams', { as: editor })).status).toBe(404);
  });
});

describe('teams', () => {
  it('creates, renames, fills and deletes a team', async () => {
    t = createTestApp();
    const owner = await t.signup();
    const editor = await memberWithRole(t, owner, 'editor');
    const team = await t.call('POST', '/api/v1/teams', {
      as: owner,
      body: { name: 'Social', description: 'Posts' },
    });
    expect(team.status).toBe(201);
    const id = team.body.id;
    expect(
      (await t.call('PATCH', `/api/v1/teams/${id}`, { as: owner, body: { name: 'Social media' } })).body.name,
    ).toBe('Social media');
    const added = await t.call('PUT', `/api/v1/teams/${id}/members/${editor.userId}`, { as: owner });
    expect(added.body.memberIds).toEqual([editor.userId]);
    const stranger = await t.signup('Stranger', 'Elsewhere');
    expect(
      (await t.call('PUT', `/api/v1/teams/${id}/members/${stranger.userId}`, { as: owner })).status,
    ).toBe(404);
    expect(
      (await t.call('DELETE', `/api/v1/teams/${id}/members/${editor.userId}`, { as: owner })).status,
    ).toBe(204);
    expect((await t.call('GET', `/api/v1/teams/${id}`, { as: editor })).body.memberIds).toEqual([]);
    expect((await t.call('DELETE', `/api/v1/teams/${id}`, { as: owner })).status).toBe(204);
    expect((await t.call('GET', `/api/v1/teams/${id}`, { as: owner })).status).toBe(404);
  });
});
