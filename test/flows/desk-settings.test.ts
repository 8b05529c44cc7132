import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { submitRequests } from '../../src/intake/submit-requests.ts';
import { useServer } from '../helpers/server.ts';
import { createStaffLogin, getPage, postForm, type StaffLogin } from '../helpers/staff.ts';

describe('desk settings: deadlines per kind and reply templates', () => {
  let counsel: StaffLogin;
  let reviewer: StaffLogin;
  let reference: string;
  const suite = useServer({
    async prepare(db) {
      counsel = await createStaffLogin(db, 'counsel');
      reviewer = await createStaffLogin(db, 'reviewer');
      // Received 10 days ago: within 14 days, past 7.
      const [created] = await submitRequests(db, [{ kind: 'content_alteration', category: 'privacy', received_at: new Date(Date.now() - 10 * 86_400_000).toISOString(), requester: { name: 'Mina Roe', email: 'mina@example.org' }, text: 'Remove my address.', targets: [{ url: 'https://en.wikipedia.org/wiki/Mina_Roe' }] }], { channel: 'api', actor: 'test' });
      reference = created!.reference;
    },
  });
  const overdue = async () => (await (await getPage(`${suite.server.url}/console/requests?deadline=overdue`, counsel)).text()).includes(reference);

  it('is for counsel and admins only', async () => {
    assert.equal((await getPage(`${suite.server.url}/console/desk`, reviewer)).status, 403);
    assert.equal((await postForm(`${suite.server.url}/console/desk/deadlines`, reviewer, { hours_content_alteration: '1', basis_content_alteration: 'internal' })).status, 403);
    assert.equal((await getPage(`${suite.server.url}/console/desk`, counsel)).status, 200);
  });

  it('changes a deadline, and the queue follows; a bad value changes nothing', async () => {
    assert.equal(await overdue(), false);
    const bad = await postForm(`${suite.server.url}/console/desk/deadlines`, counsel, { hours_content_alteration: '0', basis_content_alteration: 'internal', hours_copyright: '12', basis_copyright: 'whenever' }, { headers: { 'accept-language': 'es' } });
    assert.equal(bad.status, 400);
    const text = await bad.text();
    assert.match(text, /debe ser un número entero de horas entre 1 y 8760/);
    assert.match(text, /debe ser legal o interno/);
    assert.equal(await overdue(), false, 'nothing was changed');
    const saved = await postForm(`${suite.server.url}/console/desk/deadlines`, counsel, { hours_content_alteration: '168', basis_content_alteration: 'statutory' });
    assert.equal(saved.status, 303);
    assert.equal(await overdue(), true, 'with 7 days, the 10-day-old request is overdue');
  });

  it('saves a template in a language; an unknown placeholder is refused', async () => {
    const bad = await postForm(`${suite.server.url}/console/desk/templates`, counsel, { name: 'partial-removal', language: 'en', subject: 'About {{reference}}', body: 'Dear {{requester}},' });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /names no known placeholder: requester/);
    const saved = await postForm(`${suite.server.url}/console/desk/templates`, counsel, { name: 'partial-removal', language: 'ar', subject: 'بشأن طلبكم {{reference}}', body: 'السيد/السيدة {{requester_name}}، أزلنا العنوان فقط.' });
    assert.equal(saved.status, 303);
    const page = await (await getPage(`${suite.server.url}/console/requests/${reference}?template=partial-removal&lang=ar`, counsel)).text();
    assert.ok(page.includes(`بشأن طلبكم ${reference}`));
    assert.ok(page.includes('السيد/السيدة Mina Roe، أزلنا العنوان فقط.'));
  });
});
