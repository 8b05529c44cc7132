import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { captureServer, waitFor } from '../helpers/mail.ts';

describe('acknowledgements by e-mail', () => {
  let database: TestDatabase;
  let server: RunningServer;
  const smtp = captureServer();
  let token: string;
  let mailEnv: Record<string, string>;

  before(async () => {
    database = await createTestDatabase();
    token = (await runCli(['token', 'create', 'mail test', '--scope', 'submit'], database.env)).stdout.trim();
    const port = await smtp.listen();
    mailEnv = { ...database.env, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'legal@trust.example' };
    server = await startServer(mailEnv);
  });
  after(async () => {
    await server?.stop();
    await smtp.close();
    await database?.drop();
  });

  const submit = (body: object) =>
    fetch(`${server.url}/api/v1/requests`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('sends the acknowledgement in the requester\'s language, with a Message-ID to thread replies', async () => {
    const response = await submit({
      kind: 'user_data',
      category: 'court_order',
      language: 'ar',
      requester: { name: 'مكتب المحاماة', email: 'office@law.example', type: 'lawyer', country: 'EG' },
      text: 'أمر قضائي بالكشف عن بيانات الحساب',
      targets: [{ account: 'Example', project: 'ar.wikipedia.org' }],
    });
    assert.equal(response.status, 201);
    const { reference } = (await response.json()) as { reference: string };
    const mail = await waitFor(() => smtp.received.find((message) => message.subject?.includes(reference)));
    assert.equal(mail.subject, `تلقّينا طلبك ${reference}`);
    assert.equal(mail.from?.text, 'legal@trust.example');
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', 'office@law.example');
    assert.match(mail.text ?? '', /طلب معلومات عن المستخدمين/);
    assert.match(mail.messageId ?? '', new RegExp(`^<${reference}\\.[0-9a-f]+@candor\\.invalid>$`));
    assert.equal(mail.headers.get('x-candor-reference'), reference);
  });

  it('keeps a message through a refusing mail server and delivers it later', async () => {
    smtp.refuse(true);
    const response = await submit({ kind: 'preservation', requester: { email: 'unit@police.example', type: 'law_enforcement' }, text: 'Please preserve', targets: [{ account: 'Someone', project: 'en.wikipedia.org' }] });
    const { reference } = (await response.json()) as { reference: string };
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.equal(smtp.received.filter((message) => message.subject?.includes(reference)).length, 0);
    await server.stop();
    const handle = await database.open();
    try {
      const row = await handle.db.selectFrom('outbox').selectAll().where('subject', 'like', `%${reference}`).executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      assert.ok(row.attempts >= 1, 'it was tried');
      assert.match(row.last_error ?? '', /451|mailbox unavailable/);
      // Make it due now rather than after its backoff.
      await handle.db.updateTable('outbox').set({ next_attempt_at: new Date(0) }).where('id', '=', row.id).execute();
    } finally {
      await handle.close();
    }
    smtp.refuse(false);
    server = await startServer(mailEnv);
    const mail = await waitFor(() => smtp.received.find((message) => message.subject?.includes(reference)));
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', 'unit@police.example');
    await server.stop();
    const again = await database.open();
    try {
      const row = await again.db.selectFrom('outbox').selectAll().where('subject', 'like', `%${reference}`).executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
      assert.ok(row.sent_at instanceof Date);
    } finally {
      await again.close();
    }
    server = await startServer(mailEnv);
  });

  it('without SMTP_URL keeps every message in the outbox', async () => {
    await server.stop();
    server = await startServer(database.env);
    const response = await submit({ kind: 'emergency', category: 'self_harm', requester: { email: 'friend@example.org' }, text: 'Urgent', targets: [{ url: 'https://en.wikipedia.org/wiki/Talk:Example' }] });
    const { reference } = (await response.json()) as { reference: string };
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(smtp.received.filter((message) => message.subject?.includes(reference)).length, 0);
    await server.stop();
    const handle = await database.open();
    try {
      const row = await handle.db.selectFrom('outbox').selectAll().where('subject', 'like', `%${reference}`).executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 0);
    } finally {
      await handle.close();
    }
    server = await startServer(mailEnv);
  });
});
