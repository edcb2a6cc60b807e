/**
 * A small builder of DOM elements: the views are forms and tables, with text set as
 * text (never as HTML: names come from users).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) {
      continue;
    }
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child);
    }
  }
  return element;
}

/**
 * Replace an element's children.
 */
export function fill(
  element: HTMLElement,
  ...children: (Node | string | null | undefined | false)[]
): void {
  element.replaceChildren(
    ...children.filter(
      (child): child is Node | string =>
        child !== null && child !== undefined && child !== false
    )
  );
}

/**
 * A labelled control.
 */
export function field(label: string, control: HTMLElement): HTMLElement {
  return h(
    'div',
    { class: 'cdc-AdminField' },
    h('label', { for: control.id }, label),
    control
  );
}
