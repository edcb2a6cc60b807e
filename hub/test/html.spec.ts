import fs from 'fs';
import os from 'os';
import path from 'path';
import ts from 'typescript';

import {
  html,
  jsonScriptContent,
  joinHtml,
  SafeHtml,
  unsafeRaw
} from '../src/pages/html';

describe('html`…`', () => {
  const text = (value: SafeHtml) => value.toString();

  it('tried: a <script> tag in a value: written as text', () => {
    const name = '<script>alert(1)</script>';
    expect(text(html`<p>${name}</p>`)).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
    );
  });

  it('tried: breaking out of a double- or single-quoted attribute, and &', () => {
    const value = `" onmouseover="alert(1)' x='&amp;`;
    expect(text(html`<a title="${value}">x</a>`)).toBe(
      '<a title="&quot; onmouseover=&quot;alert(1)&#39; x=&#39;&amp;amp;">x</a>'
    );
    expect(text(html`<a title='${value}'>x</a>`)).not.toMatch(/'[^']*'[^>]/);
  });

  it('tried: nested templates: kept as they are, their values escaped once', () => {
    const inner = html`<b>${'a & b'}</b>`;
    expect(text(html`<p>${inner}</p>`)).toBe('<p><b>a &amp; b</b></p>');
    expect(text(html`<div>${html`<p>${inner}</p>`}</div>`)).toBe(
      '<div><p><b>a &amp; b</b></p></div>'
    );
  });

  it('tried: arrays: joined without separator, each item escaped unless safe', () => {
    const items = ['<i>', html`<li>ok</li>`, ['&', html`<br>`]];
    expect(text(html`<ul>${items}</ul>`)).toBe(
      '<ul>&lt;i&gt;<li>ok</li>&amp;<br></ul>'
    );
    expect(text(joinHtml([html`<li>a</li>`, '<b>'], '\n'))).toBe(
      '<li>a</li>\n&lt;b&gt;'
    );
    expect(text(joinHtml(['a', 'b'], '<hr>'))).toBe('a&lt;hr&gt;b');
    expect(text(joinHtml(['a', 'b'], html`<hr>`))).toBe('a<hr>b');
  });

  it('tried: numbers, 0 included: written', () => {
    expect(text(html`<td>${0}</td><td>${12.5}</td><td>${-3}</td>`)).toBe(
      '<td>0</td><td>12.5</td><td>-3</td>'
    );
  });

  it('tried: null, undefined, false and the empty string: nothing', () => {
    const absent: string | undefined = undefined;
    const shown = false as boolean;
    expect(
      text(
        html`<p>${null}${absent}${shown && html`<b>x</b>`}${''}${[null, false]}</p>`
      )
    ).toBe('<p></p>');
  });

  it('tried: unsafeRaw: unescaped only where marked, escaped once given as text', () => {
    const svg = '<svg aria-hidden="true"><path d="M0 0"/></svg>';
    expect(text(html`<span>${unsafeRaw(svg)}</span>`)).toBe(
      `<span>${svg}</span>`
    );
    expect(text(html`<span>${svg}</span>`)).toBe(
      '<span>&lt;svg aria-hidden=&quot;true&quot;&gt;&lt;path d=&quot;M0 0&quot;/&gt;&lt;/svg&gt;</span>'
    );
  });

  it('tried: a string shaped like SafeHtml is still text; SafeHtml is only made by html and unsafeRaw', () => {
    const fake = { toString: () => '<b>x</b>' } as unknown as string;
    expect(text(html`${fake}`)).toBe('&lt;b&gt;x&lt;/b&gt;');
    // @ts-expect-error: an object that looks like SafeHtml is not SafeHtml.
    const forged: SafeHtml = { toString: () => '<b>x</b>' };
    expect(text(html`${forged}`)).toBe('&lt;b&gt;x&lt;/b&gt;');
  });

  it('tried: JSON closing its <script> element or opening a comment: \\u escapes, same value back', () => {
    const value = {
      a: '</script><script>alert(1)</script>',
      b: '<!--',
      c: '&'
    };
    const content = text(jsonScriptContent(value));
    expect(content).not.toMatch(/[<>&]/);
    expect(JSON.parse(content)).toEqual(value);
    expect(text(jsonScriptContent(undefined))).toBe('null');
  });
});

/**
 * The guard: page code writes `html` templates, sent through the helpers of
 * `pages/render.ts`; no other file escapes by hand or builds HTML in plain strings.
 */
