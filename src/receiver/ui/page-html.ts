import { pageScript } from './page-script';
import { pageStyle } from './page-style';

/** The whole page at `/`: static markup, filled in by the script from the JSON API. */
export const pageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ezlogs dev receiver</title>
<style>${pageStyle}</style>
</head>
<body>
<header>
  <h1>ezlogs dev</h1>
  <span class="stats"><span id="count">0 events</span> &middot; <span id="status">connecting</span></span>
  <div class="agents" id="agents"></div>
</header>
<main>
  <section aria-label="Events">
    <h2>Events</h2>
    <div class="filters">
      <select id="f-type" aria-label="type"><option value="">all types</option></select>
      <select id="f-outcome" aria-label="outcome"><option value="">any outcome</option><option value="success">success</option><option value="failure">failure</option></select>
      <select id="f-service" aria-label="service"><option value="">all services</option></select>
      <input id="f-text" type="search" placeholder="search text" aria-label="text">
    </div>
    <div class="scroll">
      <table>
        <thead><tr><th>time</th><th>service</th><th>type</th><th>action</th><th>outcome</th><th>duration</th></tr></thead>
        <tbody id="events-body"></tbody>
      </table>
      <div class="empty" id="list-empty">Waiting for events. Point an app at this receiver: EZLOGS_ENDPOINT=&lt;this address&gt;/events</div>
    </div>
  </section>
  <section aria-label="Flow">
    <h2 id="flow-title">Flow</h2>
    <div class="flow-summary" id="flow-summary"></div>
    <div class="scroll" id="flow-steps"></div>
    <div class="empty" id="flow-empty">Click an event to see its whole flow across services.</div>
    <pre class="detail" id="detail" hidden></pre>
  </section>
</main>
<script>${pageScript}</script>
</body>
</html>
`;
