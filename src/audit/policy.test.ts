import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES, type Role } from '../auth/permissions.ts';
import type { StaffSession } from '../auth/sessions.ts';
import { canReadAuditTrail, canSeeEventPayload, isRestrictedEvent } from './policy.ts';

function staff(role: Role): StaffSession {
  return { sessionId: 1, userId: 1, email: `${role}@staff.example`, displayName: null, role, csrfToken: 'x', createdAt: new Date(), steppedUpAt: null };
}

describe('the audit policy', () => {
  it('lets admins and auditors read the audit trail, and no other role', () => {
    assert.deepEqual(ROLES.filter((role) => canReadAuditTrail(staff(role))), ['admin', 'auditor']);
  });

  it('restricts events about user-data requests and assistance cases, and no others', () => {
    assert.equal(isRestrictedEvent({ subjectType: 'request', requestKind: 'user_data' }), true);
    assert.equal(isRestrictedEvent({ subjectType: 'outbox', requestKind: 'user_data' }), true);
    assert.equal(isRestrictedEvent({ subjectType: 'assistance_case', requestKind: null }), true);
    assert.equal(isRestrictedEvent({ subjectType: 'request', requestKind: 'copyright' }), false);
    assert.equal(isRestrictedEvent({ subjectType: 'mail_quarantine', requestKind: null }), false);
    assert.equal(isRestrictedEvent({ subjectType: 'api_token', requestKind: null }), false);
  });

  it('shows the payload of a user-data event to admins and counsel, never to the auditor', () => {
    const event = { subjectType: 'request', requestKind: 'user_data' as const };
    assert.deepEqual(ROLES.filter((role) => canSeeEventPayload(staff(role), event)), ['admin', 'counsel']);
  });

  it('shows the payload of an assistance case only to roles that read assistance cases', () => {
    const event = { subjectType: 'assistance_case', requestKind: null };
    assert.deepEqual(ROLES.filter((role) => canSeeEventPayload(staff(role), event)), ['admin', 'counsel']);
  });

  it('shows the payload of every other event to every role that sees the event', () => {
    for (const event of [
      { subjectType: 'request', requestKind: 'copyright' as const },
      { subjectType: 'request', requestKind: 'emergency' as const },
      { subjectType: 'mail_quarantine', requestKind: null },
      { subjectType: 'api_token', requestKind: null },
    ]) {
      assert.deepEqual(ROLES.filter((role) => canSeeEventPayload(staff(role), event)), [...ROLES], JSON.stringify(event));
    }
  });
});