describe('hub sources', () => {
  const root = path.join(__dirname, '..', 'src');
  const HTML_FILE = path.join(root, 'pages', 'html.ts');
  const RENDER_FILE = path.join(root, 'pages', 'render.ts');
  /** An HTML element's tag (`<p>`, `</td`, `<a href…`, `<!doctype`), not `<dataDir>`. */
  const TAG =
    /<\/?(?:html|head|body|meta|title|link|main|header|footer|nav|section|article|aside|div|p|a|span|strong|em|b|i|small|code|pre|ul|ol|li|dl|dt|dd|table|caption|thead|tbody|tfoot|tr|th|td|form|input|button|label|select|option|textarea|fieldset|legend|h[1-6]|time|progress|script|style|br|hr|img|svg|iframe|template)(?=[\s>/])|<!doctype/i;

  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory()
        ? files(full)
        : /\.tsx?$/.test(entry.name)
          ? [full]
          : [];
    });

  /**
   * Whether a value of a template (its text in `parts`, values between them) is an
   * attribute value out of quotes: inside a tag, outside quotes, right after `=`.
   */
  function unquotedValue(parts: readonly string[]): boolean {
    let state: 'text' | 'tag' | '"' | "'" = 'text';
    return parts.slice(0, -1).some(part => {
      for (const c of part) {
        if (state === 'text') {
          state = c === '<' ? 'tag' : 'text';
        } else if (state === 'tag') {
          state = c === '>' ? 'text' : c === '"' || c === "'" ? c : 'tag';
        } else if (c === state) {
          state = 'tag';
        }
      }
      return state === 'tag' && /=\s*$/.test(part);
    });
  }

  /** What the scan finds wrong in one file, as `file:line: what`. */
  function problems(file: string): string[] {
    const source = ts.createSourceFile(
      file,
      fs.readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true
    );
    const found: string[] = [];
    const report = (node: ts.Node, what: string) => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${path.relative(root, file)}:${line + 1}: ${what}`);
    };
    const isHtmlTag = (node: ts.Node) =>
      node.parent !== undefined &&
      ts.isTaggedTemplateExpression(node.parent) &&
      node.parent.tag.getText() === 'html';
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && node.text === 'escapeHtml') {
        report(node, 'escapeHtml outside pages/html.ts');
      }
      // A template's own text, without what it interpolates.
      const parts = ts.isTemplateExpression(node)
        ? [node.head, ...node.templateSpans.map(span => span.literal)]
        : ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
          ? [node]
          : [];
      if (isHtmlTag(node)) {
        if (unquotedValue(parts.map(part => part.text))) {
          report(node, 'unquoted attribute value in html`…`');
        }
      } else if (parts.some(part => TAG.test(part.text))) {
        report(node, 'HTML in a plain string: write it with html`…`');
      }
      if (
        file !== RENDER_FILE &&
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'type' &&
        node.arguments.length === 1 &&
        ts.isStringLiteral(node.arguments[0]) &&
        /html/.test(node.arguments[0].text)
      ) {
        report(node, "type('html') outside pages/render.ts: use sendPage");
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  it('tried: every file under hub/src: no escapeHtml, no HTML strings, no unquoted attribute, HTML sent by sendPage only', () => {
    const all = files(root).filter(file => file !== HTML_FILE);
    expect(all.length).toBeGreaterThan(50);
    expect(all.flatMap(problems)).toEqual([]);
  });

  it('tried: the scan itself: it finds what it forbids', () => {
    const probe = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-html-')),
      'probe.ts'
    );
    fs.writeFileSync(
      probe,
      [
        "const a = '<p>' + name + '</p>';",
        'const b = `<li>${name}</li>`;',
        'const c = escapeHtml(name);',
        'const d = html`<a href=${url}>x</a>`;',
        "response.type('html').send(a);",
        'const fine = html`<a href="${url}?a=1&amp;b=${b}" title=\'${t}\'>x=${name}</a>`;',
        '// a comment about <p> is fine,',
        'const path = `<dataDir>/x`; // and so is a path in a string'
      ].join('\n')
    );
    const found = problems(probe).map(line => line.replace(/^.*?:/, ''));
    fs.rmSync(path.dirname(probe), { recursive: true });
    expect(found).toEqual([
      '1: HTML in a plain string: write it with html`…`',
      '1: HTML in a plain string: write it with html`…`',
      '2: HTML in a plain string: write it with html`…`',
      '3: escapeHtml outside pages/html.ts',
      '4: unquoted attribute value in html`…`',
      "5: type('html') outside pages/render.ts: use sendPage"
    ]);
  });
});
