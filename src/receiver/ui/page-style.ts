/** The page's stylesheet: inline, so `ezlogs dev` needs no build step and no CDN. */
export const pageStyle = `
:root { --bg:#f6f7f9; --panel:#fff; --line:#e3e6ea; --ink:#1d2430; --muted:#6b7380; --fail:#c62828; --fail-bg:#fdecec;
  --http:#1e6fd9; --db:#7b3fc4; --job:#d97a00; --custom:#198754; --log:#6b7380; }
* { box-sizing: border-box; }
body { margin:0; font:13px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif; color:var(--ink); background:var(--bg); }
header { display:flex; align-items:center; gap:16px; padding:10px 16px; background:#111827; color:#fff; }
header h1 { font-size:15px; margin:0; font-weight:600; }
header .stats { color:#cbd5e1; font-size:12px; }
main { display:grid; grid-template-columns:minmax(420px,1fr) minmax(460px,1.2fr); gap:12px; padding:12px; height:calc(100vh - 44px); }
section { background:var(--panel); border:1px solid var(--line); border-radius:6px; display:flex; flex-direction:column; min-height:0; }
section h2 { font-size:13px; margin:0; padding:8px 12px; border-bottom:1px solid var(--line); display:flex; gap:8px; align-items:center; }
.filters { display:flex; gap:6px; padding:8px 12px; border-bottom:1px solid var(--line); flex-wrap:wrap; }
.filters select, .filters input { font:inherit; padding:3px 6px; border:1px solid var(--line); border-radius:4px; background:#fff; }
.filters input { flex:1; min-width:120px; }
.scroll { overflow:auto; flex:1; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:4px 8px; border-bottom:1px solid var(--line); white-space:nowrap; }
th { position:sticky; top:0; background:#fafbfc; font-weight:600; color:var(--muted); font-size:12px; }
tr.event-row { cursor:pointer; }
tr.event-row:hover { background:#f0f4ff; }
tr.failure td { background:var(--fail-bg); }
td.action { max-width:260px; overflow:hidden; text-overflow:ellipsis; }
.badge { display:inline-block; padding:0 6px; border-radius:3px; font-size:11px; color:#fff; background:var(--log); }
.badge.http { background:var(--http); } .badge.db { background:var(--db); } .badge.job { background:var(--job); }
.badge.custom { background:var(--custom); } .badge.fail { background:var(--fail); }
.muted { color:var(--muted); }
.empty { padding:24px; color:var(--muted); text-align:center; }
.flow-summary { padding:8px 12px; border-bottom:1px solid var(--line); display:flex; gap:14px; flex-wrap:wrap; }
.flow-step { display:grid; grid-template-columns:minmax(260px,46%) 1fr; align-items:center; border-bottom:1px solid var(--line); padding:3px 8px; cursor:pointer; }
.flow-step:hover { background:#f6f8fb; }
.flow-step.failure { background:var(--fail-bg); }
.flow-step .label { overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
.flow-step .service { color:var(--muted); margin-left:6px; font-size:11px; }
.flow-step .error-text { color:var(--fail); margin-left:6px; font-size:11px; }
.flow-step.failure .label { white-space:normal; }
.track { position:relative; height:14px; background:#f1f3f5; border-radius:2px; }
.bar { position:absolute; top:2px; height:10px; border-radius:2px; background:var(--log); min-width:2px; }
.bar.http { background:var(--http); } .bar.db { background:var(--db); } .bar.job { background:var(--job); } .bar.custom { background:var(--custom); }
.bar.fail { background:var(--fail); }
.bar-label { position:absolute; top:-1px; font-size:10px; color:var(--muted); white-space:nowrap; }
pre.detail { margin:0; padding:8px 12px; border-top:1px solid var(--line); max-height:34%; overflow:auto; background:#fbfbfc; font-size:12px; }
.agents { display:flex; gap:10px; flex-wrap:wrap; margin-left:auto; }
.agent { font-size:11px; background:#1f2937; padding:3px 8px; border-radius:4px; color:#e5e7eb; }
.agent.open { background:#7f1d1d; } .agent.half-open { background:#78350f; }
`;
