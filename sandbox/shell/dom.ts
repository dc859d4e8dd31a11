/** The shell's few DOM helpers: an element builder, Jira's status lozenge and its flags (toasts). */
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, unknown> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function')
      el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    else if (k === 'className') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function lozenge(category: string, text: string) {
  return h('span', { className: `lozenge ${category}` }, text);
}

export function flag(text: string, isError = false) {
  let box = document.querySelector('.flags');
  if (!box) {
    box = h('div', { className: 'flags', role: 'status' });
    document.body.append(box);
  }
  const el = h('div', { className: `flag${isError ? ' error' : ''}` }, text);
  box.append(el);
  setTimeout(() => el.remove(), 6000);
}
