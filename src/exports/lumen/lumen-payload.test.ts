import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildLumenNotice, type LumenNoticeInput } from './lumen-payload.ts';

// The fields of Lumen's `POST /notices`, as its API documentation lists them.
const NOTICE_FIELDS = new Set([
  'title', 'type', 'subject', 'body', 'date_sent', 'language', 'date_received', 'source', 'topic_ids', 'tag_list', 'regulation_list',
  'jurisdiction_list', 'action_taken', 'url_count', 'request_type', 'mark_registration_number', 'works_attributes', 'entity_notice_roles_attributes',
]);
const TYPES = ['CourtOrder', 'DataProtection', 'Defamation', 'DMCA', 'LawEnforcementRequest', 'Other', 'PrivateInformation', 'Trademark'];
const ROLES = ['principal', 'agent', 'recipient', 'sender', 'target', 'issuing_court', 'plaintiff', 'defendant', 'submitter'];
const ENTITY_FIELDS = new Set(['name', 'kind', 'address_line_1', 'address_line_2', 'city', 'state', 'zip', 'country_code', 'phone', 'email', 'url']);

const base = (): LumenNoticeInput => ({
  reference: 'CR-2026-000042',
  kind: 'copyright',
  category: null,
  requesterType: 'lawyer',
  title: 'Copyright notice about a photograph',
  body: 'The notice says the photograph [redacted] was taken without a licence.',
  dateSent: new Date('2026-03-01T09:00:00Z'),
  dateReceived: new Date('2026-03-02T10:30:00Z'),
  jurisdictions: ['US', 'DE'],
  works: [{ description: 'A photograph', copyrightedUrls: ['https://photos.example/original.jpg'], infringingUrls: ['https://commons.wikimedia.org/wiki/File:Example.jpg'] }],
  parties: [
    { role: 'sender', kind: 'individual', name: 'Jane Q. Sender', countryCode: 'de' },
    { role: 'principal', kind: 'organization', name: 'Example Pictures GmbH', countryCode: 'DE' },
    { role: 'recipient', kind: 'organization', name: 'Free Knowledge Foundation', countryCode: 'US' },
  ],
  outcome: 'partially_granted',
});

describe('Lumen notice payload', () => {
  it('uses only the fields Lumen documents, with its types, roles and entity fields', () => {
    const { notice } = buildLumenNotice(base());
    for (const field of Object.keys(notice)) assert.ok(NOTICE_FIELDS.has(field), `notice.${field}`);
    assert.ok(TYPES.includes(notice.type));
    assert.equal(notice.type, 'DMCA');
    assert.equal(notice.title, 'Copyright notice about a photograph');
    assert.equal(notice.date_sent, '2026-03-01T09:00:00.000Z');
    assert.equal(notice.date_received, '2026-03-02T10:30:00.000Z');
    assert.equal(notice.jurisdiction_list, 'US, DE');
    assert.equal(notice.action_taken, 'Partial');
    assert.deepEqual(notice.works_attributes[0]!.infringing_urls_attributes, [{ url: 'https://commons.wikimedia.org/wiki/File:Example.jpg' }]);
    assert.deepEqual(notice.works_attributes[0]!.copyrighted_urls_attributes, [{ url: 'https://photos.example/original.jpg' }]);
    for (const role of notice.entity_notice_roles_attributes) {
      assert.ok(ROLES.includes(role.name));
      for (const field of Object.keys(role.entity_attributes)) assert.ok(ENTITY_FIELDS.has(field), field);
    }
  });

  it('sends a private individual as role and country only, and organisations by name', () => {
    const payload = buildLumenNotice(base());
    assert.ok(!JSON.stringify(payload).includes('Jane'), 'no name of the individual anywhere');
    const [sender, principal] = payload.notice.entity_notice_roles_attributes;
    assert.deepEqual(sender, { name: 'sender', entity_attributes: { kind: 'individual', country_code: 'DE' } });
    assert.equal(principal!.entity_attributes.name, 'Example Pictures GmbH');
  });

  it('maps our kinds and grounds to Lumen types, with the law-enforcement request type', () => {
    const type = (patch: Partial<LumenNoticeInput>) => buildLumenNotice({ ...base(), ...patch }).notice;
    assert.equal(type({ kind: 'content_alteration', category: 'defamation' }).type, 'Defamation');
    assert.equal(type({ kind: 'content_alteration', category: 'erasure' }).type, 'DataProtection');
    assert.equal(type({ kind: 'content_alteration', category: 'privacy' }).type, 'PrivateInformation');
    assert.equal(type({ kind: 'content_alteration', category: 'trademark' }).type, 'Trademark');
    assert.equal(type({ kind: 'content_alteration', category: 'unlawful', requesterType: 'court', lawsCited: ['Code pénal art. 1'] }).type, 'CourtOrder');
    assert.equal(type({ kind: 'content_alteration', category: 'unlawful', requesterType: 'court', lawsCited: ['Code pénal art. 1'] }).regulation_list, 'Code pénal art. 1');
    assert.equal(type({ kind: 'content_alteration', category: 'other' }).type, 'Other');
    const subpoena = type({ kind: 'user_data', category: 'civil_subpoena', requesterType: 'law_enforcement' });
    assert.equal(subpoena.type, 'LawEnforcementRequest');
    assert.equal(subpoena.request_type, 'Civil Subpoena');
    assert.equal(type({ kind: 'preservation', category: null }).request_type, 'Records Preservation');
    assert.equal(type({ kind: 'content_alteration', category: 'defamation' }).request_type, undefined);
  });
});
