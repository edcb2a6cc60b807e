import {
  applyPreferences,
  DEFAULT_PREFERENCES,
  readPreferences,
  scaleValue
} from '../src';

describe('« Accessibilité » preferences', () => {
  it('reads stored values and falls back on bad ones', () => {
    expect(readPreferences({})).toEqual(DEFAULT_PREFERENCES);
    expect(
      readPreferences({
        uiTextSize: 150,
        notebookTextSize: 900,
        dyslexiaFont: 'yes',
        lineSpacing: 1.5,
        strongFocus: true
      })
    ).toEqual({
      ...DEFAULT_PREFERENCES,
      uiTextSize: 150,
      lineSpacing: 1.5,
      strongFocus: true
    });
  });

  it('scales lengths and numbers, and leaves what it cannot read', () => {
    expect(scaleValue('13px', 1.5)).toBe('19.5px');
    expect(scaleValue(' 1.3077', 2)).toBe('2.615');
    expect(scaleValue('calc(1px + 1em)', 2)).toBeNull();
    expect(scaleValue('', 2)).toBeNull();
  });

  it('sets classes and scaled theme variables on the body, and takes them back', () => {
    const root = document.documentElement;
    root.style.setProperty('--jp-ui-font-size1', '13px');
    root.style.setProperty('--jp-ui-font-size2', '1.2em');
    root.style.setProperty('--jp-code-font-size', '13px');
    root.style.setProperty('--jp-content-line-height', '1.6');
    const body = document.body;
    applyPreferences(
      {
        ...DEFAULT_PREFERENCES,
        uiTextSize: 200,
        notebookTextSize: 150,
        lineSpacing: 1.5,
        dyslexiaFont: true,
        reducedMotion: true
      },
      body,
      root
    );
    expect(body.style.getPropertyValue('--jp-ui-font-size1')).toBe('26px');
    // Relative sizes follow the base size: scaling them too would compound.
    expect(body.style.getPropertyValue('--jp-ui-font-size2')).toBe('');
    expect(body.style.getPropertyValue('--jp-code-font-size')).toBe('19.5px');
    expect(body.style.getPropertyValue('--jp-content-line-height')).toBe('2.4');
    expect(body.classList.contains('cdc-a11y-dyslexiaFont')).toBe(true);
    expect(body.classList.contains('cdc-a11y-reducedMotion')).toBe(true);
    expect(body.classList.contains('cdc-a11y-strongFocus')).toBe(false);

    applyPreferences(DEFAULT_PREFERENCES, body, root);
    expect(body.style.getPropertyValue('--jp-ui-font-size1')).toBe('');
    expect(body.classList.contains('cdc-a11y-dyslexiaFont')).toBe(false);
  });
});
