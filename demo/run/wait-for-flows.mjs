// The agent sends on its flush interval and a job ends after its request: wait until every
// request and job has arrived, then until the stream is quiet, so no step is cut off.

const pollMs = 50;

/** @returns {Promise<object[]>} the receiver's events once complete; rejects naming what is missing. */
export async function waitForFlows(receiver, { requests, jobs, quietMs, timeoutMs }) {
  const complete = (events) =>
    events.filter((e) => e.event_type === 'http.request').length >= requests && events.filter((e) => e.event_type === 'job.perform').length >= jobs;
  try {
    await receiver.waitForEvents(complete, timeoutMs);
  } catch (err) {
    throw new Error(`the receiver did not get ${requests} requests and ${jobs} jobs within ${timeoutMs} ms (${err.message})`);
  }
  const deadline = Date.now() + Math.max(quietMs * 4, 2000);
  let count = receiver.events().length;
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const now = receiver.events().length;
    if (now !== count) {
      count = now;
      quietSince = Date.now();
    }
  }
  return receiver.events();
}
