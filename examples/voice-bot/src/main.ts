/**
 * Runs the bot behind the local webhook:
 * `node dist/main.js [--port 8081] [--host 127.0.0.1] [--model <dir>] [--calibrated-model <dir>]`.
 */
import { parseArgs } from 'node:util';
import { createRecognizerPool } from '@ser/models/node';
import { createVoiceBot } from './voice-bot.js';
import { WebhookAdapter } from './webhook-adapter.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      model: { type: 'string' },
      'calibrated-model': { type: 'string' },
    },
  });
  const port = Number(values.port ?? 8081);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, got ${JSON.stringify(values.port)}`);
  // The HTTP service's defaults: 2 workers, 4 waiting, recordings up to 600 s within the decode budget. Without
  // --model the pool also loads the calibrated default model, for the calibrate command.
  const pool = createRecognizerPool({
    ...(values.model === undefined ? {} : { modelDir: values.model }),
    ...(values['calibrated-model'] === undefined ? {} : { calibratedModelDir: values['calibrated-model'] }),
  });
  const model = await pool.ready();
  const adapter = new WebhookAdapter({ isBusy: () => pool.full });
  createVoiceBot(adapter, { pool });
  const url = await adapter.listen(port, values.host ?? '127.0.0.1');
  console.log(
    `voice bot webhook on ${url}/voice (model ${values.model ?? 'pretrained default'}, labels ${model.labels.join(', ')})`,
  );
  const stop = (): void =>
    void adapter
      .close()
      .then(() => pool.close())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`voice-bot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
