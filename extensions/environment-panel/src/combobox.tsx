import { HubApiError, hubErrorMessage } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

/**
 * How long typing must pause before the package index is asked.
 */
const DEBOUNCE_MS = 250;

/**
 * « Ajouter un logiciel »: a text field that suggests package names from the index as
 * one types — the ARIA 1.2 combobox pattern with a list box popup:
 * ↓/↑ move through the suggestions, Entrée adds the highlighted one (or the name
 * typed), Échap closes the list then clears the field.
 */
export function PackageCombobox(props: {
  /** Names matching the text; rejects on failure. */
  search: (q: string) => Promise<string[]>;
  /** Add a package; the field is cleared for the next one. */
  onChoose: (name: string) => void;
  disabled: boolean;
  trans: TranslationBundle;
}): JSX.Element {
  const { search, onChoose, disabled, trans } = props;
  const id = React.useId();
  const listId = `${id}-list`;
  const [text, setText] = React.useState('');
  const [options, setOptions] = React.useState<string[]>([]);
  const [open, setOpen] = React.useState(false);
  const [active, setActive] = React.useState(-1);
  const [announce, setAnnounce] = React.useState('');
  const sequence = React.useRef(0);

  React.useEffect(() => {
    const q = text.trim();
    const seq = ++sequence.current;
    if (!q) {
      setOptions([]);
      setOpen(false);
      setAnnounce('');
      return;
    }
    const timer = setTimeout(() => {
      search(q)
        .then(names => {
          if (seq !== sequence.current) {
            return;
          }
          setOptions(names);
          setActive(-1);
          setOpen(names.length > 0);
          setAnnounce(
            names.length
              ? trans._n(
                  '%1 package found: use the arrow keys to choose.',
                  '%1 packages found: use the arrow keys to choose.',
                  names.length
                )
              : trans.__('No package of the index starts with « %1 ».', q)
          );
        })
        .catch((reason: Error) => {
          if (seq === sequence.current) {
            setOptions([]);
            setOpen(false);
            setAnnounce(
              (reason instanceof HubApiError
                ? hubErrorMessage(trans, reason)
                : reason.message) ||
                trans.__('The package index cannot be searched right now.')
            );
          }
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const choose = (name: string) => {
    const clean = name.trim();
    if (!clean) {
      return;
    }
    sequence.current++;
    onChoose(clean);
    setText('');
    setOptions([]);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (options.length) {
          setOpen(true);
          setActive(current => (current + 1) % options.length);
        }
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (options.length) {
          setOpen(true);
          setActive(current =>
            current <= 0 ? options.length - 1 : current - 1
          );
        }
        break;
      case 'Enter':
        event.preventDefault();
        choose(open && active >= 0 ? options[active] : text);
        break;
      case 'Escape':
        // Stop here: JupyterLab would otherwise leave the side panel.
        event.stopPropagation();
        if (open) {
          setOpen(false);
          setActive(-1);
        } else {
          setText('');
        }
        break;
      case 'Tab':
        setOpen(false);
        break;
      default:
        break;
    }
  };

  return (
    <div className="cdc-EnvCombobox">
      <label htmlFor={`${id}-input`}>{trans.__('Add a package')}</label>
      <div className="cdc-EnvCombobox-field">
        <input
          id={`${id}-input`}
          className="jp-mod-styled"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={
            open && active >= 0 ? `${id}-option-${active}` : undefined
          }
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          spellCheck={false}
          value={text}
          disabled={disabled}
          onChange={event => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          disabled={disabled || !text.trim()}
          onClick={() => choose(active >= 0 ? options[active] : text)}
        >
          {trans.__('Add')}
        </button>
      </div>
      <ul
        id={listId}
        role="listbox"
        className="cdc-EnvCombobox-list"
        aria-label={trans.__('Packages of the index')}
        hidden={!open}
      >
        {options.map((name, index) => (
          <li
            key={name}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'cdc-mod-active' : undefined}
            // Keep the focus in the field: a click must not blur it first.
            onMouseDown={event => event.preventDefault()}
            onClick={() => choose(name)}
          >
            {name}
          </li>
        ))}
      </ul>
      <p id={`${id}-hint`} className="cdc-EnvCombobox-hint">
        {trans.__(
          'Type the beginning of a name, for example numpy; then Enter adds it.'
        )}
      </p>
      <p className="cdc-EnvVisuallyHidden" role="status">
        {announce}
      </p>
    </div>
  );
}
