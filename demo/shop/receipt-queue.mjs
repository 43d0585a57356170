// The shop's background jobs. REDIS_URL set: a BullMQ queue and worker in this process, which
// the agent instruments by itself (job.enqueue, job.perform, the producer's trace continued).
// Unset: an in-process queue whose jobs run through `trackJob`, the API for any job runner.
import { trackJob } from '@ezlogs/node';

/**
 * @param {{ redisUrl?: string, queueName: string, prefix: string, handlers: Record<string, (data: object) => Promise<unknown>> }} options
 * @returns {Promise<{ kind: string, enqueue(name: string, data: object): Promise<void>, close(): Promise<void> }>}
 */
export async function openReceiptQueue({ redisUrl, queueName, prefix, handlers }) {
  const perform = (name, data) => {
    const handler = handlers[name];
    if (!handler) return Promise.reject(new Error(`no handler for job ${queueName}.${name}`));
    return handler(data);
  };
  return redisUrl ? openBullmq(redisUrl, queueName, prefix, perform) : openInProcess(queueName, perform);
}

function openInProcess(queueName, perform) {
  const running = new Set();
  return {
    kind: 'in-process queue',
    async enqueue(name, data) {
      // setImmediate keeps the async context: the job continues the enqueuing request's trace.
      const job = new Promise((resolve) => setImmediate(resolve))
        .then(() => trackJob(queueName, name, () => perform(name, data)))
        .catch((err) => process.stderr.write(`[shop] job ${queueName}.${name} failed: ${err.message}\n`))
        .finally(() => running.delete(job));
      running.add(job);
    },
    async close() {
      await Promise.all(running);
    },
  };
}

async function openBullmq(redisUrl, queueName, prefix, perform) {
  const { Queue, Worker } = await import('bullmq');
  const connection = redisConnection(redisUrl);
  const queue = new Queue(queueName, { connection, prefix });
  const worker = new Worker(queueName, (job) => perform(job.name, job.data), { connection, prefix, concurrency: 4 });
  worker.on('failed', (job, err) => process.stderr.write(`[shop] job ${queueName}.${job?.name} failed: ${err.message}\n`));
  await worker.waitUntilReady();
  return {
    kind: 'BullMQ (REDIS_URL)',
    async enqueue(name, data) {
      await queue.add(name, data, { removeOnComplete: true, removeOnFail: 100 });
    },
    async close() {
      await worker.close();
      // The keys are this run's own (unique prefix): leave nothing behind in Redis.
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    },
  };
}

function redisConnection(redisUrl) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
    // BullMQ workers block on Redis; ioredis must not give up on those commands.
    maxRetriesPerRequest: null,
  };
}
