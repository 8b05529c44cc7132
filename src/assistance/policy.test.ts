import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES } from '../auth/permissions.ts';
import type { StaffSession } from '../auth/sessions.ts';
import { ForbiddenError } from '../errors.ts';
import { assertCanSeeCases, assertCanWorkOnCases, canSeeCases, canWorkOnCases } from './policy.ts';

const staff = (role: StaffSession['role']): StaffSession => ({ sessionId: 1, userId: 1, email: `${role}@staff.example`, displayName: null, role, csrfToken: 'x', createdAt: new Date(), steppedUpAt: null });

describe('assistance policy', () => {
  it('lets only counsel and administrators see and work on cases', () => {
    const allowed = ROLES.filter((role) => canSeeCases(staff(role)));
    assert.deepEqual(allowed, ['admin', 'counsel']);
    assert.deepEqual(ROLES.filter((role) => canWorkOnCases(staff(role))), ['admin', 'counsel']);
    for (const role of ROLES) {
      if (allowed.includes(role)) continue;
      assert.throws(() => assertCanSeeCases(staff(role)), ForbiddenError);
      assert.throws(() => assertCanWorkOnCases(staff(role)), ForbiddenError);
    }
  });
});
