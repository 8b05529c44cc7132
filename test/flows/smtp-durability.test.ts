import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

/**
 * A message acknowledged by the SMTP listener (250) survives the server being killed with SIGKILL
 * at any moment: four senders deliver in a loop, the server is killed under that load, restarted,
 * and every acknowledged Message-ID must be stored with its request. Two kills in a row.
 */
const SENDERS = 4;
const ROUNDS = 2;

describe('the SMTP listener under SIGKILL', () => {
  let database: TestDatabase;
  let server: RunningServer;
  const env = () => ({ ...database.env, INBOUND_SMTP_PORT: '0' });
  const smtpPort = (running: RunningServer) => Number(running.logs.find((entry) => entry.msg === 'inbound mail: listening')?.port);

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    if (server?.process.exitCode === null) await server.stop();
    await database?.drop();
  });

  it('keeps every message it answered 250', async () => {
    const acknowledged: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      server = await startServer(env());
      const port = smtpPort(server);
      assert.ok(port > 0);
      let stop = false;
      const senders = Array.from({ length: SENDERS }, async (_, sender) => {
        const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 2_000, socketTimeout: 5_000 });
        for (let n = 0; !stop; n++) {
          const messageId = `<kill-${round}-${sender}-${n}@sender.example>`;
          try {
            const info = await transport.sendMail({
              from: `Sender ${sender} <sender${sender}@sender.example>`,
              to: 'legal@trust.example',
              subject: `Copyright notice ${round}-${sender}-${n}`,
              messageId,
              text: `DMCA notice about https://commons.wikimedia.org/wiki/File:Kill_${round}_${sender}_${n}.jpg`,
            });
            if (/^250\b/.test(info.response)) acknowledged.push(messageId);
          } catch {
            // the server died mid-conversation: this message was not acknowledged
          }
        }
        transport.close();
      });
      await new Promise((resolve) => setTimeout(resolve, 1_500 + Math.floor(Math.random() * 1_000)));
      server.process.kill('SIGKILL');
      await new Promise((resolve) => server.process.once('exit', resolve));
      stop = true;
      await Promise.all(senders);
    }
    assert.ok(acknowledged.length > 0, 'some messages were acknowledged before the kills');

    const verify = await runCli(['audit', 'verify'], database.env);
    assert.equal(verify.status, 0, verify.stderr);
    const handle = await database.open();
    try {
      const stored = await handle.db
        .selectFrom('request_messages')
        .innerJoin('requests', 'requests.id', 'request_messages.request_id')
        .select(['request_messages.message_id', 'requests.channel', 'requests.kind'])
        .execute();
      const byId = new Map(stored.map((row) => [row.message_id, row]));
      const missing = acknowledged.filter((id) => !byId.has(id));
      assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged messages were lost`);
      for (const id of acknowledged) {
        assert.equal(byId.get(id)!.channel, 'email');
        assert.equal(byId.get(id)!.kind, 'copyright');
      }
    } finally {
      await handle.close();
    }
  });
});
