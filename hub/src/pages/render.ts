/**
 * Server-rendered hub pages: French, semantic HTML, no script, one style sheet.
 */

/**
 * Escape text for HTML element content and attribute values.
 */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A whole page. `body` must already be escaped HTML; `wide` for pages with tables.
 */
export function page(
  title: string,
  body: string,
  options: { wide?: boolean } = {}
): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Candyce</title>
<link rel="stylesheet" href="/hub/static/hub.css">
</head>
<body>
<header class="cdc-header"><span class="cdc-brand">Candyce</span></header>
<main id="contenu" class="cdc-main${options.wide ? ' cdc-wide' : ''}">
${body}
</main>
</body>
</html>
`;
}
