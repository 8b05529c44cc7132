import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHelpForm } from './help-form.ts';

const complete = {
  threat_kind: 'lawsuit',
  description: 'A company sued me for defamation over an article I edited.',
  country: 'BR',
  authority: '3ª Vara Cível de São Paulo',
  project: 'https://pt.m.wikipedia.org/wiki/Exemplo',
  role: 'editor',
  court_case: 'yes',
  court_deadline: '2026-12-20',
  urls: 'https://pt.wikipedia.org/wiki/Exemplo\n\n https://pt.wikipedia.org/w/index.php?oldid=1 ',
  request_reference: 'cr-2026-000004',
  name: 'Ipê',
  email: 'ipe@example.org',
  language: 'es',
  consent: 'yes',
};
const now = new Date('2026-12-01T10:00:00Z');

describe('readHelpForm', () => {
  it('turns a complete form into a help request', () => {
    const read = readHelpForm(complete, now);
    assert.ok(read.ok);
    assert.equal(read.help.project, 'pt.wikipedia.org');
    assert.equal(read.help.courtCase, true);
    assert.equal(read.help.courtDeadline, '2026-12-20');
    assert.deepEqual(read.help.relatedUrls, ['https://pt.wikipedia.org/wiki/Exemplo', 'https://pt.wikipedia.org/w/index.php?oldid=1']);
    assert.equal(read.help.relatedReference, 'CR-2026-000004');
    assert.equal(read.help.phone, null);
    assert.equal(read.help.language, 'es');
  });

  it('names every missing required field', () => {
    const read = readHelpForm({}, now);
    assert.ok(!read.ok);
    assert.deepEqual(
      read.issues.map((issue) => issue.code),
      ['threat_kind', 'description', 'country', 'project', 'role', 'court_case', 'name', 'email', 'language', 'consent'].map((field) => `assistance-missing-${field}`),
    );
  });

  it('refuses a deadline that has passed everywhere on Earth, and takes one that is still today somewhere', () => {
    const past = readHelpForm({ ...complete, court_deadline: '2026-11-29' }, now);
    assert.ok(!past.ok);
    assert.deepEqual(past.issues.map((issue) => [issue.field, issue.code]), [['court_deadline', 'assistance-past-deadline']]);
    // At 10:00 UTC on 1 December it is still 30 November west of UTC−10.
    assert.ok(readHelpForm({ ...complete, court_deadline: '2026-11-30' }, now).ok);
    assert.ok(!readHelpForm({ ...complete, court_deadline: '2026-02-30' }, now).ok, 'not a date');
    assert.ok(!readHelpForm({ ...complete, court_deadline: '2046-12-20' }, now).ok, 'too far');
  });

  it('refuses answers of the wrong form, each under its field, in the order of the form', () => {
    const read = readHelpForm({ ...complete, threat_kind: 'alien', country: 'QQ', project: 'not a host', urls: 'https://x.example/\nftp://y', request_reference: 'LA-1', email: 'nobody', phone: 'call me', court_case: 'maybe', language: 'xx' }, now);
    assert.ok(!read.ok);
    assert.deepEqual(
      read.issues.map((issue) => [issue.field, issue.code]),
      [
        ['threat_kind', 'assistance-invalid-option'],
        ['country', 'assistance-invalid-country'],
        ['project', 'assistance-invalid-project'],
        ['urls', 'assistance-invalid-url'],
        ['request_reference', 'assistance-invalid-reference'],
        ['court_case', 'assistance-invalid-option'],
        ['email', 'assistance-invalid-email'],
        ['phone', 'assistance-invalid-phone'],
        ['language', 'assistance-invalid-option'],
      ],
    );
  });
});
