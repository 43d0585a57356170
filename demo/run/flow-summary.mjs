// The demo's printout: one block per flow (trace), its steps as a tree, failures marked.
// Pure: events in, lines out.

/** @param {object[]} events universal events @returns {object[]} flows, oldest first */
export function groupFlows(events) {
  const byTrace = new Map();
  for (const e of events) {
    const id = e.correlation?.trace_id;
    if (!id) continue;
    if (!byTrace.has(id)) byTrace.set(id, []);
    byTrace.get(id).push(e);
  }
  const flows = [...byTrace].map(([traceId, list]) => {
    const sorted = [...list].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
    const root = sorted.find((e) => e.event_type === 'http.request' && !sorted.some((p) => p.correlation.span_id === e.correlation.parent_span_id)) ?? sorted[0];
    return { traceId, root, steps: treeOf(sorted, root), failed: sorted.some((e) => e.outcome === 'failure'), events: sorted };
  });
  return flows.sort((a, b) => Date.parse(a.root.timestamp) - Date.parse(b.root.timestamp));
}

/**
 * Depth-first steps below the root. A span's parent is the span it names; an event without a
 * span of its own (track(), a log line) hangs under the span it was recorded in.
 */
function treeOf(events, root) {
  const spans = new Map();
  for (const e of events) if (isSpan(e) && !spans.has(e.correlation.span_id)) spans.set(e.correlation.span_id, e);
  const parentOf = (e) => (spans.get(e.correlation.span_id) === e ? spans.get(e.correlation.parent_span_id) : spans.get(e.correlation.span_id)) ?? (e === root ? undefined : root);
  const children = new Map();
  for (const e of events) {
    if (e === root) continue;
    const parent = parentOf(e);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(e);
  }
  const steps = [];
  const seen = new Set([root]);
  const walk = (node, depth) => {
    for (const child of children.get(node) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      steps.push({ event: child, depth });
      walk(child, depth + 1);
    }
  };
  walk(root, 1);
  // Whatever a broken parent chain left out is still listed.
  for (const e of events) if (!seen.has(e)) steps.push({ event: e, depth: 1 });
  return steps;
}

function isSpan(e) {
  return typeof e.metadata?.duration_ms === 'number';
}

/** @returns {string} the printable summary of `flows` */
export function formatFlows(flows, receiverUrl) {
  const lines = [];
  for (const flow of flows) {
    const r = flow.root;
    const who = r.actor ? `  ${r.actor.type}:${r.actor.id}` : '';
    // withFlow starts inside the handler, so the flow id is on the steps, not the request.
    const flowId = flow.events.find((e) => e.correlation.flow_id)?.correlation.flow_id;
    const checkout = flowId ? `  flow ${flowId}` : '';
    lines.push(`${flow.failed ? 'FAILED' : 'ok    '} ${pad(r.action, 28)} ${pad(status(r), 4)}${pad(ms(r), 10, true)}  trace ${flow.traceId}${who}${checkout}`);
    for (const { event: e, depth } of flow.steps) {
      const mark = e.outcome === 'failure' ? 'x ' : '  ';
      const failure = e.error ? `  ${e.error.type ?? 'Error'}: ${e.error.message}` : '';
      lines.push(`       ${mark}${'  '.repeat(depth - 1)}${pad(e.event_type, 22 - 2 * (depth - 1))} ${pad(e.action, 30)} ${pad(status(e), 4)}${pad(ms(e), 10, true)}  ${e.platform?.service ?? ''}${failure}`);
    }
    if (flow.failed) lines.push(`       open: ${receiverUrl}/#trace=${flow.traceId}`);
  }
  return lines.join('\n');
}

function status(e) {
  return e.metadata?.status_code === undefined ? '' : String(e.metadata.status_code);
}

function ms(e) {
  return typeof e.metadata?.duration_ms === 'number' ? `${e.metadata.duration_ms.toFixed(1)} ms` : '';
}

function pad(text, width, left = false) {
  const s = String(text);
  if (s.length >= width) return s;
  return left ? s.padStart(width) : s.padEnd(width);
}
