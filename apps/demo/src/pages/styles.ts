/**
 * The demo's one stylesheet, inlined by both layouts (the CSP allows inline styles, not inline
 * scripts). Plain CSS, no framework: what a person tries first should look finished.
 */
export const styles = `
  :root { color-scheme: light; --accent: #d9480f; --accent-soft: #fff4e6; --ink: #1f2328; --muted: #656d76; --line: #e5e7eb;
          --ok: #2b8a3e; --ok-soft: #ebfbee; --bad: #b42318; --bad-soft: #fff1f0; --radius: 12px; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
  a { color: var(--accent); }
  .site-header { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; padding: .65rem 1.25rem; background: #fff; border-bottom: 1px solid var(--line); }
  .brand { margin: 0; font-size: 1.05rem; font-weight: 700; white-space: nowrap; } .brand span { color: var(--accent); }
  .site-nav { display: flex; flex-wrap: wrap; gap: .15rem; flex: 1; }
  .site-nav a { color: var(--muted); text-decoration: none; padding: .3rem .6rem; border-radius: 8px; }
  .site-nav a:hover { background: #f1f3f5; color: var(--ink); }
  .site-nav a[aria-current=page] { background: var(--accent-soft); color: var(--accent); font-weight: 600; }
  .who { display: flex; align-items: center; gap: .75rem; color: var(--muted); }
  .who strong { color: var(--ink); } .who form { margin: 0; }
  main { max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: var(--radius); padding: 1.25rem; margin-bottom: 1rem; }
  .card > h1, .card > h2 { margin-top: 0; } h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; }
  .hint { color: var(--muted); font-size: .9rem; }
  button { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 8px; padding: .4rem .8rem; cursor: pointer; }
  button:hover { border-color: #cfd4da; }
  button.primary, button[type=submit] { background: var(--accent); border-color: var(--accent); color: #fff; }
  button.danger { border-color: var(--bad); color: var(--bad); }
  button:disabled { opacity: .5; cursor: default; }
  input, select, textarea { font: inherit; padding: .45rem .6rem; border: 1px solid #cfd4da; border-radius: 8px; min-width: 0; }
  .row { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; }
  .error-text { color: var(--bad); }

  /* The chat (channel version and LiveView version) */
  .rooms { display: flex; gap: .5rem; margin-bottom: .75rem; }
  .rooms button[aria-pressed=true] { border-color: var(--accent); color: var(--accent); font-weight: 600; }
  #status { min-height: 1.5rem; margin: 0 0 .5rem; color: var(--muted); }
  #status[data-state=refused], #status[data-state=error] { color: var(--bad); font-weight: 600; }
  .messages { list-style: none; margin: 0 0 .75rem; padding: 0; height: 22rem; overflow-y: auto; border: 1px solid var(--line); border-radius: 8px; background: #fbfbfc; }
  .messages li { padding: .4rem .75rem; border-bottom: 1px solid #f0f1f3; overflow-wrap: anywhere; }
  .messages li.mine .author { color: var(--accent); }
  .messages time { color: var(--muted); font-size: .8rem; font-variant-numeric: tabular-nums; margin-right: .5rem; }
  .messages .author { font-weight: 600; margin-right: .4rem; }
  #composer, .composer, .sign-in { display: flex; gap: .5rem; } #composer input, .composer input, .sign-in input { flex: 1; }
  .online { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin: 0 0 .75rem; }
  .online ul { display: contents; list-style: none; }
  .online li { padding: .1rem .55rem; border-radius: 999px; background: var(--ok-soft); color: var(--ok); font-size: .85rem; }
  .online li.me { font-weight: 600; }

  /* LiveView state classes on the view container (set by the client) */
  [data-phx-main] { position: relative; transition: opacity .2s; }
  [data-phx-main].phx-error { opacity: .6; }
  .phx-client-error::before, .phx-server-error::before { display: block; margin: 1rem auto 0; max-width: 44rem; padding: .5rem .75rem;
    border-radius: 8px; background: var(--bad-soft); color: var(--bad); font-weight: 600; }
  .phx-client-error::before { content: "Connection lost — reconnecting…"; }
  .phx-server-error::before { content: "Something went wrong on the server — reloading this view…"; }
  .phx-click-loading, .phx-submit-loading { cursor: progress; }

  /* Flash */
  .flash { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: .6rem .9rem; border-radius: 8px; margin-bottom: 1rem; }
  .flash-info { background: var(--ok-soft); color: var(--ok); border: 1px solid #b2f2bb; }
  .flash-error { background: var(--bad-soft); color: var(--bad); border: 1px solid #ffc9c9; }
  .flash button { border: none; background: transparent; color: inherit; font-size: 1.1rem; padding: 0 .25rem; }

  /* Counter */
  .count { font-size: 4rem; font-weight: 700; margin: .25rem 0 1rem; font-variant-numeric: tabular-nums; color: var(--accent); }
  .count.bumped { text-decoration: underline; text-decoration-thickness: .2rem; }

  /* Forms */
  .field { display: grid; gap: .3rem; margin-bottom: .9rem; } .field label { font-weight: 600; }
  .field input:not([type=checkbox]), .field select, .field textarea { width: 100%; }
  .field.has-error input, .field.has-error textarea, .field.has-error select { border-color: var(--bad); background: var(--bad-soft); }
  .field-error { color: var(--bad); font-size: .85rem; margin: 0; }
  .check { display: flex; align-items: center; gap: .5rem; font-weight: normal; }

  /* Books */
  main.wide { max-width: 64rem; }
  .books-layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(14rem, 1fr); gap: 1rem; align-items: start; }
  @media (max-width: 48rem) { .books-layout { grid-template-columns: 1fr; } }
  button.link { border: none; background: none; padding: 0; color: var(--accent); text-align: left; }
  .add-book { margin-top: 1rem; } .add-book input { flex: 1; }
  table.books { width: 100%; border-collapse: collapse; }
  table.books th, table.books td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid var(--line); }
  table.books th a { color: inherit; text-decoration: none; } table.books th a[aria-sort] { color: var(--accent); }
  table.books tr.selected { background: var(--accent-soft); }
  .pager { display: flex; gap: .35rem; margin-top: .75rem; }
  .pager a { padding: .25rem .6rem; border: 1px solid var(--line); border-radius: 8px; text-decoration: none; }
  .pager a[aria-current=page] { background: var(--accent); color: #fff; border-color: var(--accent); }
  .details { border-left: 3px solid var(--accent); padding-left: 1rem; }

  /* Hooks & JS */
  .row + .box { margin-top: .75rem; }
  .box { padding: 1rem; border-radius: 8px; border: 2px solid var(--line); transition: background .2s, border-color .2s; }
  .box.tone-0 { background: #f8f9fa; } .box.tone-1 { background: #e7f5ff; } .box.tone-2 { background: #f3f0ff; }
  .box.highlight { border-color: var(--accent); box-shadow: 0 0 0 3px var(--accent-soft); }
  .panel { margin-top: .75rem; padding: .75rem; border: 1px dashed #cfd4da; border-radius: 8px; }
  output { font-weight: 600; }
`;
