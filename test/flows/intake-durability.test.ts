import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

/**
 * PRODUCT issue 3, durability: a request acknowledged to a client (HTTP 201) survives the server
 * being killed with SIGKILL at any moment, on PGlite and on PostgreSQL. Eight clients submit in a
 * loop; the server is killed under that load, restarted on the same database, and every
 * acknowledged reference must be there with its audit event. Three kills in a row.
 */
const CLIENTS = 8;
const ROUNDS = 3;

interface Answer {
  status: number;
  text: string;
}

function request(agent: http.Agent, base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers, agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      // Only a complete answer counts: a body cut off by the kill is no acknowledgement.
      response.on('end', () => (response.complete ? resolve({ status: response.statusCode ?? 0, text }) : reject(new Error('answer cut off'))));
      response.on('aborted', () => reject(new Error('answer aborted')));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

interface Submission {
  external_id: string;
  body: Record<string, unknown>;
}

interface Stored {
  id: number;
  reference: string;
  externalId: string;
  text: string;
}

function submission(round: number, client: number, n: number): Submission {
  const external_id = `kill-${round}-${client}-${n}`;
  return {
    external_id,
    body: {
      kind: n % 2 === 0 ? 'copyright' : 'content_alteration',
      category: n % 2 === 0 ? null : 'defamation',
      external_id,
      language: 'es',
      requester: { name: `Client ${client}`, email: `client${client}@partner.example`, type: 'company', country: 'ES' },
      text: `Round ${round}, client ${client}, request ${n}: the page below infringes our rights.`,
      targets: [{ url: `https://es.wikipedia.org/wiki/P%C3%A1gina_${round}_${client}_${n}` }],
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an acknowledged request survives the server being killed (SIGKILL) under load', () => {
  let database: TestDatabase;
  let submit: string;
  let read: string;
  let server: RunningServer | undefined;

  before(async () => {
    database = await createTestDatabase();
    const a = await runCli(['token', 'create', 'partner intake', '--scope', 'submit'], database.env);
    const b = await runCli(['token', 'create', 'durability check', '--scope', 'read'], database.env);
    assert.equal(a.status, 0, a.stderr);
    assert.equal(b.status, 0, b.stderr);
    submit = a.stdout.trim();
    read = b.stdout.trim();
  });
  after(async () => {
    if (server && server.process.exitCode === null && server.process.signalCode === null) await server.stop();
    await database?.drop();
  });

  it(`finds every request answered 201, with its audit event, after ${ROUNDS} kills under ${CLIENTS} concurrent clients`, { timeout: 600_000 }, async () => {
    const acknowledged = new Map<string, Stored>();
    /** Submissions whose answer never came (in flight at the kill): committed or not, nobody was told. */
    let unanswered: Submission[] = [];
    const sentExternalIds = new Set<string>();
    const post = (agent: http.Agent, base: string, item: Submission) => {
      sentExternalIds.add(item.external_id);
      return request(agent, base, 'POST', '/api/v1/requests', { authorization: `Bearer ${submit}`, 'content-type': 'application/json' }, JSON.stringify(item.body));
    };

    /** Every acknowledged request reads back by its reference, as it was sent. */
    async function assertAllThere(running: RunningServer, moment: string): Promise<void> {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      try {
        const all = [...acknowledged.values()];
        for (let i = 0; i < all.length; i += 8) {
          await Promise.all(
            all.slice(i, i + 8).map(async (stored) => {
              const answer = await request(agent, running.url, 'GET', `/api/v1/requests/${stored.reference}`, { authorization: `Bearer ${read}` });
              assert.equal(answer.status, 200, `${moment}: ${stored.reference} (${stored.externalId}) was acknowledged with 201 but is gone: ${answer.text}`);
              const view = JSON.parse(answer.text) as { id: number; external_id: string; text: string; channel: string };
              assert.deepEqual([view.id, view.external_id, view.text, view.channel], [stored.id, stored.externalId, stored.text, 'api'], `${moment}: ${stored.reference}`);
            }),
          );
        }
      } finally {
        agent.destroy();
      }
    }

    /** Sends again what was in flight at the kill, with the same external ids: each is stored exactly once. */
    async function retryUnanswered(running: RunningServer): Promise<{ committed: number; lost: number }> {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      let committed = 0;
      let lost = 0;
      try {
        for (const item of unanswered) {
          const answer = await post(agent, running.url, item);
          assert.ok(answer.status === 200 || answer.status === 201, `retrying ${item.external_id}: ${answer.status} ${answer.text}`);
          if (answer.status === 200) committed++;
          else lost++;
          const { id, reference } = JSON.parse(answer.text) as { id: number; reference: string };
          acknowledged.set(reference, { id, reference, externalId: item.external_id, text: item.body.text as string });
        }
      } finally {
        agent.destroy();
      }
      unanswered = [];
      return { committed, lost };
    }

    for (let round = 1; round <= ROUNDS; round++) {
      server = await startServer(database.env);
      const running = server;
      if (round > 1) {
        await assertAllThere(running, `after kill ${round - 1}`);
        const retried = await retryUnanswered(running);
        console.log(`durability: of the requests in flight at kill ${round - 1}, ${retried.committed} had committed (200 on retry), ${retried.lost} had not (201)`);
      }
      const exited = new Promise<NodeJS.Signals | null>((resolve) => running.process.once('exit', (_code, signal) => resolve(signal)));
      const answeredBefore = acknowledged.size;
      const unexpected: string[] = [];

      const clients = Array.from({ length: CLIENTS }, async (_, client) => {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        try {
          for (let n = 0; ; n++) {
            const item = submission(round, client, n);
            let answer: Answer;
            try {
              answer = await post(agent, running.url, item);
            } catch {
              // The server is gone: whatever happened to this one, the client was never told.
              unanswered.push(item);
              return;
            }
            if (answer.status !== 201) {
              unexpected.push(`${item.external_id}: ${answer.status} ${answer.text}`);
              continue;
            }
            const { id, reference } = JSON.parse(answer.text) as { id: number; reference: string };
            acknowledged.set(reference, { id, reference, externalId: item.external_id, text: item.body.text as string });
          }
        } finally {
          agent.destroy();
        }
      });

      // Let the load build, then kill at a moment nobody chose: somewhere in the second second.
      const delay = 1000 + Math.floor(Math.random() * 1000);
      await sleep(delay);
      running.process.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');
      await Promise.all(clients);
      assert.deepEqual(unexpected, [], `round ${round}: every answer under load is a 201`);
      const answered = acknowledged.size - answeredBefore;
      console.log(`durability round ${round} (${database.backend}): killed after ${delay} ms; ${answered} acknowledged, ${unanswered.length} in flight`);
      assert.ok(answered > 0, `round ${round}: the clients got no acknowledgement before the kill`);
    }

    // The last restart: everything acknowledged is there; what was in flight is stored once when retried.
    server = await startServer(database.env);
    await assertAllThere(server, `after kill ${ROUNDS}`);
    const retried = await retryUnanswered(server);
    console.log(`durability: of the requests in flight at kill ${ROUNDS}, ${retried.committed} had committed (200 on retry), ${retried.lost} had not (201)`);
    await assertAllThere(server, 'after the retries');
    assert.equal(await server.stop(), 0);

    const verify = await runCli(['audit', 'verify'], database.env);
    assert.equal(verify.status, 0, `audit verify: ${verify.stdout}${verify.stderr}`);

    const handle = await database.open();
    try {
      const requests = await handle.db.selectFrom('requests').select(['id', 'reference', 'external_id']).execute();
      // Every submission sent, answered or retried, is stored exactly once, and nothing else is.
      assert.deepEqual(requests.map((row) => row.external_id).sort(), [...sentExternalIds].sort());
      assert.equal(requests.length, acknowledged.size);
      for (const row of requests) assert.equal(acknowledged.get(row.reference)?.id, Number(row.id), `${row.reference} is the request acknowledged`);
      const events = await handle.db.selectFrom('audit_events').select(['subject_id']).where('action', '=', 'request.created').execute();
      assert.deepEqual(
        events.map((event) => Number(event.subject_id)).sort((x, y) => x - y),
        requests.map((row) => Number(row.id)).sort((x, y) => x - y),
        'each request has its audit event, exactly one',
      );
      const outbox = await handle.db.selectFrom('outbox').select(['request_id']).execute();
      assert.deepEqual(
        outbox.map((row) => Number(row.request_id)).sort((x, y) => x - y),
        requests.map((row) => Number(row.id)).sort((x, y) => x - y),
        'each request has its acknowledgement queued, exactly one',
      );
    } finally {
      await handle.close();
    }
  });
});
