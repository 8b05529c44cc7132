import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillTemplate } from './reply-templates.ts';

describe('fillTemplate', () => {
  it('fills known placeholders, with or without spaces, and leaves unknown marks visible', () => {
    assert.equal(fillTemplate('Re {{reference}}: {{ requester_name }} {{nope}}', { reference: 'CR-2026-000001', requester_name: 'Ana' }), 'Re CR-2026-000001: Ana {{nope}}');
  });
  it('does not treat values as templates again', () => {
    assert.equal(fillTemplate('{{a}}{{b}}', { a: '{{b}}', b: 'x' }), '{{b}}x');
  });
});
