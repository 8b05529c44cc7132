import { verifyChain } from '../../audit/verify-chain.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';

/** `candor audit verify`: recomputes the audit chain and names the first event that breaks it. */
export async function auditVerifyCommand(context: CommandContext): Promise<number> {
  const verdict = await withDatabase(context, (handle) => verifyChain(handle.db));
  if (verdict.ok) {
    context.stdout.write(`audit chain intact: ${verdict.checked} events, head ${verdict.headHash}\n`);
    return EXIT.ok;
  }
  context.stderr.write(
    `audit chain broken at event ${verdict.firstBad!.id}: ${verdict.firstBad!.reason}\n` +
      `${verdict.checked} events before it are intact\n`,
  );
  return EXIT.failure;
}
