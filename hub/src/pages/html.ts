/**
 * HTML that escapes by default: the hub's pages are written as `html` tagged templates,
 * whose every interpolation is escaped unless it is itself {@link SafeHtml} (made by
 * `html` or, for vetted constants only, by {@link unsafeRaw}). Forgetting to escape is
 * then impossible rather than a matter of care, and the response helpers of
 * `./render` take only `SafeHtml`, so a string built by hand is a type error.
 */

/**
 * What an interpolation may hold: text and numbers (escaped), HTML already safe (kept
 * as it is), lists of these (joined without separator), and nothing (`null`,
 * `undefined`, `false`, so that `cond && html\`…\`` works). `true` is refused: it would
 * be a condition forgotten in front of a fragment.
 */
export type HtmlValue =
  SafeHtml | string | number | false | null | undefined | readonly HtmlValue[];

/**
 * The one way to make {@link SafeHtml}, set by its static block (declared before the
 * class, which runs that block as it is defined).
 */
let makeSafe: (text: string) => SafeHtml;

/**
 * A piece of HTML known to be safe to send: made only by {@link html} and
 * {@link unsafeRaw} (its constructor is private), so the type itself says that the
 * text went through them.
 */
export class SafeHtml {
  static {
    makeSafe = text => new SafeHtml(text);
  }

  readonly #text: string;

  private constructor(text: string) {
    this.#text = text;
  }

  /** The HTML text. */
  toString(): string {
    return this.#text;
  }
}

/**
 * The tagged template of the hub's pages: `html\`<p>${text}</p>\``. Each value is
 * escaped for element content and quoted attribute values (`& < > " '`), unless it is
 * `SafeHtml`; arrays are joined, and `null`, `undefined` and `false` write nothing.
 * Attribute values must be written in quotes: `href="${url}"`.
 */
export function html(
  strings: TemplateStringsArray,
  ...values: HtmlValue[]
): SafeHtml {
  let text = strings[0];
  values.forEach((value, index) => {
    text += Private.render(value) + strings[index + 1];
  });
  return makeSafe(text);
}

/**
 * The items written one after the other, `separator` (escaped unless `SafeHtml`)
 * between them: `joinHtml(rows, '\n')`.
 */
export function joinHtml(
  items: readonly HtmlValue[],
  separator: HtmlValue = ''
): SafeHtml {
  const between = Private.render(separator);
  return makeSafe(items.map(Private.render).join(between));
}

/**
 * A translated sentence with HTML inside: `text` (a translation, with JupyterLab's
 * `%1`, `%2`… placeholders left unfilled) escaped, each placeholder replaced by its
 * value as `html` writes it. For sentences with a link in them, the translation of
 * « Go to %1. » with the link as `html`.
 */
export function htmlFormat(text: string, ...values: HtmlValue[]): SafeHtml {
  const parts = text.split(/%(\d+)/);
  let out = '';
  parts.forEach((part, index) => {
    out +=
      index % 2 === 0
        ? Private.escapeHtml(part)
        : Private.render(values[Number(part) - 1]);
  });
  return makeSafe(out);
}

/**
 * Text taken as HTML without escaping. Only for vetted constants (an inline SVG, a
 * fragment written in the source): never for anything that comes from a request, a
 * user or the database. Grep for it when reviewing.
 */
export function unsafeRaw(text: string): SafeHtml {
  return makeSafe(text);
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>`, `&` and the line
 * separators written as `\u` escapes, so that no value can close the element or open
 * a comment, and `JSON.parse` of the element's text gives `value` back.
 */
export function jsonScriptContent(value: unknown): SafeHtml {
  const json = JSON.stringify(value) ?? 'null';
  return makeSafe(
    json.replace(
      /[<>&\u2028\u2029]/g,
      c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
  );
}

namespace Private {
  /** One interpolated value as HTML text. */
  export function render(value: HtmlValue): string {
    if (value === null || value === undefined || value === false) {
      return '';
    }
    if (value instanceof SafeHtml) {
      return value.toString();
    }
    if (Array.isArray(value)) {
      return (value as readonly HtmlValue[]).map(render).join('');
    }
    return escapeHtml(String(value));
  }

  /**
   * Escape text for HTML element content and quoted attribute values: the hub's one
   * escaping function, not exported, so that page code can only write `html`.
   */
  export function escapeHtml(value: string): string {
    return value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  }
}
