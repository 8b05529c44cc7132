// A process that commits to the embedded database in DATA_DIR, says so, then waits to be killed.
// Used by test/flows/pglite-durability.test.ts: run with `node --import tsx`, arguments
// ROUND COUNT. It commits COUNT requests in one transaction, then changes each of the first
// three in a transaction of its own, and prints one line: `committed {"ids":[…],"changed":[…]}`.
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { changeRequest } from '../../src/requests/change-request.ts';
import { createRequests } from '../../src/requests/create-requests.ts';

const [round = '1', count = '10'] = process.argv.slice(2);
const handle = await openDatabase(loadConfig(), { holder: 'the durability test child' });
const created = await handle.db.transaction().execute((trx) =>
  createRequests(
    trx,
    Array.from({ length: Number(count) }, (_, i) => ({
      externalId: `durability-${round}-${i}`,
      kind: 'copyright' as const,
      category: null,
      channel: 'api' as const,
      receivedAt: new Date(Date.UTC(2026, 0, 1 + i)),
      requester: { name: `Requester ${round}-${i}`, type: 'company' as const, country: 'US' },
      targets: [{ type: 'file' as const, url: `https://commons.wikimedia.org/wiki/File:R${round}-${i}.jpg`, project: 'commons.wikimedia.org' }],
    })),
    'system:durability',
  ),
);
const changed = created.slice(0, 3).map((request) => request.id);
for (const id of changed) {
  await handle.db.transaction().execute((trx) => changeRequest(trx, id, { outcome: 'denied', state: 'closed' }, 'system:durability'));
}
process.stdout.write(`committed ${JSON.stringify({ ids: created.map((request) => request.id), changed })}\n`);
// Wait to be killed, holding the database open as a running server would.
setInterval(() => {}, 60_000);
