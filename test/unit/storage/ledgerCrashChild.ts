// Child process for the ledger crash test: appends records as fast as it can and prints the
// number of each record once append() returned, until the parent kills it (or the bounds hit).
import { Ledger } from '../../../src/core/storage/ledger';
import { ledgerRecord } from './ledgerRecords';

async function main(): Promise<void> {
  const dir = process.argv[2] as string;
  const ledger = await Ledger.open({ dir, maxFileBytes: 64 * 1024 });
  const deadline = Date.now() + 10_000;
  for (let i = 1; i <= 200_000 && Date.now() < deadline; i++) {
    ledger.append(ledgerRecord(i));
    process.stdout.write(`${i}\n`);
    // Let stdout drain now and then, so the parent sees acknowledgements while appends go on.
    if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  ledger.close();
}

void main();
