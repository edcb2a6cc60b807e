import { base64ToText, bytesToBase64, textToBase64 } from '../src/base64';

describe('base64', () => {
  it('encodes UTF-8 text and decodes it back, accents and emoji included', () => {
    const text = 'Équations du second degré ∆ 🙂';
    const base64 = textToBase64(text);
    expect(Buffer.from(base64, 'base64').toString('utf8')).toBe(text);
    expect(base64ToText(base64)).toBe(text);
  });

  it('reads base64 wrapped in lines, as the contents API sends it', () => {
    const wrapped = textToBase64('# Aide').replace(/(.{4})/g, '$1\n');
    expect(base64ToText(wrapped)).toBe('# Aide');
  });

  it('encodes more bytes than one call of String.fromCharCode takes', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => i % 251);
    expect(Buffer.from(bytesToBase64(bytes), 'base64').equals(bytes)).toBe(
      true
    );
  });
});
