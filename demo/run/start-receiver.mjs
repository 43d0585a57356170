// The dev receiver, in this process: the library `ezlogs dev` wraps, from the compiled build.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const receiverEntry = fileURLToPath(new URL('../../dist/receiver/index.js', import.meta.url));

export async function startReceiver(port) {
  if (!existsSync(receiverEntry)) throw new Error(`${receiverEntry} is missing: build the package first (npm run build)`);
  const { createReceiver } = createRequire(import.meta.url)(receiverEntry);
  const receiver = createReceiver();
  try {
    return { receiver, ...(await receiver.listen(port)), fellBack: false };
  } catch (err) {
    if (err.code !== 'EADDRINUSE' || port === 0) throw err;
  }
  // Someone (perhaps another demo) holds the port: any free one shows the same thing.
  const fresh = createReceiver();
  return { receiver: fresh, ...(await fresh.listen(0)), fellBack: true };
}
